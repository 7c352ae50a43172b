import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditInput, AuditWriter } from '../audit/audit-writer';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { OutboxWaker } from '../outbox/outbox-waker';
import { OutboxMessage, OutboxWriter } from '../outbox/outbox-writer';
import { JobName, JobPayload } from '../queue/queue.registry';

/** What a unit of work hands its body: the transaction's manager, plus audit and outbox buffers. */
export class Transaction {
  readonly auditEvents: AuditInput[] = [];
  readonly messages: OutboxMessage[] = [];
  readonly committed: (() => void)[] = [];
  readonly final: (() => Promise<void>)[] = [];

  constructor(readonly manager: EntityManager) {}

  audit(event: AuditInput): void {
    this.auditEvents.push(event);
  }

  /** Queues a job to run after commit (or at `runAt`). Never call the queue directly. */
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: { runAt?: Date } = {}): void {
    this.messages.push({ name, payload, runAt: options.runAt });
  }

  /**
   * Runs `work` last, right before the commit: after the body and after the audit, outbox and idempotency
   * rows. For a row every writer of something queues on (a programme's budget): locked here, it is held
   * only for this statement and the commit. If `work` throws, the whole unit of work rolls back.
   */
  last(work: () => Promise<void>): void {
    this.final.push(work);
  }

  /** Runs `effect` once the transaction has committed (never when it rolls back): wake-ups, broadcasts. Must not throw. */
  afterCommit(effect: () => void): void {
    this.committed.push(effect);
  }
}

/**
 * The one way to change state: the body's writes, its audit rows, its outbox rows and the
 * request's idempotency record commit together or not at all. After a commit that wrote outbox
 * rows, the relays are woken (OutboxWaker: no NOTIFY inside the transaction).
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly idempotency: IdempotencyStore,
    private readonly waker: OutboxWaker,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    let wrote = false;
    let committed: (() => void)[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const tx = new Transaction(manager);
      const done = await work(tx);
      await this.finish(manager, tx, done);
      for (const work of tx.final) await work();
      wrote = tx.messages.length > 0;
      committed = tx.committed;
      return done;
    });
    if (wrote) this.waker.wake();
    for (const effect of committed) effect();
    return result;
  }

  /**
   * The outbox rows, the audit rows and the idempotency record in one statement (one round trip):
   * each writer hands over its INSERT/UPDATE as a member of one `WITH`.
   */
  private async finish(manager: EntityManager, tx: Transaction, result: unknown): Promise<void> {
    const params: unknown[] = [];
    const members: string[] = [];
    const add = (statement: { sql: string; params: unknown[] } | null): boolean => {
      if (!statement) return false;
      members.push(`w${members.length} AS (${statement.sql})`);
      params.push(...statement.params);
      return true;
    };
    add(this.outbox.insertStatement(tx.messages, params.length + 1));
    add(this.audit.insertStatement(tx.auditEvents, params.length + 1));
    const key = this.idempotency.completionStatement(result, params.length + 1);
    const completion = add(key) ? `w${members.length - 1}` : null;
    if (members.length === 0) return;
    const [row] = (await manager.query(`WITH ${members.join(', ')} SELECT ${completion ? `(SELECT count(*) FROM ${completion})::int` : '0'} AS completed`, params)) as { completed: number }[];
    if (key) {
      const stored = this.idempotency.settleCompletion(row.completed, key.stored);
      tx.afterCommit(() => this.idempotency.committed(stored));
    }
  }
}
