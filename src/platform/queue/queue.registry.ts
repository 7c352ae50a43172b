import type { JobsOptions } from 'bullmq';
import type { NotificationKind, NotificationParams } from '../../../packages/shared/notification-kinds';

/** Every queue the platform runs. Workers start one BullMQ Worker per queue. */
export enum QueueName {
  Approvals = 'approvals',
  Notifications = 'notifications',
  Webhooks = 'webhooks',
  Maintenance = 'maintenance',
  /** Catalogue imports: long jobs, their own (small) concurrency per worker process (CATALOG_IMPORT_WORKER_CONCURRENCY). */
  Imports = 'imports',
}

/** Every job name. Each has exactly one @JobHandler; start-up fails otherwise. */
export enum JobName {
  AdvanceCase = 'approvals.advance',
  RunPrechecks = 'approvals.precheck',
  TimerElapsed = 'approvals.timer-elapsed',
  ApplyOutcome = 'approvals.apply-outcome',
  SlaReminder = 'approvals.sla-reminder',
  SlaEscalation = 'approvals.sla-escalation',
  DeliverNotification = 'notifications.deliver',
  /** One e-mail or SMS (a message_deliveries row): rendered, sent, its status recorded. */
  DeliverMessage = 'notifications.deliver-message',
  EnrolClaimInSettlement = 'settlement.enrol-claim',
  DailyCalendarRun = 'maintenance.daily-calendar-run',
  DispatchWebhooks = 'webhooks.dispatch',
  DeliverWebhook = 'webhooks.deliver',
  RunCatalogImport = 'catalog.import',
  FollowUpReminder = 'roadshows.follow-up-reminder',
}

/** Typed payload of each job. */
export interface JobPayloads {
  [JobName.AdvanceCase]: { caseId: string; revision: number; fromStage: number };
  [JobName.RunPrechecks]: { caseId: string; revision: number; stageIndex: number };
  [JobName.TimerElapsed]: { caseId: string; revision: number; stageIndex: number };
  [JobName.ApplyOutcome]: { caseId: string; revision: number; outcome: 'approved' | 'rejected' | 'returned' | 'withdrawn'; reason?: string | null };
  [JobName.SlaReminder]: { taskId: string };
  [JobName.SlaEscalation]: { taskId: string; escalateToRole: string | null };
  [JobName.DeliverNotification]: {
    userIds: string[];
    /** A stable code from packages/shared/notification-kinds.ts: the portal words title and body from it and `params`. */
    kind: NotificationKind;
    title: string;
    body: string;
    subjectType?: string;
    subjectId?: string;
    /** Makes delivery idempotent per user: a replayed job inserts nothing new. */
    dedupKey: string;
    /**
     * The data the kind's words are made of (numbers, codes, names, dates, fen; never words), stored on the
     * notification for the portal to word in the reader's language. The kind's own e-mail/SMS template, where it
     * has one (message-templates.ts), takes the same values; `path` is the portal page the e-mail links to.
     */
    params?: NotificationParams;
  };
  [JobName.DeliverMessage]: { deliveryId: string };
  [JobName.EnrolClaimInSettlement]: { claimId: string };
  /** asOf: the Shanghai calendar day to act as (default today). */
  [JobName.DailyCalendarRun]: { asOf?: string };
  [JobName.DispatchWebhooks]: { organizationId: string; event: string; dedupKey: string; data: Record<string, unknown> };
  [JobName.DeliverWebhook]: { deliveryId: string };
  /** Validates and merges an uploaded catalogue file; resumes a merge where the last attempt stopped. */
  [JobName.RunCatalogImport]: { importId: string };
  /** A roadshow follow-up (跟踪事项) fell due: remind the person responsible, once. */
  [JobName.FollowUpReminder]: { followUpId: string };
}

export type JobPayload<N extends JobName> = JobPayloads[N];

export interface JobSpec {
  queue: QueueName;
  options: JobsOptions;
}

const DAY_S = 24 * 3600;

/** Case work retries quickly: every handler is a short transaction that re-reads the case. */
const CASE_WORK: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: DAY_S, count: 50_000 },
  removeOnFail: { age: 30 * DAY_S },
};

/** Retry, backoff and retention, per job, in one place. */
export const JOB_SPECS: Record<JobName, JobSpec> = {
  [JobName.AdvanceCase]: { queue: QueueName.Approvals, options: CASE_WORK },
  [JobName.RunPrechecks]: { queue: QueueName.Approvals, options: CASE_WORK },
  [JobName.TimerElapsed]: { queue: QueueName.Approvals, options: CASE_WORK },
  [JobName.ApplyOutcome]: { queue: QueueName.Approvals, options: CASE_WORK },
  [JobName.SlaReminder]: { queue: QueueName.Approvals, options: { ...CASE_WORK, attempts: 5 } },
  [JobName.SlaEscalation]: { queue: QueueName.Approvals, options: { ...CASE_WORK, attempts: 5 } },
  [JobName.EnrolClaimInSettlement]: { queue: QueueName.Approvals, options: CASE_WORK },
  [JobName.DailyCalendarRun]: {
    queue: QueueName.Maintenance,
    options: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { age: 30 * DAY_S, count: 100 }, removeOnFail: { age: 30 * DAY_S } },
  },
  [JobName.DeliverNotification]: {
    queue: QueueName.Notifications,
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: DAY_S, count: 10_000 },
      removeOnFail: { age: 14 * DAY_S },
    },
  },
  // SMTP servers and SMS gateways go away for a while: back off from 1 s to about 8 minutes over 10 tries;
  // a permanent refusal (5xx, bad address) ends the delivery at once (message-deliveries.service.ts).
  [JobName.DeliverMessage]: {
    queue: QueueName.Notifications,
    options: { attempts: 10, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: DAY_S, count: 10_000 }, removeOnFail: { age: 14 * DAY_S } },
  },
  // A reminder due now: retried like a notification (the handler refuses to run before the due time).
  [JobName.FollowUpReminder]: {
    queue: QueueName.Notifications,
    options: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: DAY_S, count: 10_000 }, removeOnFail: { age: 14 * DAY_S } },
  },
  [JobName.DispatchWebhooks]: {
    queue: QueueName.Webhooks,
    options: { attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: DAY_S, count: 10_000 }, removeOnFail: { age: 14 * DAY_S } },
  },
  // Receivers can be down for a while: back off from 2 s to about half an hour over 11 tries.
  [JobName.DeliverWebhook]: {
    queue: QueueName.Webhooks,
    options: { attempts: 11, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: { age: DAY_S, count: 10_000 }, removeOnFail: { age: 14 * DAY_S } },
  },
  // A failed attempt resumes the batched merge where it stopped (catalog_imports.merged_through); after the last, the import is failed.
  [JobName.RunCatalogImport]: {
    queue: QueueName.Imports,
    options: { attempts: 6, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: { age: DAY_S, count: 10_000 }, removeOnFail: { age: 14 * DAY_S } },
  },
};

export function queueOf(name: JobName): QueueName {
  return JOB_SPECS[name].queue;
}

export function isJobName(value: string): value is JobName {
  return (Object.values(JobName) as string[]).includes(value);
}
