import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The map's layers and the public big screen (issue 18, "The map, for real"; docs/architecture.md, "Map and big
 * screen"). Owner: dashboards (the views are published by the modules whose tables they read).
 *
 * - read_active_services gains `category` (catalog): the services-by-category layer.
 * - read_program_order_flow (orders): read_order_flow with the programme's issuing region, so flows from several
 *   programmes and issuing cities can be drawn at once.
 * - read_roadshow_geo (roadshows): each project's home region, status and landing city; no name, no money.
 * - public_figure_snapshots: the big screen's aggregate, computed at most once per TTL by whichever API process asks
 *   first, shared by all of them (never in process memory).
 */
export class MapLayersBigScreen1764900210000 implements MigrationInterface {
  name = 'MapLayersBigScreen1764900210000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE VIEW read_active_services AS
      SELECT s.id, s.instrument_name, p.region_code AS provider_region_code, s.category
        FROM catalog_services s
        JOIN read_active_providers p ON p.id = s.provider_id
       WHERE s.status = 'active'`);
    await q.query(`
      CREATE VIEW read_program_order_flow AS
      SELECT f.order_id, f.program_id, f.status, f.subsidy_fen, f.enterprise_region_code, f.provider_region_code, vp.issuing_region_code
        FROM read_order_flow f
        JOIN voucher_programs vp ON vp.id = f.program_id`);
    await q.query(`
      CREATE VIEW read_roadshow_geo AS
      SELECT p.id AS project_id, p.region_code, p.status, o.landing_city_code, o.landed_on
        FROM roadshow_projects p
        LEFT JOIN roadshow_outcomes o ON o.project_id = p.id`);
    await q.query(`
      CREATE TABLE public_figure_snapshots (
        key          text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_-]{1,40}$'),
        body         jsonb NOT NULL,
        computed_at  timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS public_figure_snapshots`);
    await q.query(`DROP VIEW IF EXISTS read_roadshow_geo`);
    await q.query(`DROP VIEW IF EXISTS read_program_order_flow`);
    await q.query(`DROP VIEW read_active_services`);
    await q.query(`
      CREATE VIEW read_active_services AS
      SELECT s.id, s.instrument_name, p.region_code AS provider_region_code
        FROM catalog_services s
        JOIN read_active_providers p ON p.id = s.provider_id
       WHERE s.status = 'active'`);
  }
}
