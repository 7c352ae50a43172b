/**
 * The settings fault drills give the app processes they start (scripts/chaos.ts, the scale-out test): short
 * outbox and sweeper intervals so that lost work is found within the drill's recovery budget. The worker lock and
 * stalled-job check are deliberately absent: drills measure the retry time a deployment gets (docs/chaos.md).
 */
export const DRILL_ENV: Record<string, string> = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  SEED_DEMO: 'false',
  OUTBOX_POLL_MS: '100',
  SWEEP_INTERVAL_MS: '1000',
  OUTBOX_STALE_AFTER_MS: '3000',
  APPROVALS_STALE_AFTER_MS: '3000',
};
