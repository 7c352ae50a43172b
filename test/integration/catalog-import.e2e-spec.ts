import * as ExcelJS from 'exceljs';
import * as http from 'node:http';
import { generateCatalogCsv, generateProviders } from '../../scripts/catalog-generate';
import { usccProblem } from '../../packages/shared/uscc';
import { searchFields } from '../../src/modules/catalog/catalog.service';
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
    for (const r of rows) sheet.addRow(r.map((v) => (typeof v === 'string' && /^\d{1,15}$/.test(v) && v.length < 16 ? Number(v) : v)));
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
    const changed = await changesOf(provider.auth, again.id, 'changed');
    expect(changed.counts).toEqual({ added: 0, changed: 1, withdrawn: 0, unchanged: 1 });
    expect(changed.items).toEqual([expect.objectContaining({ kind: 'changed', code: 'OWN-2', rowNumber: 3, unitPriceFen: 45000, status: 'active' })]);
  });
});
