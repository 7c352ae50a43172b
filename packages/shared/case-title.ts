import { interpolate } from './interpolate';
import { labelMessages } from './label-messages';

/**
 * An approval case's title in the reader's language (docs/i18n.md, "Approval case titles"). A case keeps its subject
 * type and the title's values (`title_params`: numbers and names, which stay as written); the words around them are
 * `caseTitle.<subjectType>` in label-messages.ts. A value `x` with an English `xEn` beside it (a qualification kind's
 * name) shows `xEn` to an English reader; `action` is worded by `caseTitle.<subjectType>.action.<value>`; a template
 * with a `.<param>` variant is used when that optional value is present. A case opened before titles had values, or
 * of a subject type without words, keeps its stored (Chinese) title.
 */
export type CaseTitleParams = Record<string, string>;

export interface CaseTitleI18n {
  t: (key: string, vars?: Record<string, string | number>) => string;
  has: (key: string) => boolean;
  english?: boolean;
}

/** Optional values that pick a variant of the template when present (`caseTitle.<type>.<name>`). */
const OPTIONAL = ['group'] as const;

export function caseTitleText(c: { subjectType: string; title: string; titleParams?: CaseTitleParams | null }, i18n: CaseTitleI18n): string {
  const base = `caseTitle.${c.subjectType}`;
  if (!c.titleParams || !i18n.has(base)) return c.title;
  const params = c.titleParams;
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key.endsWith('En') && key.slice(0, -2) in params) continue;
    const english = i18n.english ? params[`${key}En`] : undefined;
    vars[key] = english || value;
  }
  if (vars.action !== undefined) vars.action = i18n.t(`${base}.action.${vars.action}`);
  const variant = OPTIONAL.find((name) => vars[name] && i18n.has(`${base}.${name}`));
  return i18n.t(variant ? `${base}.${variant}` : base, vars);
}

/** The title as stored (简体), for lists and clients that read `title`: the same words the portal shows in 简体. */
export function storedCaseTitle(subjectType: string, params: CaseTitleParams): { title: string; titleParams: CaseTitleParams } {
  const zh = labelMessages.zh;
  const title = caseTitleText({ subjectType, title: '', titleParams: params }, { t: (key, vars) => interpolate(zh[key] ?? key, vars), has: (key) => key in zh });
  return { title, titleParams: params };
}

/**
 * A notification's `caseTitle` in the reader's language: its params hold the stored title and, for cases that have
 * them, `caseTitleParams` (the case's subject type and title values). Undefined when the params have no case title.
 */
export function caseTitleOfParams(params: Record<string, unknown>, i18n: CaseTitleI18n): string | undefined {
  const title = params.caseTitle;
  if (typeof title !== 'string') return undefined;
  const parts = params.caseTitleParams;
  if (!parts || typeof parts !== 'object' || Array.isArray(parts)) return title;
  const { subjectType, ...values } = parts as Record<string, string>;
  return typeof subjectType === 'string' ? caseTitleText({ subjectType, title, titleParams: values }, i18n) : title;
}
