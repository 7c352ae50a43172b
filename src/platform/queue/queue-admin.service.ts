import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { outboxIdOfJob, OutboxWriter } from '../outbox/outbox-writer';
import { JobListQueryDto, JobSummaryDto } from './queue-admin.dto';
import { QueueService } from './queue.service';

/** What operators do with stuck work: look, retry, or discard with a reason. */
@Injectable()
export class QueueAdminService {
  constructor(
    private readonly queues: QueueService,
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
  ) {}

  counts(): Promise<Record<string, Record<string, number>>> {
    return this.queues.counts();
  }

  async list(queue: string, query: JobListQueryDto): Promise<JobSummaryDto[]> {
    const q = this.queueOr404(queue);
    const state = query.state ?? 'failed';
    const jobs = await q.getJobs([state], 0, (query.limit ?? 50) - 1);
    return jobs.filter(Boolean).map((job) => summarise(queue, state, job));
  }

  async retry(queue: string, jobId: string): Promise<JobSummaryDto> {
    const job = await this.failedJob(queue, jobId);
    await this.uow.run(async (tx) => {
      tx.audit({ action: 'queue.job.retried', subjectType: 'job', subjectId: `${queue}/${jobId}`, before: { failedReason: job.failedReason } });
    });
    await job.retry('failed');
    return summarise(queue, 'waiting', job);
  }

  async discard(queue: string, jobId: string, reason: string): Promise<JobSummaryDto> {
    const job = await this.failedJob(queue, jobId);
    const outboxId = outboxIdOfJob(job.id);
    await this.uow.run(async (tx) => {
      if (outboxId) await this.outbox.discard(tx.manager, outboxId, `discarded: ${reason}`);
      tx.audit({ action: 'queue.job.discarded', subjectType: 'job', subjectId: `${queue}/${jobId}`, after: { reason, name: job.name } });
    });
    await job.remove();
    return summarise(queue, 'discarded', job);
  }

  private queueOr404(queue: string) {
    if (!this.queues.names.includes(queue as never)) throw DomainError.notFound('Queue');
    return this.queues.queue(queue);
  }

  private async failedJob(queue: string, jobId: string): Promise<Job> {
    const job = await this.queueOr404(queue).getJob(jobId);
    if (!job) throw DomainError.notFound('Job');
    const state = await job.getState();
    if (state !== 'failed') throw new DomainError(ErrorCode.IllegalTransition, `Only failed jobs can be retried or discarded; this one is ${state}`);
    return job;
  }
}

function summarise(queue: string, state: string, job: Job): JobSummaryDto {
  return {
    id: String(job.id),
    name: job.name,
    queue,
    state,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ?? null,
    data: job.data,
    timestamp: job.timestamp ? new Date(job.timestamp).toISOString() : null,
    finishedOn: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}
