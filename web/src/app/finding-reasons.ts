import { formatFen } from '@shared/money';
import { FINDING_CODES, type FindingParams } from '@shared/finding-reasons';
import type { Messages } from './i18n';

/**
 * The pre-check reasons the server sends as codes (packages/shared/finding-reasons.ts), in the reader's language.
 * Parameters are data: the applicant kind, cap scope and state are translated here, amounts shown in yuan, and a
 * tier's English name used in English. finding-reasons.spec.ts fails when a code has no message in a language.
 */
export const findingMessages: Messages = {
  zh: {
    'finding.not_an_applicant': '{kind}类机构不能申领创新券',
    'finding.applicant_not_active': '{who}状态为“{status}”',
    'finding.outside_issuing_region': '{who}注册地 {regionCode} 不在发券地区 {issuingRegionCode} 范围内',
    'finding.no_tier': '本项目没有适用于该{who}的档次（档次：{tierNames}）',
    'finding.base_tier_only': '该{who}没有可提升档次的资质，适用“{tierName}”档',
    'finding.tier_by_qualification': '凭今日有效的已核验资质适用“{tierName}”档',
    'finding.annual_cap_exceeded': '将超过{scope}年度上限 {capFen}：已用 {usedFen}，本次申请 {requestedFen}，剩余 {leftFen}',
    'finding.per_application_cap_exceeded': '申请 {requestedFen}，超过单次申领上限 {capFen}（第 {version} 版）',
    'finding.programme_not_open': '创新券项目状态为“{status}”',
    'finding.use_by_passed': '使用截止日 {useBy} 已过',
    'finding.other_applications_pending': '该{who}另有 {count} 份申领正在办理',
    'finding.budget_exhausted': '预算剩余 {leftFen}，申请 {requestedFen}',
    'finding.who.enterprise': '企业',
    'finding.who.team': '创新团队',
    'finding.scope.enterprise': '企业',
    'finding.scope.team': '创新团队',
    'finding.scope.group': '同一实际控制人',
    'finding.kind.agency': '政府部门',
    'finding.kind.provider': '服务机构',
    'finding.kind.investor': '投资机构',
    'finding.kind.enterprise': '企业',
    'finding.kind.team': '创新团队',
  },
  en: {
    'finding.not_an_applicant': 'A {kind} organisation does not apply for vouchers',
    'finding.applicant_not_active': 'The {who} is {status}',
    'finding.outside_issuing_region': 'The {who} is registered in {regionCode}, outside the issuing region {issuingRegionCode}',
    'finding.no_tier': 'No tier of this programme applies to this {who} today (tiers: {tierNames})',
    'finding.base_tier_only': 'No qualification of this {who} selects a better tier: “{tierName}” applies',
    'finding.tier_by_qualification': 'Tier “{tierName}” by a verified qualification valid today',
    'finding.annual_cap_exceeded': 'The annual {scope} cap of {capFen} would be exceeded: {usedFen} used, {requestedFen} requested, {leftFen} left',
    'finding.per_application_cap_exceeded': '{requestedFen} requested, above the per-application cap of {capFen} (version {version})',
    'finding.programme_not_open': 'The programme is {status}',
    'finding.use_by_passed': 'The use-by date {useBy} has passed',
    'finding.other_applications_pending': '{count} other application(s) of this {who} are pending',
    'finding.budget_exhausted': '{leftFen} left in the budget, {requestedFen} requested',
    'finding.who.enterprise': 'enterprise',
    'finding.who.team': 'innovation team',
    'finding.scope.enterprise': 'enterprise',
    'finding.scope.team': 'innovation team',
    'finding.scope.group': 'actual-controller group',
    'finding.kind.agency': 'agency',
    'finding.kind.provider': 'provider',
    'finding.kind.investor': 'investor',
    'finding.kind.enterprise': 'enterprise',
    'finding.kind.team': 'innovation team',
  },
};

/** Every code the server may send (the spec checks each has a message in every language). */
export const FINDING_MESSAGE_KEYS = FINDING_CODES.map((code) => `finding.${code}`);

/** One reason in the reader's language; `t` and `label` are useI18n()'s, `lang` its language. */
export function findingReasonText(
  reason: { code: string; params: FindingParams },
  i18n: { lang: string; t: (key: string, vars?: Record<string, string | number>) => string; label: (group: string, v: string) => string },
): string {
  const p = reason.params;
  const english = i18n.lang === 'en';
  const vars: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(p)) {
    if (key.endsWith('Fen') && typeof value === 'number') vars[key] = formatFen(value);
    else if (key === 'who' || key === 'scope' || key === 'kind') vars[key] = i18n.t(`finding.${key}.${value}`);
    else if (key === 'status') vars[key] = i18n.label('status', String(value));
    else vars[key] = value;
  }
  if (english && typeof p.tierNameEn === 'string') vars.tierName = p.tierNameEn;
  if (english && typeof p.tierNamesEn === 'string') vars.tierNames = p.tierNamesEn;
  return i18n.t(`finding.${reason.code}`, vars);
}
