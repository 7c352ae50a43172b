import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, ProcessRole } from '../../../platform/config/app-config';
import { PROCESS_ROLE } from '../../../platform/database/database.tokens';
import { outboxJobId } from '../../../platform/outbox/outbox-writer';
import { JobName, queueOf } from '../../../platform/queue/queue.registry';
import { QueueService } from '../../../platform/queue/queue.service';
import { WorkerLoop } from '../../../platform/queue/worker-loop';
import { failImports, UNFINISHED_IMPORT_STATUSES } from './catalog-import.job';
import { CatalogImportSlots } from './catalog-import.slots';

const SWEEP_LOCK = 0x43494d53; // 'CIMS'

/**
 * Fails abandoned catalogue imports: unfinished, no progress (updated_at: uploads write it every
 * few thousand rows, a running job every 15 s) for CATALOG_IMPORT_ABANDONED_AFTER_MS, and no live
 * job: no pending outbox row for it, or its job failed for good. An upload whose API process died,
 * or a job that stalled out, ends here instead of holding its slot. Runs in worker processes every
 * SWEEP_INTERVAL_MS; one process at a time (advisory lock), and the UPDATE re-checks the status, so
 * any number of workers is safe.
 */
@Injectable()
export class CatalogImportSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CatalogImportSweeper.name);
  private readonly loop = new WorkerLoop('Import sweep', this.logger);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly slots: CatalogImportSlots,
    private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(this.role, this.config.SWEEP_INTERVAL_MS, () => this.sweep());
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass; returns the ids of the imports it failed. */
  async sweep(): Promise<string[]> {
    const failed = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SWEEP_LOCK])) as { locked: boolean }[];
      if (!locked) return [];
      const stale = (await manager.query(
        `SELECT i.id, i.status, j.id AS outbox_id
           FROM catalog_imports i
           LEFT JOIN read_pending_jobs j ON j.job_name = $3 AND j.payload->>'importId' = i.id::text
          WHERE i.status = ANY($1::text[]) AND i.updated_at < now() - make_interval(secs => $2::double precision / 1000)
          LIMIT 100`,
        [UNFINISHED_IMPORT_STATUSES, this.config.CATALOG_IMPORT_ABANDONED_AFTER_MS, JobName.RunCatalogImport],
      )) as { id: string; status: string; outbox_id: string | null }[];
      const abandoned: string[] = [];
      for (const row of stale) {
        if (row.outbox_id && !(await this.jobFailedForGood(row.outbox_id))) continue;
        abandoned.push(row.id);
      }
      const seconds = Math.round(this.config.CATALOG_IMPORT_ABANDONED_AFTER_MS / 1000);
      return failImports(manager.connection, abandoned, `abandoned: no progress for ${seconds} s and no live job`, this.config.CATALOG_IMPORT_ABANDONED_AFTER_MS);
    });
    await this.slots.release(failed);
    if (failed.length) this.logger.warn({ failed }, 'Import sweeper failed abandoned imports');
    return failed;
  }

  /** A queued job that BullMQ gave up on (failed after its last attempt, or stalled too often). */
  private async jobFailedForGood(outboxId: string): Promise<boolean> {
    const job = await this.queues.queue(queueOf(JobName.RunCatalogImport)).getJob(outboxJobId(outboxId));
    if (!job) return false; // not published yet, or lost: the outbox sweeper publishes it again
    return (await job.getState()) === 'failed';
  }
}
