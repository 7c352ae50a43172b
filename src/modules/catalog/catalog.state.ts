import { DomainError, ErrorCode } from '../../platform/errors/domain-error';

/** A catalogue service is listed (active) or withdrawn (下架). Re-importing its code lists it again. */
export type CatalogServiceStatus = 'active' | 'withdrawn';
export type CatalogServiceAction = 'update' | 'withdraw';

export const CATALOG_SERVICE_TRANSITIONS: Record<CatalogServiceAction, { from: CatalogServiceStatus[]; to: CatalogServiceStatus }> = {
  update: { from: ['active'], to: 'active' },
  withdraw: { from: ['active'], to: 'withdrawn' },
};

/** A recognition agreement (互认协议) is active until terminated; terminated is final. */
export type AgreementStatus = 'active' | 'terminated';
export type AgreementAction = 'add_providers' | 'add_services' | 'terminate';

export const AGREEMENT_TRANSITIONS: Record<AgreementAction, { from: AgreementStatus[]; to: AgreementStatus }> = {
  add_providers: { from: ['active'], to: 'active' },
  add_services: { from: ['active'], to: 'active' },
  terminate: { from: ['active'], to: 'terminated' },
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
