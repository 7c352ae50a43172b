import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { ApprovalsSweeper } from '../../src/modules/approvals/approvals-sweeper';
import { ApprovalTasksService } from '../../src/modules/approvals/approval-tasks.service';
import { CaseEngine } from '../../src/modules/approvals/case-engine.service';
import { OutboxRelay } from '../../src/platform/outbox/outbox-relay';
import { outboxJobId } from '../../src/platform/outbox/outbox-writer';
import { JobName, QueueName } from '../../src/platform/queue/queue.registry';
import { QueueService } from '../../src/platform/queue/queue.service';
import { TEST_REDIS_URL } from '../support/test-env';
import { registerOrganization, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { caseOfSubject, decide, publishWorkflow, StageInput, waitForCase, waitForTask } from '../support/approvals';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

// Several tests boot their own apps and wait on real timers and backoffs.
jest.setTimeout(120_000);

type Auth = { Authorization: string };

const REVIEW: StageInput = { key: 'admission_review', name: '入驻审核', kind: 'review', deciderRoles: ['approver', 'partner_admin'], regionScope: 'subject_city' };
/** With SLA_TIME_SCALE 0.001 this is 3600 s of wall time: nothing fires during a test. */
const LONG_SLA = { durationSeconds: 3_600_000, remindAtFraction: 0.5, escalateToRole: 'platform_admin' };

async function shanghaiCase(app: TestApp) {
  const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
  const caseId = await caseOfSubject(app, provider.organization.id);
  return { provider, caseId };
}

async function taskRow(app: TestApp, taskId: string) {
  const [row] = await app.dataSource.query(
    `SELECT status, approvals, claimed_by, reminded_at, escalated_at, escalated_to_role, due_at, created_at FROM approval_tasks WHERE id = $1`,
    [taskId],
  );
  return row as {
    status: string; approvals: number; claimed_by: string | null; reminded_at: Date | null; escalated_at: Date | null;
    escalated_to_role: string | null; due_at: Date | null; created_at: Date;
  };
}

async function notificationsOf(app: TestApp, userId: string, kind: string, caseId: string): Promise<number> {
  const [{ n }] = await app.dataSource.query(
    `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = $2 AND subject_id = $3`,
    [userId, kind, caseId],
  );
  return n;
}

async function admissionOf(app: TestApp, orgId: string): Promise<string> {
  const [row] = await app.dataSource.query(`SELECT admission_status FROM organizations WHERE id = $1`, [orgId]);
  return row.admission_status;
}

async function userIdOf(app: TestApp, auth: Auth): Promise<{ userId: string; orgId: string }> {
  const me = await app.http().get('/api/v1/me').set(auth).expect(200);
  return { userId: me.body.user.id, orgId: me.body.organization.id };
}

describe('approvals: SLA timers, N-of-M, claims, batches and metrics (SLA_TIME_SCALE 0.001)', () => {
  let app: TestApp;
  let admin: Session;
  let partner: Session;
  let colleague: Session;
  let partnerId: string;
  let colleagueId: string;
  let adminId: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { SLA_TIME_SCALE: '0.001' } });
    [admin, partner] = await Promise.all([login(app, DEMO.admin), login(app, DEMO.partner)]);
    const me = await userIdOf(app, partner.auth);
    partnerId = me.userId;
    adminId = (await userIdOf(app, admin.auth)).userId;
    // A second partner admin of the Shanghai partner agency: N-of-M and claims need two deciders.
    const invite = await app.http().post(`/api/v1/organizations/${me.orgId}/invitations`).set(partner.auth).send({ email: uniqueEmail('partner2'), role: 'partner_admin' }).expect(201);
    const accepted = await app.http().post('/api/v1/auth/invitations/accept').send({ token: invite.body.token, password: TEST_PASSWORD, displayName: '上海平台审核员二' }).expect(201);
    expect(accepted.body).toMatchObject({ role: 'partner_admin', isOrgAdmin: false });
    colleague = await login(app, invite.body.email, TEST_PASSWORD);
    colleagueId = (await userIdOf(app, colleague.auth)).userId;
    expect(new Set([partnerId, colleagueId, adminId]).size).toBe(3);
  });
  afterAll(() => app?.close());

  it('reminds at the SLA fraction, escalates when overdue to platform_admin, who may then decide', async () => {
    // 3000 s at 0.001 → 3 s due; reminder at 0.3 → 0.9 s.
    await publishWorkflow(app, admin.auth, 'provider_admission', 'provider_admission', [
      { ...REVIEW, sla: { durationSeconds: 3000, remindAtFraction: 0.3, escalateToRole: 'platform_admin' } },
    ]);
    const { provider, caseId } = await shanghaiCase(app);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');

    // Not yet overdue (3 s of slack): the platform admin is not a decider of this stage, and the
    // partner's overdue list does not hold it.
    const early = await decide(app, admin.auth, task.id, 'approve').expect(403);
    expect(early.body).toMatchObject({ code: 'FORBIDDEN', message: 'This stage is decided by approver or partner_admin' });
    const notYet = await app.http().get('/api/v1/approval-tasks?overdue=true').set(partner.auth).expect(200);
    expect(notYet.body.map((t: { id: string }) => t.id)).not.toContain(task.id);

    // The SLA durations are scaled from config: due 3 s after creation (created_at is the transaction's
    // start, so allow for a slow transaction), escalation at the due time, the reminder 2.1 s before it.
    const created = await taskRow(app, task.id);
    const dueMs = (created.due_at as Date).getTime();
    expect(dueMs - created.created_at.getTime()).toBeGreaterThanOrEqual(2990);
    expect(dueMs - created.created_at.getTime()).toBeLessThan(4000);
    const timers = (await app.dataSource.query(
      `SELECT job_name, available_at, payload FROM outbox WHERE payload->>'taskId' = $1 ORDER BY job_name`,
      [task.id],
    )) as { job_name: string; available_at: Date; payload: unknown }[];
    expect(timers.map((t) => t.job_name)).toEqual([JobName.SlaEscalation, JobName.SlaReminder]);
    expect(timers[0].payload).toEqual({ taskId: task.id, escalateToRole: 'platform_admin' });
    expect(timers[0].available_at.getTime()).toBe(dueMs);
    expect(timers[1].payload).toEqual({ taskId: task.id });
    expect(dueMs - timers[1].available_at.getTime()).toBeGreaterThan(2000);
    expect(dueMs - timers[1].available_at.getTime()).toBeLessThanOrEqual(2100);

    // Reminder: reminded_at set, one in-app reminder for the partner.
    const reminded = await eventually(async () => (await taskRow(app, task.id)).reminded_at, 10_000, 'reminder');
    await eventually(async () => (await notificationsOf(app, partnerId, 'approval.task_reminder', caseId)) === 1, 10_000, 'reminder notification');
    const inbox = await app.http().get('/api/v1/notifications').set(partner.auth).expect(200);
    expect(inbox.body.items.filter((n: { kind: string; subjectId: string }) => n.kind === 'approval.task_reminder' && n.subjectId === caseId)).toHaveLength(1);

    // Escalation: escalated to platform_admin, listed as overdue, both told.
    const escalated = await eventually(async () => {
      const row = await taskRow(app, task.id);
      return row.escalated_at ? row : undefined;
    }, 10_000, 'escalation');
    expect(escalated).toMatchObject({ status: 'open', escalated_to_role: 'platform_admin', approvals: 0 });
    expect(reminded.getTime()).toBeLessThan((escalated.escalated_at as Date).getTime());
    expect((escalated.escalated_at as Date).getTime()).toBeGreaterThanOrEqual((escalated.due_at as Date).getTime() - 50);

    const overdue = await app.http().get('/api/v1/approval-tasks?overdue=true').set(partner.auth).expect(200);
    const listed = overdue.body.filter((t: { id: string }) => t.id === task.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ overdue: true, escalatedToRole: 'platform_admin', status: 'open' });
    await eventually(async () => (await notificationsOf(app, partnerId, 'approval.task_overdue', caseId)) === 1, 10_000, 'overdue notification (partner)');
    await eventually(async () => (await notificationsOf(app, adminId, 'approval.task_overdue', caseId)) === 1, 10_000, 'overdue notification (admin)');
    // The reminder is not repeated.
    expect(await notificationsOf(app, partnerId, 'approval.task_reminder', caseId)).toBe(1);

    // Now the platform admin decides it.
    const decided = await decide(app, admin.auth, task.id, 'approve').expect(200);
    expect(decided.body).toMatchObject({ status: 'approved', approvals: 1 });
    const done = await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'approved' && c.case.outcomeAppliedAt !== null, 'approval');
    expect(await admissionOf(app, provider.organization.id)).toBe('active');
    expect(done.decisions).toEqual([expect.objectContaining({ taskId: task.id, deciderUserId: adminId, decision: 'approve' })]);
    const actions = done.timeline.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'approval_task.reminded')).toHaveLength(1);
    expect(actions.filter((a: string) => a === 'approval_task.escalated')).toHaveLength(1);
  });

  it('deciding a task before its SLA fires cancels its reminder and escalation', async () => {
    await publishWorkflow(app, admin.auth, 'provider_admission', 'provider_admission', [{ ...REVIEW, sla: LONG_SLA }]);
    const { caseId } = await shanghaiCase(app);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    // Both SLA jobs are in the queue (delayed) before the decision.
    const rows = await eventually(async () => {
      const r = (await app.dataSource.query(
        `SELECT id::text, job_name, published_at FROM outbox WHERE payload->>'taskId' = $1 ORDER BY job_name`,
        [task.id],
      )) as { id: string; job_name: string; published_at: Date | null }[];
      return r.length === 2 && r.every((x) => x.published_at) ? r : undefined;
    }, 10_000, 'SLA jobs published');

    await decide(app, partner.auth, task.id, 'approve').expect(200);
    await waitForCase(app, partner.auth, caseId, (c) => c.case.status === 'approved' && c.case.outcomeAppliedAt !== null, 'approval');

    const after = await app.dataSource.query(
      `SELECT job_name, cancelled_at IS NOT NULL AS cancelled, processed_at IS NOT NULL AS processed FROM outbox WHERE payload->>'taskId' = $1 ORDER BY job_name`,
      [task.id],
    );
    expect(after).toEqual([
      { job_name: JobName.SlaEscalation, cancelled: true, processed: false },
      { job_name: JobName.SlaReminder, cancelled: true, processed: false },
    ]);

    // Fire the delayed jobs now: the worker skips them because their outbox rows are cancelled.
    const queue = app.get(QueueService).queue(QueueName.Approvals);
    for (const row of rows) {
      const job = await queue.getJob(outboxJobId(row.id));
      expect(job).toBeDefined();
      expect(await job!.getState()).toBe('delayed');
      await job!.promote();
    }
    for (const row of rows) {
      // Read the state first, then the job: a job object read before it completed has no return value.
      await eventually(async () => (await queue.getJobState(outboxJobId(row.id))) === 'completed', 10_000, `${row.job_name} job to run`);
      const done = await queue.getJob(outboxJobId(row.id));
      expect(done?.returnvalue).toEqual({ skipped: true });
    }
    // A handler called directly (a job that escaped cancellation) does nothing to a decided task either.
    expect(await app.get(ApprovalTasksService).remind({ taskId: task.id })).toBe('skipped');
    expect(await app.get(ApprovalTasksService).escalate({ taskId: task.id, escalateToRole: 'platform_admin' })).toBe('skipped');

    const final = await taskRow(app, task.id);
    expect(final).toMatchObject({ status: 'approved', reminded_at: null, escalated_at: null, escalated_to_role: null });
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1 AND kind IN ('approval.task_reminder', 'approval.task_overdue')`,
      [caseId],
    );
    expect(n).toBe(0);
  });

  it('N-of-M: a stage needing 2 approvals stays open after one and closes on a second, distinct decider', async () => {
    await publishWorkflow(app, admin.auth, 'provider_admission', 'provider_admission', [{ ...REVIEW, requiredApprovals: 2, sla: LONG_SLA }]);
    const { provider, caseId } = await shanghaiCase(app);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    expect(task).toMatchObject({ requiredApprovals: 2, approvals: 0 });

    const first = await decide(app, partner.auth, task.id, 'approve').expect(200);
    expect(first.body).toMatchObject({ status: 'open', approvals: 1, requiredApprovals: 2, decidedAt: null });
    expect(await taskRow(app, task.id)).toMatchObject({ status: 'open', approvals: 1 });
    // The same person approving again does not count twice.
    const again = await decide(app, partner.auth, task.id, 'approve').expect(409);
    expect(again.body.code).toBe('CONFLICT');
    expect(again.body.message).toBe('You already decided this task');
    expect(await taskRow(app, task.id)).toMatchObject({ status: 'open', approvals: 1 });
    // The case still waits on the stage, and the SLA timers are still live.
    const mid = await app.http().get(`/api/v1/approval-cases/${caseId}`).set(provider.auth).expect(200);
    expect(mid.body.case).toMatchObject({ status: 'in_review', currentStageKey: 'admission_review' });
    const [{ live }] = await app.dataSource.query(
      `SELECT count(*)::int AS live FROM outbox WHERE payload->>'taskId' = $1 AND cancelled_at IS NULL`,
      [task.id],
    );
    expect(live).toBe(2);

    const second = await decide(app, colleague.auth, task.id, 'approve').expect(200);
    expect(second.body).toMatchObject({ status: 'approved', approvals: 2 });
    const done = await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'approved' && c.case.outcomeAppliedAt !== null, 'approval');
    expect(done.decisions.map((d: { deciderUserId: string; decision: string }) => `${d.deciderUserId}:${d.decision}`)).toEqual([
      `${partnerId}:approve`, `${colleagueId}:approve`,
    ]);
    expect(await admissionOf(app, provider.organization.id)).toBe('active');
    const [{ cancelled }] = await app.dataSource.query(
      `SELECT count(*)::int AS cancelled FROM outbox WHERE payload->>'taskId' = $1 AND cancelled_at IS NOT NULL`,
      [task.id],
    );
    expect(cancelled).toBe(2);
  });

  it('claim/release: a task claimed by one decider cannot be decided by another until released', async () => {
    await publishWorkflow(app, admin.auth, 'provider_admission', 'provider_admission', [{ ...REVIEW, sla: LONG_SLA }]);
    const { provider, caseId } = await shanghaiCase(app);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');

    const claimed = await app.http().post(`/api/v1/approval-tasks/${task.id}/claim`).set(partner.auth).expect(200);
    expect(claimed.body).toMatchObject({ id: task.id, claimedBy: partnerId, status: 'open' });
    expect((await taskRow(app, task.id)).claimed_by).toBe(partnerId);

    const blocked = await decide(app, colleague.auth, task.id, 'approve').expect(409);
    expect(blocked.body).toMatchObject({ code: 'CONFLICT', details: { claimedBy: partnerId } });
    await app.http().post(`/api/v1/approval-tasks/${task.id}/claim`).set(colleague.auth).expect(409);
    const notMine = await app.http().post(`/api/v1/approval-tasks/${task.id}/release`).set(colleague.auth).expect(409);
    expect(notMine.body.message).toBe('Only the claimer can release this task');
    const [{ n: none }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM approval_decisions WHERE task_id = $1`, [task.id]);
    expect(none).toBe(0);

    const released = await app.http().post(`/api/v1/approval-tasks/${task.id}/release`).set(partner.auth).expect(200);
    expect(released.body.claimedBy).toBeNull();
    expect((await taskRow(app, task.id)).claimed_by).toBeNull();

    await decide(app, colleague.auth, task.id, 'approve').expect(200);
    const done = await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'approved' && c.case.outcomeAppliedAt !== null, 'approval');
    expect(done.decisions).toEqual([expect.objectContaining({ deciderUserId: colleagueId, decision: 'approve' })]);
    const actions = done.timeline.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'approval_task.claimed')).toHaveLength(1);
    expect(actions.filter((a: string) => a === 'approval_task.released')).toHaveLength(1);
  });

  it('batch decisions: each task succeeds or fails on its own', async () => {
    await publishWorkflow(app, admin.auth, 'provider_admission', 'provider_admission', [{ ...REVIEW, sla: LONG_SLA }]);
    const cases = await Promise.all([shanghaiCase(app), shanghaiCase(app), shanghaiCase(app)]);
    const tasks = await Promise.all(cases.map((c) => waitForTask(app, partner.auth, c.caseId, 'admission_review')));
    // Already decided: the batch reports it as a 409 for that task only.
    await decide(app, partner.auth, tasks[2].id, 'approve').expect(200);
    // A Jiaxing provider's task: outside the partner's region, so it is not found for the partner.
    const jx = await registerOrganization(app, { kind: 'provider', regionCode: '330402' });
    const jxCase = await caseOfSubject(app, jx.organization.id);
    const approver = await login(app, DEMO.approver);
    const foreign = await waitForTask(app, approver.auth, jxCase, 'admission_review');
    const unknown = randomUUID();

    // A rejection without a comment is refused for every task, before any is decided.
    const noComment = await app.http().post('/api/v1/approval-tasks/decisions').set(partner.auth).send({ taskIds: [tasks[0].id], decision: 'reject' }).expect(200);
    expect(noComment.body).toEqual([{ taskId: tasks[0].id, ok: false, status: 400, code: 'VALIDATION_FAILED', message: expect.any(String) }]);
    expect((await taskRow(app, tasks[0].id)).status).toBe('open');

    const ids = [tasks[0].id, foreign.id, tasks[1].id, unknown, tasks[2].id];
    const res = await app.http().post('/api/v1/approval-tasks/decisions').set(partner.auth).send({ taskIds: ids, decision: 'approve', comment: '批量通过' }).expect(200);
    expect(res.body).toEqual([
      { taskId: tasks[0].id, ok: true },
      { taskId: foreign.id, ok: false, status: 404, code: 'NOT_FOUND', message: 'Task not found' },
      { taskId: tasks[1].id, ok: true },
      { taskId: unknown, ok: false, status: 404, code: 'NOT_FOUND', message: 'Task not found' },
      { taskId: tasks[2].id, ok: false, status: 409, code: 'ILLEGAL_TRANSITION', message: expect.any(String) },
    ]);
    for (const t of tasks) expect((await taskRow(app, t.id)).status).toBe('approved');
    expect(await taskRow(app, foreign.id)).toMatchObject({ status: 'open', approvals: 0 });
    const decisions = await app.dataSource.query(
      `SELECT task_id, decider_user_id, comment FROM approval_decisions WHERE task_id = ANY($1::uuid[]) ORDER BY created_at`,
      [[...tasks.map((t) => t.id), foreign.id]],
    );
    expect(decisions).toEqual([
      { task_id: tasks[2].id, decider_user_id: partnerId, comment: null },
      { task_id: tasks[0].id, decider_user_id: partnerId, comment: '批量通过' },
      { task_id: tasks[1].id, decider_user_id: partnerId, comment: '批量通过' },
    ]);
    for (const c of cases) await waitForCase(app, c.provider.auth, c.caseId, (x) => x.case.status === 'approved' && x.case.outcomeAppliedAt !== null, 'batch approval');
    // Validation of the batch itself: duplicate or malformed ids are a 400 for the whole request.
    await app.http().post('/api/v1/approval-tasks/decisions').set(partner.auth).send({ taskIds: [tasks[0].id, tasks[0].id], decision: 'approve' }).expect(400);
    await app.http().post('/api/v1/approval-tasks/decisions').set(partner.auth).send({ taskIds: ['not-a-uuid'], decision: 'approve' }).expect(400);
    await app.http().post('/api/v1/approval-tasks/decisions').set(partner.auth).send({ taskIds: [], decision: 'approve' }).expect(400);
  });

  it('metrics for the platform admin match the database', async () => {
    // One open task made overdue, so the overdue count is not trivially zero.
    const { caseId } = await shanghaiCase(app);
    const open = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await app.dataSource.query(`UPDATE approval_tasks SET due_at = now() - interval '1 hour' WHERE id = $1`, [open.id]);

    const res = await app.http().get('/api/v1/approval-metrics').set(admin.auth).expect(200);
    const byStatus = (await app.dataSource.query(
      `SELECT c.status, count(*)::int AS n FROM approval_cases c JOIN workflow_definitions d ON d.id = c.definition_id WHERE d.key = 'provider_admission' GROUP BY c.status`,
    )) as { status: string; n: number }[];
    expect(res.body.casesByStatus.provider_admission).toEqual(Object.fromEntries(byStatus.map((r) => [r.status, r.n])));
    // Every case this file opened so far: 1 escalated + 1 cancelled-timers + 1 N-of-M + 1 claim + 3 batch are approved.
    expect(res.body.casesByStatus.provider_admission.approved).toBe(7);
    expect(res.body.casesByStatus.provider_admission.in_review).toBe(2);

    const [{ open: openTasks, overdue }] = await app.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'open' AND due_at < now())::int AS overdue FROM approval_tasks`,
    );
    expect(overdue).toBe(1);
    expect(res.body).toMatchObject({ openTasks, overdueTasks: overdue });
    expect(openTasks).toBe(2);

    const decided = (await app.dataSource.query(
      `SELECT d.key, t.stage_key, count(*)::int AS decided FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id JOIN workflow_definitions d ON d.id = c.definition_id
        WHERE t.decided_at IS NOT NULL AND t.status <> 'cancelled' GROUP BY d.key, t.stage_key ORDER BY d.key, t.stage_key`,
    )) as { key: string; stage_key: string; decided: number }[];
    expect(decided).toEqual([{ key: 'provider_admission', stage_key: 'admission_review', decided: 7 }]);
    expect(res.body.timeInStage).toEqual([
      { definitionKey: 'provider_admission', stageKey: 'admission_review', decided: 7, avgSeconds: expect.any(Number), p90Seconds: expect.any(Number) },
    ]);
    // Non-admins are scoped: the Shanghai partner sees no Jiaxing case.
    const scoped = await app.http().get('/api/v1/approval-metrics').set(partner.auth).expect(200);
    expect(scoped.body.casesByStatus.provider_admission).toEqual({ approved: 7, in_review: 1 });
  });
});

describe('the approvals sweeper re-queues work whose job was discarded', () => {
  it('advances a case left open with no live job', async () => {
    const first = await startTestApp({ role: 'api' });
    let second: TestApp | undefined;
    try {
      const provider = await registerOrganization(first, { kind: 'provider', regionCode: '310000' });
      const caseId = await caseOfSubject(first, provider.organization.id);
      // The API process wrote the advance job to the outbox; relay it to BullMQ (no worker runs here).
      await first.get(OutboxRelay).publishBatch();
      const [advance] = (await first.dataSource.query(
        `SELECT id::text, published_at FROM outbox WHERE job_name = $1 AND payload->>'caseId' = $2`,
        [JobName.AdvanceCase, caseId],
      )) as { id: string; published_at: Date | null }[];
      expect(advance.published_at).not.toBeNull();
      const queue = first.get(QueueService).queue(QueueName.Approvals);
      const job = await queue.getJob(outboxJobId(advance.id));
      expect(job).toBeDefined();
      // An operator discards the job: the outbox row is cancelled and the BullMQ job removed.
      await first.dataSource.query(`UPDATE outbox SET cancelled_at = now(), last_error = 'discarded: test' WHERE id = $1`, [advance.id]);
      await job!.remove();
      expect(await queue.getJob(outboxJobId(advance.id))).toBeUndefined();
      await first.dataSource.query(`UPDATE approval_cases SET updated_at = now() - interval '1 hour' WHERE id = $1`, [caseId]);
      await first.close({ keepData: true });

      second = await startTestApp({ database: first.db, queuePrefix: first.queuePrefix, env: { APPROVALS_STALE_AFTER_MS: '100' } });
      const app = second;
      // Nothing advances the case on its own.
      const [before] = await app.dataSource.query(`SELECT status, current_stage FROM approval_cases WHERE id = $1`, [caseId]);
      expect(before).toEqual({ status: 'open', current_stage: -1 });

      const report = await app.get(ApprovalsSweeper).sweep();
      expect(report).toEqual({ advanced: 1, prechecks: 0, timers: 0, outcomes: 0, slaTimers: 0 });
      const partner = await login(app, DEMO.partner);
      const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
      const [after] = await app.dataSource.query(`SELECT status, current_stage FROM approval_cases WHERE id = $1`, [caseId]);
      expect(after).toEqual({ status: 'in_review', current_stage: 1 });
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM approval_tasks WHERE case_id = $1`, [caseId]);
      expect(n).toBe(1);
      expect(task.stageKey).toBe('admission_review');
      // A second pass finds nothing: the case now has its task and the task its live SLA timers.
      expect(await app.get(ApprovalsSweeper).sweep()).toEqual({ advanced: 0, prechecks: 0, timers: 0, outcomes: 0, slaTimers: 0 });
    } finally {
      if (second) await second.close();
      else await first.close();
    }
  });

  it('re-applies a rejection whose outcome job was discarded, keeping the decider’s reason', async () => {
    const reason = '检测资质证明不全';
    const first = await startTestApp({ role: 'api' });
    let second: TestApp | undefined;
    try {
      const provider = await registerOrganization(first, { kind: 'provider', regionCode: '310000' });
      const caseId = await caseOfSubject(first, provider.organization.id);
      // No workers in this process: drive the case to its review task by calling the handlers.
      const engine = first.get(CaseEngine);
      // One job: the pre-check stage, its checks and the review stage after them.
      expect(await engine.advance({ caseId, revision: 1, fromStage: -1 })).toBe('entered stage 1');
      const partner = await login(first, DEMO.partner);
      const [task] = await first.dataSource.query(`SELECT id FROM approval_tasks WHERE case_id = $1 AND status = 'open'`, [caseId]);
      await decide(first, partner.auth, task.id, 'reject', reason).expect(200);

      // The outcome job is published, then discarded (row cancelled, BullMQ job removed).
      await first.get(OutboxRelay).publishBatch();
      const [outcome] = (await first.dataSource.query(
        `SELECT id::text, payload FROM outbox WHERE job_name = $1 AND payload->>'caseId' = $2`,
        [JobName.ApplyOutcome, caseId],
      )) as { id: string; payload: Record<string, unknown> }[];
      expect(outcome.payload).toEqual({ caseId, revision: 1, outcome: 'rejected', reason });
      // Every approvals row of the case is settled, so only the outcome is missing.
      await first.dataSource.query(
        `UPDATE outbox SET cancelled_at = now() WHERE processed_at IS NULL AND cancelled_at IS NULL AND job_name LIKE 'approvals.%' AND payload->>'caseId' = $1`,
        [caseId],
      );
      const job = await first.get(QueueService).queue(QueueName.Approvals).getJob(outboxJobId(outcome.id));
      await job!.remove();
      await first.dataSource.query(`UPDATE approval_cases SET updated_at = now() - interval '1 hour' WHERE id = $1`, [caseId]);
      await first.close({ keepData: true });

      second = await startTestApp({ database: first.db, queuePrefix: first.queuePrefix, env: { APPROVALS_STALE_AFTER_MS: '100' } });
      const app = second;
      expect(await app.get(ApprovalsSweeper).sweep()).toEqual({ advanced: 0, prechecks: 0, timers: 0, outcomes: 1, slaTimers: 0 });
      await eventually(async () => (await admissionOf(app, provider.organization.id)) === 'rejected', 15_000, 'rejection applied');
      const audit = await app.dataSource.query(
        `SELECT after->>'comment' AS comment FROM audit_events WHERE subject_id = $1 AND action = 'provider.admission.reject'`,
        [provider.organization.id],
      );
      // The reason the decider gave reaches the provider's record, as it does without the sweeper.
      expect(audit).toEqual([{ comment: reason }]);
    } finally {
      if (second) await second.close();
      else await first.close();
    }
  });
});

describe('the core approval flow on the PostgreSQL queue backend', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { QUEUE_BACKEND: 'postgres' } });
  });
  afterAll(() => app?.close());

  it('admits a Shanghai provider through review and a short public notice, with no Redis keys', async () => {
    const health = await app.http().get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', queueBackend: 'postgres', checks: { database: { ok: true }, queue: { ok: true } } });
    const [admin, partner] = await Promise.all([login(app, DEMO.admin), login(app, DEMO.partner)]);
    await publishWorkflow(app, admin.auth, 'provider_admission', 'provider_admission', [
      { key: 'precheck', name: '资质自动核验', kind: 'precheck' },
      REVIEW,
      { key: 'public_notice', name: '公示', kind: 'timer', timerSeconds: 1, objectionsStop: true },
    ]);
    const { provider, caseId } = await shanghaiCase(app);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    expect(await admissionOf(app, provider.organization.id)).toBe('in_review');
    await decide(app, partner.auth, task.id, 'approve').expect(200);
    const done = await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'approved' && c.case.outcomeAppliedAt !== null, 'approval on the postgres backend');
    expect(await admissionOf(app, provider.organization.id)).toBe('active');
    const actions = done.timeline.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'approval_case.stage_entered')).toHaveLength(3);
    expect(actions.filter((a: string) => a === 'approval_case.timer_elapsed')).toHaveLength(1);
    expect(actions.filter((a: string) => a === 'approval_case.outcome_applied')).toHaveLength(1);
    // The jobs ran in PostgreSQL: BullMQ's schema holds them and Redis holds nothing under this prefix.
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'bullmq'`);
    expect(n).toBeGreaterThan(0);
    const redis = new IORedis(TEST_REDIS_URL, { lazyConnect: true });
    await redis.connect();
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `${app.queuePrefix}:*`, 'COUNT', 1000);
        keys.push(...batch);
        cursor = next;
      } while (cursor !== '0');
      expect(keys).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
