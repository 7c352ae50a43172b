import { defineLifecycle } from '../../../platform/state/state-machine';

/**
 * One e-mail or SMS (docs/architecture.md, "Messages: e-mail and SMS"). A worker claims a pending delivery
 * (or one whose claim lapsed: its worker died) before sending; the send ends it sent, back to pending for a
 * retry, or failed (permanent refusal or the last attempt). The job applies each move as one conditional
 * UPDATE whose WHERE is the rule's `from`.
 */
export type MessageDeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';
export type MessageDeliveryAction = 'claim' | 'mark_sent' | 'retry' | 'fail';

export const MESSAGE_DELIVERY_STATES = defineLifecycle<MessageDeliveryStatus, MessageDeliveryAction>({
  key: 'message_delivery',
  module: 'notifications',
  subject: 'message delivery',
  title: '邮件与短信发送',
  states: ['pending', 'sending', 'sent', 'failed'],
  events: { prefix: 'message_delivery' },
  transitions: {
    claim: { from: ['pending', 'sending'], to: 'sending' },
    mark_sent: { from: ['sending'], to: 'sent' },
    retry: { from: ['sending'], to: 'pending' },
    fail: { from: ['sending'], to: 'failed' },
  },
});
