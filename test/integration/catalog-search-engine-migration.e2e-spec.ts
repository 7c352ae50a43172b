import { CatalogSearchEngineFeed1764900310000 } from '../../migrations/1764900310000-catalog-search-engine-feed';
import { uniqueUscc } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * What the search engine's feed needs of the catalogue (migrations/1764900310000-catalog-search-engine-feed.ts): a
 * document number per service, and the transaction that last changed what the engine holds of it, stamped by a trigger
 * on those columns only. Existing services get both when the migration runs; `down` removes them and `up` gives them again.
 */
describe('catalogue services stamped for the search engine feed', () => {
  let app: TestApp;
  const stamps = async () =>
    (await app.dataSource.query(`SELECT id, search_doc::text AS doc, search_xid::text AS xid FROM catalog_services ORDER BY id`)) as { id: string; doc: string; xid: string }[];

  beforeAll(async () => {
    app = await startTestApp();
    const [{ id: provider }] = await app.dataSource.query(
      `INSERT INTO organizations (kind, name, uscc, region_code, admission_status, provider_kind) VALUES ('provider', '迁移测试机构', $1, '310117', 'active', 'third_party_lab') RETURNING id`,
      [uniqueUscc('310117')],
    );
    for (const [i, name] of ['光谱分析', '拉伸试验', '热重分析'].entries()) {
      await app.dataSource.query(
        `INSERT INTO catalog_services (provider_id, code, name, category, unit_price_fen, region_code, status, search_text, search_tokens, unit, lead_time_days)
         VALUES ($1, $2, $3, 'testing', 100, '310117', 'active', $3, array_to_tsvector('{光}'::text[]), '样品', 3)`,
        [provider, `MIG-${i}`, name],
      );
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('gives every existing service a document number and the migration\'s transaction; down and up again', async () => {
    const migration = new CatalogSearchEngineFeed1764900310000();
    const runner = app.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await migration.down(runner);
      const columns = await runner.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'catalog_services' AND column_name LIKE 'search_%' ORDER BY 1`);
      expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual(['search_text', 'search_tokens']);
      await runner.startTransaction();
      await migration.up(runner);
      const [{ xid }] = await runner.query(`SELECT pg_current_xact_id()::text AS xid`);
      await runner.commitTransaction();
      const rows = await stamps();
      expect(rows.length).toBe(3);
      expect(new Set(rows.map((r) => r.doc)).size).toBe(rows.length);
      for (const r of rows) expect([Number(r.doc) > 0, r.xid]).toEqual([true, xid]);
    } finally {
      await runner.release();
    }
  });

  it('stamps a change to what the engine holds, not a change of price', async () => {
    const [before] = await stamps();
    await app.dataSource.query(`UPDATE catalog_services SET unit_price_fen = unit_price_fen + 1 WHERE id = $1`, [before.id]);
    expect((await stamps())[0]).toEqual(before);
    for (const change of [`status = CASE status WHEN 'active' THEN 'withdrawn' ELSE 'active' END`, `search_text = search_text || ' 新'`, `category = category`]) {
      const [was] = await stamps();
      await app.dataSource.query(`UPDATE catalog_services SET ${change} WHERE id = $1`, [was.id]);
      const [now] = await stamps();
      expect(now.doc).toBe(was.doc);
      if (change === 'category = category') expect(now.xid).toBe(was.xid); // unchanged value: no refeed
      else expect(BigInt(now.xid)).toBeGreaterThan(BigInt(was.xid));
    }
    // A new service gets the next document number and its own transaction.
    const latest = (await stamps()).reduce((m, r) => (BigInt(r.xid) > m ? BigInt(r.xid) : m), 0n);
    const [{ doc, xid }] = await app.dataSource.query(
      `INSERT INTO catalog_services (provider_id, code, name, category, unit_price_fen, region_code, status, search_text, search_tokens, unit, lead_time_days)
       SELECT provider_id, 'MIG-NEW', '迁移新服务', category, 100, region_code, 'active', '迁移新服务', array_to_tsvector('{迁}'::text[]), '样品', 3 FROM catalog_services LIMIT 1
       RETURNING search_doc::text AS doc, search_xid::text AS xid`,
    );
    const all = await stamps();
    expect(Number(doc)).toBeGreaterThan(Math.max(...all.filter((r) => r.doc !== doc).map((r) => Number(r.doc))));
    expect(BigInt(xid)).toBeGreaterThan(latest);
  });
});
