import { Queue } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import IORedis from 'ioredis';
import { CityScreening1764900220100 } from '../../migrations/1764900220100-city-screening';
import { registerOrganization, TEST_PASSWORD } from '../support/factories';
import { Expert, GOOD_SCORES, newExpert, openRound, review } from '../support/roadshow-review';
import { TEST_REDIS_URL } from '../support/test-env';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

type Auth = { Authorization: string };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * The review chain over HTTP (docs/domain.md, "Roadshow review chain"): rubric versions, experts assigned to a
 * screening round, conflicts of interest (declared and by rule), blind review on every endpoint a reviewer can
 * call, the minimum of reviews, four eyes on the decision, revise-and-resubmit into a second round, coaching
 * records, and follow-up reminders through the real queue, once, also after a restart.
 */
describe('roadshow review chain', () => {
  let app: TestApp;
  let dataDir: string;
  let admin: Session;
  let enterprise: Session;
  let enterpriseOrgId: string;
  let enterpriseName: string;
  let enterpriseUserId: string;
  /** A second organiser (a platform admin of the centre): the one who reviews and so may not decide. */
  let organiser2: { auth: Auth; userId: string };
  let experts: Expert[];
  let projectId: string;
  let caseId: string;
  const http = () => app.http();

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'g60-review-'));
    app = await startTestApp({ env: { EMBEDDED_DATA_DIR: dataDir } });
    [admin, enterprise] = await Promise.all([login(app, DEMO.admin), login(app, DEMO.enterprise)]);
    const me = (await http().get('/api/v1/me').set(enterprise.auth).expect(200)).body;
    enterpriseOrgId = me.organization.id;
    enterpriseName = me.organization.name;
    enterpriseUserId = me.user.id;
    // Fixture: no API makes a second platform admin, so a registered user is promoted in SQL (test set-up only).
    const second = await registerOrganization(app, { kind: 'investor', regionCode: '330402' });
    await app.dataSource.query(`UPDATE users SET role = 'platform_admin', organization_id = (SELECT organization_id FROM users WHERE email = $2) WHERE id = $1`, [second.user.id, DEMO.admin]);
    organiser2 = { auth: (await login(app, second.user.email, TEST_PASSWORD)).auth, userId: second.user.id };
    experts = [await newExpert(app, admin.auth), await newExpert(app, admin.auth)];
    // Organisers may be experts too (and then may not decide the rounds they review).
    await http().put(`/api/v1/roadshow-experts/${organiser2.userId}`).set(admin.auth).send({}).expect(200);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function submittedProject(title: string): Promise<{ id: string; caseId: string }> {
    const created = await http().post('/api/v1/roadshow-projects').set(enterprise.auth).send({
      title,
      summary: '面向 5G 基站与新能源汽车电控的散热材料',
      industry: 'new_materials',
      stage: 'series_a',
      financingAskFen: 3_000_000_000,
      regionCode: '330402',
      team: [{ name: '李文博', role: 'CEO' }, { name: '陈思', role: 'CTO' }],
    }).expect(201);
    await http().post(`/api/v1/roadshow-projects/${created.body.id}/deck`).set(enterprise.auth).attach('deck', PDF, { filename: `${enterpriseName}-路演材料.pdf`, contentType: 'application/pdf' }).expect(200);
    const submitted = await http().post(`/api/v1/roadshow-projects/${created.body.id}/submit`).set(enterprise.auth).expect(200);
    return { id: created.body.id, caseId: submitted.body.screeningCaseId };
  }

  const assign = (roundId: string, userId: string, auth: Auth = admin.auth) => http().post(`/api/v1/roadshow-review-rounds/${roundId}/reviewers`).set(auth).send({ userId });
  const decide = (roundId: string, auth: Auth, decision: string, comment?: string) => http().post(`/api/v1/roadshow-review-rounds/${roundId}/decision`).set(auth).send(comment ? { decision, comment } : { decision });
  const notifications = async (auth: Auth) => (await http().get('/api/v1/notifications?limit=100').set(auth).expect(200)).body.items as { kind: string; title: string; body: string }[];

  it('rubrics are data and versioned: a round keeps the version in force when it opened', async () => {
    const rubrics = (await http().get('/api/v1/roadshow-rubrics').set(enterprise.auth).expect(200)).body;
    expect(rubrics).toEqual([expect.objectContaining({ key: 'default', version: 1, isActive: true, scaleMin: 1, scaleMax: 10 })]);
    expect(rubrics[0].criteria.map((c: { key: string; weight: number }) => `${c.key}:${c.weight}`)).toEqual(['technology:30', 'market:25', 'team:20', 'business_model:15', 'landing_intent:10']);

    const project = await submittedProject('高导热石墨烯复合散热膜');
    projectId = project.id;
    caseId = project.caseId;
    const round = await openRound(app, admin.auth, projectId);
    expect(round).toMatchObject({ roundNo: 1, status: 'open', blind: false, minReviews: 2, rubric: { version: 1 }, caseId, applicantName: enterpriseName });

    // Weights must add up to 100; only organisers publish.
    const bad = await http().post('/api/v1/roadshow-rubrics').set(admin.auth).send({ key: 'default', name: 'x', scaleMin: 1, scaleMax: 10, criteria: [{ key: 'technology', name: '技术', nameEn: 'Tech', weight: 90 }] }).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.arrayContaining([expect.objectContaining({ field: 'criteria', message: 'weights add up to 90, not 100' })]) });
    const v2 = {
      key: 'default',
      name: '路演项目评审标准（2027）',
      scaleMin: 1,
      scaleMax: 10,
      criteria: [
        { key: 'technology', name: '技术先进性', nameEn: 'Technology', weight: 40 },
        { key: 'market', name: '市场前景', nameEn: 'Market prospects', weight: 30 },
        { key: 'team', name: '团队', nameEn: 'Team', weight: 30 },
      ],
    };
    await http().post('/api/v1/roadshow-rubrics').set(enterprise.auth).send(v2).expect(403);
    expect((await http().post('/api/v1/roadshow-rubrics').set(admin.auth).send(v2).expect(201)).body).toMatchObject({ key: 'default', version: 2, isActive: true });
    // The open round still scores against version 1.
    expect((await http().get(`/api/v1/roadshow-review-rounds/${round.id}`).set(admin.auth).expect(200)).body.rubric).toMatchObject({ version: 1, criteria: expect.arrayContaining([expect.objectContaining({ key: 'landing_intent' })]) });
  });

  it('excludes conflicted reviewers by declaration and by rule, audited, and refuses their scores (403 REVIEWER_CONFLICTED)', async () => {
    const round = await openRound(app, admin.auth, projectId);
    // Blind review, set before anyone declared.
    expect((await http().patch(`/api/v1/roadshow-review-rounds/${round.id}`).set(admin.auth).send({ blind: true }).expect(200)).body.blind).toBe(true);

    // By rule: a colleague of the applicant (same organisation) is excluded at once.
    const colleague = await http().put(`/api/v1/roadshow-experts/${enterpriseUserId}`).set(admin.auth).send({ expertise: ['new_materials'] }).expect(200);
    expect(colleague.body.userId).toBe(enterpriseUserId);
    expect((await assign(round.id, enterpriseUserId).expect(201)).body).toMatchObject({ status: 'excluded', exclusionReason: 'same_organisation' });

    // By rule: an enterprise in the applicant's actual-controller group.
    const reviewer = await login(app, DEMO.reviewer);
    const group = (await http().post('/api/v1/controller-groups').set(reviewer.auth).send({ name: '禾源控股集团评审测试', controllerName: '王建国' }).expect(201)).body.id as string;
    const sibling = await newExpert(app, admin.auth, 'enterprise');
    await http().post(`/api/v1/organizations/${enterpriseOrgId}/controller-group`).set(reviewer.auth).send({ controllerGroupId: group }).expect(200);
    await http().post(`/api/v1/organizations/${sibling.organizationId}/controller-group`).set(reviewer.auth).send({ controllerGroupId: group }).expect(200);
    const siblingAssignment = (await assign(round.id, sibling.userId).expect(201)).body;
    expect(siblingAssignment).toMatchObject({ status: 'excluded', exclusionReason: 'same_controller_group' });
    // An agency officer cannot join the pool (they read the region's cases, names and all).
    const refused = await http().put(`/api/v1/roadshow-experts/${(await http().get('/api/v1/me').set(reviewer.auth)).body.user.id}`).set(admin.auth).send({}).expect(400);
    expect(refused.body.details[0].field).toBe('userId');
    // Not in the pool: 422 NOT_AN_EXPERT.
    const outsider = await registerOrganization(app, { kind: 'investor', regionCode: '330402' });
    expect((await assign(round.id, outsider.user.id).expect(422)).body.code).toBe('NOT_AN_EXPERT');

    // By declaration: the reviewer names the relation; then everything about the project is closed to them.
    const declarer = await newExpert(app, admin.auth);
    const declared = (await assign(round.id, declarer.userId).expect(201)).body;
    expect(declared.status).toBe('assigned');
    const before = (await http().get(`/api/v1/roadshow-review-assignments/${declared.id}`).set(declarer.auth).expect(200)).body;
    expect(before).toMatchObject({ status: 'assigned', project: null, industry: 'new_materials', applicantName: null });
    // Before declaring: no deck, no scores (409: declare first).
    await http().get(`/api/v1/roadshow-review-assignments/${declared.id}/deck`).set(declarer.auth).expect(409);
    await http().post(`/api/v1/roadshow-review-assignments/${declared.id}/review`).set(declarer.auth).send({ scores: GOOD_SCORES, comment: '申报之前就想评分的尝试记录', commentShareable: false }).expect(409);
    expect((await http().post(`/api/v1/roadshow-review-assignments/${declared.id}/declaration`).set(declarer.auth).send({ conflicted: true }).expect(400)).body.details[0].field).toBe('reason');
    const excluded = await http().post(`/api/v1/roadshow-review-assignments/${declared.id}/declaration`).set(declarer.auth).send({ conflicted: true, relation: 'shareholding', reason: '本人持有申报企业股份' }).expect(200);
    expect(excluded.body).toMatchObject({ status: 'excluded', exclusionReason: 'declared', project: null });
    const scoring = await http().post(`/api/v1/roadshow-review-assignments/${declared.id}/review`).set(declarer.auth).send({ scores: GOOD_SCORES, comment: '我还是想打分，看看会怎样', commentShareable: false }).expect(403);
    expect(scoring.body.code).toBe('REVIEWER_CONFLICTED');
    expect((await http().get(`/api/v1/roadshow-review-assignments/${declared.id}/deck`).set(declarer.auth).expect(403)).body.code).toBe('REVIEWER_CONFLICTED');
    for (const a of [siblingAssignment.id]) {
      expect((await http().post(`/api/v1/roadshow-review-assignments/${a}/review`).set(sibling.auth).send({ scores: GOOD_SCORES, comment: '同一实际控制人也想评分', commentShareable: false }).expect(403)).body.code).toBe('REVIEWER_CONFLICTED');
    }
    // A second declaration is an illegal move.
    await http().post(`/api/v1/roadshow-review-assignments/${declared.id}/declaration`).set(declarer.auth).send({ conflicted: false }).expect(409);

    const audit = (await app.dataSource.query(
      `SELECT action, after->>'reason' AS reason, after->>'by' AS by FROM audit_events WHERE subject_id = $1 AND action = 'roadshow_review_assignment.exclude' ORDER BY id`,
      [round.id],
    )) as { action: string; reason: string; by: string }[];
    expect(audit).toEqual([
      { action: 'roadshow_review_assignment.exclude', reason: 'same_organisation', by: 'rule' },
      { action: 'roadshow_review_assignment.exclude', reason: 'same_controller_group', by: 'rule' },
      { action: 'roadshow_review_assignment.exclude', reason: 'declared', by: 'declaration' },
    ]);
  });

  it('hides the applicant from reviewers of a blind round on every endpoint they can call; organisers still see it', async () => {
    const round = await openRound(app, admin.auth, projectId);
    const [a] = experts;
    const assignment = (await assign(round.id, a.userId).expect(201)).body;
    await http().post(`/api/v1/roadshow-review-assignments/${assignment.id}/declaration`).set(a.auth).send({ conflicted: false }).expect(200);

    const leaks = (label: string, body: unknown) => {
      const text = JSON.stringify(body);
      for (const secret of [enterpriseName, enterpriseOrgId, '李文博', '陈思', caseId]) expect({ label, leaked: text.includes(secret) ? secret : null }).toEqual({ label, leaked: null });
    };
    const detail = (await http().get(`/api/v1/roadshow-review-assignments/${assignment.id}`).set(a.auth).expect(200)).body;
    expect(detail.project).toMatchObject({ title: '高导热石墨烯复合散热膜', applicantName: null, projectNumber: null, regionCode: null, team: ['CEO', 'CTO'], hasDeck: true });
    leaks('assignment', detail);
    leaks('inbox', (await http().get('/api/v1/me/roadshow-reviews').set(a.auth).expect(200)).body);
    leaks('notifications', await notifications(a.auth));
    expect((await notifications(a.auth)).map((n) => n.kind)).toContain('roadshow_review.assigned');
    const deck = await http().get(`/api/v1/roadshow-review-assignments/${assignment.id}/deck`).set(a.auth).expect(200);
    expect(deck.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''deck.pdf`);
    // The project's own routes and the screening case stay closed to the reviewer.
    await http().get(`/api/v1/roadshow-projects/${projectId}`).set(a.auth).expect(404);
    await http().get(`/api/v1/roadshow-projects/${projectId}/deck`).set(a.auth).expect(404);
    await http().get(`/api/v1/roadshow-projects/${projectId}/review-rounds`).set(a.auth).expect(404);
    await http().get(`/api/v1/approval-cases/${caseId}`).set(a.auth).expect(404);
    await http().get(`/api/v1/roadshow-review-rounds/${round.id}`).set(a.auth).expect(403);
    await http().get('/api/v1/roadshow-review-rounds').set(a.auth).expect(403);
    // Someone else's assignment is not there at all.
    await http().get(`/api/v1/roadshow-review-assignments/${assignment.id}`).set(experts[1].auth).expect(404);
    // The organiser sees who applied.
    const organiserView = (await http().get(`/api/v1/roadshow-review-rounds/${round.id}`).set(admin.auth).expect(200)).body;
    expect(organiserView).toMatchObject({ blind: true, applicantName: enterpriseName });
    // Blind is set before declarations, not after.
    await http().patch(`/api/v1/roadshow-review-rounds/${round.id}`).set(admin.auth).send({ blind: false }).expect(409);
  });

  it('needs the minimum of reviews and an organiser who did not review (four eyes); cheating attempts are refused', async () => {
    const round = await openRound(app, admin.auth, projectId);
    const [a] = experts;
    const mine = (await http().get('/api/v1/me/roadshow-reviews').set(a.auth).expect(200)).body.find((t: { roundId: string }) => t.roundId === round.id);
    // Scores outside the rubric are refused field by field.
    const wrong = await http().post(`/api/v1/roadshow-review-assignments/${mine.assignmentId}/review`).set(a.auth).send({ scores: { ...GOOD_SCORES, technology: 11, extra: 3 }, comment: '评分超出量表范围的尝试', commentShareable: true }).expect(400);
    expect(wrong.body.details.map((d: { field: string }) => d.field)).toEqual(['scores.technology', 'scores.extra']);
    await http().post(`/api/v1/roadshow-review-assignments/${mine.assignmentId}/review`).set(a.auth).send({ scores: GOOD_SCORES, comment: '技术路线清晰，导热系数指标领先。', commentShareable: true }).expect(200);
    // Scored once.
    await http().post(`/api/v1/roadshow-review-assignments/${mine.assignmentId}/review`).set(a.auth).send({ scores: GOOD_SCORES, comment: '同一评审再评一次的尝试记录', commentShareable: true }).expect(409);
    // A reviewer cannot score through an assignment that is not theirs (a round they are not assigned to).
    await http().post(`/api/v1/roadshow-review-assignments/${mine.assignmentId}/review`).set(experts[1].auth).send({ scores: GOOD_SCORES, comment: '冒名他人评审任务的评分尝试', commentShareable: true }).expect(404);
    // A reviewer cannot decide.
    await decide(round.id, a.auth, 'pass').expect(403);

    // One review of two: 422.
    const early = await decide(round.id, admin.auth, 'pass').expect(422);
    expect(early.body).toMatchObject({ code: 'REVIEWS_BELOW_MINIMUM', details: { submitted: 1, required: 2 } });

    // The second organiser reviews this round, so the first decides.
    await review(app, admin.auth, round.id, { auth: organiser2.auth, userId: organiser2.userId, organizationId: '' }, { technology: 6, market: 6, team: 7, business_model: 5, landing_intent: 8 }, '市场验证不足，建议补充客户订单。');
    const reviewedDecides = await decide(round.id, organiser2.auth, 'pass').expect(403);
    expect(reviewedDecides.body.code).toBe('DECIDER_REVIEWED_ROUND');
    // Also through the approvals inbox: the same rule holds on the task itself.
    const [task] = (await app.dataSource.query(`SELECT id FROM approval_tasks WHERE case_id = $1 AND status = 'open'`, [caseId])) as { id: string }[];
    expect((await http().post(`/api/v1/approval-tasks/${task.id}/decision`).set(organiser2.auth).send({ decision: 'approve' }).expect(403)).body.code).toBe('DECIDER_REVIEWED_ROUND');

    const view = (await http().get(`/api/v1/roadshow-review-rounds/${round.id}`).set(admin.auth).expect(200)).body;
    // 8·30 + 7·25 + 8·20 + 6·15 + 9·10 = 755 → 7.55; 6·30 + 6·25 + 7·20 + 5·15 + 8·10 = 625 → 6.25; mean 6.9.
    expect(view.aggregate).toEqual({ reviews: 2, weightedMean: 6.9, criteria: { technology: 7, market: 6.5, team: 7.5, business_model: 5.5, landing_intent: 8.5 } });
    expect(view.canDecide).toBe(true);
    expect((await http().get(`/api/v1/roadshow-review-rounds/${round.id}`).set(organiser2.auth).expect(200)).body.canDecide).toBe(false);
    // The enterprise cannot read the organisers' view.
    await http().get(`/api/v1/roadshow-review-rounds/${round.id}`).set(enterprise.auth).expect(403);
  });

  it('a city organiser screens its own city’s projects: Jiaxing sees and decides a Nanhu project, Hangzhou is refused and sees nothing, a conflicted decider is refused', async () => {
    const [jx, hz] = await Promise.all([login(app, DEMO.organiserJiaxing), login(app, DEMO.organiserHangzhou)]);
    const inbox = async (auth: Auth) => (await http().get('/api/v1/approval-tasks?subjectType=roadshow_project&limit=200').set(auth).expect(200)).body as { id: string; caseId: string }[];
    const own = await submittedProject('嘉兴本地项目：城市组织方筛选');
    const round = await openRound(app, jx.auth, own.id);
    // The screening task goes to Jiaxing's organisers (the project was submitted in 南湖区, under 嘉兴市) and the centre.
    const task = await eventually(async () => {
      const found = (await inbox(jx.auth)).find((t) => t.caseId === own.caseId);
      if (!found) throw new Error('no task yet');
      return found;
    }, 20_000, 'screening task in the Jiaxing inbox');
    expect((await inbox(admin.auth)).map((t) => t.id)).toContain(task.id);
    const [stored] = (await app.dataSource.query(`SELECT decider_roles, region_code FROM approval_tasks WHERE id = $1`, [task.id])) as { decider_roles: string[]; region_code: string }[];
    expect(stored).toEqual({ decider_roles: ['platform_admin', 'roadshow_organiser'], region_code: '330400' });
    // The case is Jiaxing's to read too.
    const detail = (await http().get(`/api/v1/approval-cases/${own.caseId}`).set(jx.auth).expect(200)).body;
    expect(detail.case).toMatchObject({ status: 'in_review', regionCode: '330402' });
    // The automatic pre-check ran first (deck, team, region), its reasons as codes; the round opened with the review stage only.
    expect(detail.findings.map((f: { check: string; outcome: string; reasonCodes: { code: string; params: object }[] }) => [f.check, f.outcome, f.reasonCodes]).sort()).toEqual([
      ['deck_uploaded', 'pass', []],
      ['g60_region', 'pass', []],
      ['team_declared', 'pass', [{ code: 'team_members', params: { count: 2 } }]],
    ]);
    expect((await app.dataSource.query(`SELECT count(*)::int AS n FROM roadshow_review_rounds WHERE case_id = $1`, [own.caseId]))[0].n).toBe(1);

    // Hangzhou's organiser: not in its inbox, not in its rounds, and every door is 403 (the task itself 404, as any task one cannot see).
    expect((await inbox(hz.auth)).map((t) => t.id)).not.toContain(task.id);
    expect((await http().get('/api/v1/roadshow-review-rounds').set(hz.auth).expect(200)).body.map((r: { id: string }) => r.id)).not.toContain(round.id);
    await http().get(`/api/v1/roadshow-review-rounds/${round.id}`).set(hz.auth).expect(403);
    await assign(round.id, experts[0].userId, hz.auth).expect(403);
    await http().patch(`/api/v1/roadshow-review-rounds/${round.id}`).set(hz.auth).send({ minReviews: 1 }).expect(403);
    await decide(round.id, hz.auth, 'pass').expect(403);
    await http().post(`/api/v1/approval-tasks/${task.id}/decision`).set(hz.auth).send({ decision: 'approve' }).expect(404);

    // Jiaxing assigns the experts itself and decides once two reviews are in.
    expect((await http().get('/api/v1/roadshow-review-rounds').set(jx.auth).expect(200)).body.map((r: { id: string }) => r.id)).toContain(round.id);
    // Scores on the rubric the round opened with (an earlier case publishes version 2).
    const scores = (r: { rubric: { criteria: { key: string }[] } }) => Object.fromEntries(r.rubric.criteria.map((c) => [c.key, 8]));
    for (const expert of experts) await review(app, jx.auth, round.id, expert, scores(round));
    expect((await http().get(`/api/v1/roadshow-review-rounds/${round.id}`).set(jx.auth).expect(200)).body.canDecide).toBe(true);
    expect((await decide(round.id, jx.auth, 'pass', '本市项目，评审通过。').expect(200)).body).toMatchObject({ status: 'passed' });
    await eventually(async () => {
      const [p] = (await app.dataSource.query(`SELECT status FROM roadshow_projects WHERE id = $1`, [own.id])) as { status: string }[];
      // eventually() waits for a truthy value: without it, a screened project would look like a timeout.
      return p.status === 'screened';
    }, 20_000, 'project screened');

    // A Jiaxing organiser who declared a conflict on a round is excluded from it and may not decide it; the centre does.
    const conflicted = await submittedProject('嘉兴本地项目：申报利益冲突的组织方');
    const second = await openRound(app, jx.auth, conflicted.id);
    const jxUserId = (await http().get('/api/v1/me').set(jx.auth).expect(200)).body.user.id as string;
    await http().put(`/api/v1/roadshow-experts/${jxUserId}`).set(admin.auth).send({ expertise: ['new_materials'] }).expect(200);
    const mine = (await assign(second.id, jxUserId, jx.auth).expect(201)).body;
    const declared = await http().post(`/api/v1/roadshow-review-assignments/${mine.id}/declaration`).set(jx.auth).send({ conflicted: true, relation: 'employment', reason: '曾在申请企业任职' });
    expect(declared.status).toBe(200);
    for (const expert of experts) await review(app, jx.auth, second.id, expert, scores(second));
    expect((await http().get(`/api/v1/roadshow-review-rounds/${second.id}`).set(jx.auth).expect(200)).body.canDecide).toBe(false);
    expect((await decide(second.id, jx.auth, 'pass').expect(403)).body.code).toBe('DECIDER_REVIEWED_ROUND');
    await decide(second.id, admin.auth, 'reject', '材料不足，暂不进入路演。').expect(200);
  });

  it('migration 1764900220100 on a database still on the old screening definition: a new version with the pre-check and the city organisers, open tasks re-routed to the project’s city', async () => {
    const project = await submittedProject('嘉兴本地项目：迁移前的筛选任务');
    await openRound(app, admin.auth, project.id);
    const qr = app.dataSource.createQueryRunner();
    try {
      // The state before the migration, in a transaction that is undone: the seeded version 1 of old (platform admin
      // only, platform scope) active, and this project's open task routed as it was then.
      await qr.startTransaction();
      await qr.query(`UPDATE workflow_definitions SET is_active = false WHERE key = 'roadshow_screening'`);
      const [old] = (await qr.query(
        `INSERT INTO workflow_definitions (key, version, name, subject_type, stages, is_active)
         SELECT 'roadshow_screening', max(version) + 1, '路演项目筛选', 'roadshow_project', $1::jsonb, true FROM workflow_definitions WHERE key = 'roadshow_screening' RETURNING id, version`,
        [JSON.stringify([{ key: 'screening', name: '项目筛选', kind: 'review', deciderRoles: ['platform_admin'], regionScope: 'platform', sla: { durationSeconds: 604_800, remindAtFraction: 0.5 } }])],
      )) as { id: string; version: number }[];
      await qr.query(`UPDATE approval_cases SET city_code = '330000' WHERE id = $1`, [project.caseId]);
      await qr.query(`UPDATE approval_tasks SET decider_roles = ARRAY['platform_admin'], region_code = NULL WHERE case_id = $1 AND status = 'open'`, [project.caseId]);

      await new CityScreening1764900220100().up(qr);
      const defs = (await qr.query(`SELECT id, version, is_active, stages FROM workflow_definitions WHERE key = 'roadshow_screening' AND version >= $1 ORDER BY version`, [old.version])) as { id: string; version: number; is_active: boolean; stages: { key: string; kind: string; deciderRoles?: string[]; regionScope?: string }[] }[];
      expect(defs.map((d) => [d.version - old.version, d.is_active, d.stages.map((st) => `${st.key}:${st.kind}:${(st.deciderRoles ?? []).join('+')}:${st.regionScope ?? ''}`)])).toEqual([
        [0, false, ['screening:review:platform_admin:platform']],
        [1, true, ['precheck:precheck::', 'screening:review:platform_admin+roadshow_organiser:subject_city']],
      ]);
      expect(await qr.query(`SELECT c.city_code, t.decider_roles, t.region_code FROM approval_cases c JOIN approval_tasks t ON t.case_id = c.id AND t.status = 'open' WHERE c.id = $1`, [project.caseId])).toEqual([
        { city_code: '330400', decider_roles: ['platform_admin', 'roadshow_organiser'], region_code: '330400' },
      ]);
      // Run twice (a re-run after a partial deploy): nothing more is published.
      await new CityScreening1764900220100().up(qr);
      expect((await qr.query(`SELECT count(*)::int AS n FROM workflow_definitions WHERE key = 'roadshow_screening' AND version > $1`, [old.version]))[0].n).toBe(1);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  });

  it('revise and resubmit: the enterprise reads the decision and shareable comments (no reviewer names in a blind round), revises, and round 2 opens on the rubric now in force', async () => {
    const round1 = await openRound(app, admin.auth, projectId);
    expect((await decide(round1.id, admin.auth, 'revise').expect(400)).body.details[0].field).toBe('comment');
    const decided = (await decide(round1.id, admin.auth, 'revise', '请补充客户订单与量产计划后重新提交').expect(200)).body;
    expect(decided).toMatchObject({ status: 'revise_requested', decisionComment: '请补充客户订单与量产计划后重新提交', decidedBy: expect.any(String) });
    // Decided once: 409.
    await decide(round1.id, admin.auth, 'pass').expect(409);
    await eventually(async () => ((await http().get(`/api/v1/roadshow-projects/${projectId}`).set(enterprise.auth)).body.status === 'returned' ? true : undefined), 20_000, 'returned');

    const seen = (await http().get(`/api/v1/roadshow-projects/${projectId}/review-rounds`).set(enterprise.auth).expect(200)).body;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ roundNo: 1, blind: true, status: 'revise_requested', decisionComment: '请补充客户订单与量产计划后重新提交', aggregate: { reviews: 2, weightedMean: 6.9 } });
    expect(seen[0].comments).toEqual([
      { reviewerName: null, comment: '技术路线清晰，导热系数指标领先。' },
      { reviewerName: null, comment: '市场验证不足，建议补充客户订单。' },
    ]);
    const text = JSON.stringify(seen);
    for (const e of experts) expect(text.includes(e.userId)).toBe(false);
    expect(text.includes(organiser2.userId)).toBe(false);
    // Other enterprises do not see it.
    const other = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    await http().get(`/api/v1/roadshow-projects/${projectId}/review-rounds`).set(other.auth).expect(404);

    await http().post(`/api/v1/roadshow-projects/${projectId}`).set(enterprise.auth).send({ summary: '已获两家整车厂定点，2027 年量产' }).expect(200);
    await http().post(`/api/v1/roadshow-projects/${projectId}/submit`).set(enterprise.auth).expect(200);
    const round2 = await openRound(app, admin.auth, projectId);
    expect(round2).toMatchObject({ roundNo: 2, caseId, blind: true, rubric: { version: 2 }, assignments: [] });
    // Scored against version 2's three criteria.
    for (const e of experts) await review(app, admin.auth, round2.id, e, { technology: 9, market: 8, team: 8 });
    expect((await decide(round2.id, admin.auth, 'pass').expect(200)).body).toMatchObject({ status: 'passed', aggregate: { reviews: 2, weightedMean: 8.4 } });
    await eventually(async () => ((await http().get(`/api/v1/roadshow-projects/${projectId}`).set(enterprise.auth)).body.status === 'screened' ? true : undefined), 20_000, 'screened');
    const both = (await http().get(`/api/v1/roadshow-projects/${projectId}/review-rounds`).set(enterprise.auth).expect(200)).body;
    expect(both.map((r: { roundNo: number; status: string }) => `${r.roundNo}:${r.status}`)).toEqual(['1:revise_requested', '2:passed']);
  });

  it('keeps coaching records with follow-up items (owner, due day, status; 409 on an illegal move)', async () => {
    const created = await http().post(`/api/v1/roadshow-projects/${projectId}/coaching-records`).set(admin.auth).send({
      coachName: '王导师（长三角全球科创路演中心）',
      coachedAt: '2026-12-01T14:00:00+08:00',
      advice: '路演材料突出量产能力与客户订单；估值依据需补充可比公司。',
      items: [
        { description: '补充核心专利清单', ownerUserId: enterpriseUserId, dueOn: '2026-12-20' },
        { description: '准备 8 分钟路演稿', ownerUserId: enterpriseUserId, dueOn: '2020-01-01' },
      ],
    }).expect(201);
    expect(created.body.items.map((i: { status: string; overdue: boolean }) => `${i.status}:${i.overdue}`)).toEqual(['open:true', 'open:false']);
    expect((await http().get(`/api/v1/roadshow-projects/${projectId}`).set(enterprise.auth)).body.status).toBe('coached');
    // The timeline note is the server's: a code for the portal, the English text kept for API clients.
    const coached = (await http().get(`/api/v1/roadshow-projects/${projectId}/timeline`).set(enterprise.auth).expect(200)).body.entries.find((e: { event: string }) => e.event === 'coach');
    expect(coached).toMatchObject({ note: 'coaching by 王导师（长三角全球科创路演中心）', noteCode: { code: 'coached_by', params: { coach: '王导师（长三角全球科创路演中心）' } } });
    await http().post(`/api/v1/roadshow-projects/${projectId}/coaching-records`).set(enterprise.auth).send({ coachName: 'x', coachedAt: '2026-12-01T14:00:00+08:00', advice: 'x' }).expect(403);
    const records = (await http().get(`/api/v1/roadshow-projects/${projectId}/coaching-records`).set(enterprise.auth).expect(200)).body;
    expect(records).toHaveLength(1);
    const item = records[0].items[0];
    await http().post(`/api/v1/roadshow-coaching-items/${item.id}/status`).set(experts[0].auth).send({ event: 'complete' }).expect(404);
    expect((await http().post(`/api/v1/roadshow-coaching-items/${item.id}/status`).set(enterprise.auth).send({ event: 'complete' }).expect(200)).body).toMatchObject({ status: 'done', overdue: false });
    expect((await http().post(`/api/v1/roadshow-coaching-items/${item.id}/status`).set(enterprise.auth).send({ event: 'drop' }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');

    // Coaching is the project's own city's, as screening: Jiaxing's organiser reads and writes it, Hangzhou's gets 403.
    const [jx, hz] = await Promise.all([login(app, DEMO.organiserJiaxing), login(app, DEMO.organiserHangzhou)]);
    const advice = { coachName: '杭州导师', coachedAt: '2026-12-02T10:00:00+08:00', advice: '建议补充量产数据与客户名单。' };
    await http().post(`/api/v1/roadshow-projects/${projectId}/coaching-records`).set(hz.auth).send(advice).expect(403);
    await http().get(`/api/v1/roadshow-projects/${projectId}/coaching-records`).set(hz.auth).expect(403);
    await http().post(`/api/v1/roadshow-coaching-items/${records[0].items[1].id}/status`).set(hz.auth).send({ event: 'drop' }).expect(403);
    expect((await http().get(`/api/v1/roadshow-projects/${projectId}/coaching-records`).set(jx.auth).expect(200)).body).toHaveLength(1);
    await http().post(`/api/v1/roadshow-projects/${projectId}/coaching-records`).set(jx.auth).send({ ...advice, coachName: '嘉兴导师' }).expect(201);
  });

  it('reminds the person responsible of a follow-up once through the queue, shows it overdue, and not again after a worker restart', async () => {
    const due = new Date(Date.now() + 1500).toISOString();
    const created = (await http().post(`/api/v1/roadshow-projects/${projectId}/follow-ups`).set(admin.auth).send({ topic: 'financing_closed', question: '本轮融资是否已交割？', dueAt: due, responsibleUserId: enterpriseUserId }).expect(201)).body;
    expect(created).toMatchObject({ status: 'open', overdue: false, remindedAt: null, responsibleUserId: enterpriseUserId });
    // Another city's organiser neither sets, reads, lists nor closes the Jiaxing project's follow-ups; Jiaxing's lists them.
    const [jx, hz] = await Promise.all([login(app, DEMO.organiserJiaxing), login(app, DEMO.organiserHangzhou)]);
    await http().post(`/api/v1/roadshow-projects/${projectId}/follow-ups`).set(hz.auth).send({ topic: 'landed', question: '是否已落地杭州？', dueAt: due, responsibleUserId: enterpriseUserId }).expect(403);
    await http().get(`/api/v1/roadshow-follow-ups?projectId=${projectId}`).set(hz.auth).expect(403);
    expect((await http().get('/api/v1/roadshow-follow-ups').set(hz.auth).expect(200)).body.map((f: { id: string }) => f.id)).not.toContain(created.id);
    await http().post(`/api/v1/roadshow-follow-ups/${created.id}/close`).set(hz.auth).send({ event: 'cancel' }).expect(403);
    expect((await http().get('/api/v1/roadshow-follow-ups').set(jx.auth).expect(200)).body.map((f: { id: string }) => f.id)).toContain(created.id);
    const reminders = async () => (await notifications(enterprise.auth)).filter((n) => n.kind === 'roadshow_follow_up.due');
    await eventually(async () => ((await reminders()).length === 1 ? true : undefined), 20_000, 'follow-up reminder');
    const overdue = (await http().get('/api/v1/roadshow-follow-ups?overdue=true').set(enterprise.auth).expect(200)).body;
    expect(overdue.map((f: { id: string; overdue: boolean }) => `${f.id}:${f.overdue}`)).toEqual([`${created.id}:true`]);
    const [{ reminded_at: remindedAt }] = (await app.dataSource.query(`SELECT reminded_at FROM roadshow_follow_ups WHERE id = $1`, [created.id])) as { reminded_at: Date }[];
    expect(remindedAt).toBeInstanceOf(Date);

    // Restart: the app stops, a new one starts on the same database and queue, and the reminder job is delivered
    // again (as a redelivery after a crash would); nothing new is sent.
    const { db, queuePrefix } = app;
    await app.close({ keepData: true });
    app = await startTestApp({ database: db, queuePrefix, env: { EMBEDDED_DATA_DIR: dataDir } });
    [admin, enterprise] = await Promise.all([login(app, DEMO.admin), login(app, DEMO.enterprise)]);
    const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('notifications', { connection: redis, prefix: queuePrefix });
    try {
      const again = await queue.add('roadshows.follow-up-reminder', { followUpId: created.id }, { jobId: `redelivered-${created.id}` });
      await eventually(async () => ((await again.getState()) === 'completed' ? true : undefined), 20_000, 'redelivered reminder handled');
      expect((await queue.getJob(again.id!))?.returnvalue).toBe('skipped: already reminded');
    } finally {
      await queue.close();
      redis.disconnect();
    }
    expect(await reminders()).toHaveLength(1);
    const [{ reminded_at: after }] = (await app.dataSource.query(`SELECT reminded_at FROM roadshow_follow_ups WHERE id = $1`, [created.id])) as { reminded_at: Date }[];
    expect(after.toISOString()).toBe(remindedAt.toISOString());
    // Answered by the person responsible: no longer overdue; answering twice is 409.
    expect((await http().post(`/api/v1/roadshow-follow-ups/${created.id}/close`).set(enterprise.auth).send({ event: 'complete', answer: '12 月 12 日交割，3000 万元' }).expect(200)).body).toMatchObject({ status: 'done', overdue: false });
    await http().post(`/api/v1/roadshow-follow-ups/${created.id}/close`).set(enterprise.auth).send({ event: 'complete' }).expect(409);
    await http().post(`/api/v1/roadshow-follow-ups/${created.id}/close`).set(experts[0].auth).send({ event: 'cancel' }).expect(404);
    expect((await http().get('/api/v1/roadshow-follow-ups?overdue=true').set(admin.auth).expect(200)).body).toEqual([]);
  });
});
