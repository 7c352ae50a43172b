import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit sealer's horizon without other databases' transactions (docs/architecture.md, "Audit trail").
 *
 * Until now a row was sealable once its writer's xid was below `pg_snapshot_xmin(pg_current_snapshot())`. Xids
 * are cluster-wide, so a long transaction in any other database of the server (another application, a bulk load,
 * a test suite's neighbour) held every audit row back. `audit_seal_horizon()` is that xmin with the transactions
 * known to run in another database left out: the smallest xid still running at the snapshot that is not seen, in
 * `pg_stat_activity`, as the transaction of a session of another database, else the snapshot's xmax. A transaction
 * whose session cannot be seen (ended since the snapshot, or hidden from a role without `pg_read_all_stats`) still
 * counts, so the horizon is never later than it may be: only this database's transactions can write its rows.
 * The append-only trigger uses the same horizon for the one UPDATE it allows (the seal).
 */
export class AuditSealHorizon1764900250000 implements MigrationInterface {
  name = 'AuditSealHorizon1764900250000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_seal_horizon() RETURNS xid8 LANGUAGE sql STABLE AS $$
        SELECT coalesce(
                 (SELECT min(x) FROM pg_snapshot_xip(s) AS x
                   WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                                      WHERE a.backend_xid = xid(x) AND a.datname IS DISTINCT FROM current_database())),
                 pg_snapshot_xmax(s))
          FROM pg_current_snapshot() AS s
      $$`);
    // The cluster-wide xmin first: it usually holds, and is cheaper than reading pg_stat_activity for every row.
    await q.query(replaceTrigger('pg_snapshot_xmin(pg_current_snapshot()) OR NEW.writer_xid < audit_seal_horizon()'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(replaceTrigger('pg_snapshot_xmin(pg_current_snapshot())'));
    await q.query(`DROP FUNCTION audit_seal_horizon()`);
  }
}

function replaceTrigger(horizon: string): string {
  return `
    CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
           AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
           AND to_jsonb(NEW) - ARRAY['seq', 'prev_hash', 'hash'] = to_jsonb(OLD) - ARRAY['seq', 'prev_hash', 'hash']
           AND (NEW.writer_xid < ${horizon}) THEN
          RETURN NEW;
        END IF;
      END IF;
      RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`;
}
