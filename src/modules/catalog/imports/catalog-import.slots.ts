import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../platform/config/app-config';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';

/** A slot not renewed for this long belongs to a dead process and is free again. */
const LEASE_SECONDS = 60;
/** Renewed this often while its import runs. */
const RENEW_EVERY_MS = 15_000;
/** What a refused client is told to wait. */
export const IMPORT_BUSY_RETRY_AFTER_SECONDS = 10;

/**
 * The cluster-wide limit on catalogue imports in flight (docs/security.md, "Bounded work"): an
 * import takes a slot when its upload starts (the upload streams through one dedicated COPY
 * connection) and gives it back when its job has finished. Slots are leased rows of
 * catalog_import_slots in PostgreSQL, so the bound holds across any number of API and worker
 * processes and in embedded mode. The uploading API process renews the lease; at hand-over to the
 * queue it is extended to the abandoned-import horizon; the worker renews it while the job runs and
 * frees it at the end (CatalogImportSlots.renew / release, by holder = import id). Claiming is one statement on the shared pool: a slot row is taken with
 * FOR UPDATE SKIP LOCKED, so parallel claims never wait on each other and never share a slot.
 */
@Injectable()
export class CatalogImportSlots {
  private readonly logger = new Logger(CatalogImportSlots.name);
  private readonly slots: number;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.slots = config.CATALOG_IMPORT_CONCURRENCY;
  }

  /** Takes a free slot for `holder`, or throws 503 SERVICE_UNAVAILABLE with Retry-After when all are busy. */
  async acquire(holder: string): Promise<ImportSlot> {
    await this.dataSource.query(`INSERT INTO catalog_import_slots (slot) SELECT generate_series(0, $1 - 1) ON CONFLICT (slot) DO NOTHING`, [this.slots]);
    const [[taken]] = (await this.dataSource.query(
      `UPDATE catalog_import_slots SET holder = $1, leased_until = now() + make_interval(secs => $3)
        WHERE slot = (SELECT slot FROM catalog_import_slots
                       WHERE slot < $2 AND (holder IS NULL OR leased_until < now())
                       ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING slot`,
      [holder, this.slots, LEASE_SECONDS],
    )) as [{ slot: number }[], number];
    if (!taken) {
      throw new DomainError(ErrorCode.ServiceUnavailable, `${this.slots} catalogue imports are already in progress; try again shortly`, {
        retryAfterSeconds: IMPORT_BUSY_RETRY_AFTER_SECONDS,
      });
    }
    return new ImportSlot(this.dataSource, taken.slot, holder, this.logger);
  }

  /** Extends the lease of the slot `holder` (an import id) holds, if it still holds one. */
  async renew(holder: string, seconds = LEASE_SECONDS): Promise<void> {
    await this.dataSource.query(`UPDATE catalog_import_slots SET leased_until = now() + make_interval(secs => $2) WHERE holder = $1`, [holder, seconds]);
  }

  /** Renews the lease of `holder` every RENEW_EVERY_MS until the returned function is called. */
  keepRenewing(holder: string): () => void {
    const timer = setInterval(() => void this.renew(holder).catch((err) => this.logger.warn({ err, holder }, 'could not renew the import slot lease')), RENEW_EVERY_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Frees whatever slot `holders` (import ids) hold. */
  async release(holders: string[]): Promise<void> {
    if (holders.length === 0) return;
    await this.dataSource.query(`UPDATE catalog_import_slots SET holder = NULL, leased_until = NULL WHERE holder = ANY($1::uuid[])`, [holders]);
  }
}

export class ImportSlot {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    readonly slot: number,
    private readonly holder: string,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    try {
      await this.dataSource.query(`UPDATE catalog_import_slots SET leased_until = now() + make_interval(secs => $3) WHERE slot = $1 AND holder = $2`, [
        this.slot, this.holder, LEASE_SECONDS,
      ]);
    } catch (err) {
      this.logger.warn({ err, slot: this.slot }, 'could not renew the import slot lease');
    }
  }

  /** The upload is done and its job queued: the lease now lasts `seconds` and the worker renews and frees it. */
  async handOver(seconds: number): Promise<void> {
    clearInterval(this.timer);
    await this.dataSource
      .query(`UPDATE catalog_import_slots SET leased_until = now() + make_interval(secs => $3) WHERE slot = $1 AND holder = $2`, [this.slot, this.holder, seconds])
      .catch((err) => this.logger.warn({ err, slot: this.slot }, 'could not hand the import slot over'));
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.dataSource
      .query(`UPDATE catalog_import_slots SET holder = NULL, leased_until = NULL WHERE slot = $1 AND holder = $2`, [this.slot, this.holder])
      .catch((err) => this.logger.warn({ err, slot: this.slot }, 'could not release the import slot; its lease will lapse'));
  }
}
