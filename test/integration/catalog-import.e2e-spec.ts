import * as ExcelJS from 'exceljs';
import * as http from 'node:http';
import { generateCatalogCsv, generateProviders } from '../../scripts/catalog-generate';
import { usccProblem } from '../../packages/shared/uscc';
import { searchFields } from '../../src/modules/catalog/catalog.service';
import { CatalogImportJob } from '../../src/modules/catalog/imports/catalog-import.job';
import { CatalogImportSweeper } from '../../src/modules/catalog/imports/catalog-import.sweeper';
import { registerOrganization, uniqueUscc } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

// The per-project `testTimeout` in jest.config.js is not applied (a global-only option); set it here.
jest.setTimeout(240_000);

type Auth = { Authorization: string };
const HEADER = 'provider_uscc,provider_name,service_code,name,category,unit_price_fen,unit,lead_time_days,instrument_name,instrument_model,description';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BATCH = 700;
const FINAL = ['completed', 'rejected', 'failed'];

/** docs/catalog-search.md, "Import": upload → queued job → set-wise validation → batched merge. */
describe('catalogue import: COPY staging, set-wise validation, batched merge as queue jobs', () => {
  let app: TestApp;
  let provider: Session;
  let partner: Session;
  let enterprise: Session;
  let own: { id: string; uscc: string; name: string };

  beforeAll(async () => {
    app = await startTestApp({ env: { CATALOG_IMPORT_BATCH_ROWS: String(BATCH) } });
    [provider, partner, enterprise] = await Promise.all([DEMO.provider, DEMO.partner, DEMO.enterprise].map((email) => login(app, email)));
    const me = await app.http().get('/api/v1/me').set(provider.auth).expect(200);
    own = { id: me.body.organization.id, uscc: me.body.organization.uscc, name: me.body.organization.name };
  });
  afterAll(() => app?.close());

  const api = () => app.http();
  function upload(auth: Auth, body: string | Buffer, query: Record<string, string> = {}, contentType = 'text/csv; charset=utf-8') {
    return api().post('/api/v1/catalog/imports').query(query).set(auth).set('Content-Type', contentType).send(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
  }
  async function finished(auth: Auth, id: string): Promise<Record<string, unknown> & { id: string; status: string }> {
    return eventually(async () => {
      const res = await api().get(`/api/v1/catalog/imports/${id}`).set(auth).expect(200);
      return FINAL.includes(res.body.status) ? res.body : undefined;
    }, 120_000, `import ${id} to finish`);
  }
  /** Uploads, expects 202 + queued, and waits for the job's outcome. */
  async function runImport(auth: Auth, body: string | Buffer, query: Record<string, string> = {}, contentType?: string) {
    const res = await upload(auth, body, query, contentType).expect(202);
    expect(res.body).toMatchObject({ status: 'queued', finishedAt: null });
    return finished(auth, res.body.id);
  }
  async function errorsOf(auth: Auth, id: string) {
    const res = await api().get(`/api/v1/catalog/imports/${id}/errors`).query({ limit: 1000 }).set(auth).expect(200);
    return res.body as { rowNumber: number; field: string; message: string }[];
  }
  async function changesOf(auth: Auth, id: string, kind: string, limit = 1000) {
    const res = await api().get(`/api/v1/catalog/imports/${id}/changes`).query({ kind, limit }).set(auth).expect(200);
    return res.body as { counts: Record<string, number>; items: { kind: string; code: string; rowNumber: number | null; name: string; unitPriceFen: number; status: string }[] };
  }
  /** The services of these providers, every stored field, in a stable order. */
  async function catalogueOf(usccs: string[]) {
    return app.dataSource.query(
      `SELECT o.uscc, s.code, s.name, s.category, s.unit_price_fen, s.unit, s.lead_time_days, s.instrument_name, s.instrument_model, s.description,
              s.region_code, s.status, s.search_text, s.search_tokens::text AS tokens, s.version, s.updated_at
         FROM catalog_services s JOIN organizations o ON o.id = s.provider_id WHERE o.uscc = ANY($1) ORDER BY o.uscc, s.code`,
      [usccs],
    );
  }
  const csvOf = (rows: (string | number)[][]) => `${[HEADER, ...rows.map((r) => r.join(','))].join('\n')}\n`;
  async function xlsxOf(rows: (string | number)[][], header = HEADER.split(',')): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('catalogue');
    sheet.addRow(header);
    // Prices and lead times as numbers, as a spreadsheet program stores them; everything else as text.
    for (const r of rows) sheet.addRow(r.map((v, i) => ((i === 5 || i === 7) && typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v)));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('a lab imports its own catalogue; any bad row rejects the whole file; invalidRows=skip merges the valid rows', async () => {
    const rows = [
      [own.uscc, own.name, 'OWN-1', '鼹鼷气相色谱分析', 'analysis', 30000, '样品', 3, '气相色谱仪', '8890 GC', '"含""引号""的描述, 和逗号"'],
      [own.uscc, own.name, 'OWN-2', '鼹鼷液相色谱分析', 'analysis', 40000, '样品', 3, '', '', ''],
      [uniqueUscc('310115'), '别人的机构', 'OWN-3', '鼹鼷别人的服务', 'analysis', 40000, '样品', 3, '', '', ''],
    ];
    const rejected = await runImport(provider.auth, csvOf(rows));
    expect(rejected).toMatchObject({ status: 'rejected', rowsTotal: 3, rowsValid: 2, rowsInvalid: 1, rowsInserted: 0, rowsMerged: 0 });
    expect(await errorsOf(provider.auth, rejected.id)).toEqual([{ rowNumber: 4, field: 'provider_uscc', message: `must be your own organisation’s USCC (${own.uscc})` }]);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM catalog_services WHERE provider_id = $1 AND code LIKE 'OWN-%'`, [own.id]);
    expect(n).toBe(0);

    const skipped = await runImport(provider.auth, csvOf(rows), { invalidRows: 'skip' });
    expect(skipped).toMatchObject({ status: 'completed', invalidRows: 'skip', rowsTotal: 3, rowsValid: 2, rowsInvalid: 1, rowsInserted: 2, rowsUpdated: 0, rowsUnchanged: 0 });
    const found = await api().get('/api/v1/catalog/services').query({ q: '鼹鼷' }).set(enterprise.auth).expect(200);
    expect(found.body.items.map((i: { name: string; description: string | null }) => [i.name, i.description]).sort()).toEqual([
      ['鼹鼷气相色谱分析', '含"引号"的描述, 和逗号'], ['鼹鼷液相色谱分析', null],
    ]);
    // A changed price: one changed, one unchanged (not written: same version).
    const before = await catalogueOf([own.uscc]);
    const again = await runImport(provider.auth, csvOf(rows.slice(0, 2).map((r) => (r[2] === 'OWN-2' ? [...r.slice(0, 5), 45000, ...r.slice(6)] : r))));
    expect(again).toMatchObject({ status: 'completed', rowsValid: 2, rowsInserted: 0, rowsUpdated: 1, rowsUnchanged: 1 });
    const after = await catalogueOf([own.uscc]);
    const pick = (rows: Record<string, unknown>[], code: string) => rows.find((r) => r.code === code)!;
    expect(pick(after, 'OWN-1')).toEqual(pick(before, 'OWN-1'));
    expect(pick(after, 'OWN-2')).toMatchObject({ unit_price_fen: '45000', version: (pick(before, 'OWN-2').version as number) + 1 });
    // A spreadsheet row ends at its last non-empty cell: empty optional columns at the end are simply empty.
    const fromXlsx = await runImport(provider.auth, await xlsxOf([[own.uscc, own.name, 'OWN-4', '鼹鼷电镜分析', 'analysis', '900', '样品', '2']]), {}, XLSX);
    expect(fromXlsx).toMatchObject({ status: 'completed', rowsInvalid: 0, rowsInserted: 1 });
    const changed = await changesOf(provider.auth, again.id, 'changed');
    expect(changed.counts).toEqual({ added: 0, changed: 1, withdrawn: 0, unchanged: 1 });
    expect(changed.items).toEqual([expect.objectContaining({ kind: 'changed', code: 'OWN-2', rowNumber: 3, unitPriceFen: 45000, status: 'active' })]);
  });
  it('refuses other content types with 415, callers who may not import, and providers not admitted', async () => {
    expect((await api().post('/api/v1/catalog/imports').set(partner.auth).send({ rows: [] }).expect(415)).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await upload(partner.auth, 'a,b\n', {}, 'text/plain').expect(415);
    await upload(partner.auth, 'a,b\n', {}, 'multipart/form-data; boundary=x').expect(415);
    await upload(enterprise.auth, 'a,b\n').expect(403);
    const applied = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    await upload(applied.auth, 'a,b\n').expect(422);
    expect((await upload(partner.auth, 'a,b\n', { invalidRows: 'maybe' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('fails an upload whose header is unusable or whose CSV or XLSX cannot be read, and says why', async () => {
    const res = await upload(partner.auth, 'provider_uscc,name\nX,Y\n').expect(400);
    expect(res.body.message).toContain('missing columns');
    const imp = await api().get(`/api/v1/catalog/imports/${res.body.details.importId}`).set(partner.auth).expect(200);
    expect(imp.body).toMatchObject({ status: 'failed', rowsTotal: 0 });
    const broken = await upload(partner.auth, `${HEADER}\n"unclosed,quote\n`).expect(400);
    expect(broken.body.message).toContain('could not be parsed');
    const notXlsx = await upload(partner.auth, 'this is not a zip file', {}, XLSX).expect(400);
    expect(notXlsx.body.message).toContain('XLSX');
    const [{ staged }] = await app.dataSource.query(`SELECT count(*)::int AS staged FROM catalog_import_lines WHERE import_id = ANY($1)`, [
      [res.body.details.importId, broken.body.details.importId, notXlsx.body.details.importId],
    ]);
    expect(staged).toBe(0);
  });

  describe('a partner admin’s 6,000 generated rows', () => {
    const providers = generateProviders({ providers: 40, seed: 7 });
    const clean = () => [...generateCatalogCsv({ providers: 40, services: 6_000, seed: 7 })].slice(1).map((l) => l.trimEnd().split(','));
    let jiaxingProvider: string;
    let enterpriseUscc: string;
    const broken = () => {
      const rows = clean();
      // Row n of the file is rows[n - 2] (the header is row 1). Generated rows have no quoted commas.
      const set = (n: number, column: number, value: string) => (rows[n - 2][column] = value);
      set(101, 5, '12.5'); // type: not an integer
      set(202, 4, 'astrology'); // unknown category
      set(303, 0, `${rows[301][0].slice(0, 17)}${rows[301][0][17] === '0' ? '1' : '0'}`); // USCC check character
      set(404, 7, '400'); // range: lead time
      set(505, 0, rows[502][0]); // duplicate: same provider as row 504 …
      set(505, 2, rows[502][2]); // … and the same service code
      set(708, 3, ''); // required
      set(809, 5, '-100'); // not a positive integer
      set(910, 0, rows[908][0].toLowerCase()); // lower-case USCC (a valid one with letters: see below)
      set(1011, 0, jiaxingProvider); // a provider of another region
      set(1112, 0, enterpriseUscc); // not a provider
      set(1213, 6, ''); // unit required …
      set(1213, 10, 'x'.repeat(2001)); // … and a description too long: both reported
      set(1314, 2, 'A B'); // service code pattern
      return rows;
    };
    const expectedErrors = () => [
      [101, 'unit_price_fen', 'must be a positive integer number of fen (at most 1000000000000)'],
      [202, 'category', "unknown category 'astrology'"],
      [303, 'provider_uscc', expect.stringContaining('has a wrong check character (GB 32100-2015)')],
      [404, 'lead_time_days', 'must be an integer from 0 to 365'],
      [505, 'service_code', 'repeats row 504 (same provider and service code)'],
      [708, 'name', 'must be at least 2 characters'],
      [809, 'unit_price_fen', 'must be a positive integer number of fen (at most 1000000000000)'],
      [910, 'provider_uscc', expect.stringMatching(/must be upper case|may contain only/)],
      [1011, 'provider_uscc', 'belongs to a provider of another region (330402)'],
      [1112, 'provider_uscc', 'belongs to an organisation that is not a provider'],
      [1213, 'unit', 'is required'],
      [1213, 'description', 'must be at most 2000 characters'],
      [1314, 'service_code', 'must be 1-64 letters, digits or . _ / - (starting with a letter or digit)'],
    ];

    beforeAll(async () => {
      [{ uscc: jiaxingProvider }] = await app.dataSource.query(`SELECT uscc FROM organizations WHERE region_code = '330402' AND kind = 'provider' AND admission_status = 'active' LIMIT 1`);
      [{ uscc: enterpriseUscc }] = await app.dataSource.query(`SELECT uscc FROM organizations WHERE kind = 'enterprise' AND uscc IS NOT NULL LIMIT 1`);
    });

    it('a file with bad rows reports every problem of every bad row, as CSV and as XLSX alike, and merges nothing', async () => {
      const rows = broken();
      expect(rows[908][0]).not.toBe(rows[908][0].toUpperCase());
      const csv = await runImport(partner.auth, `${[HEADER, ...rows.map((r) => r.join(','))].join('\n')}\n`);
      expect(csv).toMatchObject({ status: 'rejected', format: 'csv', rowsTotal: 6_000, rowsInvalid: 12, rowsValid: 5_988, rowsInserted: 0, providersCreated: 0 });
      const errors = await errorsOf(partner.auth, csv.id);
      expect(errors.map((e) => [e.rowNumber, e.field, e.message])).toEqual(expectedErrors());
      const xlsx = await runImport(partner.auth, await xlsxOf(rows), {}, XLSX);
      expect(xlsx).toMatchObject({ status: 'rejected', format: 'xlsx', rowsTotal: 6_000, rowsInvalid: 12, rowsInserted: 0 });
      expect(await errorsOf(partner.auth, xlsx.id)).toEqual(errors);
      const [counts] = await app.dataSource.query(
        `SELECT (SELECT count(*)::int FROM organizations WHERE uscc = ANY($1)) AS providers,
                (SELECT count(*)::int FROM catalog_import_lines WHERE import_id = ANY($2)) AS staged,
                (SELECT count(*)::int FROM catalog_import_changes WHERE import_id = ANY($2)) AS changes`,
        [providers.map((p) => p.uscc), [csv.id, xlsx.id]],
      );
      expect(counts).toEqual({ providers: 0, staged: 0, changes: 0 });
      // A record with the wrong number of fields is a problem of the row as a whole.
      const short = await runImport(partner.auth, `${HEADER}\n${rows[0].join(',')}\ntoo,few,fields\n`);
      expect(await errorsOf(partner.auth, short.id)).toEqual([{ rowNumber: 3, field: 'row', message: 'has 3 fields, the header has 11' }]);
    });

    it('XLSX and CSV of the same data give the same catalogue; re-importing it changes nothing and writes nothing', async () => {
      const rows = clean();
      // ANALYZE catalog_services by the import itself (analyze_count; autovacuum's are counted apart): after 6,000 new services, not after none.
      const analyses = async () =>
        ((await app.dataSource.query(`SELECT analyze_count::int AS n FROM pg_stat_user_tables WHERE relid = 'catalog_services'::regclass`)) as { n: number }[])[0].n;
      const analysedBefore = await analyses();
      const first = await runImport(partner.auth, await xlsxOf(rows), {}, XLSX);
      expect(first).toMatchObject({ status: 'completed', rowsTotal: 6_000, rowsValid: 6_000, rowsInvalid: 0, rowsInserted: 6_000, rowsMerged: 6_000, providersCreated: 40 });
      expect(await analyses()).toBe(analysedBefore + 1);
      const usccs = providers.map((p) => p.uscc);
      const fromXlsx = await catalogueOf(usccs);
      expect(fromXlsx).toHaveLength(6_000);
      const again = await runImport(partner.auth, `${[HEADER, ...rows.map((r) => r.join(','))].join('\n')}\n`);
      expect(again).toMatchObject({ status: 'completed', format: 'csv', rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 6_000, providersCreated: 0 });
      // Each provider's block matched the mark the XLSX import left: nothing was staged (docs/catalog-search.md, "Provider marks").
      expect((await app.dataSource.query(`SELECT rows_skipped FROM catalog_imports WHERE id = $1`, [again.id]))[0].rows_skipped).toBe(6_000);
      expect(await analyses()).toBe(analysedBefore + 1);
      expect(await catalogueOf(usccs)).toEqual(fromXlsx); // every field, the search text and tokens, the version and updated_at
      const changes = await changesOf(partner.auth, again.id, 'unchanged', 5);
      expect(changes.counts).toEqual({ added: 0, changed: 0, withdrawn: 0, unchanged: 6_000 });
      expect(changes.items.map((i) => i.rowNumber)).toEqual([2, 3, 4, 5, 6]);
      // Unchanged services are kept per merge batch (700 rows here, rows 2-701 the first): a page across a batch's end, and the last page.
      const page = async (offset: number) =>
        (await api().get(`/api/v1/catalog/imports/${again.id}/changes`).query({ kind: 'unchanged', limit: 10, offset }).set(partner.auth).expect(200)).body as {
          items: { rowNumber: number; code: string }[];
          hasMore: boolean;
        };
      const across = await page(695);
      expect(across.items.map((i) => i.rowNumber)).toEqual([697, 698, 699, 700, 701, 702, 703, 704, 705, 706]);
      expect(across.items.map((i) => i.code)).toEqual(rows.slice(695, 705).map((r) => r[2]));
      expect(across.hasMore).toBe(true);
      const last = await page(5_995);
      expect([last.items.map((i) => i.rowNumber), last.hasMore]).toEqual([[5_997, 5_998, 5_999, 6_000, 6_001], false]);
      expect((await page(6_000)).items).toEqual([]);
      const audit = await app.dataSource.query(
        `SELECT action, count(*)::int AS n FROM audit_events WHERE subject_id = ANY($1) OR after->>'importId' = ANY($1) GROUP BY action ORDER BY action`,
        [[first.id, again.id]],
      );
      // 6,000 rows in batches of 700: 9 batches write; the unchanged re-import writes none.
      expect(audit).toEqual([
        { action: 'catalog.import.batch_merged', n: 9 }, { action: 'catalog.import.completed', n: 2 }, { action: 'catalog.import.received', n: 2 },
        { action: 'organization.provider.imported', n: 40 },
      ]);
      const [{ staged }] = await app.dataSource.query(`SELECT count(*)::int AS staged FROM catalog_import_lines WHERE import_id = ANY($1)`, [[first.id, again.id]]);
      expect(staged).toBe(0);
      // Searchable, and only the importer's side reads the import.
      const found = await api().get('/api/v1/catalog/services').query({ q: '分析', limit: 5 }).set(enterprise.auth).expect(200);
      expect(found.body.items.length).toBeGreaterThan(0);
      await api().get(`/api/v1/catalog/imports/${first.id}`).set(provider.auth).expect(404);
      await api().get(`/api/v1/catalog/imports/${first.id}/changes`).query({ kind: 'added' }).set(provider.auth).expect(404);
      await api().get(`/api/v1/catalog/imports/${first.id}/changes`).query({ kind: 'moved' }).set(partner.auth).expect(400);
    });
  });

  it('reports added / changed / withdrawn / unchanged; withdraws only with withdrawMissing, and a later file lists a service again', async () => {
    const uscc = uniqueUscc('310104');
    const row = (code: string, price: number) => [uscc, '上海变更测试检测中心', code, `鼯鼯变更测试${code}`, 'testing', price, '样品', 2, '', '', ''];
    const first = await runImport(partner.auth, csvOf(['C1', 'C2', 'C3', 'C4', 'C5'].map((c) => row(c, 1000))));
    expect(first).toMatchObject({ status: 'completed', rowsInserted: 5, providersCreated: 1 });
    const next = csvOf([row('C1', 1000), row('C2', 2000), row('C6', 1000)]);
    const kept = await runImport(partner.auth, next);
    expect(kept).toMatchObject({ status: 'completed', rowsInserted: 1, rowsUpdated: 1, rowsUnchanged: 1, rowsWithdrawn: 0 });
    const full = await runImport(partner.auth, next, { withdrawMissing: 'true' });
    expect(full).toMatchObject({ status: 'completed', withdrawMissing: true, rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 3, rowsWithdrawn: 3 });
    const withdrawn = await changesOf(partner.auth, full.id, 'withdrawn');
    expect(withdrawn.counts).toEqual({ added: 0, changed: 0, withdrawn: 3, unchanged: 3 });
    expect(withdrawn.items.map((i) => [i.code, i.rowNumber, i.status])).toEqual([['C3', null, 'withdrawn'], ['C4', null, 'withdrawn'], ['C5', null, 'withdrawn']]);
    const added = await changesOf(partner.auth, kept.id, 'added');
    expect(added.items.map((i) => [i.code, i.rowNumber])).toEqual([['C6', 4]]);
    expect((await changesOf(partner.auth, kept.id, 'changed')).items.map((i) => [i.code, i.unitPriceFen])).toEqual([['C2', 2000]]);
    const unchanged = await changesOf(partner.auth, kept.id, 'unchanged');
    expect([unchanged.counts, unchanged.items.map((i) => [i.kind, i.code, i.rowNumber])]).toEqual([{ added: 1, changed: 1, withdrawn: 0, unchanged: 1 }, [['unchanged', 'C1', 2]]]);
    const search = await api().get('/api/v1/catalog/services').query({ q: '鼯鼯变更测试' }).set(enterprise.auth).expect(200);
    expect(search.body.items.map((i: { code: string }) => i.code).sort()).toEqual(['C1', 'C2', 'C6']);
    // Named again: listed again, as a change.
    const back = await runImport(partner.auth, csvOf([row('C3', 1000)]));
    expect(back).toMatchObject({ rowsUpdated: 1 });
    expect((await changesOf(partner.auth, back.id, 'changed')).items.map((i) => [i.code, i.status])).toEqual([['C3', 'active']]);
  });

  describe('provider marks: a block the catalogue already holds is not staged again (docs/catalog-search.md, "Provider marks")', () => {
    const skippedOf = async (id: string) => ((await app.dataSource.query(`SELECT rows_skipped FROM catalog_imports WHERE id = $1`, [id])) as { rows_skipped: number }[])[0].rows_skipped;
    const versionOf = async (uscc: string) =>
      (
        (await app.dataSource.query(
          `SELECT m.version::int AS version, m.mark_version::int AS mark FROM catalog_provider_marks m JOIN organizations o ON o.id = m.provider_id WHERE o.uscc = $1`,
          [uscc],
        )) as { version: number; mark: number | null }[]
      )[0];
    const rowOf = (uscc: string, name: string) => (code: string, price = 1000) => [uscc, name, code, `鼩鼩标记测试${code}`, 'testing', price, '样品', 2, '', '', ''];

    it('re-imports an unchanged provider without staging it, in either format, and stages it again after any change by another route', async () => {
      const a = uniqueUscc('310104');
      const b = uniqueUscc('310105');
      const rowA = rowOf(a, '上海标记测试甲中心');
      const rowB = rowOf(b, '上海标记测试乙中心');
      const file = [rowA('A1'), rowA('A2'), rowA('A3'), rowB('B1'), rowB('B2')];
      const first = await runImport(partner.auth, csvOf(file));
      expect(first).toMatchObject({ status: 'completed', rowsInserted: 5, providersCreated: 2 });
      expect(await skippedOf(first.id)).toBe(0);
      const stored = await catalogueOf([a, b]);

      // The same data as XLSX: both blocks match their marks; nothing is staged, written or audited beyond the import's own rows.
      const again = await runImport(partner.auth, await xlsxOf(file), {}, XLSX);
      expect(again).toMatchObject({ status: 'completed', rowsTotal: 5, rowsValid: 5, rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 5, rowsMerged: 5 });
      expect(await skippedOf(again.id)).toBe(5);
      expect(await catalogueOf([a, b])).toEqual(stored);
      const unchanged = await changesOf(partner.auth, again.id, 'unchanged');
      expect([unchanged.counts, unchanged.items.map((i) => [i.code, i.rowNumber])]).toEqual([
        { added: 0, changed: 0, withdrawn: 0, unchanged: 5 }, [['A1', 2], ['A2', 3], ['A3', 4], ['B1', 5], ['B2', 6]],
      ]);

      // A note line inside A's block shifts the row numbers, not the fingerprint.
      const noted = await runImport(partner.auth, csvOf(file).replace(`\n${rowA('A2').join(',')}`, `\n# 备注\n${rowA('A2').join(',')}`));
      expect([noted.rowsUnchanged, await skippedOf(noted.id)]).toEqual([5, 5]);
      expect((await changesOf(partner.auth, noted.id, 'unchanged')).items.map((i) => [i.code, i.rowNumber])).toEqual([['A1', 2], ['A2', 4], ['A3', 5], ['B1', 6], ['B2', 7]]);

      // Another writer changes A2's price: only A's block is staged, and the file wins, as it would have without marks.
      const before = await versionOf(a);
      await app.dataSource.query(`UPDATE catalog_services s SET unit_price_fen = 1500 FROM organizations o WHERE o.id = s.provider_id AND o.uscc = $1 AND s.code = 'A2'`, [a]);
      expect(await versionOf(a)).toEqual({ version: before.version + 1, mark: before.mark });
      // A write of nothing a file says (the timestamp, a price set to itself) leaves the mark good.
      await app.dataSource.query(`UPDATE catalog_services s SET updated_at = now(), unit_price_fen = s.unit_price_fen FROM organizations o WHERE o.id = s.provider_id AND o.uscc = $1`, [b]);
      expect((await versionOf(b)).version).toBe((await versionOf(b)).mark);
      const restored = await runImport(partner.auth, csvOf(file));
      expect(restored).toMatchObject({ status: 'completed', rowsUpdated: 1, rowsUnchanged: 4 });
      expect(await skippedOf(restored.id)).toBe(2);
      expect((await changesOf(partner.auth, restored.id, 'changed')).items.map((i) => [i.code, i.unitPriceFen, i.rowNumber])).toEqual([['A2', 1000, 3]]);
      expect(await skippedOf((await runImport(partner.auth, csvOf(file))).id)).toBe(5);

      // An import that changes A but leaves it no mark (a row of A's block is invalid, skipped) moves A's version
      // itself: the old block is no longer taken as what the catalogue holds.
      const partial = await runImport(partner.auth, csvOf([rowA('A1', 1200), rowA('A2'), rowA('A3'), rowA('A 4'), rowB('B1'), rowB('B2')]), { invalidRows: 'skip' });
      expect(partial).toMatchObject({ status: 'completed', rowsInvalid: 1, rowsUpdated: 1 });
      expect((await versionOf(a)).mark).not.toBe((await versionOf(a)).version);
      const back = await runImport(partner.auth, csvOf(file));
      expect([back.rowsUpdated, await skippedOf(back.id)]).toEqual([1, 2]);
      expect(await skippedOf((await runImport(partner.auth, csvOf(file))).id)).toBe(5);

      // A service added by another route: A no longer holds exactly its block, so withdrawMissing sees A's rows and withdraws it.
      await app.dataSource.query(
        `INSERT INTO catalog_services (id, provider_id, code, name, category, unit_price_fen, unit, lead_time_days, region_code, search_text, search_tokens)
         SELECT gen_random_uuid(), o.id, 'A9', '鼩鼩标记测试A9', 'testing', 900, '样品', 1, o.region_code, '鼩鼩标记测试A9', ''::tsvector FROM organizations o WHERE o.uscc = $1`,
        [a],
      );
      const full = await runImport(partner.auth, csvOf(file), { withdrawMissing: 'true' });
      expect(full).toMatchObject({ status: 'completed', rowsWithdrawn: 1, rowsUnchanged: 5 });
      expect(await skippedOf(full.id)).toBe(2);
      expect((await changesOf(partner.auth, full.id, 'withdrawn')).items.map((i) => i.code)).toEqual(['A9']);
      // Withdrawn by the import itself after its batches: the next file stages A once more, then A is marked again.
      expect(await skippedOf((await runImport(partner.auth, csvOf(file), { withdrawMissing: 'true' })).id)).toBe(2);
      const quiet = await runImport(partner.auth, csvOf(file), { withdrawMissing: 'true' });
      expect([quiet.rowsWithdrawn, await skippedOf(quiet.id)]).toEqual([0, 5]);

      // A's USCC again further down the file: A's first block is staged after all, and the repeated code is reported.
      const settled = await catalogueOf([a, b]);
      const split = await runImport(partner.auth, csvOf([...file, rowA('A4'), rowA('A1', 2000)]));
      expect(split).toMatchObject({ status: 'rejected', rowsInvalid: 1 });
      expect(await skippedOf(split.id)).toBe(2);
      expect(await errorsOf(partner.auth, split.id)).toEqual([{ rowNumber: 8, field: 'service_code', message: 'repeats row 2 (same provider and service code)' }]);
      expect(await catalogueOf([a, b])).toEqual(settled);
    });

    it('a change committed while the merge waits to leave its mark leaves the mark out of date', async () => {
      const d = uniqueUscc('310107');
      const rowD = rowOf(d, '上海标记测试丁中心');
      const file = [rowD('D1'), rowD('D2')];
      await runImport(partner.auth, csvOf(file));
      // Another writer's change, not yet committed, to D2 (it holds D's version row), while the same file is imported again.
      await app.dataSource.query(`UPDATE catalog_provider_marks m SET version = m.version + 1 FROM organizations o WHERE o.id = m.provider_id AND o.uscc = $1`, [d]);
      const writer = app.dataSource.createQueryRunner();
      await writer.connect();
      try {
        await writer.startTransaction();
        await writer.query(`UPDATE catalog_services s SET unit_price_fen = 5 FROM organizations o WHERE o.id = s.provider_id AND o.uscc = $1 AND s.code = 'D2'`, [d]);
        const res = await upload(partner.auth, csvOf(file)).expect(202);
        // The merge compared D's rows as committed (unchanged) and now waits for D's version row to write the mark.
        await eventually(async () => {
          const [{ n }] = await app.dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO catalog_provider_marks AS m (provider_id, mark_hash%'`,
          );
          return n > 0 || undefined;
        }, 30_000, 'the merge waiting for the version row');
        await writer.commitTransaction();
        expect(await finished(partner.auth, res.body.id)).toMatchObject({ status: 'completed', rowsUnchanged: 2 });
      } finally {
        if (writer.isTransactionActive) await writer.rollbackTransaction();
        await writer.release();
      }
      // The mark holds the version the merge's snapshot saw, before the change: the next import stages D and restores D2.
      const state = await versionOf(d);
      expect(state.mark).toBe(state.version - 1);
      const restored = await runImport(partner.auth, csvOf(file));
      expect([restored.rowsUpdated, await skippedOf(restored.id)]).toEqual([1, 0]);
      expect(await skippedOf((await runImport(partner.auth, csvOf(file))).id)).toBe(2);
    });

    it('a block that straddles batches is marked only if its earlier rows still hold when its last batch ends', async () => {
      const c = uniqueUscc('310106');
      const rowC = rowOf(c, '上海标记测试丙中心');
      // 1,000 rows in batches of 700: rows 2-701 in the first, 702-1001 in the second. While the second runs, C-5 (first batch) changes.
      const file = Array.from({ length: 1000 }, (_, i) => rowC(`C-${i + 1}`, 1000 + i));
      await app.dataSource.query(`CREATE SEQUENCE test_mark_once`);
      await app.dataSource.query(`
        CREATE FUNCTION test_mark_change_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.code = 'C-900' AND nextval('test_mark_once') = 1 THEN
            UPDATE catalog_services SET unit_price_fen = 7 WHERE provider_id = NEW.provider_id AND code = 'C-5';
          END IF;
          RETURN NEW;
        END $$`);
      await app.dataSource.query(`CREATE TRIGGER test_mark_change_once AFTER INSERT ON catalog_services FOR EACH ROW EXECUTE FUNCTION test_mark_change_once()`);
      try {
        const first = await runImport(partner.auth, csvOf(file));
        expect(first).toMatchObject({ status: 'completed', rowsInserted: 1000 });
      } finally {
        await app.dataSource.query(`DROP TRIGGER test_mark_change_once ON catalog_services`);
        await app.dataSource.query(`DROP FUNCTION test_mark_change_once(); DROP SEQUENCE test_mark_once`);
      }
      expect((await versionOf(c)).mark).toBeNull();
      const fixed = await runImport(partner.auth, csvOf(file));
      expect(fixed).toMatchObject({ status: 'completed', rowsUpdated: 1, rowsUnchanged: 999 });
      expect(await skippedOf(fixed.id)).toBe(0);
      expect((await changesOf(partner.auth, fixed.id, 'changed')).items.map((i) => [i.code, i.unitPriceFen])).toEqual([['C-5', 1004]]);
      const quiet = await runImport(partner.auth, csvOf(file));
      expect([quiet.rowsUnchanged, await skippedOf(quiet.id)]).toEqual([1000, 1000]);
      expect(await catalogueOf([c])).toHaveLength(1000);
    });
  });

  it('a merge that fails between batches resumes on the job’s retry and ends with the same catalogue, each row merged once', async () => {
    const uscc = uniqueUscc('310112');
    const rows = Array.from({ length: 3000 }, (_, i) => [uscc, '上海续传测试实验室', `RES-${i + 1}`, `鼷鼷续传测试服务 ${i + 1}`, 'analysis', 10_000 + i, '机时', 1, '', '', '']);
    // Row 1502 (RES-1501) sits in the third batch of 700: the first attempt fails there, after two batches committed.
    await app.dataSource.query(`CREATE SEQUENCE test_fail_once`);
    await app.dataSource.query(`
      CREATE FUNCTION test_fail_import_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.code = 'RES-1501' AND nextval('test_fail_once') = 1 THEN RAISE EXCEPTION 'forced failure between batches'; END IF;
        RETURN NEW;
      END $$`);
    await app.dataSource.query(`CREATE TRIGGER test_fail_import_once BEFORE INSERT ON catalog_services FOR EACH ROW EXECUTE FUNCTION test_fail_import_once()`);
    try {
      const res = await upload(partner.auth, csvOf(rows)).expect(202);
      const midway = await eventually(async () => {
        const [{ called }] = await app.dataSource.query(`SELECT is_called AS called FROM test_fail_once`);
        if (!called) return undefined;
        const imp = await api().get(`/api/v1/catalog/imports/${res.body.id}`).set(partner.auth).expect(200);
        return imp.body.status === 'merging' ? imp.body : undefined;
      }, 60_000, 'the forced failure');
      expect(midway.rowsMerged).toBe(1400);
      const done = await finished(partner.auth, res.body.id);
      expect(done).toMatchObject({ status: 'completed', rowsInserted: 3000, rowsMerged: 3000, rowsUpdated: 0, providersCreated: 1 });
      const stored = await catalogueOf([uscc]);
      expect(stored.map((s: { code: string; unit_price_fen: string; version: number }) => [s.code, Number(s.unit_price_fen), s.version]).sort()).toEqual(
        rows.map((r) => [r[2], r[5], 1]).sort(),
      );
      const batches = await app.dataSource.query(
        `SELECT (after->>'rowsAfter')::int AS after, (after->>'rowsThrough')::int AS through, (after->>'inserted')::int AS inserted
           FROM audit_events WHERE action = 'catalog.import.batch_merged' AND subject_id = $1 ORDER BY 1`,
        [res.body.id],
      );
      expect(batches).toEqual([
        { after: 1, through: 701, inserted: 700 }, { after: 701, through: 1401, inserted: 700 }, { after: 1401, through: 2101, inserted: 700 },
        { after: 2101, through: 2801, inserted: 700 }, { after: 2801, through: 3001, inserted: 200 },
      ]);
      expect((await changesOf(partner.auth, res.body.id, 'added', 1)).counts).toEqual({ added: 3000, changed: 0, withdrawn: 0, unchanged: 0 });
    } finally {
      await app.dataSource.query(`DROP TRIGGER test_fail_import_once ON catalog_services`);
      await app.dataSource.query(`DROP FUNCTION test_fail_import_once(); DROP SEQUENCE test_fail_once`);
    }
  });

  it('the sweeper fails an abandoned import (no progress, no live job) and frees its slot, but not one whose job is still queued', async () => {
    const me = (await api().get('/api/v1/me').set(partner.auth).expect(200)).body;
    const insert = async (status: string, ageMinutes: number) => {
      const [{ id }] = await app.dataSource.query(
        `INSERT INTO catalog_imports (actor_user_id, actor_organization_id, actor_role, region_code, status, updated_at)
         VALUES ($1, $2, 'partner_admin', '310000', $3, now() - make_interval(mins => $4)) RETURNING id`,
        [me.user.id, me.organization.id, status, ageMinutes],
      );
      return id as string;
    };
    const abandonedUpload = await insert('uploading', 60);
    const waitingJob = await insert('queued', 60);
    const recent = await insert('merging', 0);
    await app.dataSource.query(`INSERT INTO catalog_import_slots (slot, holder, leased_until) VALUES (40, $1, now() + interval '1 hour')`, [abandonedUpload]);
    // A job that waits in the queue (due tomorrow) is alive.
    await app.dataSource.query(
      `INSERT INTO outbox (queue, job_name, payload, available_at) VALUES ('imports', 'catalog.import', jsonb_build_object('importId', $1::text), now() + interval '1 day')`,
      [waitingJob],
    );
    const failed = await app.get(CatalogImportSweeper).sweep();
    expect(failed).toEqual([abandonedUpload]);
    const statuses = await app.dataSource.query(`SELECT id, status, error_message FROM catalog_imports WHERE id = ANY($1) ORDER BY status`, [[abandonedUpload, waitingJob, recent]]);
    expect(Object.fromEntries(statuses.map((s: { id: string; status: string }) => [s.id, s.status]))).toEqual({ [abandonedUpload]: 'failed', [waitingJob]: 'queued', [recent]: 'merging' });
    expect(statuses.find((s: { id: string }) => s.id === abandonedUpload).error_message).toMatch(/^abandoned: no progress for \d+ s and no live job$/);
    const [{ holder }] = await app.dataSource.query(`SELECT holder FROM catalog_import_slots WHERE slot = 40`);
    expect(holder).toBeNull();
    // A job whose staged file is gone (the staging table is unlogged: a PostgreSQL crash empties it) fails the import instead of merging nothing.
    const lost = await insert('queued', 0);
    await app.dataSource.query(`UPDATE catalog_imports SET rows_total = 5 WHERE id = $1`, [lost]);
    expect(await app.get(CatalogImportJob).run({ importId: lost }, { jobId: 'test', attempt: 1 })).toEqual({ status: 'failed' });
    const [{ status, error_message }] = await app.dataSource.query(`SELECT status, error_message FROM catalog_imports WHERE id = $1`, [lost]);
    expect({ status, error_message }).toEqual({ status: 'failed', error_message: expect.stringContaining('0 of 5 rows') });
    await app.dataSource.query(`UPDATE outbox SET cancelled_at = now() WHERE payload->>'importId' = $1`, [waitingJob]);
    await app.dataSource.query(`UPDATE catalog_imports SET status = 'failed' WHERE id = ANY($1)`, [[waitingJob, recent]]);
  });

  it('shows progress while the upload runs; an upload cut off mid-way fails and leaves nothing staged', async () => {
    const csv = [...generateCatalogCsv({ providers: 5, services: 12_000, seed: 11 })];
    const first = Buffer.from(csv.slice(0, 7_001).join(''));
    const rest = Buffer.from(csv.slice(7_001).join(''));
    const url = new URL('/api/v1/catalog/imports', app.running.url);
    const req = http.request(url, { method: 'POST', headers: { ...partner.auth, 'Content-Type': 'text/csv' } });
    const response = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on('error', reject);
    });
    req.write(first);
    const running = await eventually(async () => {
      const list = await api().get('/api/v1/catalog/imports').set(partner.auth).expect(200);
      return list.body.find((i: { status: string; rowsTotal: number }) => i.status === 'uploading' && i.rowsTotal >= 5_000) as { id: string } | undefined;
    }, 20_000, 'progress of the upload');
    const progress = await api().get(`/api/v1/catalog/imports/${running.id}`).set(partner.auth).expect(200);
    expect(progress.body).toMatchObject({ status: 'uploading', rowsTotal: 5_000, rowsValid: 0, finishedAt: null });
    expect(progress.body.bytes).toBeGreaterThan(0);
    expect(progress.body.bytes).toBeLessThanOrEqual(first.length);
    req.end(rest);
    const accepted = await response;
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ id: running.id, status: 'queued', rowsTotal: 12_000, bytes: first.length + rest.length });
    expect(await finished(partner.auth, running.id)).toMatchObject({ status: 'completed', rowsInserted: 12_000, providersCreated: 5 });

    const cut = [...generateCatalogCsv({ providers: 3, services: 8_000, seed: 13 })];
    const usccs = generateProviders({ providers: 3, seed: 13 }).map((p) => p.uscc);
    const aborted = http.request(url, { method: 'POST', headers: { ...partner.auth, 'Content-Type': 'text/csv' } });
    aborted.on('error', () => undefined);
    aborted.write(cut.slice(0, 6_001).join(''));
    const uploading = await eventually(async () => {
      const list = await api().get('/api/v1/catalog/imports').set(partner.auth).expect(200);
      return list.body.find((i: { status: string; rowsTotal: number }) => i.status === 'uploading' && i.rowsTotal >= 5_000) as { id: string } | undefined;
    }, 20_000, 'the upload to run');
    aborted.destroy();
    const failed = await eventually(async () => {
      const res = await api().get(`/api/v1/catalog/imports/${uploading.id}`).set(partner.auth).expect(200);
      return res.body.status === 'failed' ? res.body : undefined;
    }, 20_000, 'the upload to fail');
    expect(failed.errorMessage).toBe('The upload ended before the file was complete');
    const [counts] = await app.dataSource.query(
      `SELECT (SELECT count(*)::int FROM catalog_import_lines WHERE import_id = $1) AS staged, (SELECT count(*)::int FROM organizations WHERE uscc = ANY($2)) AS providers`,
      [uploading.id, usccs],
    );
    expect(counts).toEqual({ staged: 0, providers: 0 });
  });

  it('templates in both formats import as they are, to the same service', async () => {
    const csv = await api().get('/api/v1/catalog/imports/template').query({ format: 'csv' }).set(provider.auth).buffer(true).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.text;
    expect(text.split(/\r\n/)[0]).toBe(`\ufeff${HEADER}`);
    expect(text).toContain('# unit_price_fen: required; integer fen');
    const xlsx = await api().get('/api/v1/catalog/imports/template').query({ format: 'xlsx' }).set(provider.auth)
      .buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    await app.dataSource.query(`UPDATE catalog_services SET code = 'XRF-001-old' WHERE provider_id = $1 AND code = 'XRF-001'`, [own.id]);
    const fromCsv = await runImport(provider.auth, Buffer.from(text, 'utf8'));
    expect(fromCsv).toMatchObject({ status: 'completed', rowsTotal: 1, rowsInserted: 1 });
    const fromXlsx = await runImport(provider.auth, xlsx.body as Buffer, {}, XLSX);
    expect(fromXlsx).toMatchObject({ status: 'completed', rowsTotal: 1, rowsInserted: 0, rowsUnchanged: 1 });
  });

  it('stores the same search text and tokens as the single-service API for tricky text (full-width, mixed scripts, punctuation)', async () => {
    const tricky = [
      ['TOK-1', 'ＩＣＰ－ＭＳ电感耦合（等离子体）质谱', 'Ｘ射线衍射仪', 'D8/ADVANCE—Ⅱ', '含“引号”、顿号、Ünïcode café №5 と カタカナ 한국어'],
      ['TOK-2', '𠀀𠀁𪚥测试 ABC-123_x', '', '', 'emoji 🔬 and tab\\t and 全角　空格'],
    ];
    const rows = tricky.map(([code, name, instrument, model, description]) => [own.uscc, own.name, code, `"${name}"`, 'analysis', 100, '次', 1, `"${instrument}"`, `"${model}"`, `"${description}"`]);
    expect(await runImport(provider.auth, csvOf(rows))).toMatchObject({ status: 'completed', rowsInserted: 2 });
    for (const [code, name, instrument, model, description] of tricky) {
      const expected = searchFields({ name, instrumentName: instrument || null, instrumentModel: model || null, description: description || null });
      const [stored] = await app.dataSource.query(
        `SELECT search_text, search_tokens::text AS tokens, array_to_tsvector($3::text[])::text AS expected FROM catalog_services WHERE provider_id = $1 AND code = $2`,
        [own.id, code, expected.tokens],
      );
      expect(stored.search_text).toBe(expected.text);
      expect(stored.tokens).toBe(stored.expected);
    }
  });

  it('builds new search text and tokens for a row whose searched fields changed, keeps them for a row changed elsewhere', async () => {
    const searchOf = async (code: string) => {
      const [row] = await app.dataSource.query(
        `SELECT name, instrument_name, instrument_model, description, search_text, search_tokens::text AS tokens, version FROM catalog_services WHERE provider_id = $1 AND code = $2`,
        [own.id, code],
      );
      const expected = searchFields({ name: row.name, instrumentName: row.instrument_name, instrumentModel: row.instrument_model, description: row.description });
      const [{ tokens }] = await app.dataSource.query(`SELECT array_to_tsvector($1::text[])::text AS tokens`, [expected.tokens]);
      expect({ text: row.search_text, tokens: row.tokens }).toEqual({ text: expected.text, tokens });
      return row as { search_text: string; tokens: string; version: number };
    };
    const row = (code: string, name: string, price: number, model: string) => [own.uscc, own.name, code, name, 'analysis', price, '样品', 2, '', model, '描述'];
    const first = [row('SRCH-1', '鼹鼷拉曼光谱', 100, 'M1'), row('SRCH-2', '鼹鼷红外光谱', 100, 'M2'), row('SRCH-3', '鼹鼷紫外光谱', 100, 'M3')];
    expect(await runImport(provider.auth, csvOf(first))).toMatchObject({ status: 'completed', rowsInserted: 3 });
    const before = { one: await searchOf('SRCH-1'), two: await searchOf('SRCH-2'), three: await searchOf('SRCH-3') };

    // SRCH-1: only a searched field (the model) changes; SRCH-2: only the price; SRCH-3: nothing.
    const second = [row('SRCH-1', '鼹鼷拉曼光谱', 100, 'Raman-X9'), row('SRCH-2', '鼹鼷红外光谱', 250, 'M2'), row('SRCH-3', '鼹鼷紫外光谱', 100, 'M3')];
    expect(await runImport(provider.auth, csvOf(second))).toMatchObject({ status: 'completed', rowsUpdated: 2, rowsUnchanged: 1 });
    const one = await searchOf('SRCH-1');
    expect(one.tokens).not.toBe(before.one.tokens);
    expect(one.tokens).toContain("'raman'");
    expect(await searchOf('SRCH-2')).toEqual({ ...before.two, version: before.two.version + 1 });
    expect(await searchOf('SRCH-3')).toEqual(before.three);
    const found = await api().get('/api/v1/catalog/services').query({ q: 'Raman' }).set(enterprise.auth).expect(200);
    expect(found.body.items.map((i: { code: string }) => i.code)).toEqual(['SRCH-1']);

    // A service renamed by someone else between the batch's comparison and its writes (here: by a trigger on the
    // comparison's own insert, once) must not end with the file's name and the other writer's search text: the batch runs again.
    await app.dataSource.query(`CREATE SEQUENCE test_race_once`);
    await app.dataSource.query(`
      CREATE FUNCTION test_race_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('test_race_once') = 1 THEN
          UPDATE catalog_services SET name = '鼹鼷改名', search_text = '鼹鼷改名 | m2 | 描述', version = version + 1 WHERE code = 'SRCH-2' AND provider_id = '${own.id}';
        END IF;
        RETURN NULL;
      END $$`);
    await app.dataSource.query(`CREATE TRIGGER test_race_once AFTER INSERT ON catalog_import_unchanged FOR EACH ROW EXECUTE FUNCTION test_race_once()`);
    try {
      const third = [row('SRCH-1', '鼹鼷拉曼光谱', 100, 'Raman-X9'), row('SRCH-2', '鼹鼷红外光谱', 300, 'M2'), row('SRCH-3', '鼹鼷紫外光谱', 100, 'M3')];
      expect(await runImport(provider.auth, csvOf(third))).toMatchObject({ status: 'completed', rowsUpdated: 1, rowsUnchanged: 2 });
      const [{ called }] = await app.dataSource.query(`SELECT last_value AS called FROM test_race_once`);
      expect(Number(called)).toBeGreaterThan(1);
      expect(await searchOf('SRCH-2')).toMatchObject({ search_text: before.two.search_text, version: before.two.version + 2 });
    } finally {
      await app.dataSource.query(`DROP TRIGGER test_race_once ON catalog_import_unchanged`);
      await app.dataSource.query(`DROP FUNCTION test_race_once(); DROP SEQUENCE test_race_once`);
    }
  });

  it('uscc_problem() in SQL agrees with packages/shared/uscc on valid, mistyped, lower-case, short and foreign codes', async () => {
    const valid = Array.from({ length: 60 }, (_, i) => uniqueUscc(i % 2 ? '310115' : '330402'));
    const codes = [
      ...valid,
      ...valid.map((c) => `${c.slice(0, 17)}${c[17] === 'X' ? 'Y' : 'X'}`),
      ...valid.map((c) => c.toLowerCase()),
      ...valid.map((c) => c.slice(1)),
      ...valid.slice(0, 10).map((c) => `${c.slice(0, 5)}I${c.slice(6)}`),
      '', '9131011５MA1234567X', '91310115ma1234567x',
    ];
    const rows = await app.dataSource.query(`SELECT c, uscc_problem(c) AS problem FROM unnest($1::text[]) AS c`, [codes]);
    expect(rows.map((r: { problem: string | null }) => r.problem)).toEqual(codes.map((c) => usccProblem(c)));
  });
});
