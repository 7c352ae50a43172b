import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig, ProcessRole } from '../../platform/config/app-config';
import { RequestContext } from '../../platform/context/request-context';
import { PROCESS_ROLE } from '../../platform/database/database.tokens';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobName, JobPayload, QueueName } from '../../platform/queue/queue.registry';
import { QueueService } from '../../platform/queue/queue.service';
import { OrdersService } from '../orders/orders.service';
import { ClaimsService } from '../redemptions/claims.service';
import { VoucherExpiryService } from '../vouchers/voucher-expiry.service';
import { DailyRunDto, DailyRunQueuedDto } from './dto/settlement.dto';
import { SettlementService } from './settlement.service';

/**
 * The daily calendar run (Asia/Shanghai, 00:05): expire vouchers past use-by, lapse orders and
 * reject claims past redeem-by, close settlement batches past their cut-off. Every step is
 * idempotent, so a missed or repeated run is harmless; admins can also run it for a given day.
 */
@Injectable()
export class DailyRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DailyRunService.name);

  constructor(
    private readonly expiry: VoucherExpiryService,
    private readonly orders: OrdersService,
    private readonly claims: ClaimsService,
    private readonly settlement: SettlementService,
    private readonly queues: QueueService,
    private readonly context: RequestContext,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.role === 'api') return;
    // A scheduler, not an outbox row: it is a standing definition, and upserting it is idempotent.
    await this.queues
      .queue(QueueName.Maintenance)
      .upsertJobScheduler('daily-calendar-run', { pattern: '5 0 * * *', tz: 'Asia/Shanghai' }, { name: JobName.DailyCalendarRun, data: {} })
      .catch((err: Error) => this.logger.warn({ err: err.message }, 'Could not schedule the daily run'));
  }

  @JobHandler(JobName.DailyCalendarRun)
  async handle(job: JobPayload<JobName.DailyCalendarRun>): Promise<DailyRunDto> {
    return this.run(job.asOf ?? shanghaiDate());
  }

  /**
   * An admin's run "now" is long work too (one transaction per due voucher, order, claim and batch), so it runs
   * on a worker like the scheduled one, never in the API process that received the request (docs/architecture.md,
   * "Long work"). Waits up to DAILY_RUN_WAIT_MS for the report; after that the caller gets the job to follow.
   */
  async runOnWorker(asOf: string): Promise<DailyRunDto | DailyRunQueuedDto> {
    const job = await this.queues.add(JobName.DailyCalendarRun, { asOf }, { jobId: `daily-run-${asOf}-${randomUUID()}` });
    const jobId = String(job.id);
    const deadline = Date.now() + this.config.DAILY_RUN_WAIT_MS;
    for (;;) {
      const state = await job.getState();
      if (state === 'completed') {
        const done = await this.queues.queue(QueueName.Maintenance).getJob(jobId);
        if (done?.returnvalue) return done.returnvalue as DailyRunDto;
      }
      if (state === 'failed' || Date.now() >= deadline) {
        const current = await this.queues.queue(QueueName.Maintenance).getJob(jobId);
        return { jobId, state, ...(current?.failedReason ? { failedReason: current.failedReason } : {}) };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async run(asOf: string): Promise<DailyRunDto> {
    this.context.detachIdempotencyFromTransactions();
    const { expired, returnedFen } = await this.expiry.expireDue(asOf);
    const ordersLapsed = await this.orders.lapseDue(asOf);
    const claimsRejected = await this.claims.rejectOverdue(asOf);
    const batchesClosed = await this.settlement.closeDue(asOf);
    const report = { asOf, vouchersExpired: expired, returnedToBudgetFen: returnedFen, ordersLapsed, claimsRejected, batchesClosed };
    this.logger.log(report, 'Daily calendar run');
    return report;
  }
}
