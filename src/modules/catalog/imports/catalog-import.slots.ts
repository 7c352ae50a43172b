import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';

/** A slot not renewed for this long belongs to a dead process and is free again. */
const LEASE_SECONDS = 60;
/** Renewed this often while its import runs. */
const RENEW_EVERY_MS = 15_000;
/** What a refused client is told to wait. */
export const IMPORT_BUSY_RETRY_AFTER_SECONDS = 10;

/**
 * The cluster-wide limit on concurrent catalogue imports (docs/security.md, "Bounded work"). Each
 * import streams through one dedicated COPY connection; the number of those is bounded by leased
 * rows of catalog_import_slots in PostgreSQL, so it holds across any number of API processes and in
 * embedded mode. Claiming is one statement on the shared pool: a slot row is taken with
 * FOR UPDATE SKIP LOCKED, so parallel claims never wait on each other and never share a slot.
 */
export class CatalogImportSlots {
  private readonly logger = new Logger(CatalogImportSlots.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly slots: number,
  ) {}

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
      throw new DomainError(ErrorCode.ServiceUnavailable, `${this.slots} catalogue imports are already running; try again shortly`, {
        retryAfterSeconds: IMPORT_BUSY_RETRY_AFTER_SECONDS,
      });
    }
    return new ImportSlot(this.dataSource, taken.slot, holder, this.logger);
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

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.dataSource
      .query(`UPDATE catalog_import_slots SET holder = NULL, leased_until = NULL WHERE slot = $1 AND holder = $2`, [this.slot, this.holder])
      .catch((err) => this.logger.warn({ err, slot: this.slot }, 'could not release the import slot; its lease will lapse'));
  }
}
