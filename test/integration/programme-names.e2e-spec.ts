import { randomBytes } from 'node:crypto';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { registerOrganization } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A programme's English name (docs/i18n.md, "Data"): given by the issuing bureau at creation, in a draft's edit,
 * and in any state through PUT /programs/{id}/english-name, which is words for readers, not policy: no new
 * version, audited, idempotent. Everyone who may read the programme reads it; only its bureau writes it.
 */
describe('programme English names', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  const http = () => app.http();
  const today = shanghaiDate();

  beforeAll(async () => {
    app = await startTestApp();
    [approver, reviewer] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.reviewer)]);
  });
  afterAll(() => app.close());

  const body = (extra: Record<string, unknown> = {}) => ({
    issuingRegionCode: '330400',
    year: 2026,
    name: `英文名称测试 ${randomBytes(3).toString('hex')}`,
    useBy: addDays(today, 60),
    redeemBy: addDays(today, 120),
    redemptionMode: 'provider_redeems',
    settlementCycle: 'monthly',
    budgetFen: 10_000_000,
    ratioBpByTier: { default: 5000 },
    ...extra,
  });

  it('is set at creation (trimmed) and in a draft edit, and every reader of the programme gets it', async () => {
    const created = await http().post('/api/v1/programs').set(approver.auth).send(body({ nameEn: '  Jiaxing S&T Vouchers 2026  ' })).expect(201);
    expect(created.body.nameEn).toBe('Jiaxing S&T Vouchers 2026');
    const edited = await http().patch(`/api/v1/programs/${created.body.id}`).set(approver.auth).send({ nameEn: 'Jiaxing Innovation Vouchers 2026' }).expect(200);
    expect([edited.body.nameEn, edited.body.name]).toEqual(['Jiaxing Innovation Vouchers 2026', created.body.name]);
    await http().post(`/api/v1/programs/${created.body.id}/open`).set(approver.auth).expect(200);
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const read = await http().get(`/api/v1/programs/${created.body.id}`).set(enterprise.auth).expect(200);
    expect(read.body.nameEn).toBe('Jiaxing Innovation Vouchers 2026');
    const listed = (await http().get('/api/v1/programs?status=open').set(enterprise.auth).expect(200)).body as { id: string; nameEn: string | null }[];
    expect(listed.find((p) => p.id === created.body.id)?.nameEn).toBe('Jiaxing Innovation Vouchers 2026');
    // A programme without one answers null (English pages then show its Chinese name).
    const plain = await http().post('/api/v1/programs').set(approver.auth).send(body()).expect(201);
    expect(plain.body.nameEn).toBeNull();
  });

  it('is set and removed on an open programme by its bureau, without a new version, audited and idempotent', async () => {
    const created = await http().post('/api/v1/programs').set(approver.auth).send(body()).expect(201);
    const opened = (await http().post(`/api/v1/programs/${created.body.id}/open`).set(approver.auth).expect(200)).body;
    const key = `english-name-${randomBytes(6).toString('hex')}`;
    const put = (name: string | null, k = key) => http().put(`/api/v1/programs/${created.body.id}/english-name`).set(approver.auth).set('Idempotency-Key', k).send({ nameEn: name });

    const named = await put('Jiaxing Vouchers').expect(200);
    expect([named.body.nameEn, named.body.status, named.body.latestPolicyVersion, named.body.policyVersion]).toEqual(['Jiaxing Vouchers', 'open', opened.latestPolicyVersion, opened.policyVersion]);
    const replay = await put('Jiaxing Vouchers').expect(200);
    expect([replay.headers['idempotent-replayed'], replay.body]).toEqual(['true', named.body]);
    const versions = (await http().get(`/api/v1/programs/${created.body.id}/versions`).set(approver.auth).expect(200)).body as unknown[];
    expect(versions).toHaveLength(1);
    // The bureau's notices of the programme carry the English name, for English readers' inboxes and e-mails.
    await http().post(`/api/v1/programs/${created.body.id}/top-ups`).set(approver.auth).send({ amountFen: 100_000, reason: '追加预算' }).expect(201);
    const notices = await eventually(async () => {
      const rows = (await app.dataSource.query(`SELECT params FROM notifications WHERE kind = 'voucher_program.topped_up' AND params->>'programName' = $1`, [created.body.name])) as { params: Record<string, unknown> }[];
      return rows.length > 0 ? rows : undefined;
    }, 20_000, 'the top-up notice');
    expect(notices.map((n) => n.params.programNameEn)).toEqual(notices.map(() => 'Jiaxing Vouchers'));

    const removed = await put(null, `${key}-off`).expect(200);
    expect(removed.body.nameEn).toBeNull();
    const audit = (await app.dataSource.query(`SELECT before, after FROM audit_events WHERE action = 'program.english_name_set' AND subject_id = $1 ORDER BY id`, [created.body.id])) as { before: unknown; after: unknown }[];
    expect(audit).toEqual([
      { before: { nameEn: null }, after: { nameEn: 'Jiaxing Vouchers' } },
      { before: { nameEn: 'Jiaxing Vouchers' }, after: { nameEn: null } },
    ]);

    // A closed programme may still be named (its vouchers and claims are read for years).
    await http().post(`/api/v1/programs/${created.body.id}/close`).set(approver.auth).send({ reason: '年度结束' }).expect(200);
    expect((await put('Jiaxing Vouchers (closed)', `${key}-closed`).expect(200)).body.nameEn).toBe('Jiaxing Vouchers (closed)');
  });

  it('refuses a blank, missing or too long name field by field, and anyone but the bureau', async () => {
    const created = await http().post('/api/v1/programs').set(approver.auth).send(body()).expect(201);
    const put = (auth: { Authorization: string }, payload: unknown) => http().put(`/api/v1/programs/${created.body.id}/english-name`).set(auth).send(payload as object);
    for (const payload of [{ nameEn: '   ' }, {}, { nameEn: 'x'.repeat(201) }, { nameEn: 7 }]) {
      const res = await put(approver.auth, payload).expect(400);
      expect([res.body.code, [...new Set((res.body.details as { field: string }[]).map((f) => f.field))]]).toEqual(['VALIDATION_FAILED', ['nameEn']]);
    }
    const refused = await http().post('/api/v1/programs').set(approver.auth).send(body({ nameEn: ' ' })).expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    await put(reviewer.auth, { nameEn: 'By a reviewer' }).expect(403);
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    await put(enterprise.auth, { nameEn: 'By an enterprise' }).expect(403);
    const [row] = (await app.dataSource.query(`SELECT name_en FROM voucher_programs WHERE id = $1`, [created.body.id])) as { name_en: string | null }[];
    expect(row.name_en).toBeNull();
  });
});
