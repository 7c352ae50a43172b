import { CatalogRecognitionKeys1764900360000 } from '../../migrations/1764900360000-catalog-recognition-keys';
import { CatalogRecognitionSignedOnly1764900370000 } from '../../migrations/1764900370000-catalog-recognition-signed-only';
import { recognisedKeysPredicate, RecognitionService } from '../../src/modules/catalog/recognition.service';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { uniqueUscc } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { draftJiaxingShanghaiAgreement, signAgreement } from '../support/vouchers';

jest.setTimeout(240_000);

const HEADER = 'provider_uscc,provider_name,service_code,name,category,unit_price_fen,unit,lead_time_days,instrument_name,instrument_model,description';

/** The Shanghai day `days` from today. */
const shanghaiDay = (days = 0): string => shanghaiDate(new Date(Date.now() + days * 86_400_000));

/**
 * recognisedOnly through the keyword index (docs/catalog-search.md, "recognisedOnly in the index"): search reads which
 * agreements cover a service from catalog_services.recognised_under, a copy of the agreements' lists kept by triggers,
 * and asks only which agreements are in force on the day. Here the lists change the ways the product changes them (a
 * draft listing providers, narrowing one to two services, signatures, an amendment from tomorrow, services imported
 * later) and after each step the copy equals catalog_recognition_keys() for every service, and recognisedOnly through
 * the copy (both of its SQL forms, and the API's search) gives exactly the services the agreement tables give, the ones
 * an order would be subsidised for.
 */
describe('recognisedOnly through the keyword index: the copy of the agreements follows them', () => {
  let app: TestApp;
  let approver: Session;
  let partner: Session;
  let enterprise: Session;
  const providers: { uscc: string; name: string; id?: string }[] = [0, 1].map((i) => ({ uscc: uniqueUscc('310117'), name: `互认索引测试机构${i}` }));
  let agreementId: string;

  const rows = (count: number, from = 0) =>
    providers.flatMap((p, i) =>
      Array.from({ length: count }, (_, k) => `${p.uscc},${p.name},K${i}-${from + k},金属拉伸试验—样品${from + k},testing,${1000 + k},样品,3,,,按标准执行`),
    );
  async function importCsv(lines: string[]) {
    const res = await app.http().post('/api/v1/catalog/imports').set(partner.auth).set('Content-Type', 'text/csv; charset=utf-8').send(Buffer.from([HEADER, ...lines].join('\n'), 'utf8')).expect(202);
    const done = await eventually(async () => {
      const r = await app.http().get(`/api/v1/catalog/imports/${res.body.id}`).set(partner.auth).expect(200);
      return ['completed', 'rejected', 'failed'].includes(r.body.status) ? r.body : undefined;
    }, 120_000, 'import');
    expect(done.status).toBe('completed');
  }
  const servicesOf = async (providerId: string): Promise<string[]> =>
    ((await app.dataSource.query(`SELECT id FROM catalog_services WHERE provider_id = $1 AND status = 'active' ORDER BY code`, [providerId])) as { id: string }[]).map((r) => r.id);

  /** Services whose copy differs from what the agreement tables say now. */
  const drift = async (): Promise<number> =>
    Number((await app.dataSource.query(`SELECT count(*) AS n FROM catalog_services WHERE coalesce(recognised_under, '{}') <> catalog_recognition_keys(id, provider_id)`))[0].n);

  /** The services Jiaxing recognises on `day`: from the agreement tables, and through the copy in both forms. */
  async function recognised(day: string): Promise<{ tables: string[]; index: string[]; filter: string[] }> {
    const recognition = app.get(RecognitionService);
    const local = recognition.regionsUnder('330400');
    const ids = async (predicate: (params: unknown[]) => string) => {
      const params: unknown[] = [];
      const where = predicate(params);
      return ((await app.dataSource.query(`SELECT s.id FROM catalog_services s WHERE ${where} ORDER BY s.id`, params)) as { id: string }[]).map((r) => r.id);
    };
    return {
      tables: await ids((p) => recognition.recognisedPredicate('s', '330400', day, p)),
      index: await ids((p) => recognisedKeysPredicate('s', local, '330400', day, true, p)),
      filter: await ids((p) => recognisedKeysPredicate('s', local, '330400', day, false, p)),
    };
  }
  async function expectAgreement(day: string): Promise<string[]> {
    const r = await recognised(day);
    expect(r.index).toEqual(r.tables);
    expect(r.filter).toEqual(r.tables);
    return r.tables;
  }
  /** Every service the enterprise's recognisedOnly search finds for the keyword, all pages. */
  async function searched(q: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await app.http().get('/api/v1/catalog/services').query({ q, recognisedOnly: true, limit: 100, ...(cursor ? { cursor } : {}) }).set(enterprise.auth).expect(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    return ids.sort();
  }

  beforeAll(async () => {
    app = await startTestApp();
    [approver, partner, enterprise] = await Promise.all([DEMO.approver, DEMO.partner, DEMO.enterprise].map((email) => login(app, email)));
    await importCsv(rows(6));
    for (const p of providers) {
      [{ id: p.id }] = await app.dataSource.query(`SELECT id FROM organizations WHERE uscc = $1`, [p.uscc]);
    }
    await app.dataSource.query(`UPDATE organizations SET admission_status = 'active' WHERE id = ANY($1::uuid[])`, [providers.map((p) => p.id)]);
  });
  afterAll(() => app?.close());

  it('a draft counts for nothing and writes no service; signed, it covers a listed provider whole and a narrowed one for its listed services only', async () => {
    const [whole, narrowed] = providers.map((p) => p.id!);
    agreementId = (await draftJiaxingShanghaiAgreement(app, approver.auth)).id;
    const before = await expectAgreement(shanghaiDay());
    const versions = async () => app.dataSource.query(`SELECT id, xmin::text AS xmin FROM catalog_services WHERE provider_id = ANY($1::uuid[]) ORDER BY id`, [[whole, narrowed]]);
    const unwritten = await versions();
    // Not even a lock: a draft's list edit goes through while the catalogue is locked (as by another version's signature).
    const locker = app.dataSource.createQueryRunner();
    await locker.connect();
    try {
      await locker.startTransaction();
      await locker.query(`LOCK TABLE catalog_services IN SHARE ROW EXCLUSIVE MODE`);
      const edit = app.http().post(`/api/v1/recognition-agreements/${agreementId}/providers`).set(partner.auth).send({ providerIds: [whole, narrowed] });
      let timer: NodeJS.Timeout | undefined;
      const blocked = new Promise<'blocked'>((resolve) => (timer = setTimeout(() => resolve('blocked'), 10_000)));
      const answer = await Promise.race([edit, blocked]).finally(() => clearTimeout(timer));
      expect(answer === 'blocked' ? answer : answer.status).toBe(200);
    } finally {
      await locker.rollbackTransaction();
      await locker.release();
    }
    const listed = (await servicesOf(narrowed)).slice(0, 2);
    await app.http().post(`/api/v1/recognition-agreements/${agreementId}/services`).set(partner.auth).send({ serviceIds: listed }).expect(200);
    expect(await drift()).toBe(0);
    // Listed in a draft: no search counts it, and the copy is not touched (no service row is rewritten) until it is signed.
    expect(await expectAgreement(shanghaiDay())).toEqual(before);
    expect(await versions()).toEqual(unwritten);
    // Imported while the draft lists their provider: not under the draft either (the import's merge works the copy out itself).
    await importCsv(rows(7));
    expect(await drift()).toBe(0);

    // The second signature writes the copy, and it waits for catalogue writers in flight: a service inserted by a
    // transaction that is still open when the signature comes (its trigger saw the agreement unsigned) is covered too.
    // Also a service whose copy went missing (set to NULL by hand) is worked out again.
    const [stale] = await servicesOf(whole);
    await app.dataSource.query(`UPDATE catalog_services SET recognised_under = NULL WHERE id = $1`, [stale]);
    const { termsHash } = (await app.http().get(`/api/v1/recognition-agreements/${agreementId}`).set(approver.auth).expect(200)).body;
    await app.http().post(`/api/v1/recognition-agreements/${agreementId}/sign`).set(partner.auth).send({ termsHash }).expect(200);
    const writer = app.dataSource.createQueryRunner();
    await writer.connect();
    let inFlight: string;
    try {
      await writer.startTransaction();
      [{ id: inFlight }] = await writer.query(
        `INSERT INTO catalog_services (provider_id, code, name, category, unit_price_fen, unit, lead_time_days, region_code, search_text, search_tokens)
         VALUES ($1, 'K0-in-flight', '金属拉伸试验—签署时写入', 'testing', 900, '样品', 3, '310000', '金属拉伸试验—签署时写入', array_to_tsvector('{拉伸}')) RETURNING id`,
        [whole],
      );
      let answered = false;
      const second = app.http().post(`/api/v1/recognition-agreements/${agreementId}/sign`).set(approver.auth).send({ termsHash }).then((res) => {
        answered = true;
        return res;
      });
      // The signature waits for the open writer (its lock is granted only when the writer ends).
      await eventually(async () => {
        const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'catalog_services'::regclass AND mode = 'ShareRowExclusiveLock' AND NOT granted`);
        return n === 1 || undefined;
      }, 20_000, 'the signature waiting for the catalogue writer');
      expect(answered).toBe(false);
      await writer.commitTransaction();
      const res = await second;
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('in_force');
    } finally {
      if (writer.isTransactionActive) await writer.rollbackTransaction();
      await writer.release();
    }
    expect(await drift()).toBe(0);
    const [{ keys }] = await app.dataSource.query(`SELECT recognised_under AS keys FROM catalog_services WHERE id = $1`, [inFlight]);
    expect(keys).toEqual([agreementId]);

    const today = await expectAgreement(shanghaiDay());
    const mine = new Set([...(await servicesOf(whole)), ...listed]);
    expect(today.filter((id) => mine.has(id)).sort()).toEqual([...mine].sort());
    for (const id of (await servicesOf(narrowed)).slice(2)) expect(today).not.toContain(id);
    // The API's search (its own plan: probe, reading the set whole through the index) finds exactly those of the keyword.
    const keyword = (await app.dataSource.query(`SELECT s.id FROM catalog_services s WHERE s.id = ANY($1::uuid[]) AND s.search_tokens @@ '''拉伸'''::tsquery AND s.status = 'active' AND s.provider_id NOT IN (SELECT id FROM organizations WHERE kind = 'provider' AND admission_status IS DISTINCT FROM 'active') ORDER BY s.id`, [today])) as { id: string }[];
    expect(await searched('拉伸')).toEqual(keyword.map((r) => r.id).sort());
    expect(keyword.length).toBeGreaterThanOrEqual(mine.size);
  });

  it('services imported later follow their provider: covered under a whole-provider listing, not under a narrowed one', async () => {
    const [whole, narrowed] = providers.map((p) => p.id!);
    await importCsv(rows(9)); // the six of the first file again, and three more each
    expect(await drift()).toBe(0);
    const today = await expectAgreement(shanghaiDay());
    const added = async (providerId: string) =>
      ((await app.dataSource.query(`SELECT id FROM catalog_services WHERE provider_id = $1 AND code ~ '-[678]$'`, [providerId])) as { id: string }[]).map((r) => r.id);
    const [wholeAdded, narrowedAdded] = [await added(whole), await added(narrowed)];
    expect([wholeAdded.length, narrowedAdded.length]).toEqual([3, 3]);
    for (const id of wholeAdded) expect(today).toContain(id);
    for (const id of narrowedAdded) expect(today).not.toContain(id);
    // Written one by one (the trigger's path, as the service API and any other writer do): the same rule.
    const [{ id: single }] = await app.dataSource.query(
      `INSERT INTO catalog_services (provider_id, code, name, category, unit_price_fen, unit, lead_time_days, region_code, search_text, search_tokens)
       VALUES ($1, 'K0-single', '金属拉伸试验—单条', 'testing', 900, '样品', 3, '310000', '金属拉伸试验—单条', array_to_tsvector('{拉伸}')) RETURNING id`,
      [whole],
    );
    expect(await expectAgreement(shanghaiDay())).toContain(single);
    expect(await drift()).toBe(0);
  });

  it('days: an amendment from tomorrow and the lists it copies; the copy and the agreement tables agree on every day', async () => {
    const [whole] = providers.map((p) => p.id!);
    const amendment = await app.http().post(`/api/v1/recognition-agreements/${agreementId}/amend`).set(approver.auth).send({ effectiveFrom: shanghaiDay(1) }).expect(201);
    // The amendment recognises the first provider for two services only, from tomorrow.
    const two = (await servicesOf(whole)).slice(0, 2);
    await app.http().post(`/api/v1/recognition-agreements/${amendment.body.id}/services`).set(partner.auth).send({ serviceIds: two }).expect(200);
    await signAgreement(app, amendment.body.id, approver.auth, partner.auth);
    expect(await drift()).toBe(0);
    const [today, tomorrow] = [await expectAgreement(shanghaiDay()), await expectAgreement(shanghaiDay(1))];
    for (const id of await servicesOf(whole)) expect(today).toContain(id);
    for (const id of await servicesOf(whole)) expect(tomorrow.includes(id)).toBe(two.includes(id));
    await expectAgreement('2100-01-01');
    // Lists removed by hand (no API removes them): the delete triggers recompute the copy as well.
    await app.dataSource.query(`DELETE FROM recognition_agreement_services WHERE agreement_id = $1`, [amendment.body.id]);
    expect(await drift()).toBe(0);
    for (const id of await servicesOf(whole)) expect(await expectAgreement(shanghaiDay(1))).toContain(id);
  });

  it('existing data migrates: down, then up works the copy out from the agreement tables for the listed providers', async () => {
    const before = await expectAgreement(shanghaiDay());
    const [keys, signedOnly] = [new CatalogRecognitionKeys1764900360000(), new CatalogRecognitionSignedOnly1764900370000()];
    const runner = app.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await signedOnly.down(runner);
      await keys.down(runner);
      await runner.commitTransaction();
      expect(await runner.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'catalog_services' AND column_name = 'recognised_under'`)).toEqual([]);
      // A draft's list as data from before: up works out the copy without it.
      const draft = (await draftJiaxingShanghaiAgreement(app, approver.auth)).id;
      await app.http().post(`/api/v1/recognition-agreements/${draft}/providers`).set(partner.auth).send({ providerIds: providers.map((p) => p.id) }).expect(200);
      await runner.startTransaction();
      await keys.up(runner);
      await runner.commitTransaction();
      const [{ n: withDraft }] = await runner.query(`SELECT count(*)::int AS n FROM catalog_services WHERE recognised_under @> ARRAY[$1]`, [draft]);
      expect(withDraft).toBeGreaterThan(0); // the first version of the copy held unsigned agreements
      await runner.startTransaction();
      await signedOnly.up(runner);
      await runner.commitTransaction();
      const [{ n: left }] = await runner.query(`SELECT count(*)::int AS n FROM catalog_services WHERE recognised_under @> ARRAY[$1]`, [draft]);
      expect(left).toBe(0);
    } finally {
      await runner.release();
    }
    expect(await drift()).toBe(0);
    const [{ listed, copied }] = await app.dataSource.query(
      `SELECT count(*) FILTER (WHERE provider_id IN (SELECT provider_id FROM recognition_agreement_providers))::int AS listed,
              count(*) FILTER (WHERE recognised_under IS NOT NULL)::int AS copied FROM catalog_services`,
    );
    expect(copied).toBe(listed);
    const [{ def }] = await app.dataSource.query(`SELECT pg_get_indexdef('catalog_services_search_idx'::regclass) AS def`);
    expect(def).toContain('gin (search_tokens, ((region_code || recognised_under)))');
    expect(await expectAgreement(shanghaiDay())).toEqual(before);
  });
});
