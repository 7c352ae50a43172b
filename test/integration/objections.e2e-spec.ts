import { caseOfSubject, decide, waitForCase, waitForTask } from '../support/approvals';
import { registerOrganization, TEST_PASSWORD } from '../support/factories';
import { openProgram } from '../support/vouchers';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';

type Auth = { Authorization: string };

jest.setTimeout(120_000);

const PER_USER = 3;
const PER_ORG = 5;

/**
 * Objections (公示异议) are for public notices only (docs/security.md, "Objections"): provider
 * admissions in their notice stage, from users of registered organisations other than the
 * applicant, rate limited per user and per organisation, and any other case, existing or not,
 * answers the very same 404.
 */
describe('objections to public notices', () => {
  let app: TestApp;
  let partner: Session;
  let reviewer: Session;
  let approver: Session;
  const http = () => app.http();
  const object = (auth: Auth, caseId: string) => http().post(`/api/v1/approval-cases/${caseId}/objections`).set(auth).send({ reason: '该机构检测报告存在造假嫌疑' });
  const randomUuid = () => '00000000-0000-4000-8000-' + Math.floor(Math.random() * 1e12).toString().padStart(12, '0');

  beforeAll(async () => {
    app = await startTestApp({ env: { OBJECTIONS_PER_USER_PER_HOUR: String(PER_USER), OBJECTIONS_PER_ORG_PER_HOUR: String(PER_ORG) } });
    [partner, reviewer, approver] = await Promise.all([login(app, DEMO.partner), login(app, DEMO.reviewer), login(app, DEMO.approver)]);
  });
  afterAll(() => app.close());

  /** A Shanghai provider whose admission the partner admin approved: its case waits in the 7-day notice. */
  async function providerUnderNotice() {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await decide(app, partner.auth, task.id, 'approve').expect(200);
    await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'waiting', 'public notice');
    return { provider, caseId };
  }

  it('an enterprise cannot object to a voucher case it cannot read: the same 404 as a case that does not exist', async () => {
    const owner = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const program = await openProgram(app, approver.auth);
    const draft = await http().post('/api/v1/voucher-applications').set(owner.auth).send({ programId: program.id, requestedFen: 100_000, purpose: '材料成分检测与性能测试' }).expect(201);
    const submitted = await http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(owner.auth).send({}).expect(200);
    const voucherCase = submitted.body.caseId as string;
    await waitForTask(app, reviewer.auth, voucherCase, 'district_review');
    const before = (await http().get(`/api/v1/approval-cases/${voucherCase}`).set(owner.auth).expect(200)).body.case;

    const stranger = await registerOrganization(app, { kind: 'enterprise', regionCode: '330411' });
    const onVoucherCase = await object(stranger.auth, voucherCase);
    const onNothing = await object(stranger.auth, randomUuid());
    expect(onVoucherCase.status).toBe(404);
    expect(onVoucherCase.body).toEqual(onNothing.body);
    expect(onVoucherCase.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Public notice not found' });
    // Nothing changed on the case.
    const detail = await http().get(`/api/v1/approval-cases/${voucherCase}`).set(owner.auth).expect(200);
    expect(detail.body.case.status).toBe(before.status);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM approval_objections WHERE case_id = $1`, [voucherCase]);
    expect(n).toBe(0);
  });

  it('a provider admission not yet under notice answers the same 404; under notice it is listed and a registered organisation objects', async () => {
    const fresh = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const freshCase = await caseOfSubject(app, fresh.organization.id);
    await waitForTask(app, partner.auth, freshCase, 'admission_review');
    const objector = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    expect((await object(objector.auth, freshCase).expect(404)).body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Public notice not found' });

    const { provider, caseId } = await providerUnderNotice();
    const notices = (await http().get('/api/v1/public-notices').set(objector.auth).expect(200)).body as Record<string, unknown>[];
    const listed = notices.find((n) => n.caseId === caseId);
    expect(listed).toMatchObject({ providerId: provider.organization.id, providerName: provider.organization.name, regionCode: '310000' });
    expect(Date.parse(listed!.noticeEndsAt as string)).toBeGreaterThan(Date.now());
    expect(notices.find((n) => n.caseId === freshCase)).toBeUndefined();

    // Bureaus decide, they do not object; the applicant cannot object to itself.
    await object(reviewer.auth, caseId).expect(403);
    await object(approver.auth, caseId).expect(403);
    await object(provider.auth, caseId).expect(403);
    await object(objector.auth, caseId).expect(201);
    await waitForTask(app, partner.auth, caseId, 'public_notice:objection');
    // Once stopped, the notice is no longer public: the same 404 again, and it leaves the list.
    expect((await object(objector.auth, caseId).expect(404)).body.message).toBe('Public notice not found');
    const after = (await http().get('/api/v1/public-notices').set(objector.auth).expect(200)).body as { caseId: string }[];
    expect(after.find((n) => n.caseId === caseId)).toBeUndefined();
  });

  it(`objections are rate limited per user (${PER_USER}/h) and per organisation (${PER_ORG}/h), shared across requests in parallel, with Retry-After`, async () => {
    const org = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const answers = await Promise.all(Array.from({ length: 10 }, () => object(org.auth, randomUuid())));
    expect(answers.filter((a) => a.status === 404)).toHaveLength(PER_USER);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(10 - PER_USER);
    expect(limited[0].body.code).toBe('RATE_LIMITED');
    expect(Number(limited[0].headers['retry-after'])).toBeGreaterThan(0);

    // A colleague in the same organisation has its own user budget but shares the organisation's.
    await app.dataSource.query(
      `INSERT INTO users (organization_id, email, password_hash, display_name, role, is_org_admin)
       SELECT organization_id, $2, password_hash, '同事', role, false FROM users WHERE id = $1`,
      [org.user.id, `colleague-${org.user.id.slice(0, 8)}@test.g60.cn`],
    );
    const colleague = await login(app, `colleague-${org.user.id.slice(0, 8)}@test.g60.cn`, TEST_PASSWORD);
    const more: number[] = [];
    for (let i = 0; i < 3; i += 1) more.push((await object(colleague.auth, randomUuid())).status);
    // PER_ORG − PER_USER = 2 left for the organisation.
    expect(more).toEqual([404, 404, 429]);
  });
});
