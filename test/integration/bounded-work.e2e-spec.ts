import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { registerOrganization, uniqueUscc } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const POOL = 6;
const IMPORT_SLOTS = 3;
const CSV_MAX = 64 * 1024;
const DECK_MAX = 16 * 1024;
const MULTIPART_MAX = 32 * 1024;
const HEADER = 'provider_uscc,provider_name,service_code,name,category,unit_price_fen,unit,lead_time_days';

/** One partner import of `rows` services for a provider of its own, new to the catalogue. */
function csvFor(n: number, rows: number): { csv: Buffer; uscc: string } {
  const uscc = uniqueUscc('310000');
  const lines = [HEADER];
  for (let i = 1; i <= rows; i += 1) lines.push(`${uscc},并发导入机构${n},B${n}-${i},材料成分分析 ${n}-${i},analysis,${10_000 + i},样品,3`);
  return { csv: Buffer.from(`${lines.join('\n')}\n`), uscc };
}

/** docs/security.md, "Bounded work and uploads". */
describe('bounded work: catalogue imports share a cluster-wide limit; uploads have size limits', () => {
  let app: TestApp;
  let partner: Session;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'g60-bounded-'));
    app = await startTestApp({
      env: {
        EMBEDDED_DATA_DIR: dataDir,
        DB_POOL_SIZE: String(POOL),
        CATALOG_IMPORT_CONCURRENCY: String(IMPORT_SLOTS),
        CATALOG_IMPORT_MAX_BYTES: String(CSV_MAX),
        DECK_MAX_BYTES: String(DECK_MAX),
        MULTIPART_MAX_BYTES: String(MULTIPART_MAX),
      },
    });
    partner = await login(app, DEMO.partner);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function postCsv(auth: { Authorization: string }, body: Buffer) {
    return app.http().post('/api/v1/catalog/imports').set(auth).set('Content-Type', 'text/csv').send(body);
  }

  /** Waits for the queued imports' jobs to finish. */
  async function allFinished(ids: string[]): Promise<{ id: string; status: string; rows_inserted: number }[]> {
    return eventually(async () => {
      const rows = await app.dataSource.query(`SELECT id, status, rows_inserted FROM catalog_imports WHERE id = ANY($1)`, [ids]);
      return rows.every((r: { status: string }) => ['completed', 'rejected', 'failed'].includes(r.status)) ? rows : undefined;
    }, 120_000, 'the imports to finish');
  }

  it('90 parallel imports: each is accepted or gets 503 with Retry-After, never another 5xx, and connections stay bounded', async () => {
    const database = new URL(app.db.url).pathname.slice(1);
    const monitor = new Client({ connectionString: app.db.url, application_name: 'g60-test-monitor' });
    await monitor.connect();
    const count = async () => {
      const { rows } = await monitor.query<{ app: string; n: number }>(
        `SELECT application_name AS app, count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 GROUP BY application_name`,
        [database],
      );
      return Object.fromEntries(rows.map((r) => [r.app, r.n])) as Record<string, number>;
    };
    // Connections that are neither the pool nor imports (the monitor, LISTEN of the outbox relay …), before the burst.
    const idle = await count();
    const others = Object.entries(idle).filter(([a]) => a !== 'g60-platform' && a !== 'g60-catalog-import').reduce((sum, [, n]) => sum + n, 0);

    let burst = true;
    let maxImports = 0;
    let maxTotal = 0;
    const watching = (async () => {
      while (burst) {
        const now = await count();
        maxImports = Math.max(maxImports, now['g60-catalog-import'] ?? 0);
        maxTotal = Math.max(maxTotal, Object.values(now).reduce((a, b) => a + b, 0));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    const files = Array.from({ length: 90 }, (_, i) => csvFor(i, 400));
    const responses = await Promise.all(files.map((f) => postCsv(partner.auth, f.csv)));
    burst = false;
    await watching;
    await monitor.end();

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s !== 202 && s !== 503)).toEqual([]);
    const accepted = responses.filter((r) => r.status === 202);
    const busy = responses.filter((r) => r.status === 503);
    expect(accepted.length).toBeGreaterThanOrEqual(IMPORT_SLOTS);
    expect(busy.length).toBeGreaterThan(0);
    for (const res of busy) {
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.body).toEqual({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.any(String), details: { retryAfterSeconds: Number(res.headers['retry-after']) } });
    }
    for (const res of accepted) expect(res.body).toMatchObject({ status: 'queued', rowsTotal: 400 });
    const outcomes = await allFinished(accepted.map((r) => r.body.id));
    expect(outcomes.map((o) => [o.status, o.rows_inserted])).toEqual(accepted.map(() => ['completed', 400]));
    // A refused import wrote nothing; every accepted one is completed; every slot is free again (an import holds its slot until its job ends).
    const [{ imports, completed }] = await app.dataSource.query(`SELECT count(*)::int AS imports, count(*) FILTER (WHERE status = 'completed')::int AS completed FROM catalog_imports`);
    expect({ imports, completed }).toEqual({ imports: accepted.length, completed: accepted.length });
    const [{ held }] = await app.dataSource.query(`SELECT count(*)::int AS held FROM catalog_import_slots WHERE holder IS NOT NULL`);
    expect(held).toBe(0);
    // At most IMPORT_SLOTS dedicated COPY connections; all in all no more than the pool, the slots and the rest.
    expect(maxImports).toBeGreaterThan(0);
    expect(maxImports).toBeLessThanOrEqual(IMPORT_SLOTS);
    expect(maxTotal).toBeLessThanOrEqual(POOL + IMPORT_SLOTS + others);

    // The refused files go through when tried again.
    const retry = files[statuses.indexOf(503)];
    const again = await postCsv(partner.auth, retry.csv).expect(202);
    expect(await allFinished([again.body.id])).toEqual([{ id: again.body.id, status: 'completed', rows_inserted: 400 }]);
  });

  it('a CSV above CATALOG_IMPORT_MAX_BYTES is refused with 413 and the JSON error body, declared or streamed', async () => {
    const big = csvFor(1000, 1200).csv;
    expect(big.length).toBeGreaterThan(CSV_MAX);
    const declared = await postCsv(partner.auth, big).expect(413);
    expect(declared.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining(String(CSV_MAX)), details: { maxBytes: CSV_MAX } });
    // Sent in chunks without Content-Length: stopped by the byte counter.
    const url = new URL('/api/v1/catalog/imports', app.running.url!);
    const streamed = await fetch(url, {
      method: 'POST',
      headers: { ...partner.auth, 'Content-Type': 'text/csv' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < big.length; i += 8192) controller.enqueue(big.subarray(i, i + 8192));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM catalog_services s JOIN organizations o ON o.id = s.provider_id WHERE o.name = '并发导入机构1000'`);
    expect(n).toBe(0);
  });

  it('a pitch deck above DECK_MAX_BYTES, and any multipart body above MULTIPART_MAX_BYTES, get 413 with the JSON body', async () => {
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const project = await app.http().post('/api/v1/roadshow-projects').set(enterprise.auth).send({
      title: '超大路演材料测试', summary: '上传限制', industry: 'new_materials', stage: 'series_a', financingAskFen: 1_000_000_000, regionCode: '330402',
      team: [{ name: '王一', role: 'CEO' }],
    }).expect(201);
    const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size, 0x20)]);
    const deck = await app.http().post(`/api/v1/roadshow-projects/${project.body.id}/deck`).set(enterprise.auth).attach('deck', pdf(DECK_MAX + 1), 'deck.pdf').expect(413);
    expect(deck.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
    const whole = await app.http().post(`/api/v1/roadshow-projects/${project.body.id}/deck`).set(enterprise.auth).attach('deck', pdf(MULTIPART_MAX + 1), 'deck.pdf').expect(413);
    expect(whole.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.any(String), details: { maxBytes: MULTIPART_MAX } });
    // Within the limit it is stored.
    await app.http().post(`/api/v1/roadshow-projects/${project.body.id}/deck`).set(enterprise.auth).attach('deck', pdf(1024), 'deck.pdf').expect(200);
  });
});
