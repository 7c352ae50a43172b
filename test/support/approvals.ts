import { TestApp, eventually } from './test-app';
import { registerOrganization } from './factories';

type Auth = { Authorization: string };

export interface StageInput {
  key: string;
  name: string;
  kind: 'precheck' | 'review' | 'timer';
  deciderRoles?: string[];
  regionScope?: string;
  requiredApprovals?: number;
  sla?: { durationSeconds: number; remindAtFraction: number; escalateToRole?: string };
  timerSeconds?: number;
  objectionsStop?: boolean;
}

/** Publishes the next version of a workflow as the platform admin. */
export async function publishWorkflow(app: TestApp, admin: Auth, key: string, subjectType: string, stages: StageInput[], extra: Record<string, unknown> = {}) {
  const res = await app.http().post('/api/v1/workflow-definitions').set(admin).send({ key, name: `${key} (test)`, subjectType, stages, ...extra });
  if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number };
}

export async function caseOfSubject(app: TestApp, subjectId: string): Promise<string> {
  const [row] = (await app.dataSource.query(`SELECT id FROM approval_cases WHERE subject_id = $1`, [subjectId])) as { id: string }[];
  if (!row) throw new Error(`no case for ${subjectId}`);
  return row.id;
}

/** Waits until the decider's inbox holds an open task of the case (optionally at a stage) and returns it. */
export async function waitForTask(app: TestApp, decider: Auth, caseId: string, stageKey?: string) {
  return eventually(async () => {
    const res = await app.http().get('/api/v1/approval-tasks').set(decider);
    if (res.status !== 200) throw new Error(`inbox ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { id: string; caseId: string; stageKey: string; revision: number }[]).find((t) => t.caseId === caseId && (!stageKey || t.stageKey === stageKey));
  }, 20_000, `task of case ${caseId}${stageKey ? ` at ${stageKey}` : ''}`);
}

export async function waitForCase(app: TestApp, auth: Auth, caseId: string, predicate: (c: Record<string, any>) => boolean, what = 'case state') {
  return eventually(async () => {
    const res = await app.http().get(`/api/v1/approval-cases/${caseId}`).set(auth);
    return res.status === 200 && predicate(res.body) ? (res.body as Record<string, any>) : undefined;
  }, 20_000, what);
}

export function decide(app: TestApp, auth: Auth, taskId: string, decision: 'approve' | 'reject' | 'return', comment?: string) {
  return app.http().post(`/api/v1/approval-tasks/${taskId}/decision`).set(auth).send(comment ? { decision, comment } : { decision });
}

/** A Shanghai provider whose admission the partner admin approved: its case waits in the 7-day public notice (公示). */
export async function providerUnderNotice(app: TestApp, partner: Auth) {
  const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
  const caseId = await caseOfSubject(app, provider.organization.id);
  const task = await waitForTask(app, partner, caseId, 'admission_review');
  await decide(app, partner, task.id, 'approve').expect(200);
  await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'waiting', 'public notice');
  return { provider, caseId };
}
