import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain no longer serialises writers (docs/architecture.md, "Audit trail").
 *
 * - Writers insert unchained rows: `id` (insertion order, from a sequence; the new primary key) and
 *   `writer_xid` (the writing transaction, `pg_current_xact_id()`), with seq / prev_hash / hash NULL.
 * - One sealer at a time (src/platform/audit/audit-sealer.ts) later sets seq / prev_hash / hash on
 *   rows whose writer has finished, continuing the chain.
 * - Existing rows keep their seq / prev_hash / hash; their id is their seq and their writer_xid is
 *   unknown (NULL); the id sequence starts above max(seq).
 * - The append-only trigger still refuses DELETE, TRUNCATE and every UPDATE except a seal: seq,
 *   prev_hash and hash going from NULL to a value together, nothing else changing, and only for a
 *   row whose writer had finished before the sealing statement's snapshot (so a seal cannot overtake
 *   a transaction that is still writing). A sealed row can never be updated again.
 * - Indexes that ordered by seq order by id.
 */
export class AuditSealer1764900060000 implements MigrationInterface {
  name = 'AuditSealer1764900060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
             AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
             AND to_jsonb(NEW) - ARRAY['seq', 'prev_hash', 'hash'] = to_jsonb(OLD) - ARRAY['seq', 'prev_hash', 'hash']
             AND NEW.writer_xid < pg_snapshot_xmin(pg_current_snapshot()) THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await q.query(`CREATE SEQUENCE audit_events_id_seq AS bigint`);
    await q.query(`ALTER TABLE audit_events ADD COLUMN id bigint, ADD COLUMN writer_xid xid8`);
    // The one rewrite of existing rows this table ever gets, in this migration's transaction.
    await q.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await q.query(`UPDATE audit_events SET id = seq`);
    await q.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    await q.query(`SELECT setval('audit_events_id_seq', (SELECT max(seq) FROM audit_events)) WHERE EXISTS (SELECT 1 FROM audit_events)`);
    await q.query(`
      ALTER TABLE audit_events
        ALTER COLUMN id SET DEFAULT nextval('audit_events_id_seq'),
        ALTER COLUMN id SET NOT NULL,
        ALTER COLUMN writer_xid SET DEFAULT pg_current_xact_id(),
        DROP CONSTRAINT audit_events_pkey,
        ADD PRIMARY KEY (id),
        ALTER COLUMN seq DROP NOT NULL,
        ALTER COLUMN prev_hash DROP NOT NULL,
        ALTER COLUMN hash DROP NOT NULL,
        ADD CONSTRAINT audit_events_seq_key UNIQUE (seq),
        ADD CONSTRAINT audit_events_sealed_together
          CHECK ((seq IS NULL) = (prev_hash IS NULL) AND (seq IS NULL) = (hash IS NULL)),
        -- A row the sealer has yet to chain must say which transaction wrote it.
        ADD CONSTRAINT audit_events_unsealed_writer CHECK (seq IS NOT NULL OR writer_xid IS NOT NULL)`);
    await q.query(`ALTER SEQUENCE audit_events_id_seq OWNED BY audit_events.id`);
    // What the sealer looks for: unsealed rows in chain order.
    await q.query(`CREATE INDEX audit_events_unsealed_idx ON audit_events (writer_xid, id) WHERE seq IS NULL`);
    await this.reindex(q, 'id');
  }

  async down(q: QueryRunner): Promise<void> {
    const [{ unsealed }] = (await q.query(`SELECT count(*)::int AS unsealed FROM audit_events WHERE seq IS NULL`)) as { unsealed: number }[];
    if (unsealed > 0) {
      throw new Error(`${unsealed} audit row(s) are not sealed yet: stop the writers, run npm run audit:verify (it seals first), then migrate down`);
    }
    await this.reindex(q, 'seq');
    await q.query(`DROP INDEX audit_events_unsealed_idx`);
    await q.query(`
      ALTER TABLE audit_events
        DROP CONSTRAINT audit_events_unsealed_writer,
        DROP CONSTRAINT audit_events_sealed_together,
        DROP CONSTRAINT audit_events_seq_key,
        DROP CONSTRAINT audit_events_pkey,
        ADD PRIMARY KEY (seq),
        ALTER COLUMN prev_hash SET NOT NULL,
        ALTER COLUMN hash SET NOT NULL,
        DROP COLUMN writer_xid,
        DROP COLUMN id`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  /** The read paths' indexes end in the column reads order by. */
  private async reindex(q: QueryRunner, order: 'id' | 'seq'): Promise<void> {
    const indexes: [string, string][] = [
      ['audit_events_subject_idx', 'subject_type, subject_id'],
      ['audit_events_org_idx', 'organization_id'],
      ['audit_events_actor_org_idx', 'actor_organization_id'],
      ['audit_events_region_idx', 'region_code'],
    ];
    for (const [name, columns] of indexes) {
      await q.query(`DROP INDEX ${name}`);
      await q.query(`CREATE INDEX ${name} ON audit_events (${columns}, ${order})`);
    }
  }
}
