import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages that reach people (issue 19; docs/architecture.md, "Messages: e-mail and SMS"):
 * - notification_contacts: a user's phone number for SMS (the e-mail address is the account's);
 * - notification_channel_preferences: per user and notification kind, whether it also goes by e-mail
 *   and by SMS (in-app always). No row means the defaults: e-mail on, SMS off;
 * - message_deliveries: one row per (message, channel): what is sent to whom, its status
 *   (pending → sending → sent, or failed), attempts and last error. `dedup_key` + channel is unique, so a
 *   replayed job never creates a second delivery; `secrets` (links carrying one-time tokens) is erased
 *   once the delivery is final.
 * All three belong to the notifications module.
 */
export class MessageDelivery1764900170000 implements MigrationInterface {
  name = 'MessageDelivery1764900170000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_contacts (
        user_id     uuid PRIMARY KEY REFERENCES users (id),
        phone       text CHECK (phone ~ '^\\+?[0-9]{6,15}$'),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE notification_channel_preferences (
        user_id     uuid NOT NULL REFERENCES users (id),
        kind        text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
        email       boolean NOT NULL,
        sms         boolean NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      )`);
    await q.query(`
      CREATE TABLE message_deliveries (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedup_key            text NOT NULL,
        channel              text NOT NULL CHECK (channel IN ('email', 'sms')),
        template             text NOT NULL,
        kind                 text NOT NULL,
        user_id              uuid REFERENCES users (id),
        notification_id      uuid REFERENCES notifications (id),
        recipient            text NOT NULL,
        locale               text NOT NULL CHECK (locale IN ('zh-CN', 'zh-Hant', 'en')),
        params               jsonb NOT NULL DEFAULT '{}',
        secrets              jsonb,
        status               text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts             integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        lease_until          timestamptz,
        last_error           text,
        provider_message_id  text,
        created_at           timestamptz NOT NULL DEFAULT now(),
        sent_at              timestamptz,
        failed_at            timestamptz,
        CONSTRAINT message_deliveries_dedup UNIQUE (dedup_key, channel),
        CHECK (status <> 'sent' OR sent_at IS NOT NULL),
        CHECK (status NOT IN ('sent', 'failed') OR secrets IS NULL)
      )`);
    await q.query(`CREATE INDEX message_deliveries_user_idx ON message_deliveries (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX message_deliveries_open_idx ON message_deliveries (created_at) WHERE status IN ('pending', 'sending')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS message_deliveries`);
    await q.query(`DROP TABLE IF EXISTS notification_channel_preferences`);
    await q.query(`DROP TABLE IF EXISTS notification_contacts`);
  }
}
