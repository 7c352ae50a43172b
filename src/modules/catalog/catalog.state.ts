import { DomainError, ErrorCode } from '../../platform/errors/domain-error';

/** A catalogue service is listed (active) or withdrawn (下架). Re-importing its code lists it again. */
export type CatalogServiceStatus = 'active' | 'withdrawn';
export type CatalogServiceAction = 'update' | 'withdraw';

export const CATALOG_SERVICE_TRANSITIONS: Record<CatalogServiceAction, { from: CatalogServiceStatus[]; to: CatalogServiceStatus }> = {
  update: { from: ['active'], to: 'active' },
  withdraw: { from: ['active'], to: 'withdrawn' },
};

/**
 * One version of a recognition agreement (互认协议), docs/security.md "Recognition agreements":
 * either side proposes a draft; each side signs the exact terms; the second signature brings it
 * into force; editing terms voids the signatures (back to draft); an amendment (a new version)
 * coming into force supersedes it; either side may terminate it. Superseded, terminated and
 * withdrawn are final.
 */
export type AgreementStatus = 'draft' | 'partially_signed' | 'in_force' | 'superseded' | 'terminated' | 'withdrawn';
export type AgreementAction = 'edit_terms' | 'sign' | 'complete_signatures' | 'amend' | 'supersede' | 'terminate' | 'withdraw';

export const AGREEMENT_TRANSITIONS: Record<AgreementAction, { from: AgreementStatus[]; to: AgreementStatus }> = {
  /** Terms (period, ratio, cap, name, providers, services) change only before the agreement binds. */
  edit_terms: { from: ['draft', 'partially_signed'], to: 'draft' },
  sign: { from: ['draft'], to: 'partially_signed' },
  complete_signatures: { from: ['partially_signed'], to: 'in_force' },
  /** A new version is proposed for an agreement in force; this one stays in force meanwhile. */
  amend: { from: ['in_force'], to: 'in_force' },
  supersede: { from: ['in_force'], to: 'superseded' },
  terminate: { from: ['in_force'], to: 'terminated' },
  withdraw: { from: ['draft', 'partially_signed'], to: 'withdrawn' },
};

function next<S extends string, A extends string>(subject: string, table: Record<A, { from: S[]; to: S }>, current: S, action: A): S {
  const rule = table[action];
  if (!rule.from.includes(current)) {
    throw new DomainError(ErrorCode.IllegalTransition, `Cannot ${action.replace(/_/g, ' ')} a ${subject} that is ${current}`, {
      current,
      action,
      allowedFrom: rule.from,
    });
  }
  return rule.to;
}

export function nextServiceStatus(current: CatalogServiceStatus, action: CatalogServiceAction): CatalogServiceStatus {
  return next('catalogue service', CATALOG_SERVICE_TRANSITIONS, current, action);
}

export function nextAgreementStatus(current: AgreementStatus, action: AgreementAction): AgreementStatus {
  return next('recognition agreement', AGREEMENT_TRANSITIONS, current, action);
}
