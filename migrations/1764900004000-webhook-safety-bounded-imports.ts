import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Safe outbound calls and bounded work (docs/security.md, "Outbound calls" and "Bounded work"):
 * - webhook_allowed_hosts: hosts the platform admin lets webhooks reach although they resolve to
 *   internal addresses (loopback, private, link-local …). Everything else internal is refused.
 * - webhooks can be paused (active = false) and deleted (deleted_at; the row and its log stay for
 *   the audit trail, the owner no longer sees it and nothing is delivered).
 * - webhook_delivery_attempts: one row per attempt (status code or error, duration, attempt number).
 * - catalog_import_slots: the cluster-wide limit on concurrent catalogue imports, each of which
 *   holds one dedicated COPY connection. A slot is leased and renewed while its import runs, so a
 *   crashed process frees it after the lease.
 * Existing webhooks keep their URLs; one that points at an internal address is refused at its next delivery.
 */
export class WebhookSafetyBoundedImports1764900004000 implements MigrationInterface {
  name = 'WebhookSafetyBoundedImports1764900004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_allowed_hosts (
        host        text PRIMARY KEY CHECK (host ~ '^[a-z0-9._:-]{1,253}$'),
        note        text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
        created_by  uuid REFERENCES users (id),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`ALTER TABLE webhooks ADD COLUMN deleted_at timestamptz, ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX webhooks_organization_idx ON webhooks (organization_id, created_at DESC) WHERE deleted_at IS NULL`);

    // refused: the address was not allowed at delivery time; cancelled: the webhook was paused or deleted first.
    await q.query(`ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_status_check`);
    await q.query(`
      ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_status_check
        CHECK (status IN ('pending', 'delivered', 'failed', 'refused', 'cancelled'))`);

    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        id            bigserial PRIMARY KEY,
        delivery_id   uuid NOT NULL REFERENCES webhook_deliveries (id),
        webhook_id    uuid NOT NULL REFERENCES webhooks (id),
        attempt       integer NOT NULL CHECK (attempt > 0),
        outcome       text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'refused')),
        status_code   integer,
        error         text,
        address       text,
        duration_ms   integer NOT NULL CHECK (duration_ms >= 0),
        attempted_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_delivery_attempts_webhook_idx ON webhook_delivery_attempts (webhook_id, id DESC)`);
    await q.query(`CREATE INDEX webhook_delivery_attempts_delivery_idx ON webhook_delivery_attempts (delivery_id)`);

    await q.query(`
      CREATE TABLE catalog_import_slots (
        slot          integer PRIMARY KEY CHECK (slot >= 0),
        holder        uuid,
        leased_until  timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS catalog_import_slots`);
    await q.query(`DROP TABLE IF EXISTS webhook_delivery_attempts`);
    await q.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE status IN ('refused', 'cancelled')`);
    await q.query(`ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_status_check`);
    await q.query(`ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('pending', 'delivered', 'failed'))`);
    await q.query(`DROP INDEX IF EXISTS webhooks_organization_idx`);
    await q.query(`ALTER TABLE webhooks DROP COLUMN deleted_at, DROP COLUMN updated_at`);
    await q.query(`DROP TABLE IF EXISTS webhook_allowed_hosts`);
  }
}
