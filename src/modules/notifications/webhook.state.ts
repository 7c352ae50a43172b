import { StateMachine } from '../../platform/state/state-machine';

/** A webhook delivers while active, not while paused; deleted is final (the owner no longer sees it). */
export type WebhookStatus = 'active' | 'paused' | 'deleted';
export type WebhookAction = 'pause' | 'resume' | 'delete';

export const WEBHOOK_STATES = new StateMachine<WebhookStatus, WebhookAction>('webhook', {
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  delete: { from: ['active', 'paused'], to: 'deleted' },
});

export function webhookStatus(row: { active: boolean; deleted_at: Date | null }): WebhookStatus {
  return row.deleted_at ? 'deleted' : row.active ? 'active' : 'paused';
}
