import { defineLifecycle } from '../../platform/state/state-machine';

/** A money action waiting for its second person (four eyes, docs/security.md): pending → confirmed | cancelled. */
export type FourEyesStatus = 'pending' | 'confirmed' | 'cancelled';
export type FourEyesEvent = 'confirm' | 'cancel';

export const FOUR_EYES_STATES = defineLifecycle<FourEyesStatus, FourEyesEvent>({
  key: 'four_eyes_request',
  module: 'four-eyes',
  subject: 'four-eyes request',
  title: '双人复核 four-eyes request',
  states: ['pending', 'confirmed', 'cancelled'],
  events: { prefix: 'four_eyes_request' },
  transitions: {
    confirm: { from: ['pending'], to: 'confirmed' },
    cancel: { from: ['pending'], to: 'cancelled' },
  },
});

/** The money actions that need a second person above FOUR_EYES_THRESHOLD_FEN. */
export const FOUR_EYES_KINDS = ['voucher_revocation', 'claim_claw_back'] as const;
export type FourEyesKind = (typeof FOUR_EYES_KINDS)[number];
