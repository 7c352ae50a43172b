import { CaseTitleParams1764900330000 } from '../../migrations/1764900330000-case-title-params';
import { waitForTask } from '../support/approvals';
import { registerOrganization } from '../support/factories';
import { Mailbox } from '../support/mailbox';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { openProgram } from '../support/vouchers';

jest.setTimeout(120_000);

/**
 * A case's title in the reader's language (packages/shared/case-title.ts): the case keeps its numbers and names as
 * title values, the API gives them beside the stored 简体 title, the decider's e-mail is worded in the decider's
 * language, and the migration gives existing cases their values only where the words rebuild the stored title.
 */
describe('approval case titles in the reader’s language', () => {
  const mailbox = new Mailbox();
  let app: TestApp;
  let reviewer: Session;

  beforeAll(async () => {
    await mailbox.start();
    app = await startTestApp({ env: { ...mailbox.env(), PORTAL_URL: 'http://portal.g60.test' } });
    reviewer = await login(app, DEMO.reviewer);
  });
  afterAll(async () => {
    await app?.close();
    await mailbox.stop();
  });

  /** An enterprise's submitted voucher application, its case waiting at district review. */
  async function submittedApplication() {
    const approver = await login(app, DEMO.approver);
    const program = await openProgram(app, approver.auth);
    const enterprise = await registerOrganization(app, { kind: 'enterprise' });
    const [{ name: org }] = (await app.dataSource.query(`SELECT name FROM organizations WHERE id = $1`, [enterprise.organization.id])) as { name: string }[];
    const draft = await app.http().post('/api/v1/voucher-applications').set(enterprise.auth).send({ programId: program.id, requestedFen: 50_000, purpose: '材料成分检测' }).expect(201);
    const submitted = await app.http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(enterprise.auth).send({}).expect(200);
    const task = await waitForTask(app, reviewer.auth, submitted.body.caseId, 'district_review');
    return { enterprise, org, number: draft.body.number as string, caseId: submitted.body.caseId as string, task };
  }

  it('keeps the title’s values beside the stored title; the decider reads the task and its e-mail in English', async () => {
    await app.http().put('/api/v1/me/preferences').set(reviewer.auth).send({ locale: 'en' }).expect(200);
    const { org, number, caseId } = await submittedApplication();

    const tasks = await app.http().get('/api/v1/approval-tasks').set(reviewer.auth).expect(200);
    const task = tasks.body.find((t: { caseId: string }) => t.caseId === caseId);
    expect(task).toMatchObject({ caseTitle: `创新券申领 ${number}：${org}`, caseTitleParams: { number, org }, subjectType: 'voucher_application' });
    const detail = await app.http().get(`/api/v1/approval-cases/${caseId}`).set(reviewer.auth).expect(200);
    expect(detail.body.case).toMatchObject({ title: `创新券申领 ${number}：${org}`, titleParams: { number, org } });

    // The task's notice: in the inbox as data, by e-mail worded in the reviewer's language.
    const [notice] = await app.dataSource.query(`SELECT params FROM notifications WHERE kind = 'approval.task_assigned' AND subject_id = $1`, [caseId]);
    expect(notice.params).toMatchObject({ caseTitle: `创新券申领 ${number}：${org}`, caseTitleParams: { subjectType: 'voucher_application', number, org } });
    const [mail] = await eventually(async () => {
      const found = mailbox.to(DEMO.reviewer).filter((m) => m.subject?.includes(number));
      return found.length ? found : undefined;
    }, 15_000, 'the reviewer’s e-mail');
    expect(mail.subject).toBe(`[G60] To review: Voucher application ${number}: ${org}`);
  });

  it('the migration gives existing cases their values where the words rebuild the stored title, and none where they do not', async () => {
    const kept = await submittedApplication();
    const renamed = await submittedApplication();
    const before = (await app.dataSource.query(`SELECT id, title_params FROM approval_cases WHERE id = ANY($1)`, [[kept.caseId, renamed.caseId]])) as { id: string; title_params: unknown }[];
    expect(before.every((r) => r.title_params !== null)).toBe(true);
    // The enterprise renamed since its case opened: the stored title no longer follows from today's names.
    await app.dataSource.query(`UPDATE organizations SET name = name || '（更名）' WHERE id = $1`, [renamed.enterprise.organization.id]);

    const migration = new CaseTitleParams1764900330000();
    const runner = app.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const after = (await app.dataSource.query(`SELECT id, title_params FROM approval_cases WHERE id = ANY($1)`, [[kept.caseId, renamed.caseId]])) as { id: string; title_params: unknown }[];
    const of = (rows: { id: string; title_params: unknown }[], id: string) => rows.find((r) => r.id === id)?.title_params;
    expect(of(after, kept.caseId)).toEqual(of(before, kept.caseId));
    expect(of(after, kept.caseId)).toEqual({ number: kept.number, org: kept.org });
    expect(of(after, renamed.caseId)).toBeNull();
    // Cases of the demo data (provider admissions and others) got theirs too.
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM approval_cases WHERE title_params IS NULL AND id <> $1`, [renamed.caseId]);
    expect(n).toBe(0);
  });
});
