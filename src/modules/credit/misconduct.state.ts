import { defineLifecycle } from '../../platform/state/state-machine';

/**
 * 失信记录 misconduct record (docs/domain.md, "Misconduct"). Recorded by the paying region's
 * approver; when it would move more than FOUR_EYES_THRESHOLD_FEN it waits for a second approver.
 * In force it bars the applicant until its period ends (no state change: the period decides);
 * lifting ends the bar early (an appeal upheld), and undoes nothing that already happened.
 */
export type MisconductStatus = 'pending_confirmation' | 'in_force' | 'cancelled' | 'lifted';
export type MisconductEvent = 'confirm' | 'cancel' | 'lift';

export const MISCONDUCT_STATES = defineLifecycle<MisconductStatus, MisconductEvent>({
  key: 'misconduct_record',
  module: 'credit',
  subject: 'misconduct record',
  title: '失信记录 misconduct record',
  states: ['pending_confirmation', 'in_force', 'cancelled', 'lifted'],
  initial: ['pending_confirmation', 'in_force'],
  events: { prefix: 'misconduct_record' },
  transitions: {
    confirm: { from: ['pending_confirmation'], to: 'in_force' },
    cancel: { from: ['pending_confirmation'], to: 'cancelled' },
    lift: { from: ['in_force'], to: 'lifted' },
  },
});

export const MISCONDUCT_KINDS = ['collusion', 'false_invoice', 'false_report', 'fraudulent_application', 'other'] as const;
export type MisconductKind = (typeof MISCONDUCT_KINDS)[number];
