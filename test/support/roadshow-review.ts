import { registerOrganization } from './factories';
import { eventually, TestApp } from './test-app';

type Auth = { Authorization: string };

export interface Expert {
  auth: Auth;
  userId: string;
  organizationId: string;
}

export const GOOD_SCORES = { technology: 8, market: 7, team: 8, business_model: 6, landing_intent: 9 };

const pools = new WeakMap<TestApp, Promise<Expert[]>>();

/** A signed-in user of a new organisation (investor unless said), registered in the expert pool by the organiser. */
export async function newExpert(app: TestApp, organiser: Auth, kind: 'investor' | 'enterprise' | 'provider' = 'investor', regionCode = '330402'): Promise<Expert> {
  const org = await registerOrganization(app, { kind, regionCode });
  const res = await app.http().put(`/api/v1/roadshow-experts/${org.user.id}`).set(organiser).send({ expertise: ['new_materials'] });
  if (res.status !== 200) throw new Error(`expert: ${res.status} ${JSON.stringify(res.body)}`);
  return { auth: org.auth, userId: org.user.id, organizationId: org.organization.id };
}

/** Two experts per app, made once: enough for the default minimum of two reviews. */
export function expertPool(app: TestApp, organiser: Auth): Promise<Expert[]> {
  let pool = pools.get(app);
  if (!pool) {
    pool = Promise.all([newExpert(app, organiser), newExpert(app, organiser)]);
    pools.set(app, pool);
  }
  return pool;
}

/** The project's open screening round (it opens when the case enters review, from a queue job). */
export async function openRound(app: TestApp, organiser: Auth, projectId: string): Promise<{ id: string; roundNo: number; caseId: string; [k: string]: any }> {
  return eventually(async () => {
    const res = await app.http().get(`/api/v1/roadshow-review-rounds?projectId=${projectId}&status=open`).set(organiser);
    if (res.status !== 200) throw new Error(`rounds ${res.status} ${JSON.stringify(res.body)}`);
    return res.body[0];
  }, 20_000, `open review round of ${projectId}`);
}

/** Assigns the expert, declares no conflict and submits scores; returns the assignment id. */
export async function review(app: TestApp, organiser: Auth, roundId: string, expert: Expert, scores: Record<string, number> = GOOD_SCORES, comment = '技术路线清晰，市场空间较大，团队完整。'): Promise<string> {
  const assigned = await app.http().post(`/api/v1/roadshow-review-rounds/${roundId}/reviewers`).set(organiser).send({ userId: expert.userId });
  if (assigned.status !== 201) throw new Error(`assign: ${assigned.status} ${JSON.stringify(assigned.body)}`);
  const id = assigned.body.id as string;
  const declared = await app.http().post(`/api/v1/roadshow-review-assignments/${id}/declaration`).set(expert.auth).send({ conflicted: false });
  if (declared.status !== 200 || declared.body.status !== 'cleared') throw new Error(`declare: ${declared.status} ${JSON.stringify(declared.body)}`);
  const scored = await app.http().post(`/api/v1/roadshow-review-assignments/${id}/review`).set(expert.auth).send({ scores, comment, commentShareable: true });
  if (scored.status !== 200) throw new Error(`review: ${scored.status} ${JSON.stringify(scored.body)}`);
  return id;
}

/** The project's open round, reviewed by the two experts of the pool (ready for a decision). */
export async function reviewedByPool(app: TestApp, organiser: Auth, projectId: string) {
  const round = await openRound(app, organiser, projectId);
  for (const expert of await expertPool(app, organiser)) await review(app, organiser, round.id, expert);
  return round;
}

/**
 * The whole screening of a submitted project: two experts review it and the organiser decides
 * (pass, reject or revise). Returns the round as the organiser sees it after the decision.
 */
export async function screenThroughReview(app: TestApp, organiser: Auth, projectId: string, decision: 'pass' | 'reject' | 'revise' = 'pass', comment?: string) {
  const round = await reviewedByPool(app, organiser, projectId);
  const decided = await app.http().post(`/api/v1/roadshow-review-rounds/${round.id}/decision`).set(organiser).send(comment ? { decision, comment } : { decision });
  if (decided.status !== 200) throw new Error(`decide: ${decided.status} ${JSON.stringify(decided.body)}`);
  return decided.body;
}
