import { defineLifecycle } from '../../platform/state/state-machine';

/** Provider admission (服务机构入驻): applied → in_review → public_notice (公示) → active → suspended | revoked. */
export type AdmissionStatus = 'applied' | 'in_review' | 'public_notice' | 'active' | 'suspended' | 'revoked' | 'rejected' | 'withdrawn';

export type AdmissionAction =
  | 'start_review'
  | 'return_for_changes'
  | 'approve_for_notice'
  | 'reject'
  | 'activate'
  | 'uphold_objection'
  | 'withdraw'
  | 'suspend'
  | 'reinstate'
  | 'revoke';

/** The explicit state table. Anything not listed is an illegal transition (409). */
export const ADMISSION_STATES = defineLifecycle<AdmissionStatus, AdmissionAction>({
  key: 'provider_admission',
  module: 'organizations',
  subject: 'provider admission',
  title: '服务机构入驻 provider admission',
  states: ['applied', 'in_review', 'public_notice', 'active', 'suspended', 'revoked', 'rejected', 'withdrawn'],
  events: { prefix: 'provider.admission', naming: 'action' },
  refusal: { message: (current, action) => `Cannot ${action} a provider whose admission is ${current}`, detailKey: 'action' },
  transitions: {
    start_review: { from: ['applied'], to: 'in_review' },
    return_for_changes: { from: ['in_review'], to: 'applied' },
    approve_for_notice: { from: ['in_review'], to: 'public_notice' },
    reject: { from: ['applied', 'in_review'], to: 'rejected' },
    activate: { from: ['public_notice'], to: 'active' },
    uphold_objection: { from: ['public_notice'], to: 'rejected' },
    withdraw: { from: ['applied', 'in_review', 'public_notice'], to: 'withdrawn' },
    suspend: { from: ['active'], to: 'suspended' },
    reinstate: { from: ['suspended'], to: 'active' },
    revoke: { from: ['active', 'suspended'], to: 'revoked' },
  },
});

export const ADMISSION_TRANSITIONS = ADMISSION_STATES.table;

export const ADMISSION_ACTIONS = Object.keys(ADMISSION_TRANSITIONS) as AdmissionAction[];

/** Admission itself is decided by the approval workflow; people act directly only on admitted providers. */
export const MANUAL_ADMISSION_ACTIONS: AdmissionAction[] = ['suspend', 'reinstate', 'revoke'];

export function nextAdmissionStatus(current: AdmissionStatus, action: AdmissionAction): AdmissionStatus {
  return ADMISSION_STATES.next(current, action);
}
