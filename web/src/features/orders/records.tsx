import type { Schema } from '../../app/api';
import { useCached } from '../../app/data';
import { useI18n } from '../../app/i18n';

/** Records of the voucher API that orders and claims show, as the enterprise and lab pages read them. */
export type Program = Schema<'ProgramDto'>;
export type Order = Schema<'OrderDto'>;
export type Claim = Schema<'ClaimDto'>;

/** Who looks at an order or a claim: the enterprise that ordered, or the lab (服务机构) that serves. */
export type Side = 'enterprise' | 'lab';

export function useProgram(id: string | null | undefined): Program | undefined {
  return useCached('/programs/{id}', id ? { params: { path: { id } } } : null) ?? undefined;
}

/** A programme's name in the reader's language: its English name when the bureau gave one, 繁體 converted (docs/i18n.md). */
export function ProgramName({ id }: { id: string }) {
  const { pick } = useI18n();
  const program = useCached('/programs/{id}', { params: { path: { id } } });
  return <>{program ? pick(program.name, program.nameEn) : program === null ? '—' : '…'}</>;
}
