import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * read_order_parties (issue 14, one owner per table; docs/architecture.md, "Read models"): published
 * by orders, one row per service order with its two parties, so redemptions can scope and sum its
 * claims by the order's enterprise and provider in one query without touching service_orders.
 * Read-only; a module that must lock or move an order calls OrdersService.
 */
export class OrderPartiesReadModel1764900012000 implements MigrationInterface {
  name = 'OrderPartiesReadModel1764900012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW read_order_parties AS
      SELECT so.id AS order_id, so.enterprise_id, so.provider_id
        FROM service_orders so`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW IF EXISTS read_order_parties`);
  }
}
