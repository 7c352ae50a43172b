import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ProcessRole } from '../../platform/config/app-config';
import { RequestContext } from '../../platform/context/request-context';
import { PROCESS_ROLE } from '../../platform/database/database.tokens';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobName, JobPayload, QueueName } from '../../platform/queue/queue.registry';
import { QueueService } from '../../platform/queue/queue.service';
import { OrdersService } from '../orders/orders.service';
import { ClaimsService } from '../redemptions/claims.service';
import { VoucherExpiryService } from '../vouchers/voucher-expiry.service';
import { DailyRunDto } from './dto/settlement.dto';
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
