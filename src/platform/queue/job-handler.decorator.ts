import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayload } from './queue.registry';

export const JOB_HANDLER_METADATA = 'g60:job-handler';

export interface JobContext {
  jobId: string;
  attempt: number;
  /** Set when the job came through the outbox. */
  outboxId?: string;
}

export type JobHandlerFn<N extends JobName> = (payload: JobPayload<N>, context: JobContext) => Promise<unknown>;

/** Marks a provider method as the one handler of a job name. */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER_METADATA, name);
