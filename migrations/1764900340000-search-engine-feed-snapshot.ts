import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search-engine feed (owner: catalog; docs/catalog-search.md, "An external search engine") keeps the snapshot its
 * last pass read with, beside that snapshot's horizon: the next pass skips the rows visible in it (sent by that pass)
 * and sends only what changed since. Before, a pass sent again every row at or above the horizon, and any transaction
 * running anywhere in the cluster (another database's included) held the horizon back, so the same rows went to the
 * engine pass after pass and `search_engine_feed_pending` counted them as waiting. NULL: the next pass sends
 * everything at or above the horizon, as before.
 */
export class SearchEngineFeedSnapshot1764900340000 implements MigrationInterface {
  name = 'SearchEngineFeedSnapshot1764900340000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_engine_feeds ADD COLUMN snapshot pg_snapshot,
      ADD CONSTRAINT search_engine_feeds_snapshot_horizon CHECK (snapshot IS NULL OR pg_snapshot_xmin(snapshot) = horizon)`);
    await q.query(`COMMENT ON COLUMN search_engine_feeds.snapshot IS 'The snapshot the last pass read with: every change visible in it has been sent; NULL: send everything at or above the horizon'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_engine_feeds DROP COLUMN snapshot`);
  }
}
