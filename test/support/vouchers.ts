import { randomBytes } from 'node:crypto';
import { eventually, TestApp } from './test-app';
import { waitForTask } from './approvals';

type Auth = { Authorization: string };

export const PROGRAM_DEFAULTS = {
  issuingRegionCode: '330400',
  year: 2026,
  ratioBpByTier: { default: 5000, tech_sme: 5000, high_tech: 6000 },
  perApplicationCapFen: 5_000_000,
  annualCapEnterpriseFen: 10_000_000,
  annualCapGroupFen: 15_000_000,
  fullCoverageThresholdFen: 100_000,
  useBy: '2026-12-31',
  redeemBy: '2027-03-31',
  redemptionMode: 'provider_redeems',
  settlementCycle: 'monthly',
  budgetFen: 100_000_000,
};

/** Creates and opens a programme as the city approver. */
export async function openProgram(app: TestApp, approver: Auth, overrides: Record<string, unknown> = {}) {
  const body = { ...PROGRAM_DEFAULTS, name: `测试创新券 ${randomBytes(3).toString('hex')}`, ...overrides };
  const created = await app.http().post('/api/v1/programs').set(approver).send(body);
  if (created.status !== 201) throw new Error(`programme: ${created.status} ${JSON.stringify(created.body)}`);
  const opened = await app.http().post(`/api/v1/programs/${created.body.id}/open`).set(approver);
  if (opened.status !== 200) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  return opened.body as { id: string; budgetFen: number };
}

/** Applies and walks the application through district review and city approval until the voucher is issued. */
export async function issueVoucher(app: TestApp, enterprise: Auth, reviewer: Auth, approver: Auth, programId: string, requestedFen: number) {
  const draft = await app.http().post('/api/v1/voucher-applications').set(enterprise).send({ programId, requestedFen, purpose: '材料成分检测与性能测试' });
  if (draft.status !== 201) throw new Error(`application: ${draft.status} ${JSON.stringify(draft.body)}`);
  const submitted = await app.http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(enterprise).send({});
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const caseId = submitted.body.caseId as string;
  const district = await waitForTask(app, reviewer, caseId, 'district_review');
  await app.http().post(`/api/v1/approval-tasks/${district.id}/decision`).set(reviewer).send({ decision: 'approve' }).expect(200);
  const city = await waitForTask(app, approver, caseId, 'city_approval');
  await app.http().post(`/api/v1/approval-tasks/${city.id}/decision`).set(approver).send({ decision: 'approve' }).expect(200);
  const issued = await eventually(async () => {
    const res = await app.http().get(`/api/v1/voucher-applications/${draft.body.id}`).set(enterprise);
    return res.body.status === 'issued' || res.body.status === 'rejected' ? res.body : undefined;
  }, 20_000, 'issuance');
  if (issued.status !== 'issued') throw new Error(`not issued: ${JSON.stringify(issued)}`);
  return { applicationId: draft.body.id as string, voucherId: issued.voucherId as string, caseId };
}

/** A service in the provider's catalogue. */
export async function listService(app: TestApp, provider: Auth, unitPriceFen: number, name = 'X射线荧光光谱分析') {
  const res = await app.http().post('/api/v1/catalog/services').set(provider).send({
    code: `SVC-${randomBytes(4).toString('hex')}`,
    name,
    category: 'analysis',
    unitPriceFen,
    unit: '样品',
    leadTimeDays: 5,
    instrumentName: 'X射线荧光光谱仪',
  });
  if (res.status !== 201) throw new Error(`service: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

/** Sum of every ledger entry (must be 0) and the lowest non-appropriation balance (must be ≥ 0). */
export async function ledgerInvariants(app: TestApp) {
  const [row] = await app.dataSource.query(
    `SELECT (SELECT COALESCE(sum(amount_fen), 0) FROM ledger_entries)::bigint AS sum,
            (SELECT COALESCE(min(balance_fen), 0) FROM ledger_accounts WHERE kind <> 'appropriation')::bigint AS min_balance,
            (SELECT count(*) FROM ledger_accounts a WHERE a.balance_fen <> (SELECT COALESCE(sum(e.amount_fen), 0) FROM ledger_entries e WHERE e.account_id = a.id))::int AS drift`,
  );
  return { sum: Number(row.sum), minBalance: Number(row.min_balance), drift: row.drift as number };
}
