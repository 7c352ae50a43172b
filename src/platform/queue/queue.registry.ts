import type { JobsOptions } from 'bullmq';

/** Every queue the platform runs. Workers start one BullMQ Worker per queue. */
export enum QueueName {
  Notifications = 'notifications',
  Maintenance = 'maintenance',
}

/** Every job name. Each has exactly one @JobHandler; start-up fails otherwise. */
export enum JobName {
  DeliverNotification = 'notifications.deliver',
}

/** Typed payload of each job. */
export interface JobPayloads {
  [JobName.DeliverNotification]: {
    userIds: string[];
    kind: string;
    title: string;
    body: string;
    subjectType?: string;
    subjectId?: string;
    /** Makes delivery idempotent per user: a replayed job inserts nothing new. */
    dedupKey: string;
  };
}

export type JobPayload<N extends JobName> = JobPayloads[N];

export interface JobSpec {
  queue: QueueName;
  options: JobsOptions;
}

const DAY_S = 24 * 3600;

/** Retry, backoff and retention, per job, in one place. */
export const JOB_SPECS: Record<JobName, JobSpec> = {
  [JobName.DeliverNotification]: {
    queue: QueueName.Notifications,
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: DAY_S, count: 10_000 },
      removeOnFail: { age: 14 * DAY_S },
    },
  },
};

export function queueOf(name: JobName): QueueName {
  return JOB_SPECS[name].queue;
}

export function isJobName(value: string): value is JobName {
  return (Object.values(JobName) as string[]).includes(value);
}
