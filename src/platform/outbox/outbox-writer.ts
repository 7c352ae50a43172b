import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { JobName, JobPayload, queueOf } from '../queue/queue.registry';

export const OUTBOX_CHANNEL = 'g60_outbox';

/** Payload fields to match and the values each may have (see OutboxWriter.cancelPending). */
export type PayloadMatch = Readonly<Record<string, readonly string[]>>;

export interface OutboxMessage<N extends JobName = JobName> {
  name: N;
  payload: JobPayload<N>;
  /** Run the job no earlier than this (timers); default now. */
  runAt?: Date;
}

/** Job id in BullMQ for an outbox row: stable, so a republish can never create a second job. */
export function outboxJobId(id: string | number): string {
  return `ob-${id}`;
}

export function outboxIdOfJob(jobId: string | undefined): string | undefined {
  return jobId?.startsWith('ob-') ? jobId.slice(3) : undefined;
}

/** Writes outbox rows inside the caller's transaction; the relay publishes them after commit (woken by OutboxWaker). */
@Injectable()
export class OutboxWriter {
  constructor(private readonly context: RequestContext) {}

  async write(manager: EntityManager, messages: OutboxMessage[]): Promise<string[]> {
    const insert = this.insertStatement(messages, 1);
    if (!insert) return [];
    const rows = (await manager.query(`${insert.sql} RETURNING id`, insert.params)) as { id: string }[];
    return rows.map((r) => String(r.id));
  }

  /**
   * One INSERT of `messages` (placeholders from `$firstParam`), for a caller that sends it as a member
   * of its own `WITH …` statement; with `gate`, a SQL condition, rows are inserted only when it holds.
   * After the commit the caller calls OutboxWaker.wake() (UnitOfWork does).
   */
  insertStatement(messages: readonly OutboxMessage[], firstParam: number, gate?: string): { sql: string; params: unknown[] } | null {
    if (messages.length === 0) return null;
    const params: unknown[] = [];
    const tuples = messages.map((m) => {
      const at = firstParam + params.length;
      params.push(queueOf(m.name), m.name, JSON.stringify(m.payload), m.runAt ?? new Date(), this.context.requestId ?? null);
      return `($${at}::text, $${at + 1}::text, $${at + 2}::jsonb, $${at + 3}::timestamptz, $${at + 4}::text)`;
    });
    const sql = `INSERT INTO outbox (queue, job_name, payload, available_at, request_id) SELECT * FROM (VALUES ${tuples.join(', ')}) AS m${gate ? ` WHERE ${gate}` : ''}`;
    return { sql, params };
  }

  /** Cancels pending timer rows (e.g. an SLA timer when the task is decided). */
  async cancel(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`UPDATE outbox SET cancelled_at = now() WHERE id = ANY($1::bigint[]) AND processed_at IS NULL AND cancelled_at IS NULL`, [ids]);
  }

  /**
   * Cancels the pending rows of `jobs` whose payload names one of the given values, e.g. the
   * timers of a case or task that moved on: `{ caseId: [id] }` matches `payload->>'caseId' = id`;
   * several fields match a row when any of them does. One statement, in the caller's transaction.
   */
  async cancelPending(manager: EntityManager, jobs: readonly JobName[], match: PayloadMatch): Promise<void> {
    const fields = Object.entries(match).flatMap(([field, values]) => values.map((value) => [field, value]));
    if (fields.length === 0) return;
    await manager.query(
      `UPDATE outbox SET cancelled_at = now()
        WHERE processed_at IS NULL AND cancelled_at IS NULL AND job_name = ANY($1::text[])
          AND EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS m(field, value) WHERE outbox.payload->>m.field = m.value)`,
      [jobs, fields.map(([field]) => field), fields.map(([, value]) => value)],
    );
  }

  /** An operator discarded the row's job: cancelled, with why in last_error (whatever its state). */
  async discard(manager: EntityManager, id: string, lastError: string): Promise<void> {
    await manager.query(`UPDATE outbox SET cancelled_at = now(), last_error = $2 WHERE id = $1`, [id, lastError]);
  }
}
