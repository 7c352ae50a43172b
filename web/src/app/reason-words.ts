import type { ReasonWords } from './finding-reasons';
import { useI18n } from './i18n';
import { useRegions } from './regions';

/** The words a coded reason is shown in (finding-reasons.ts): the reader's language, with regions and tiers named in it. */
export function useReasonWords(): ReturnType<typeof useI18n> & ReasonWords {
  const i18n = useI18n();
  const regions = useRegions();
  return { ...i18n, regionName: (code: string) => regions.name(code), dataName: i18n.pick };
}
