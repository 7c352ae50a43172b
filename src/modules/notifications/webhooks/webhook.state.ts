import { defineLifecycle } from '../../../platform/state/state-machine';

/** A webhook delivers while active, not while paused; deleted is final (the owner no longer sees it). */
export type WebhookStatus = 'active' | 'paused' | 'deleted';
export type WebhookAction = 'pause' | 'resume' | 'delete';

export const WEBHOOK_STATES = defineLifecycle<WebhookStatus, WebhookAction>({
  key: 'webhook',
  module: 'notifications',
  subject: 'webhook',
  title: 'Webhook 推送',
  states: ['active', 'paused', 'deleted'],
  events: { prefix: 'webhook' },
  transitions: {
    pause: { from: ['active'], to: 'paused' },
    resume: { from: ['paused'], to: 'active', emits: 'webhook.resumed' },
    delete: { from: ['active', 'paused'], to: 'deleted' },
  },
});

export function webhookStatus(row: { active: boolean; deleted_at: Date | null }): WebhookStatus {
  return row.deleted_at ? 'deleted' : row.active ? 'active' : 'paused';
}
