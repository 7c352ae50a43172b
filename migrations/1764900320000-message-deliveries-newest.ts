import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operators' list of e-mail and SMS deliveries (owner: notifications; GET /admin/message-deliveries) is paged newest
 * first, with or without a status or channel filter: an index in that order, so a page reads its rows (and the rows
 * it skips) instead of sorting every delivery ever made.
 */
export class MessageDeliveriesNewest1764900320000 implements MigrationInterface {
  name = 'MessageDeliveriesNewest1764900320000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX message_deliveries_newest_idx ON message_deliveries (created_at DESC, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX message_deliveries_newest_idx`);
  }
}
