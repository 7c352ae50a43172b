import { CaseEngine } from '../../src/modules/approvals/case-engine.service';
import { JobName } from '../../src/platform/queue/queue.registry';
import { registerOrganization, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { caseOfSubject, decide, publishWorkflow, waitForCase, waitForTask } from '../support/approvals';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { TEST_METRICS_TOKEN } from '../support/test-env';

describe('approval workflows: provider admission through multi-stage review', () => {
  let app: TestApp;
  let admin: Session;
  let partner: Session;
  let approver: Session;

  beforeAll(async () => {
    app = await startTestApp();
    [admin, partner, approver] = await Promise.all([login(app, DEMO.admin), login(app, DEMO.partner), login(app, DEMO.approver)]);
    // Version 2: pre-check → partner/city review → platform review → 1-second public notice.
    await publishWorkflow(app, admin.auth, 'provider_admission', 'provider_admission', [
      { key: 'precheck', name: '资质自动核验', kind: 'precheck' },
      { key: 'admission_review', name: '入驻审核', kind: 'review', deciderRoles: ['approver', 'partner_admin'], regionScope: 'subject_city' },
      { key: 'platform_review', name: '平台复核', kind: 'review', deciderRoles: ['platform_admin'], regionScope: 'platform' },
      { key: 'public_notice', name: '公示', kind: 'timer', timerSeconds: 1, objectionsStop: true },
    ]);
  });
  afterAll(() => app.close());

  async function admissionOf(orgId: string): Promise<string> {
    const [row] = await app.dataSource.query(`SELECT admission_status FROM organizations WHERE id = $1`, [orgId]);
    return row.admission_status;
  }

  it('runs pre-check → partner review → platform review → public notice → active, each stage once', async () => {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const first = await waitForTask(app, partner.auth, caseId, 'admission_review');
    expect(await admissionOf(provider.organization.id)).toBe('in_review');
    // Version 2 was published without English names: its tasks have none.
    expect(first).toMatchObject({ stageName: '入驻审核', stageNameEn: null });

    const detail = await app.http().get(`/api/v1/approval-cases/${caseId}`).set(partner.auth).expect(200);
    expect(detail.body.case).toMatchObject({ status: 'in_review', definitionKey: 'provider_admission', definitionVersion: 2, currentStageKey: 'admission_review' });
    expect(detail.body.findings.map((f: { check: string; outcome: string }) => `${f.check}:${f.outcome}`).sort()).toEqual([
      'accreditation:pass', 'duplicate_name:pass', 'region_served:pass', 'uscc_valid:pass',
    ]);
    // Every reason as a stable code the portal translates, beside the English text for API clients.
    const accreditation = detail.body.findings.find((f: { check: string }) => f.check === 'accreditation');
    expect(accreditation.reasonCodes.map((r: { code: string }) => r.code)).toEqual(['accreditations_held']);
    expect(accreditation.reasons).toEqual([`holds ${accreditation.reasonCodes[0].params.accreditations}`]);

    await decide(app, partner.auth, first.id, 'approve').expect(200);
    const second = await waitForTask(app, admin.auth, caseId, 'platform_review');
    await decide(app, admin.auth, second.id, 'approve').expect(200);
    const done = await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'approved' && c.case.outcomeAppliedAt !== null, 'approval');
    expect(await admissionOf(provider.organization.id)).toBe('active');

    const actions = done.timeline.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'approval_case.stage_entered')).toHaveLength(4);
    expect(actions.filter((a: string) => a === 'approval_case.outcome_applied')).toHaveLength(1);
    expect(done.decisions.map((d: { decision: string; stageIndex: number }) => `${d.stageIndex}:${d.decision}`)).toEqual(['1:approve', '2:approve']);
    const transitions = await app.dataSource.query(
      `SELECT action FROM audit_events WHERE subject_id = $1 AND action LIKE 'provider.admission.%' ORDER BY id`,
      [provider.organization.id],
    );
    expect(transitions.map((t: { action: string }) => t.action)).toEqual([
      'provider.admission.start_review', 'provider.admission.approve_for_notice', 'provider.admission.activate',
    ]);
    // Prometheus sees the approved case.
    const metrics = await app.http().get('/metrics').set('Authorization', `Bearer ${TEST_METRICS_TOKEN}`).expect(200);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM approval_cases WHERE status = 'approved'`);
    expect(metrics.text).toContain(`approval_cases{workflow="provider_admission",status="approved"} ${n}`);
    // The applicant is told.
    await eventually(async () => {
      const inbox = await app.http().get('/api/v1/notifications').set(provider.auth);
      return inbox.body.items.some((n: { kind: string }) => n.kind === 'approval.approved');
    }, 10_000, 'approval notification');
  });

  it('a rejection closes the case and rejects the admission, with the reason', async () => {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    const noComment = await decide(app, partner.auth, task.id, 'reject').expect(400);
    expect(noComment.body.details).toEqual([{ field: 'comment', message: 'is required when rejecting or returning' }]);
    await decide(app, partner.auth, task.id, 'reject', '检测资质证明不全').expect(200);
    await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'rejected' && c.case.outcomeAppliedAt !== null, 'rejection');
    expect(await admissionOf(provider.organization.id)).toBe('rejected');
    // Deciding a closed task is a 409.
    const again = await decide(app, partner.auth, task.id, 'approve').expect(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('return → revise → resubmit into the same case, keeping the revision and its diff', async () => {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await decide(app, partner.auth, task.id, 'return', '请补充 CNAS 认可证书').expect(200);
    await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'returned' && c.case.outcomeAppliedAt !== null, 'return');
    expect(await admissionOf(provider.organization.id)).toBe('applied');

    await app.http().post(`/api/v1/organizations/${provider.organization.id}/profile`).set(provider.auth).send({ accreditations: ['CMA', 'CNAS'] }).expect(200);
    const resubmitted = await app.http().post(`/api/v1/approval-cases/${caseId}/resubmit`).set(provider.auth).send({ note: '已补充 CNAS' }).expect(200);
    expect(resubmitted.body).toMatchObject({ id: caseId, revision: 2, status: 'open' });

    const next = await waitForTask(app, partner.auth, caseId, 'admission_review');
    expect(next.revision).toBe(2);
    const detail = await app.http().get(`/api/v1/approval-cases/${caseId}`).set(provider.auth).expect(200);
    expect(detail.body.revisions).toHaveLength(2);
    expect(detail.body.revisions[1].diff).toEqual([{ path: 'accreditations', before: ['CMA'], after: ['CMA', 'CNAS'] }]);
    expect(detail.body.revisions[1].note).toBe('已补充 CNAS');
    // A second resubmission of an open case is illegal.
    const twice = await app.http().post(`/api/v1/approval-cases/${caseId}/resubmit`).set(provider.auth).send({}).expect(409);
    expect(twice.body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('of many concurrent decisions on one task exactly one wins; the rest get 409', async () => {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    const results = await Promise.all(Array.from({ length: 12 }, () => decide(app, partner.auth, task.id, 'approve')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(11).fill(409)]);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM approval_decisions WHERE task_id = $1`, [task.id]);
    expect(n).toBe(1);
    await waitForTask(app, admin.auth, caseId, 'platform_review');
    const [{ tasks }] = await app.dataSource.query(`SELECT count(*)::int AS tasks FROM approval_tasks WHERE case_id = $1 AND stage_key = 'platform_review'`, [caseId]);
    expect(tasks).toBe(1);
  });

  it('nobody decides two stages of one case, nor a case of their own organisation', async () => {
    await publishWorkflow(app, admin.auth, 'provider_admission', 'provider_admission', [
      { key: 'first_look', name: '初审', kind: 'review', deciderRoles: ['partner_admin', 'approver'], regionScope: 'subject_city' },
      { key: 'second_look', name: '复审', kind: 'review', deciderRoles: ['partner_admin', 'approver'], regionScope: 'subject_city' },
    ]);
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const first = await waitForTask(app, partner.auth, caseId, 'first_look');
    await decide(app, partner.auth, first.id, 'approve').expect(200);
    const second = await waitForTask(app, partner.auth, caseId, 'second_look');
    const twice = await decide(app, partner.auth, second.id, 'approve').expect(403);
    expect(twice.body.message).toContain('another stage');

    // Make the case look like the partner's own organisation's: the partner may not decide it.
    const me = await app.http().get('/api/v1/me').set(partner.auth);
    const provider2 = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const case2 = await caseOfSubject(app, provider2.organization.id);
    const task2 = await waitForTask(app, partner.auth, case2, 'first_look');
    await app.dataSource.query(`UPDATE approval_cases SET applicant_org_id = $2 WHERE id = $1`, [case2, me.body.organization.id]);
    const own = await decide(app, partner.auth, task2.id, 'approve').expect(403);
    expect(own.body.message).toContain('own organisation');
  });

  it('keeps regions apart: the Jiaxing approver neither sees nor decides a Shanghai admission', async () => {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId);
    const inbox = await app.http().get('/api/v1/approval-tasks').set(approver.auth).expect(200);
    expect(inbox.body.map((t: { id: string }) => t.id)).not.toContain(task.id);
    await decide(app, approver.auth, task.id, 'approve').expect(404);
    await app.http().get(`/api/v1/approval-cases/${caseId}`).set(approver.auth).expect(404);
    // And the Shanghai partner cannot decide a Jiaxing provider's admission.
    const jx = await registerOrganization(app, { kind: 'provider', regionCode: '330402' });
    const jxCase = await caseOfSubject(app, jx.organization.id);
    const jxTask = await waitForTask(app, approver.auth, jxCase);
    await decide(app, partner.auth, jxTask.id, 'approve').expect(404);
  });

  it('an objection during the public notice stops it; a second partner admin reviews the objection', async () => {
    await publishWorkflow(app, admin.auth, 'provider_admission', 'provider_admission', [
      { key: 'precheck', name: '资质自动核验', kind: 'precheck' },
      { key: 'admission_review', name: '入驻审核', kind: 'review', deciderRoles: ['approver', 'partner_admin'], regionScope: 'subject_city' },
      { key: 'public_notice', name: '公示', kind: 'timer', timerSeconds: 60, objectionsStop: true },
    ]);
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await decide(app, partner.auth, task.id, 'approve').expect(200);
    await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'waiting', 'public notice');
    expect(await admissionOf(provider.organization.id)).toBe('public_notice');

    const investor = await login(app, DEMO.investor);
    await app.http().post(`/api/v1/approval-cases/${caseId}/objections`).set(provider.auth).send({ reason: '自己对自己提出异议' }).expect(403);
    await app.http().post(`/api/v1/approval-cases/${caseId}/objections`).set(investor.auth).send({ reason: '该机构检测报告存在造假嫌疑' }).expect(201);
    const objection = await waitForTask(app, partner.auth, caseId, 'public_notice:objection');
    // The partner already decided the review stage of this case, so a colleague must decide the objection.
    await decide(app, partner.auth, objection.id, 'reject', '异议成立').expect(403);
    const me = await app.http().get('/api/v1/me').set(partner.auth);
    const invite = await app.http().post(`/api/v1/organizations/${me.body.organization.id}/invitations`).set(partner.auth).send({ email: uniqueEmail('partner2'), role: 'partner_admin' }).expect(201);
    await app.http().post('/api/v1/auth/invitations/accept').send({ token: invite.body.token, password: TEST_PASSWORD, displayName: '上海平台复核员' }).expect(201);
    const colleague = await login(app, invite.body.email, TEST_PASSWORD);
    await decide(app, colleague.auth, objection.id, 'reject', '异议成立，不予入驻').expect(200);
    await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'rejected' && c.case.outcomeAppliedAt !== null, 'objection upheld');
    expect(await admissionOf(provider.organization.id)).toBe('rejected');
  });

  it('an outcome job delivered twice has one effect', async () => {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await decide(app, partner.auth, task.id, 'reject', '不符合条件').expect(200);
    await waitForCase(app, provider.auth, caseId, (c) => c.case.outcomeAppliedAt !== null, 'outcome');
    const engine = app.get(CaseEngine);
    const again = await Promise.all([1, 2, 3].map(() => engine.applyOutcome({ caseId, revision: 1, outcome: 'rejected', reason: 'x' })));
    expect(again).toEqual(['skipped: already applied', 'skipped: already applied', 'skipped: already applied']);
    const rows = await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action = 'provider.admission.reject'`, [provider.organization.id]);
    expect(rows[0].n).toBe(1);
    // A stale advance for a stage the case already left does nothing either.
    expect(await engine.advance({ caseId, revision: 1, fromStage: 0 })).toBe('skipped: closed');
  });

  it('withdrawing a case under review cancels its open task and the task’s timers, auditing the cancellation in the same transaction', async () => {
    await publishWorkflow(app, admin.auth, 'provider_admission', 'provider_admission', [
      { key: 'admission_review', name: '入驻审核', kind: 'review', deciderRoles: ['approver', 'partner_admin'], regionScope: 'subject_city', sla: { durationSeconds: 86_400, remindAtFraction: 0.5, escalateToRole: 'platform_admin' } },
    ]);
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await app.http().post(`/api/v1/approval-cases/${caseId}/withdraw`).set(provider.auth).send({}).expect(200);

    const [row] = await app.dataSource.query(`SELECT status FROM approval_tasks WHERE id = $1`, [task.id]);
    expect(row.status).toBe('cancelled');
    const audits = await app.dataSource.query(
      `SELECT action, after, occurred_at, request_id FROM audit_events
        WHERE subject_type = 'approval_case' AND subject_id = $1 AND action IN ('approval_case.withdrawn', 'approval_task.cancelled') ORDER BY id`,
      [caseId],
    );
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['approval_case.withdrawn', 'approval_task.cancelled']);
    expect(audits[1].after).toEqual({ taskId: task.id, stage: 'admission_review', status: 'cancelled' });
    // One audit append per transaction: the cancellation shares the withdrawal's time and request.
    expect(audits[1].occurred_at).toEqual(audits[0].occurred_at);
    expect(audits[1].request_id).toBe(audits[0].request_id);
    // The case's timeline shows it, and the task's SLA timers were cancelled with it.
    const detail = await app.http().get(`/api/v1/approval-cases/${caseId}`).set(provider.auth).expect(200);
    expect(detail.body.timeline.map((e: { action: string }) => e.action)).toContain('approval_task.cancelled');
    const timers = await app.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE cancelled_at IS NULL)::int AS live FROM outbox WHERE payload->>'taskId' = $1`,
      [task.id],
    );
    expect(timers).toEqual([{ n: 2, live: 0 }]);
  });

  it('the case list pages newest first by offset: pages put together are the whole list, with a field-level 400 for a bad offset', async () => {
    const whole = async () => ((await app.http().get('/api/v1/approval-cases?limit=200').set(admin.auth).expect(200)).body as { id: string; createdAt: string }[]);
    const { all, paged } = await eventually(async () => {
      const before = await whole();
      const pages: string[] = [];
      for (let offset = 0; offset < before.length + 3; offset += 3) {
        const page = await app.http().get(`/api/v1/approval-cases?limit=3&offset=${offset}`).set(admin.auth).expect(200);
        pages.push(...page.body.map((c: { id: string }) => c.id));
      }
      // Compared while no case opens meanwhile (a case opened would shift the pages).
      return JSON.stringify((await whole()).map((c) => c.id)) === JSON.stringify(before.map((c) => c.id)) ? { all: before, paged: pages } : undefined;
    }, 15_000, 'a stable case list');
    expect(all.length).toBeGreaterThan(3);
    expect(paged).toEqual(all.map((c) => c.id));
    const times = all.map((c) => Date.parse(c.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const bad = await app.http().get('/api/v1/approval-cases?offset=-1').set(admin.auth).expect(400);
    expect([bad.body.code, bad.body.details]).toEqual(['VALIDATION_FAILED', [{ field: 'offset', message: expect.any(String) }]]);
  });
});

describe('approvals: the opening job delivered twice (worker killed after its commit, before the acknowledgement)', () => {
  let api: TestApp;
  // An API-only process: no worker or relay runs the jobs, so this test delivers them itself, in order.
  beforeAll(async () => {
    api = await startTestApp({ role: 'api' });
  });
  afterAll(() => api.close());

  async function counts(caseId: string) {
    const [row] = await api.dataSource.query(
      `SELECT (SELECT count(*)::int FROM audit_events WHERE subject_id = $1 AND action = 'approval_case.prechecked') AS prechecked,
              (SELECT count(*)::int FROM audit_events WHERE subject_id = $1 AND action = 'approval_case.stage_entered') AS entered,
              (SELECT count(*)::int FROM approval_findings WHERE case_id = $2::uuid) AS findings,
              (SELECT count(*)::int FROM approval_tasks WHERE case_id = $2::uuid) AS tasks,
              (SELECT array_agg(job_name ORDER BY id) FROM outbox WHERE job_name LIKE 'approvals.%' AND payload->>'caseId' = $1) AS jobs`,
      [caseId, caseId],
    );
    return row;
  }

  it('runs the pre-checks and enters the review stage once, in the one job', async () => {
    const provider = await registerOrganization(api, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(api, provider.organization.id);
    const engine = api.get(CaseEngine);
    // Seeded workflow: pre-check → review → public notice. One job takes the case from opened to its review task.
    expect(await engine.advance({ caseId, revision: 1, fromStage: -1 })).toBe('entered stage 1');
    expect(await engine.advance({ caseId, revision: 1, fromStage: -1 })).toBe('skipped: already advanced');
    expect(await counts(caseId)).toEqual({ prechecked: 1, entered: 2, findings: 4, tasks: 1, jobs: [JobName.AdvanceCase] });
  });

  it('a task of a built-in workflow carries the stage’s English name', async () => {
    const provider = await registerOrganization(api, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(api, provider.organization.id);
    expect(await api.get(CaseEngine).advance({ caseId, revision: 1, fromStage: -1 })).toBe('entered stage 1');
    const partner = await login(api, DEMO.partner);
    const detail = await api.http().get(`/api/v1/approval-cases/${caseId}`).set(partner.auth).expect(200);
    expect(detail.body.tasks.map((t: { stageKey: string; stageName: string; stageNameEn: string | null }) => [t.stageKey, t.stageName, t.stageNameEn])).toEqual([
      ['admission_review', '入驻审核', 'Admission review'],
    ]);
    const inbox = await api.http().get('/api/v1/approval-tasks').set(partner.auth).expect(200);
    expect(inbox.body.find((t: { caseId: string }) => t.caseId === caseId)).toMatchObject({ stageName: '入驻审核', stageNameEn: 'Admission review' });
  });

  it('publishes English names trimmed, refuses blank ones, and lists them', async () => {
    const admin = await login(api, DEMO.admin);
    const stages = [
      { key: 'precheck', name: '材料自动预审', nameEn: '  Automatic materials pre-check ', kind: 'precheck' },
      { key: 'screening', name: '项目筛选', kind: 'review', deciderRoles: ['platform_admin'], regionScope: 'platform' },
    ];
    const blank = await api.http().post('/api/v1/workflow-definitions').set(admin.auth)
      .send({ key: 'roadshow_screening', name: '路演项目筛选', nameEn: '   ', subjectType: 'roadshow_project', stages: [{ ...stages[0], nameEn: ' ' }, stages[1]] })
      .expect(400);
    expect(blank.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['nameEn', 'stages[0].nameEn']);
    const published = await api.http().post('/api/v1/workflow-definitions').set(admin.auth)
      .send({ key: 'roadshow_screening', name: '路演项目筛选', nameEn: ' Roadshow project screening', subjectType: 'roadshow_project', stages })
      .expect(201);
    expect(published.body).toMatchObject({ nameEn: 'Roadshow project screening', stages: [{ nameEn: 'Automatic materials pre-check' }, { name: '项目筛选' }] });
    expect(published.body.stages[1].nameEn).toBeUndefined();
    const listed = await api.http().get('/api/v1/workflow-definitions').set(admin.auth).expect(200);
    expect(listed.body.find((d: { key: string }) => d.key === 'provider_admission')).toMatchObject({
      name: '服务机构入驻审核',
      nameEn: 'Service provider admission review',
      stages: [{ nameEn: 'Automatic qualification check' }, { nameEn: 'Admission review' }, { nameEn: 'Public notice (7 days)' }],
    });
  });

  it('a case that an earlier version left in pre-checking is taken on by its pre-check job, once', async () => {
    const provider = await registerOrganization(api, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(api, provider.organization.id);
    // As the previous version left it: pre-check stage entered, its checks queued as a job of their own.
    await api.dataSource.query(`UPDATE approval_cases SET status = 'prechecking', current_stage = 0 WHERE id = $1`, [caseId]);
    const engine = api.get(CaseEngine);
    expect(await engine.advance({ caseId, revision: 1, fromStage: -1 })).toBe('skipped: already advanced');
    expect(await engine.runPrechecks({ caseId, revision: 1, stageIndex: 0 })).toBe('entered stage 1');
    expect(await engine.runPrechecks({ caseId, revision: 1, stageIndex: 0 })).toBe('skipped');
    expect(await counts(caseId)).toEqual({ prechecked: 1, entered: 1, findings: 4, tasks: 1, jobs: [JobName.AdvanceCase] });
    const [kase] = await api.dataSource.query(`SELECT status, current_stage FROM approval_cases WHERE id = $1`, [caseId]);
    expect(kase).toEqual({ status: 'in_review', current_stage: 1 });
  });
});
