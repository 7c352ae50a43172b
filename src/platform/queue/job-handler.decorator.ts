import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxMessage } from '../outbox/outbox-writer';
import type { JobName, JobPayload } from './queue.registry';

export const JOB_HANDLER_METADATA = 'g60:job-handler';
export const INLINE_JOB_HANDLER_METADATA = 'g60:inline-job-handler';

export interface JobContext {
  jobId: string;
  attempt: number;
  /** Set when the job came through the outbox. */
  outboxId?: string;
}

export type JobHandlerFn<N extends JobName> = (payload: JobPayload<N>, context: JobContext) => Promise<unknown>;

/**
 * Does a job's whole work inside the caller's transaction instead of on the queue: writes rows with
 * `manager` (idempotently: the transaction may be retried) and returns the jobs it queues in turn.
 */
export type InlineJobHandlerFn<N extends JobName> = (manager: EntityManager, payload: JobPayload<N>) => Promise<OutboxMessage[]>;

/** Marks a provider method as the one handler of a job name. */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER_METADATA, name);

/**
 * Marks a provider method as the in-transaction form of a job (InlineJobHandlerFn), which a unit of
 * work may run instead of queueing the job (InlineJobs). The job keeps its @JobHandler for the rows
 * that are queued.
 */
export const InlineJobHandler = (name: JobName): MethodDecorator => SetMetadata(INLINE_JOB_HANDLER_METADATA, name);
