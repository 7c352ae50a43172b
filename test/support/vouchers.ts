import { randomBytes } from 'node:crypto';
import type { Recognition } from '../../src/modules/catalog/recognition.service';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { registerOrganization } from './factories';
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

/** A service in the provider's catalogue; `fields` overrides the body (another instrument, none). */
export async function listService(app: TestApp, provider: Auth, unitPriceFen: number, name = 'X射线荧光光谱分析', fields: Record<string, unknown> = {}) {
  const res = await app.http().post('/api/v1/catalog/services').set(provider).send({
    code: `SVC-${randomBytes(4).toString('hex')}`,
    name,
    category: 'analysis',
    unitPriceFen,
    unit: '样品',
    leadTimeDays: 5,
    instrumentName: 'X射线荧光光谱仪',
    ...fields,
  });
  if (res.status !== 201) throw new Error(`service: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

/**
 * Both regions sign the version as it stands (its current termsHash): the issuing city's approver
 * and the partner region's partner admin. Returns the version as the second signature left it.
 */
export async function signAgreement(app: TestApp, agreementId: string, approver: Auth, partner: Auth) {
  let body: { status: string; termsHash: string } = (await app.http().get(`/api/v1/recognition-agreements/${agreementId}`).set(approver)).body;
  for (const [who, auth] of [['partner', partner], ['issuing', approver]] as const) {
    const res = await app.http().post(`/api/v1/recognition-agreements/${agreementId}/sign`).set(auth).send({ termsHash: body.termsHash });
    if (res.status !== 200) throw new Error(`agreement ${who} signature: ${res.status} ${JSON.stringify(res.body)}`);
    body = res.body;
  }
  if (body.status !== 'in_force') throw new Error(`agreement not in force after both signatures: ${JSON.stringify(body)}`);
  return body as { id: string; status: string; termsHash: string };
}

/**
 * A draft of the Jiaxing–Shanghai recognition agreement (互认), lists empty or copied. At most one such agreement is in
 * force per day, so when one already is, the draft is its amendment from today; otherwise a new agreement.
 */
export async function draftJiaxingShanghaiAgreement(app: TestApp, approver: Auth): Promise<{ id: string }> {
  const all = (await app.http().get('/api/v1/recognition-agreements').set(approver)).body as { id: string; issuingRegionCode: string; partnerRegionCode: string; status: string; inForceToday: boolean }[];
  const current = all.find((a) => a.issuingRegionCode === '330400' && a.partnerRegionCode === '310000' && a.status === 'in_force' && a.inForceToday);
  const draft = current
    ? await app.http().post(`/api/v1/recognition-agreements/${current.id}/amend`).set(approver).send({ effectiveFrom: shanghaiDate() })
    : await app.http().post('/api/v1/recognition-agreements').set(approver).send({
        issuingRegionCode: '330400', partnerRegionCode: '310000', name: `嘉兴—上海创新券互认互通协议 ${randomBytes(3).toString('hex')}`, effectiveFrom: '2026-01-01', effectiveTo: '2027-12-31',
      });
  if (draft.status !== 201) throw new Error(`agreement: ${draft.status} ${JSON.stringify(draft.body)}`);
  return draft.body;
}

/** 互认: Jiaxing recognises these Shanghai providers, with both regions' signatures (a draft as above, then signed). */
export async function recogniseShanghaiProviders(app: TestApp, approver: Auth, partner: Auth, providerIds: string[]) {
  const draft = await draftJiaxingShanghaiAgreement(app, approver);
  const listed = await app.http().post(`/api/v1/recognition-agreements/${draft.id}/providers`).set(partner).send({ providerIds });
  if (listed.status !== 200) throw new Error(`agreement providers: ${listed.status} ${JSON.stringify(listed.body)}`);
  return signAgreement(app, draft.id, approver, partner);
}

/**
 * A provider registered in `regionCode` and admitted directly in the database (the admission
 * workflow has its own tests). Waits for the admission task first, so that the workflow's own
 * 'applied → in_review' step has run and cannot overwrite the admission afterwards.
 */
export async function admittedProvider(app: TestApp, regionCode: string, name?: string) {
  const provider = await registerOrganization(app, { kind: 'provider', regionCode, name });
  await eventually(async () => {
    const rows = (await app.dataSource.query(
      `SELECT 1 FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id WHERE c.subject_id = $1 AND t.status = 'open'`,
      [provider.organization.id],
    )) as unknown[];
    return rows.length > 0;
  }, 15_000, 'admission task');
  await app.dataSource.query(`UPDATE organizations SET admission_status = 'active' WHERE id = $1`, [provider.organization.id]);
  return provider;
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

/** A recognition without its stamp (recognition_stamp(), a counter any agreement change moves), which is checked here on its own. */
export function withoutStamp(found: Recognition | null): Omit<Recognition, 'stamp'> | null {
  if (!found) return null;
  const { stamp, ...rest } = found;
  expect(stamp).toMatch(/^[0-9]+$/);
  return rest;
}
