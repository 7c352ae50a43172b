import { defineLifecycle } from '../../platform/state/state-machine';

/**
 * A catalogue service is listed (active) or withdrawn (下架). An import withdraws (withdrawMissing)
 * and re-lists: a file naming a withdrawn service's code lists it again.
 */
export type CatalogServiceStatus = 'active' | 'withdrawn';
export type CatalogServiceAction = 'update' | 'withdraw' | 'relist';

export const CATALOG_SERVICE_STATES = defineLifecycle<CatalogServiceStatus, CatalogServiceAction>({
  key: 'catalog_service',
  module: 'catalog',
  subject: 'catalogue service',
  title: '服务目录 catalogue service',
  states: ['active', 'withdrawn'],
  events: { prefix: 'catalog.service' },
  refusal: { detailKey: 'action' },
  transitions: {
    update: { from: ['active'], to: 'active', emits: 'catalog.service.updated' },
    withdraw: { from: ['active'], to: 'withdrawn' },
    /** Only by a catalogue import that names the service again (set-wise SQL in imports/catalog-import.merge.ts). */
    relist: { from: ['withdrawn'], to: 'active' },
  },
});

export const CATALOG_SERVICE_TRANSITIONS = CATALOG_SERVICE_STATES.table;

/**
 * One version of a recognition agreement (互认协议), docs/security.md "Recognition agreements":
 * either side proposes a draft; each side signs the exact terms; the second signature brings it
 * into force; editing terms voids the signatures (back to draft); an amendment (a new version)
 * coming into force supersedes it; either side may terminate it. Superseded, terminated and
 * withdrawn are final.
 */
export type AgreementStatus = 'draft' | 'partially_signed' | 'in_force' | 'superseded' | 'terminated' | 'withdrawn';
export type AgreementAction = 'edit_terms' | 'sign' | 'complete_signatures' | 'amend' | 'supersede' | 'terminate' | 'withdraw';

export const AGREEMENT_STATES = defineLifecycle<AgreementStatus, AgreementAction>({
  key: 'recognition_agreement',
  module: 'catalog',
  subject: 'recognition agreement',
  title: '互认协议 recognition agreement (one version)',
  states: ['draft', 'partially_signed', 'in_force', 'superseded', 'terminated', 'withdrawn'],
  events: { prefix: 'recognition_agreement' },
  refusal: { detailKey: 'action' },
  transitions: {
    /** Terms (period, ratio, cap, name, providers, services) change only before the agreement binds. */
    edit_terms: { from: ['draft', 'partially_signed'], to: 'draft', emits: 'recognition_agreement.terms_updated' },
    sign: { from: ['draft'], to: 'partially_signed', emits: 'recognition_agreement.signed' },
    complete_signatures: { from: ['partially_signed'], to: 'in_force' },
    /** A new version is proposed for an agreement in force; this one stays in force meanwhile. */
    amend: { from: ['in_force'], to: 'in_force', emits: 'recognition_agreement.amendment_proposed' },
    supersede: { from: ['in_force'], to: 'superseded' },
    terminate: { from: ['in_force'], to: 'terminated' },
    withdraw: { from: ['draft', 'partially_signed'], to: 'withdrawn' },
  },
});

export const AGREEMENT_TRANSITIONS = AGREEMENT_STATES.table;

export function nextServiceStatus(current: CatalogServiceStatus, action: CatalogServiceAction): CatalogServiceStatus {
  return CATALOG_SERVICE_STATES.next(current, action);
}

export function nextAgreementStatus(current: AgreementStatus, action: AgreementAction): AgreementStatus {
  return AGREEMENT_STATES.next(current, action);
}
