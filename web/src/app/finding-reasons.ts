import { formatFen } from '@shared/money';
import { FINDING_CODES, type FindingParams } from '@shared/finding-reasons';

/**
 * The pre-check reasons the server sends as codes (packages/shared/finding-reasons.ts), in the reader's language.
 * Parameters are data: the applicant kind, cap scope, USCC problem and state are translated here, amounts shown in
 * yuan, region codes by the region's name (when the caller gives `regionName`: useReasonWords), and a tier's name in
 * the reader's language (its English name in English; converted for 繁體 when the caller gives `dataName`). The
 * messages are in finding-messages.ts; finding-reasons.spec.ts fails when
 * a code has no message in a language.
 */

// Every code the server may send (the spec checks each has a message in every language).
export const FINDING_MESSAGE_KEYS = FINDING_CODES.map((code) => `finding.${code}`);

/** A server text with its code where the server gave one (shown translated), else the text as written (a person's words). */
export function codedText(
  code: { code: string; params: FindingParams } | null | undefined,
  text: string | null | undefined,
  i18n: Parameters<typeof findingReasonText>[1],
): string | undefined {
  return code ? findingReasonText(code, i18n) : (text ?? undefined);
}

/** What a reason is worded with: useI18n()'s `t`, `label` and language; region and tier names (useReasonWords). */
export interface ReasonWords {
  lang: string;
  t: (key: string, vars?: Record<string, string | number>) => string;
  label: (group: string, v: string) => string;
  regionName?: (code: string) => string;
  /** Data named in Chinese and English (a tier's name) in the reader's language, 繁體 converted (useReasonWords). */
  dataName?: (zh: string, en: string | undefined) => string;
}

/** One reason in the reader's language. */
export function findingReasonText(
  reason: { code: string; params: FindingParams },
  i18n: ReasonWords,
): string {
  const p = reason.params;
  const english = i18n.lang === 'en';
  const vars: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(p)) {
    if (key.endsWith('Fen') && typeof value === 'number') vars[key] = formatFen(value);
    else if (key === 'who' || key === 'scope' || key === 'kind' || key === 'problem') vars[key] = i18n.t(`finding.${key}.${value}`);
    else if (key === 'status') vars[key] = i18n.label('status', String(value));
    else if ((key === 'regionCode' || key.endsWith('RegionCode')) && i18n.regionName) vars[key] = i18n.regionName(String(value));
    else vars[key] = value;
  }
  for (const key of ['tierName', 'tierNames'] as const) {
    const zh = p[key];
    const en = p[`${key}En`];
    if (typeof zh !== 'string') continue;
    if (i18n.dataName) vars[key] = i18n.dataName(zh, typeof en === 'string' ? en : undefined);
    else if (english && typeof en === 'string') vars[key] = en;
  }
  return i18n.t(`finding.${reason.code}`, vars);
}
