import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditInput, AuditWriter } from '../audit/audit-writer';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { OutboxMessage, OutboxWriter } from '../outbox/outbox-writer';
import { JobName, JobPayload } from '../queue/queue.registry';

/** What a unit of work hands its body: the transaction's manager, plus audit and outbox buffers. */
export class Transaction {
  readonly auditEvents: AuditInput[] = [];
  readonly messages: OutboxMessage[] = [];

  constructor(readonly manager: EntityManager) {}

  audit(event: AuditInput): void {
    this.auditEvents.push(event);
  }

  /** Queues a job to run after commit (or at `runAt`). Never call the queue directly. */
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: { runAt?: Date } = {}): void {
    this.messages.push({ name, payload, runAt: options.runAt });
  }
}

/**
 * The one way to change state: the body's writes, its audit rows, its outbox rows and the
 * request's idempotency record commit together or not at all.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly idempotency: IdempotencyStore,
  ) {}

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const tx = new Transaction(manager);
      const result = await work(tx);
      await this.outbox.write(manager, tx.messages);
      // Last, so the audit chain lock is held only until commit.
      await this.audit.append(manager, tx.auditEvents);
      await this.idempotency.completeInTransaction(manager, result);
      return result;
    });
  }
}
