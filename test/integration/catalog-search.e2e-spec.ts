import { Client } from 'pg';
import { prng } from '../../scripts/catalog-generate';
import { searchFields } from '../../src/modules/catalog/catalog.service';
import { arrayLiteral } from '../../src/modules/catalog/search-tokens';
import { uniqueUscc } from '../support/factories';
import { Searchd } from '../../scripts/searchd';
import { SearchEngineFeeder } from '../../src/modules/catalog/search-engine/search-engine.feeder';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { adminUrl } from '../support/test-env';
import { recogniseShanghaiProviders } from '../support/vouchers';

jest.setTimeout(300_000);

/**
 * Catalogue search that stops early (docs/catalog-search.md): on a small generated catalogue with
 * skewed keywords, every query shape gives, page after page, exactly what an exhaustive reference
 * query gives: every match found by a plain LIKE, sorted by a plain ORDER BY, written here on its own.
 * Three apps on the same database run the three plans: the defaults (dense keywords are estimated,
 * rare ones read whole), one that reads every match set whole, and one whose tiny probe makes every
 * keyword search walk, run short and fall back to the GIN indexes. A fifth app asks a real Sphinx search daemon
 * (deploy/sphinx/sphinx.conf) fed from the same catalogue: the same pages, and exact totals and facets for any set.
 */
describe('catalog search: adaptive plan, keyset pages, counts and facets', () => {
  let app: TestApp;
  let exactApp: TestApp;
  let walkApp: TestApp;
  let underApp: TestApp;
  let engineApp: TestApp;
  const searchd = new Searchd();
  let enterprise: Session;
  const providers: { id: string; region: string; recognised: boolean }[] = [];

  // Han keywords only: for them "the contiguous run is in the text" (the reference) and the n-gram index agree exactly.
  const FAMILIES: [string, number][] = [
    ['X射线荧光光谱分析', 14], ['红外光谱测试', 10], ['常规理化检测', 30], ['金属拉伸试验', 16], ['热重分析', 12], ['鼹鼠皮革检测', 1], ['电感耦合等离子体质谱检测', 6], ['振动试验', 11],
  ];
  const MATRICES = ['金属材料', '高分子材料', '土壤', '水样', '食品', '涂层'];
  const DESCRIPTIONS = ['依据光谱法测定主量元素', '按标准执行，出具报告', '含制样，需预约', '样品需干燥无磁性', ''];
  const CATEGORIES = ['analysis', 'testing', 'testing', 'calibration', 'instrument_time'];

  beforeAll(async () => {
    app = await startTestApp();
    enterprise = await login(app, DEMO.enterprise);
    const [approver, partner] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.partner)]);
    // Ten providers: Shanghai (two of them recognised by Jiaxing), Jiaxing (local to the demo enterprise), one suspended.
    const regions = ['310000', '310117', '310000', '310104', '310117', '330400', '330402', '330411', '310000', '310000'];
    for (const [i, region] of regions.entries()) {
      const [{ id }] = await app.dataSource.query(
        `INSERT INTO organizations (kind, name, uscc, region_code, admission_status, provider_kind)
         VALUES ('provider', $1, $2, $3, $4, 'third_party_lab') RETURNING id`,
        [`检索测试机构${i}`, uniqueUscc(region.startsWith('33') ? '330402' : '310117'), region, i === 9 ? 'suspended' : 'active'],
      );
      providers.push({ id, region, recognised: i === 0 || i === 1 });
    }
    await recogniseShanghaiProviders(app, approver.auth, partner.auth, providers.filter((p) => p.recognised).map((p) => p.id));

    const rand = prng(17);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const weighted = () => {
      let r = rand() * FAMILIES.reduce((a, [, w]) => a + w, 0);
      for (const [name, w] of FAMILIES) if ((r -= w) < 0) return name;
      return FAMILIES[0][0];
    };
    const rows: unknown[][] = [];
    for (let i = 0; i < 3000; i++) {
      const name = i === 0 ? '光谱' : i === 1 ? '红外光谱测试' : i >= 3 && i <= 5 ? '金属拉伸试验' : `${weighted()}—${pick(MATRICES)}`;
      const description = pick(DESCRIPTIONS) || null;
      const provider = providers[i % providers.length];
      const search = searchFields({ name, description });
      rows.push([provider.id, i === 2 ? 'GP-01' : `C-${i}`, name, pick(CATEGORIES), 100 + i, description, provider.region, rand() < 0.03 ? 'withdrawn' : 'active', search.text, arrayLiteral(search.tokens)]);
    }
    for (let at = 0; at < rows.length; at += 500) {
      const batch = rows.slice(at, at + 500);
      const values = batch.map((_, r) => `(${Array.from({ length: 10 }, (_, c) => `$${r * 10 + c + 1}`).map((p, c) => (c === 9 ? `array_to_tsvector(${p}::text[])` : p)).join(', ')}, '样品', 3)`);
      await app.dataSource.query(
        `INSERT INTO catalog_services (provider_id, code, name, category, unit_price_fen, description, region_code, status, search_text, search_tokens, unit, lead_time_days)
         VALUES ${values.join(', ')}`,
        batch.flat(),
      );
    }
    await app.dataSource.query('ANALYZE catalog_services');
    await searchd.start();
    [exactApp, walkApp, underApp, engineApp] = await Promise.all([
      startTestApp({ database: app.db, env: { CATALOG_SEARCH_EXACT_MAX: '100000' } }),
      startTestApp({ database: app.db, env: { CATALOG_SEARCH_EXACT_MAX: '0', CATALOG_SEARCH_PROBE_ROWS: '50', CATALOG_SEARCH_SAMPLE_MATCHES: '5' } }),
      // Sets estimated small from a short probe that turn out larger when read whole: pages from the sorted head of that read.
      startTestApp({ database: app.db, env: { CATALOG_SEARCH_EXACT_MAX: '20', CATALOG_SEARCH_PROBE_ROWS: '50', CATALOG_SEARCH_SAMPLE_MATCHES: '5' } }),
      // The feed loop is slow here: the test feeds when it wants to (feedAll), so nothing changes under a comparison.
      startTestApp({ database: app.db, env: { SEARCH_ENGINE_URL: searchd.url, SEARCH_ENGINE_FEED_INTERVAL_MS: '600000', SEARCH_ENGINE_RETRY_MS: '1500' } }),
    ]);
    expect(await engineApp.get(SearchEngineFeeder).feedAll()).toBeGreaterThan(2900);
  });
  afterAll(async () => {
    await exactApp?.close({ keepData: true });
    await walkApp?.close({ keepData: true });
    await underApp?.close({ keepData: true });
    await engineApp?.close({ keepData: true });
    await searchd.close();
    await app?.close();
  });

  type Query = { q?: string; category?: string; regionCode?: string; recognisedOnly?: boolean };
  type Hit = { id: string; category: string; region_code: string; provider_id: string };
  type Answer = {
    items: { id: string; name: string }[]; hasMore: boolean; nextCursor: string | null; total: number; totalApproximate: boolean;
    facets: { approximate: boolean; category: Facet[]; region: Facet[]; provider: Facet[] };
  };
  type Facet = { value: string; count: number; label?: string };

  /**
   * Every match in order, the slow obvious way: a match is an exact one (normalised name or lower-cased
   * code equal to the typed text) or has every space-separated keyword in its searchable text; exact
   * matches first, then those whose name holds every keyword, then the rest, each by id. Without q: by name, id.
   */
  async function reference(query: Query): Promise<Hit[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where = [`s.status = 'active'`, `o.admission_status = 'active'`];
    let order = 's.name, s.id';
    if (query.q) {
      const typed = p(query.q.trim().toLowerCase());
      const words = query.q.trim().toLowerCase().split(/\s+/);
      const inText = words.map((w) => `position(${p(w)} IN s.search_text) > 0`).join(' AND ');
      const inName = words.map((w) => `position(${p(w)} IN split_part(s.search_text, ' | ', 1)) > 0`).join(' AND ');
      const exact = `(split_part(s.search_text, ' | ', 1) = ${typed} OR lower(s.code) = ${typed})`;
      where.push(`(${exact} OR (${inText}))`);
      order = `CASE WHEN ${exact} THEN 0 WHEN ${inName} THEN 1 ELSE 2 END, s.id`;
    }
    if (query.category) where.push(`s.category = ${p(query.category)}`);
    if (query.regionCode) where.push(`(s.region_code = ${p(query.regionCode)} OR s.region_code IN (SELECT code FROM regions WHERE parent_code = ${p(query.regionCode)}))`);
    if (query.recognisedOnly) {
      where.push(`(s.region_code IN (SELECT code FROM regions WHERE code = '330400' OR parent_code = '330400') OR s.provider_id = ANY(${p(providers.filter((x) => x.recognised).map((x) => x.id))}::uuid[]))`);
    }
    return app.dataSource.query(
      `SELECT s.id, s.category, s.region_code, s.provider_id FROM catalog_services s JOIN organizations o ON o.id = s.provider_id
        WHERE ${where.join(' AND ')} ORDER BY ${order}`,
      params,
    );
  }

  async function page(target: TestApp, query: Query & { limit?: number; cursor?: string; offset?: number }): Promise<Answer> {
    const res = await target.http().get('/api/v1/catalog/services').query(query).set(enterprise.auth);
    if (res.status !== 200) throw new Error(`search ${JSON.stringify(query)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Answer;
  }

  /** Follows nextCursor to the end (or for `maxPages`); every page's ids in order. */
  async function allPages(target: TestApp, query: Query, limit: number, maxPages = 100): Promise<{ ids: string[]; first: Answer }> {
    const first = await page(target, { ...query, limit });
    const ids = first.items.map((i) => i.id);
    let cursor = first.nextCursor;
    expect(first.hasMore).toBe(cursor !== null);
    for (let pages = 1; cursor && pages < maxPages; pages++) {
      const next = await page(target, { ...query, limit, cursor });
      expect(next.items.length).toBeGreaterThan(0);
      ids.push(...next.items.map((i) => i.id));
      expect(next.hasMore).toBe(next.nextCursor !== null);
      cursor = next.nextCursor;
    }
    return { ids, first };
  }

  const counted = (hits: Hit[], key: keyof Hit) => {
    const counts = new Map<string, number>();
    for (const h of hits) counts.set(h[key], (counts.get(h[key]) ?? 0) + 1);
    return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  };

  const SHAPES: [string, Query][] = [
    ['one character, dense', { q: '测' }],
    ['two characters, with an exact name', { q: '光谱' }],
    ['a longer keyword, with an exact name', { q: '红外光谱测试' }],
    ['a rare keyword', { q: '鼹鼠' }],
    ['a long keyword', { q: '电感耦合等离子体质谱' }],
    ['two keywords', { q: '光谱 测定' }],
    ['keyword + category + region', { q: '检测', category: 'testing', regionCode: '310000' }],
    ['recognisedOnly (Jiaxing enterprise)', { q: '光谱', recognisedOnly: true }],
    ['recognisedOnly, rare keyword', { q: '拉伸', recognisedOnly: true, category: 'testing' }],
    ['an exact item code', { q: 'gp-01' }],
    ['an exact name several services share', { q: '金属拉伸试验' }],
    ['no keyword, a category', { category: 'calibration' }],
    ['nothing matches', { q: '龘' }],
  ];

  const PLANS: [string, () => TestApp][] = [['default thresholds', () => app], ['always exact', () => exactApp], ['tiny probe: walks and fallbacks', () => walkApp],
    ['underestimated: a set read whole is larger than thought', () => underApp], ['the search engine (Sphinx)', () => engineApp]];

  describe.each(PLANS)('%s', (_plan, target) => {
    it.each(SHAPES)('%s: every page by cursor equals the exhaustive reference, in order', async (_shape, query) => {
      const expected = (await reference(query)).map((h) => h.id);
      const big = await allPages(target(), query, 100);
      expect(big.ids).toEqual(expected);
      const small = await allPages(target(), query, 7, 6);
      expect(small.ids).toEqual(expected.slice(0, 42));
      // offset (deprecated) gives the same order
      if (expected.length > 14) expect((await page(target(), { ...query, limit: 7, offset: 7 })).items.map((i) => i.id)).toEqual(expected.slice(7, 14));
    });
  });

  it('puts exact name and exact code matches first', async () => {
    const name = await page(app, { q: '光谱', limit: 5 });
    expect(name.items[0].name).toBe('光谱');
    const longer = await page(app, { q: ' 红外光谱测试 ', limit: 5 });
    expect(longer.items[0].name).toBe('红外光谱测试');
    expect(longer.items[1].name).toMatch(/^红外光谱测试—/);
    const code = await page(app, { q: 'GP-01' });
    expect(code.items.map((i) => i.id)).toEqual([(await app.dataSource.query(`SELECT id FROM catalog_services WHERE code = 'GP-01'`))[0].id]);
    expect([code.total, code.totalApproximate]).toEqual([1, false]);
  });

  it.each([['read whole', () => exactApp], ['the search engine', () => engineApp]])('counts and facets exactly when the set is %s, and says so', async (_how, target) => {
    for (const [, query] of SHAPES) {
      const hits = await reference(query);
      const answer = await page(target(), query);
      expect([answer.total, answer.totalApproximate, answer.facets.approximate]).toEqual([hits.length, false, false]);
      expect(answer.facets.category).toEqual(counted(hits, 'category'));
      expect(answer.facets.region).toEqual(counted(hits, 'region_code'));
      expect(answer.facets.provider.map(({ value, count }) => ({ value, count }))).toEqual(counted(hits, 'provider_id').slice(0, 10));
      for (const f of answer.facets.provider) expect(f.label).toMatch(/^检索测试机构\d$/);
    }
  });

  it('estimates counts and facets of large sets from the sample, flagged approximate', async () => {
    const hits = await reference({ q: '测' });
    const answer = await page(walkApp, { q: '测' });
    expect([answer.totalApproximate, answer.facets.approximate]).toEqual([true, true]);
    expect(answer.total).toBeGreaterThan(0);
    // A sample cannot see what the query excludes: no category or region outside the matches.
    for (const f of answer.facets.category) expect(hits.some((h) => h.category === f.value)).toBe(true);
    for (const f of answer.facets.region) expect(hits.some((h) => h.region_code === f.value)).toBe(true);
    // Small sets stay exact under the default thresholds.
    const rare = await page(app, { q: '鼹鼠' });
    expect([rare.total, rare.totalApproximate, rare.facets.approximate]).toEqual([(await reference({ q: '鼹鼠' })).length, false, false]);
  });

  it('recognisedOnly returns local and recognised providers only', async () => {
    const { ids } = await allPages(app, { q: '光谱', recognisedOnly: true }, 100);
    const rows = await app.dataSource.query(`SELECT DISTINCT provider_id FROM catalog_services WHERE id = ANY($1::uuid[])`, [ids]);
    const allowed = providers.filter((p) => p.recognised || p.region.startsWith('3304')).map((p) => p.id);
    expect(rows.length).toBeGreaterThan(2);
    for (const r of rows) expect(allowed).toContain(r.provider_id);
  });

  describe('the search engine follows the catalogue', () => {
    const feed = () => engineApp.get(SearchEngineFeeder).feedAll();
    const ids = async (target: TestApp, query: Query) => (await allPages(target, query, 100)).ids;
    const retext = (id: string, name: string) => {
      const search = searchFields({ name, description: null });
      return app.dataSource.query(`UPDATE catalog_services SET name = $2, description = NULL, search_text = $3, search_tokens = array_to_tsvector($4::text[]) WHERE id = $1`,
        [id, name, search.text, arrayLiteral(search.tokens)]);
    };

    /** catalog_searches_total of the engine app, by backend. */
    const searches = async () => {
      const res = await engineApp.http().get('/metrics').set('Authorization', `Bearer ${engineApp.env.METRICS_TOKEN}`);
      expect(res.status).toBe(200);
      const count = (backend: string) => Number(new RegExp(`^catalog_searches_total\\{backend="${backend}"\\} (\\d+)$`, 'm').exec(res.text)?.[1] ?? 0);
      const gauge = (name: string) => Number(new RegExp(`^${name} ([\\d.e+-]+)$`, 'm').exec(res.text)?.[1] ?? NaN);
      return { engine: count('engine'), postgres: count('postgres'), fallback: count('postgres_fallback'), pending: gauge('search_engine_feed_pending'), age: gauge('search_engine_feed_age_seconds') };
    };

    it('answers keyword searches from the engine, recognisedOnly too; searches without a keyword from PostgreSQL', async () => {
      const before = await searches();
      const fromEngine = await page(engineApp, { q: '测' });
      expect([fromEngine.total, fromEngine.totalApproximate]).toEqual([(await reference({ q: '测' })).length, false]);
      await page(engineApp, { q: '光谱', recognisedOnly: true });
      await page(engineApp, { category: 'testing' });
      expect(await searches()).toEqual({ ...before, engine: before.engine + 2, age: expect.any(Number) });
    });

    it('recognises services one by one as the agreement lists them, as PostgreSQL does', async () => {
      // A third Shanghai provider joins the agreement in force for three of its services only.
      const provider = providers[2];
      const [{ id: agreement }] = await app.dataSource.query(
        `SELECT a.id FROM recognition_agreements a JOIN recognition_agreement_providers ap ON ap.agreement_id = a.id AND ap.provider_id = $1
          WHERE a.issuing_region_code = '330400' AND a.status = 'in_force'`,
        [providers[0].id],
      );
      const listed = (await app.dataSource.query(
        `SELECT id FROM catalog_services WHERE provider_id = $1 AND status = 'active' AND search_text LIKE '%光谱%' ORDER BY code LIMIT 3`, [provider.id],
      )).map((r: { id: string }) => r.id);
      expect(listed).toHaveLength(3);
      await app.dataSource.query(`INSERT INTO recognition_agreement_providers (agreement_id, provider_id) VALUES ($1, $2)`, [agreement, provider.id]);
      await app.dataSource.query(`INSERT INTO recognition_agreement_services (agreement_id, service_id, provider_id) SELECT $1, unnest($2::uuid[]), $3`, [agreement, listed, provider.id]);
      try {
        const query = { q: '光谱', recognisedOnly: true };
        const expected = (await app.dataSource.query(
          `SELECT s.id FROM catalog_services s WHERE s.id = ANY($1::uuid[]) OR s.id = ANY($2::uuid[])`,
          [(await reference(query)).map((h) => h.id), listed],
        )).length;
        const fromEngine = await allPages(engineApp, query, 100);
        expect(fromEngine.ids).toEqual((await allPages(app, query, 100)).ids); // PostgreSQL's plan, same database
        expect(fromEngine.ids).toHaveLength(expected);
        for (const id of listed) expect(fromEngine.ids).toContain(id);
        expect(fromEngine.first.total).toBe(expected);
      } finally {
        await app.dataSource.query(`DELETE FROM recognition_agreement_services WHERE agreement_id = $1 AND provider_id = $2`, [agreement, provider.id]);
        await app.dataSource.query(`DELETE FROM recognition_agreement_providers WHERE agreement_id = $1 AND provider_id = $2`, [agreement, provider.id]);
      }
    });

    it('drops a service withdrawn since the feed at once, and counts it out after the next feed', async () => {
      const before = await page(engineApp, { q: '光谱', limit: 5 });
      const gone = before.items[3].id;
      await app.dataSource.query(`UPDATE catalog_services SET status = 'withdrawn' WHERE id = $1`, [gone]);
      const now = await page(engineApp, { q: '光谱', limit: 5 });
      expect(now.items.map((i) => i.id)).toEqual([...before.items.map((i) => i.id).filter((id) => id !== gone), expect.any(String)]);
      expect(now.total).toBe(before.total); // the engine's count, as of its last feed
      expect((await searches()).pending).toBe(1); // what the next pass sends
      expect(await feed()).toBe(1);
      const fed = await searches();
      expect(fed.pending).toBe(0);
      expect(fed.age).toBeGreaterThanOrEqual(0);
      expect(fed.age).toBeLessThan(5);
      expect((await page(engineApp, { q: '光谱', limit: 5 })).total).toBe(before.total - 1);
      expect(await ids(engineApp, { q: '光谱' })).toEqual((await reference({ q: '光谱' })).map((h) => h.id));
    });

    it('pages right when the first candidates of the engine are all gone from the catalogue (asks it again for more)', async () => {
      const query = { q: '光谱' }; // tier 1 (in the name) has hundreds, tier 2 (only in the description) some too
      const matches = (await reference(query)).map((h) => h.id);
      const gone = matches.slice(1, 40); // after the exact name: more than a page and its slack, all of tier 1's first answer
      await app.dataSource.query(`UPDATE catalog_services SET status = 'withdrawn' WHERE id = ANY($1::uuid[])`, [gone]);
      try {
        const left = matches.filter((id) => !gone.includes(id));
        expect((await allPages(engineApp, query, 5, 3)).ids).toEqual(left.slice(0, 15));
        expect(await ids(engineApp, query)).toEqual(left);
      } finally {
        await app.dataSource.query(`UPDATE catalog_services SET status = 'active' WHERE id = ANY($1::uuid[])`, [gone]);
        await feed();
      }
    });

    it('finds a renamed service by its new name after the feed, never by its old one', async () => {
      const [victim] = (await reference({ q: '振动试验' })).slice(-1);
      await retext(victim.id, '鼹鼠皮革振荡测试');
      expect(await ids(engineApp, { q: '振动试验' })).not.toContain(victim.id); // rechecked against the catalogue
      expect(await ids(engineApp, { q: '振荡' })).toEqual([]); // not fed yet
      await feed();
      expect(await ids(engineApp, { q: '振荡' })).toEqual([victim.id]);
      for (const q of ['鼹鼠', '振动试验']) expect(await ids(engineApp, { q })).toEqual((await reference({ q })).map((h) => h.id));
    });

    it('feeds a change made by a transaction that was still open when a later one was fed', async () => {
      // Two services of different providers: writers of one provider's services wait for each other's commit (its
      // version row, docs/catalog-search.md "Provider marks"), so the later one could not commit first.
      const found = (await reference({ q: '热重分析' })).map((h) => h.id);
      const providers = new Map(
        ((await app.dataSource.query(`SELECT id, provider_id FROM catalog_services WHERE id = ANY($1::uuid[])`, [found])) as { id: string; provider_id: string }[]).map((r) => [r.id, r.provider_id]),
      );
      const early = found[0];
      const late = found.find((id) => providers.get(id) !== providers.get(early))!;
      expect(late).toBeDefined();
      const open = await app.dataSource.createQueryRunner();
      await open.connect();
      await open.startTransaction();
      try {
        const search = searchFields({ name: '龘龘早', description: null });
        await open.query(`UPDATE catalog_services SET name = '龘龘早', search_text = $2, search_tokens = array_to_tsvector($3::text[]) WHERE id = $1`, [early, search.text, arrayLiteral(search.tokens)]);
        await retext(late, '龘龘晚'); // begins and commits after the open one: a higher transaction id
        await feed();
        expect(await ids(engineApp, { q: '龘龘' })).toEqual([late]);
        await open.commitTransaction();
      } finally {
        await open.release();
      }
      expect(await ids(engineApp, { q: '龘龘' })).toEqual([late]); // committed, not fed yet
      await feed();
      expect((await ids(engineApp, { q: '龘龘' })).sort()).toEqual([early, late].sort());
    });

    it('sends a change once, however long a transaction of another database holds the horizon back', async () => {
      // A transaction with an id, open in another database of the cluster (as another application's would be): the
      // horizon (the oldest transaction running) stays at or below it while it lasts.
      const other = new Client({ connectionString: adminUrl() });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT pg_current_xact_id()');
        const [target] = (await reference({ q: '热重分析' })).map((h) => h.id);
        await retext(target, '鼗鼗一次');
        expect((await searches()).pending).toBe(1);
        expect(await feed()).toBe(1);
        expect(await ids(engineApp, { q: '鼗鼗' })).toEqual([target]);
        // Nothing is sent again, and nothing counts as waiting, while the other transaction stays open.
        expect(await feed()).toBe(0);
        expect((await searches()).pending).toBe(0);
        await retext(target, '鼗鼗两次');
        expect(await feed()).toBe(1);
        expect(await ids(engineApp, { q: '鼗鼗两次' })).toEqual([target]);
      } finally {
        await other.query('ROLLBACK').catch(() => undefined);
        await other.end();
      }
    });

    it('hides a suspended provider at once, in pages and facets', async () => {
      const target = providers[2];
      await app.dataSource.query(`UPDATE organizations SET admission_status = 'suspended' WHERE id = $1`, [target.id]);
      try {
        const answer = await page(engineApp, { q: '检测' });
        expect(answer.facets.provider.map((f) => f.value)).not.toContain(target.id);
        expect(await ids(engineApp, { q: '检测' })).toEqual((await reference({ q: '检测' })).map((h) => h.id));
      } finally {
        await app.dataSource.query(`UPDATE organizations SET admission_status = 'active' WHERE id = $1`, [target.id]);
      }
    });

    it('searches PostgreSQL while the engine is down, and the engine again once it is back', async () => {
      await searchd.stop();
      const before = await searches();
      try {
        expect(await ids(engineApp, { q: '光谱' })).toEqual((await reference({ q: '光谱' })).map((h) => h.id));
        expect(await ids(engineApp, { q: '测' })).toEqual((await reference({ q: '测' })).map((h) => h.id));
      } finally {
        await searchd.start();
      }
      const meanwhile = await searches();
      // The first search found the engine down; the next ones skipped it for SEARCH_ENGINE_RETRY_MS.
      expect(meanwhile.fallback).toBeGreaterThanOrEqual(before.fallback + 1);
      expect(meanwhile.postgres).toBeGreaterThan(before.postgres);
      expect(meanwhile.engine).toBe(before.engine);
      await new Promise((r) => setTimeout(r, 1600));
      await page(engineApp, { q: '测' });
      expect((await searches()).engine).toBe(meanwhile.engine + 1);
    });

    it('feeds the whole catalogue again to an engine that lost its index', async () => {
      await searchd.wipe();
      await searchd.start();
      // A worker that starts checks the index: empty while the feed thought it fed, so everything is sent again.
      const worker = await startTestApp({ database: app.db, role: 'worker', env: { SEARCH_ENGINE_URL: searchd.url, SEARCH_ENGINE_FEED_INTERVAL_MS: '600000' } });
      try {
        const listed = Number((await app.dataSource.query(`SELECT count(*) AS n FROM catalog_services`))[0].n);
        expect(await worker.get(SearchEngineFeeder).feedAll()).toBe(listed);
      } finally {
        await worker.close({ keepData: true });
      }
      await new Promise((r) => setTimeout(r, 1600)); // the engine app's own connections saw the engine go: retry window
      for (const q of ['测', '光谱']) expect(await ids(engineApp, { q })).toEqual((await reference({ q })).map((h) => h.id));
    });
  });

  it.each([
    ['cursor', { q: '光谱', cursor: 'not-a-cursor' }],
    ['cursor', { q: '光谱', cursor: 'a$b' }],
    ['cursor', { q: '光谱', cursor: Buffer.from(JSON.stringify([1, 'x', 1, 'not-a-uuid', null])).toString('base64url') }],
    ['offset', { q: '光谱', offset: 10001 }],
    ['limit', { q: '光谱', limit: 0 }],
  ])('refuses a bad %s with a field-level 400', async (field, query) => {
    const res = await app.http().get('/api/v1/catalog/services').query(query).set(enterprise.auth);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses a cursor of another search, and a cursor with an offset', async () => {
    const first = await page(app, { q: '光谱', limit: 5 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const other = await app.http().get('/api/v1/catalog/services').query({ q: '检测', cursor: first.nextCursor! }).set(enterprise.auth);
    expect([other.status, other.body.details]).toEqual([400, [{ field: 'cursor', message: expect.stringContaining('another search') }]]);
    const both = await app.http().get('/api/v1/catalog/services').query({ q: '光谱', cursor: first.nextCursor!, offset: 5 }).set(enterprise.auth);
    expect([both.status, both.body.details]).toEqual([400, [{ field: 'offset', message: expect.any(String) }]]);
  });
});
