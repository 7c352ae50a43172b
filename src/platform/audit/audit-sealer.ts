import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { AUDIT_CONTENT_COLUMNS, AuditRowContent, auditRowHash, GENESIS_HASH } from './audit-hash';

/** Key of the transaction advisory lock that lets one sealer at a time chain rows ('SEAL'). Writers never take it. */
export const AUDIT_SEAL_LOCK = 0x5345414c;

/** Rows chained per transaction: one SELECT and one UPDATE … FROM unnest(…) each. */
export const AUDIT_SEAL_BATCH = 2000;

interface UnsealedRow extends AuditRowContent {
  id: string;
}

/**
 * Chains every row that can be chained, in batches, and returns how many it sealed. A row can be
 * chained once its writer's xid is below `audit_seal_horizon()` (the snapshot's xmin, leaving out
 * transactions of other databases; migration 1764900250000): every transaction of this database with a smaller xid
 * has then committed or rolled back, so no row that sorts before it (writer_xid, id) can still
 * appear, and rolled-back rows never do (no gaps). With `wait` it waits for a sealer already at work
 * (verification wants everything sealable sealed); without, it leaves the work to that one.
 */
export async function sealAuditEvents(dataSource: DataSource, options: { wait?: boolean; batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? AUDIT_SEAL_BATCH;
  let total = 0;
  for (;;) {
    const sealed = await dataSource.transaction((manager) => sealBatch(manager, options.wait ?? false, batchSize));
    if (sealed === null) return total;
    total += sealed;
    if (sealed < batchSize) return total;
  }
}

/** One batch in the caller's transaction; null when another sealer holds the lock and `wait` is off. */
async function sealBatch(manager: EntityManager, wait: boolean, batchSize: number): Promise<number | null> {
  if (wait) {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
  } else {
    const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [AUDIT_SEAL_LOCK])) as { locked: boolean }[];
    if (!locked) return null;
  }
  const rows = (await manager.query(
    `SELECT id, ${AUDIT_CONTENT_COLUMNS}
       FROM audit_events
      WHERE seq IS NULL AND writer_xid < audit_seal_horizon()
      ORDER BY writer_xid, id
      LIMIT $1`,
    [batchSize],
  )) as UnsealedRow[];
  if (rows.length === 0) return 0;
  const [head] = (await manager.query(`SELECT seq, hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`)) as { seq: string; hash: string }[];
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head ? head.hash : GENESIS_HASH;
  const ids: string[] = [];
  const seqs: number[] = [];
  const prevHashes: string[] = [];
  const hashes: string[] = [];
  for (const row of rows) {
    seq += 1;
    const hash = auditRowHash(row, seq, prevHash);
    ids.push(row.id);
    seqs.push(seq);
    prevHashes.push(prevHash);
    hashes.push(hash);
    prevHash = hash;
  }
  const [{ sealed }] = (await manager.query(
    `WITH sealed AS (
       UPDATE audit_events a SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS s (id, seq, prev_hash, hash)
        WHERE a.id = s.id AND a.seq IS NULL
       RETURNING 1)
     SELECT count(*)::int AS sealed FROM sealed`,
    [ids, seqs, prevHashes, hashes],
  )) as { sealed: number }[];
  // Under the lock nobody else seals; anything else means the chain would have a hole: undo it all.
  if (sealed !== rows.length) throw new Error(`audit sealer: chained ${sealed} of ${rows.length} rows; rolled back`);
  return sealed;
}

/**
 * Runs the sealer every AUDIT_SEAL_INTERVAL_MS in each worker process (`worker`, and `all` in
 * embedded mode). With several workers the advisory lock lets one seal while the others skip.
 */
@Injectable()
export class AuditSealer {
  private readonly logger = new Logger(AuditSealer.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private pass?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    metrics.gauge('audit_unsealed_events', 'Audit rows written but not yet chained by the sealer', [], async (gauge) => {
      gauge.set((await unsealedAuditEvents(this.dataSource)).count);
    });
    metrics.gauge('audit_oldest_unsealed_seconds', 'Age of the oldest audit row not yet chained (0 when none)', [], async (gauge) => {
      gauge.set(((await unsealedAuditEvents(this.dataSource)).oldestAgeMs ?? 0) / 1000);
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.pass?.catch(() => undefined);
  }

  /** Seals now (tests, verification); see sealAuditEvents. */
  seal(options: { wait?: boolean } = {}): Promise<number> {
    return sealAuditEvents(this.dataSource, options);
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.pass = this.seal()
        .catch((err) => this.logger.warn({ err: String(err) }, 'Sealing the audit chain failed'))
        .finally(() => this.schedule());
    }, this.config.AUDIT_SEAL_INTERVAL_MS);
  }
}

export interface UnsealedAuditEvents {
  count: number;
  /** Milliseconds since the oldest unsealed row was written (its occurred_at); null when none. */
  oldestAgeMs: number | null;
}

/** Rows still waiting for the sealer. */
export async function unsealedAuditEvents(manager: Pick<EntityManager, 'query'>): Promise<UnsealedAuditEvents> {
  const [row] = (await manager.query(
    `SELECT count(*)::int AS count, floor(EXTRACT(EPOCH FROM clock_timestamp() - min(occurred_at)) * 1000)::bigint AS age
       FROM audit_events WHERE seq IS NULL`,
  )) as { count: number; age: string | null }[];
  return { count: row.count, oldestAgeMs: row.age === null ? null : Math.max(0, Number(row.age)) };
}
