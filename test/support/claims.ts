import { randomBytes } from 'node:crypto';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { decide } from './approvals';
import { registerOrganization } from './factories';
import { eventually, TestApp } from './test-app';
import { issueVoucher, openProgram } from './vouchers';

type Auth = { Authorization: string };

/** The people a claim passes through: the lab claims, the district and the city approve, finance settles. */
export interface ClaimPeople {
  lab: Auth;
  reviewer: Auth;
  approver: Auth;
  finance: Auth;
}

/** Three different officers take a batch through close → approve → pay (four eyes: docs/security.md). */
export interface SettlementPeople {
  closer: Auth;
  approver: Auth;
  payer: Auth;
}

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

/**
 * A new programme with one voucher (of a new enterprise in 南湖区) and one order of `serviceId`, delivered,
 * confirmed, claimed by the lab and approved (automatically when small, else by the district and the city);
 * returns the open settlement batch that holds the claim.
 */
export async function batchWithClaim(app: TestApp, people: ClaimPeople, serviceId: string) {
  const http = () => app.http();
  const { lab, reviewer, approver, finance } = people;
  const program = await openProgram(app, approver);
  const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
  const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer, approver, program.id, 1_000_000);
  const order = await http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId, voucherId, quantity: 1 }).expect(201);
  await http().post(`/api/v1/service-orders/${order.body.id}/accept`).set(lab).expect(200);
  await http().post(`/api/v1/service-orders/${order.body.id}/deliver`).set(lab).send({ reportNumber: `JC-${digits(6)}`, actualAmountFen: order.body.contractAmountFen, deliveredOn: shanghaiDate() }).expect(200);
  await http().post(`/api/v1/service-orders/${order.body.id}/confirm`).set(enterprise.auth).expect(200);
  const claim = await http()
    .post('/api/v1/redemption-claims')
    .set(lab)
    .send({ orderId: order.body.id, contractNo: `HT-${digits(6)}`, invoiceNo: `FP-${digits(12)}`, paymentProof: `BANK-${digits(10)}`, reportNo: `JC-${digits(6)}` })
    .expect(201);
  // Small claims may be approved automatically; otherwise the district and the city approve them.
  for (const [who, stage] of [[reviewer, 'district_review'], [approver, 'city_approval']] as const) {
    const next = await eventually(async () => {
      const c = await http().get(`/api/v1/redemption-claims/${claim.body.id}`).set(finance);
      if (c.body.status === 'approved') return { done: true as const };
      const tasks = (await http().get('/api/v1/approval-tasks').set(who)).body as { id: string; caseId: string; stageKey: string }[];
      const task = tasks.find((t) => t.caseId === claim.body.caseId && t.stageKey === stage);
      return task ? { done: false as const, task } : undefined;
    }, 20_000, `claim ${stage}`);
    if (next.done) break;
    await decide(app, who, next.task.id, 'approve').expect(200);
  }
  const batch = await eventually(async () => {
    const res = await http().get(`/api/v1/settlement-batches?programId=${program.id}`).set(finance);
    return (res.body as { id: string; itemCount: number }[]).find((b) => b.itemCount === 1);
  }, 30_000, 'settlement batch');
  return { program, enterprise, batchId: batch.id, claimId: claim.body.id as string, amountFen: order.body.subsidyHeldFen as number, voucherId };
}

/** One step of a settlement batch. */
export function settlementStep(app: TestApp, auth: Auth, batchId: string, action: 'close' | 'approve' | 'pay') {
  return app.http().post(`/api/v1/settlement-batches/${batchId}/${action}`).set(auth).send(action === 'pay' ? { paymentReference: `JXCZ-${digits(6)}` } : {});
}

/** A claim (batchWithClaim) paid in settlement by three different officers. */
export async function paidClaim(app: TestApp, people: ClaimPeople, settlement: SettlementPeople, serviceId: string) {
  const made = await batchWithClaim(app, people, serviceId);
  await settlementStep(app, settlement.closer, made.batchId, 'close').expect(200);
  await settlementStep(app, settlement.approver, made.batchId, 'approve').expect(200);
  await settlementStep(app, settlement.payer, made.batchId, 'pay').expect(200);
  return made;
}
