import { formatBp, formatFen } from '@shared/money';
import { type Lang, localName } from '../../app/i18n';

type T = (key: string, vars?: Record<string, string | number>) => string;

/** A cap as written in the policy: an amount, or "no cap" when the policy sets none (null). */
export function capText(fen: number | null | undefined, t: T): string {
  return fen === null || fen === undefined ? t('programme.noCap') : formatFen(fen);
}

/**
 * The full-coverage rule as the policy words it: 低于 (below) and 不超过 (at or below) are different
 * rules at the threshold itself, so the comparison is always shown with the amount.
 */
export function fullCoverageText(thresholdFen: number | null | undefined, comparison: string | null | undefined, t: T): string {
  if (thresholdFen === null || thresholdFen === undefined) return t('programme.fullCoverage.none');
  return t(`programme.fullCoverage.${comparison === 'below' ? 'below' : 'at_or_below'}`, { amount: formatFen(thresholdFen) });
}

/** The application window (Asia/Shanghai days); an open end is "from …" or "until …". */
export function windowText(opensOn: string | null | undefined, closesOn: string | null | undefined, t: T): string {
  if (opensOn && closesOn) return t('programme.window.between', { opensOn, closesOn });
  if (opensOn) return t('programme.window.from', { opensOn });
  if (closesOn) return t('programme.window.until', { closesOn });
  return t('programme.window.open');
}

/** The ratios of a programme's tiers as one range ("50%–70%"); a programme need not have a `default` tier. */
export function ratioRange(ratioBpByTier: Record<string, number>): string {
  const ratios = Object.values(ratioBpByTier);
  if (ratios.length === 0) return '—';
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  return low === high ? formatBp(low) : `${formatBp(low)}–${formatBp(high)}`;
}

/** A name given in both languages (a tier, a qualification kind), in the reader's. */
export function nameIn(lang: Lang, named: { nameZh?: string | null; nameEn?: string | null }): string {
  return localName(lang, named.nameZh, named.nameEn) ?? '—';
}
