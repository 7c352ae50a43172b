import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The outbox's bookkeeping for the workers that run its jobs (one owner per table:
 * docs/architecture.md, "Modules and their tables"): is a row still pending, did its job
 * finish, what was its last error. Outside a transaction unless the caller passes its manager.
 */
@Injectable()
export class OutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The row exists and is neither processed nor cancelled: its job should still run. */
  async isPending(id: string): Promise<boolean> {
    const rows = (await this.dataSource.query('SELECT processed_at, cancelled_at FROM outbox WHERE id = $1', [id])) as {
      processed_at: Date | null;
      cancelled_at: Date | null;
    }[];
    return rows.length > 0 && rows[0].processed_at === null && rows[0].cancelled_at === null;
  }

  /** The row's job completed (the first completion counts). */
  async markProcessed(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('UPDATE outbox SET processed_at = now() WHERE id = $1 AND processed_at IS NULL', [id]);
  }

  /** The row's job failed this attempt; the queue retries it. */
  async recordError(id: string, message: string): Promise<void> {
    await this.dataSource.query('UPDATE outbox SET last_error = $2 WHERE id = $1', [id, message.slice(0, 2000)]);
  }
}
