import { randomBytes } from 'node:crypto';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { decide } from '../support/approvals';
import { settlementStep } from '../support/claims';
import { Role } from '../../src/platform/context/actor';
import { registerOrganization, registerTeam, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { qualificationFields, verifiedQualification } from '../support/qualifications';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, ledgerInvariants, listService } from '../support/vouchers';

type Auth = { Authorization: string };
type Applicant = { auth: Auth; organization: { id: string } };

jest.setTimeout(600_000);

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Policy as data (docs/policies.md), driven only through the HTTP API: bureaus write programmes
 * with their own tiers, optional caps, both threshold comparisons, a group cap, an application
 * window, new versions and top-ups; enterprises apply, order, the lab delivers and claims, finance
 * settles — and the subsidy is asserted in fen at every step. Reads of the database only check
 * the ledger's invariants.
 */
describe('programme policies configured through the API, exact to the fen from application to settlement', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  let finance: Session;
  let finance2: Session;
  let admin: Session;
  let lab: Applicant;
  const services: Record<string, string> = {};
  const http = () => app.http();
  const today = shanghaiDate();

  beforeAll(async () => {
    // Revocations and claw-backs here stay below the second-person threshold.
    app = await startTestApp({ env: { FOUR_EYES_THRESHOLD_FEN: String(100_000_000) } });
    [approver, reviewer, finance, finance2, admin] = await Promise.all([DEMO.approver, DEMO.reviewer, DEMO.finance, DEMO.finance2, DEMO.admin].map((email) => login(app, email)));
    lab = await admittedProvider(app, '330402');
    for (const price of [3, 999_999, 1_000_000, 1_200_000, 2_000_000]) services[price] = (await listService(app, lab.auth, price, `检测服务 ${price}`)).id;
  });
  afterAll(() => app.close());

  async function createProgram(body: Record<string, unknown>, open = true) {
    const created = await http()
      .post('/api/v1/programs')
      .set(approver.auth)
      .send({ issuingRegionCode: '330400', year: 2026, name: `政策测试 ${randomBytes(3).toString('hex')}`, useBy: addDays(today, 60), redeemBy: addDays(today, 120), redemptionMode: 'provider_redeems', settlementCycle: 'monthly', budgetFen: 50_000_000, ...body });
    if (created.status !== 201) throw new Error(`programme: ${created.status} ${JSON.stringify(created.body)}`);
    if (!open) return created.body;
    return (await http().post(`/api/v1/programs/${created.body.id}/open`).set(approver.auth).expect(200)).body;
  }

  const enterprise = () => registerOrganization(app, { kind: 'enterprise', regionCode: '330402' }) as Promise<Applicant>;
  const limits = async (who: Applicant, programId: string) => (await http().get(`/api/v1/programs/${programId}/limits`).set(who.auth).expect(200)).body;
  const budget = async (programId: string) => (await http().get(`/api/v1/programs/${programId}/budget`).set(finance.auth).expect(200)).body;
  const voucher = async (who: Applicant, id: string) => (await http().get(`/api/v1/vouchers/${id}`).set(who.auth).expect(200)).body;

  async function submit(who: Applicant, programId: string, requestedFen: number) {
    const draft = await http().post('/api/v1/voucher-applications').set(who.auth).send({ programId, requestedFen, purpose: '新材料检测' });
    if (draft.status !== 201) return draft;
    return http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(who.auth).send({});
  }

  /** Orders `price` × 1 on the voucher and checks the held subsidy; the lab accepts, delivers `actual` and the enterprise confirms. */
  async function orderDelivered(who: Applicant, voucherId: string, price: number, expected: { held: number; limitedBy: string; actual?: number; final?: number }) {
    const order = await http().post('/api/v1/service-orders').set(who.auth).send({ serviceId: services[price], voucherId, quantity: 1 }).expect(201);
    expect({ contract: order.body.contractAmountFen, held: order.body.subsidyHeldFen, limitedBy: order.body.subsidyLimitedBy }).toEqual({ contract: price, held: expected.held, limitedBy: expected.limitedBy });
    await http().post(`/api/v1/service-orders/${order.body.id}/accept`).set(lab.auth).expect(200);
    const delivered = await http()
      .post(`/api/v1/service-orders/${order.body.id}/deliver`)
      .set(lab.auth)
      .send({ reportNumber: `JC-${digits(6)}`, actualAmountFen: expected.actual ?? price, deliveredOn: today })
      .expect(200);
    expect(delivered.body.subsidyFinalFen).toBe(expected.final ?? expected.held);
    await http().post(`/api/v1/service-orders/${order.body.id}/confirm`).set(who.auth).expect(200);
    return order.body.id as string;
  }

  /** The lab claims the order; the district and the city approve unless it is approved on its own. */
  async function approvedClaim(orderId: string, amountFen: number) {
    const claim = await http()
      .post('/api/v1/redemption-claims')
      .set(lab.auth)
      .send({ orderId, contractNo: `HT-${digits(6)}`, invoiceNo: `FP-${digits(12)}`, paymentProof: `BANK-${digits(10)}`, reportNo: `JC-${digits(6)}` })
      .expect(201);
    expect(claim.body.amountFen).toBe(amountFen);
    for (const [who, stage] of [[reviewer.auth, 'district_review'], [approver.auth, 'city_approval']] as const) {
      const next = await eventually(async () => {
        const c = await http().get(`/api/v1/redemption-claims/${claim.body.id}`).set(finance.auth);
        if (c.body.status === 'approved') return { done: true as const };
        const tasks = (await http().get('/api/v1/approval-tasks').set(who)).body as { id: string; caseId: string; stageKey: string }[];
        const task = tasks.find((t) => t.caseId === claim.body.caseId && t.stageKey === stage);
        return task ? { done: false as const, task } : undefined;
      }, 30_000, `claim ${stage}`);
      if (next.done) break;
      await decide(app, who, next.task.id, 'approve').expect(200);
    }
    return claim.body.id as string;
  }

  /** Waits for the programme's batch to hold `claims` and settles it with three different officers; returns the batch total. */
  async function settle(programId: string, claims: number): Promise<number> {
    const batch = await eventually(async () => {
      const res = await http().get(`/api/v1/settlement-batches?programId=${programId}`).set(finance.auth);
      return (res.body as { id: string; itemCount: number; status: string }[]).find((b) => b.itemCount === claims && b.status === 'open');
    }, 40_000, 'settlement batch');
    await settlementStep(app, admin.auth, batch.id, 'close').expect(200);
    await settlementStep(app, finance.auth, batch.id, 'approve').expect(200);
    const paid = await settlementStep(app, finance2.auth, batch.id, 'pay').expect(200);
    return paid.body.totalFen as number;
  }

  it('custom tiers by verified qualification, "below" the threshold, no per-application or enterprise cap, a group cap only', async () => {
    const program = await createProgram({
      tiers: [
        { code: 'general', nameZh: '一般企业', nameEn: 'General', ratioBp: 4000, qualifications: [] },
        { code: 'giant', nameZh: '科技小巨人', nameEn: 'Tech little giant', ratioBp: 7000, qualifications: ['little_giant'] },
        { code: 'leader', nameZh: '创新型领军企业', nameEn: 'Innovation leader', ratioBp: 8000, qualifications: ['innovation_leader'] },
      ],
      annualCapGroupFen: 3_000_000,
      fullCoverageThresholdFen: 1_000_000,
      fullCoverageComparison: 'below',
    });
    expect(program).toMatchObject({
      policyVersion: 1,
      perApplicationCapFen: null,
      annualCapEnterpriseFen: null,
      annualCapTeamFen: null,
      annualCapGroupFen: 3_000_000,
      fullCoverageThresholdFen: 1_000_000,
      fullCoverageComparison: 'below',
      ratioBpByTier: { general: 4000, giant: 7000, leader: 8000 },
    });

    const group = (await http().post('/api/v1/controller-groups').set(approver.auth).send({ name: `禾源控股 ${digits(6)}`, controllerName: '王建国' }).expect(201)).body.id;
    const [giant, sibling] = [await enterprise(), await enterprise()];
    for (const e of [giant, sibling]) await http().post(`/api/v1/organizations/${e.organization.id}/controller-group`).set(approver.auth).send({ controllerGroupId: group }).expect(200);
    await verifiedQualification(app, giant, reviewer.auth, qualificationFields('little_giant'));

    expect(await limits(giant, program.id)).toMatchObject({ tier: 'giant', tierNameZh: '科技小巨人', ratioBp: 7000, perApplicationCapFen: null, annualCapEnterpriseFen: null, enterpriseRemainingFen: null, annualCapGroupFen: 3_000_000, groupRemainingFen: 3_000_000, maxRequestableFen: 3_000_000 });
    expect(await limits(sibling, program.id)).toMatchObject({ tier: 'general', ratioBp: 4000 });

    // The group cap binds across its members, with the numbers in the refusal.
    const giantVoucher = (await issueVoucher(app, giant.auth, reviewer.auth, approver.auth, program.id, 2_000_000)).voucherId;
    const refused = await submit(sibling, program.id, 1_500_000);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe('The annual actual-controller group cap of 3000000 fen would be exceeded: 2000000 fen committed, 1500000 fen requested, 1000000 fen left');
    const siblingVoucher = (await issueVoucher(app, sibling.auth, reviewer.auth, approver.auth, program.id, 1_000_000)).voucherId;
    expect(await limits(giant, program.id)).toMatchObject({ enterpriseUsedFen: 2_000_000, groupUsedFen: 3_000_000, groupRemainingFen: 0, maxRequestableFen: 0 });

    // Below ¥10,000 in full; exactly ¥10,000 is not below it: 70 % of it. 3 fen is covered in full too.
    const claims: string[] = [];
    const o1 = await orderDelivered(giant, giantVoucher, 999_999, { held: 999_999, limitedBy: 'full_coverage' });
    claims.push(await approvedClaim(o1, 999_999));
    const o2 = await orderDelivered(giant, giantVoucher, 1_000_000, { held: 700_000, limitedBy: 'ratio' });
    claims.push(await approvedClaim(o2, 700_000));
    const o3 = await orderDelivered(giant, giantVoucher, 3, { held: 3, limitedBy: 'full_coverage' });
    claims.push(await approvedClaim(o3, 3));
    // The sibling's general tier: 40 % of ¥12,000, delivered for ¥9,999.99 — below the threshold, so in full.
    const o4 = await orderDelivered(sibling, siblingVoucher, 1_200_000, { held: 480_000, limitedBy: 'ratio', actual: 999_999, final: 480_000 });
    claims.push(await approvedClaim(o4, 480_000));
    expect(await voucher(giant, giantVoucher)).toMatchObject({ programVersion: 1, faceValueFen: 2_000_000, availableFen: 2_000_000 - 999_999 - 700_000 - 3, heldFen: 0 });

    expect(await settle(program.id, 4)).toBe(999_999 + 700_000 + 3 + 480_000);
    // Revoking the sibling's voucher (520,000 unspent) gives the group that headroom back, and the bureau's usage view agrees.
    await http().post(`/api/v1/vouchers/${siblingVoucher}/revoke`).set(approver.auth).send({ reason: '企业注销' }).expect(200);
    const usage = (await http().get(`/api/v1/controller-groups/${group}/usage`).set(reviewer.auth).expect(200)).body;
    const thisProgram = usage.programs.find((p: { programId: string }) => p.programId === program.id);
    expect(thisProgram).toMatchObject({ capFen: 3_000_000, usedFen: 2_480_000, remainingFen: 520_000 });
    expect(Object.fromEntries(thisProgram.byEnterprise.map((e: { enterpriseId: string; committedFen: number }) => [e.enterpriseId, e.committedFen]))).toEqual({
      [giant.organization.id]: 2_000_000,
      [sibling.organization.id]: 480_000,
    });
    expect(await budget(program.id)).toMatchObject({ paidFen: 2_180_002, committedFen: 2_000_000 - 999_999 - 700_000 - 3, availableFen: 47_520_000, ledgerSumFen: 0 });
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: expect.any(Number), drift: 0 });
  });

  it('"at or below" the threshold, every cap, an application window, a new version and a top-up; headroom returns when a voucher is revoked and when a claw-back is recovered', async () => {
    const program = await createProgram({
      ratioBpByTier: { default: 5000 },
      perApplicationCapFen: 2_000_000,
      annualCapEnterpriseFen: 2_500_000,
      annualCapGroupFen: 10_000_000,
      fullCoverageThresholdFen: 1_000_000,
      fullCoverageComparison: 'at_or_below',
      opensOn: today,
      closesOn: addDays(today, 30),
      budgetFen: 5_000_000,
    });
    const company = await enterprise();
    const tooBig = await submit(company, program.id, 2_000_001);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.details).toEqual([{ field: 'requestedFen', message: 'must not exceed the per-application cap of 2000000 fen' }]);

    const first = (await issueVoucher(app, company.auth, reviewer.auth, approver.auth, program.id, 2_000_000)).voucherId;
    // Exactly ¥10,000 is "at or below": covered in full.
    const o1 = await orderDelivered(company, first, 1_000_000, { held: 1_000_000, limitedBy: 'full_coverage' });
    const claimId = await approvedClaim(o1, 1_000_000);
    expect(await settle(program.id, 1)).toBe(1_000_000);
    expect(await limits(company, program.id)).toMatchObject({ enterpriseUsedFen: 2_000_000, enterpriseRemainingFen: 500_000, maxRequestableFen: 500_000 });

    // Revoking the voucher returns its unspent 1,000,000 to the budget, and the headroom with it.
    await http().post(`/api/v1/vouchers/${first}/revoke`).set(approver.auth).send({ reason: '企业申请注销' }).expect(200);
    expect(await limits(company, program.id)).toMatchObject({ enterpriseUsedFen: 1_000_000, enterpriseRemainingFen: 1_500_000 });
    // Clawing back the paid claim changes nothing yet; recovering 400,000 of it returns 400,000 of headroom.
    await http().post(`/api/v1/redemption-claims/${claimId}/claw-back`).set(finance.auth).send({ reason: '发票作废' }).expect(200);
    expect((await limits(company, program.id)).enterpriseUsedFen).toBe(1_000_000);
    await http().post(`/api/v1/redemption-claims/${claimId}/recoveries`).set(finance.auth).send({ amountFen: 400_000, receivedOn: today, reference: `JXCZ-${digits(6)}` }).expect(201);
    expect(await limits(company, program.id)).toMatchObject({ enterpriseUsedFen: 600_000, enterpriseRemainingFen: 1_900_000 });
    expect(await budget(program.id)).toMatchObject({ availableFen: 5_000_000 - 2_000_000 + 1_000_000 + 400_000, clawbackReceivableFen: 600_000, ledgerSumFen: 0 });

    // Top-up: a fund movement of its own; the budget grows by exactly the amount.
    const topUp = await http().post(`/api/v1/programs/${program.id}/top-ups`).set(approver.auth).send({ amountFen: 3_000_000, reason: '市财政追加预算' }).expect(201);
    expect(topUp.body).toMatchObject({ amountFen: 3_000_000, reason: '市财政追加预算' });
    expect(await budget(program.id)).toMatchObject({ budgetFen: 8_000_000, availableFen: 7_400_000, ledgerSumFen: 0 });
    // The bureau's finance officers hear of it (an outbox row of the same transaction).
    await eventually(async () => {
      const inbox = (await http().get('/api/v1/notifications').set(finance.auth).expect(200)).body as { items: { kind: string; subjectId: string }[] };
      return inbox.items.some((n) => n.kind === 'voucher_program.topped_up' && n.subjectId === program.id);
    }, 15_000, 'top-up notification');

    // Version 2 from today: 60 %, threshold "below" ¥5,000, enterprise cap removed. The old voucher keeps version 1.
    const v2 = await http()
      .post(`/api/v1/programs/${program.id}/versions`)
      .set(approver.auth)
      .send({ effectiveFrom: today, note: '提高补助比例，取消企业年度上限', ratioBpByTier: { default: 6000 }, fullCoverageThresholdFen: 500_000, fullCoverageComparison: 'below', annualCapEnterpriseFen: null })
      .expect(201);
    expect(v2.body).toMatchObject({ versionNo: 2, effectiveFrom: today, current: true });
    expect(v2.body.changes.map((c: { field: string }) => c.field)).toEqual(['tiers', 'annualCapEnterpriseFen', 'fullCoverage']);
    const versions = (await http().get(`/api/v1/programs/${program.id}/versions`).set(company.auth).expect(200)).body;
    expect(versions.map((v: { versionNo: number; current: boolean }) => [v.versionNo, v.current])).toEqual([[1, false], [2, true]]);

    const second = (await issueVoucher(app, company.auth, reviewer.auth, approver.auth, program.id, 2_000_000)).voucherId;
    expect(await voucher(company, second)).toMatchObject({ programVersion: 2 });
    expect(await limits(company, program.id)).toMatchObject({ policyVersion: 2, annualCapEnterpriseFen: null, enterpriseUsedFen: 2_600_000, enterpriseRemainingFen: null });
    // ¥10,000 is not below ¥5,000 under version 2: 60 % of it.
    const o2 = await orderDelivered(company, second, 1_000_000, { held: 600_000, limitedBy: 'ratio' });
    await approvedClaim(o2, 600_000);
    expect(await settle(program.id, 1)).toBe(600_000);

    // The window: a programme whose window has not opened refuses, naming the day.
    const later = await createProgram({ ratioBpByTier: { default: 5000 }, opensOn: addDays(today, 3) });
    const early = await submit(company, later.id, 100_000);
    expect(early.status).toBe(422);
    expect(early.body.message).toBe(`Applications are not taken: applications open on ${addDays(today, 3)} (today is ${today})`);
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: expect.any(Number), drift: 0 });
  });

  it('innovation teams: a tier of their own and a team cap, apart from the enterprise cap', async () => {
    const program = await createProgram({
      tiers: [
        { code: 'enterprise', nameZh: '企业', nameEn: 'Enterprise', ratioBp: 5000, qualifications: [], applicantKinds: ['enterprise'] },
        { code: 'team', nameZh: '创新团队', nameEn: 'Innovation team', ratioBp: 8000, qualifications: [], applicantKinds: ['team'] },
      ],
      annualCapEnterpriseFen: 1_000_000,
      annualCapTeamFen: 1_500_000,
      fullCoverageThresholdFen: 300_000,
      fullCoverageComparison: 'below',
    });
    const team = (await registerTeam(app)) as Applicant;
    const company = await enterprise();
    expect(await limits(team, program.id)).toMatchObject({ applicantKind: 'team', tier: 'team', ratioBp: 8000, annualCapEnterpriseFen: 1_500_000, enterpriseRemainingFen: 1_500_000, annualCapGroupFen: null, maxRequestableFen: 1_500_000 });
    expect(await limits(company, program.id)).toMatchObject({ applicantKind: 'enterprise', tier: 'enterprise', ratioBp: 5000, annualCapEnterpriseFen: 1_000_000, maxRequestableFen: 1_000_000 });

    const teamVoucher = (await issueVoucher(app, team.auth, reviewer.auth, approver.auth, program.id, 1_200_000)).voucherId;
    expect(await voucher(team, teamVoucher)).toMatchObject({ applicantKind: 'team', faceValueFen: 1_200_000, programVersion: 1 });
    const over = await submit(team, program.id, 400_000);
    expect(over.status).toBe(422);
    expect(over.body.message).toBe('The annual innovation team cap of 1500000 fen would be exceeded: 1200000 fen committed, 400000 fen requested, 300000 fen left');
    // The team's cap is its own: the enterprise still has all of its cap.
    expect((await limits(company, program.id)).enterpriseRemainingFen).toBe(1_000_000);

    // 80 % of ¥12,000; ¥2,999.99 is below ¥3,000: in full.
    const o1 = await orderDelivered(team, teamVoucher, 1_200_000, { held: 960_000, limitedBy: 'ratio' });
    const c1 = await approvedClaim(o1, 960_000);
    const o2 = await orderDelivered(team, teamVoucher, 999_999, { held: 240_000, limitedBy: 'voucher_balance', actual: 299_999, final: 240_000 });
    const c2 = await approvedClaim(o2, 240_000);
    expect([c1, c2]).toHaveLength(2);
    expect(await settle(program.id, 2)).toBe(1_200_000);
    expect(await voucher(team, teamVoucher)).toMatchObject({ availableFen: 0, heldFen: 0, status: 'exhausted' });
  });

  it('a new issuing region: 丽水 is made issuing by the platform, its bureau writes its own programme, and a 莲都 enterprise is paid to the fen', async () => {
    await http().patch('/api/v1/regions/331100').set(admin.auth).send({ issuing: true }).expect(200);
    const bureau = (await http().post('/api/v1/agencies').set(admin.auth).send({ name: '丽水市科学技术局', regionCode: '331100', agencyLevel: 'city' }).expect(201)).body;
    const staff: Record<string, Session> = {};
    for (const [key, role] of [['approver', Role.Approver], ['reviewer', Role.Reviewer], ['finance', Role.Finance], ['finance2', Role.Finance]] as const) {
      const invite = await http().post(`/api/v1/organizations/${bureau.id}/invitations`).set(admin.auth).send({ email: uniqueEmail(`lishui-${key}`), role }).expect(201);
      const accepted = await http().post('/api/v1/auth/invitations/accept').send({ token: invite.body.token, password: TEST_PASSWORD, displayName: `丽水${key}` }).expect(201);
      staff[key] = await login(app, accepted.body.email, TEST_PASSWORD);
    }
    // Jiaxing's bureau may not write 丽水's programme; 丽水's may, with its own rules.
    const body = { issuingRegionCode: '331100', year: 2026, name: '2026年丽水市科技创新券（山海协作）', useBy: addDays(today, 60), redeemBy: addDays(today, 120), redemptionMode: 'provider_redeems', settlementCycle: 'quarterly', budgetFen: 20_000_000,
      tiers: [{ code: 'mountain', nameZh: '山区企业', nameEn: 'Mountain-area enterprise', ratioBp: 8000, qualifications: [] }], perApplicationCapFen: 1_000_000, fullCoverageThresholdFen: 200_000, fullCoverageComparison: 'at_or_below' };
    expect((await http().post('/api/v1/programs').set(approver.auth).send(body)).status).toBe(403);
    const created = await http().post('/api/v1/programs').set(staff.approver.auth).send(body).expect(201);
    const program = (await http().post(`/api/v1/programs/${created.body.id}/open`).set(staff.approver.auth).expect(200)).body;
    expect(program).toMatchObject({ issuingRegionCode: '331100', ratioBpByTier: { mountain: 8000 }, perApplicationCapFen: 1_000_000, annualCapEnterpriseFen: null });

    const company = (await registerOrganization(app, { kind: 'enterprise', regionCode: '331102' })) as Applicant;
    const localLab = await admittedProvider(app, '331102');
    const exact = (await listService(app, localLab.auth, 200_000, '农产品检测')).id;
    const larger = (await listService(app, localLab.auth, 1_234_567, '材料检测')).id;
    const voucherId = (await issueVoucher(app, company.auth, staff.reviewer.auth, staff.approver.auth, program.id, 1_000_000)).voucherId;
    const o1 = await http().post('/api/v1/service-orders').set(company.auth).send({ serviceId: exact, voucherId, quantity: 1 }).expect(201);
    const o2 = await http().post('/api/v1/service-orders').set(company.auth).send({ serviceId: larger, voucherId, quantity: 1 }).expect(201);
    // ¥2,000 exactly is "at or below": in full; 80 % of ¥12,345.67 rounds down to 987,653 fen, then the voucher's 800,000 left binds.
    expect([o1.body.subsidyHeldFen, o1.body.subsidyLimitedBy, o2.body.subsidyHeldFen, o2.body.subsidyLimitedBy]).toEqual([200_000, 'full_coverage', 800_000, 'voucher_balance']);
    const claims: string[] = [];
    for (const order of [o1.body, o2.body]) {
      await http().post(`/api/v1/service-orders/${order.id}/accept`).set(localLab.auth).expect(200);
      await http().post(`/api/v1/service-orders/${order.id}/deliver`).set(localLab.auth).send({ reportNumber: `JC-${digits(6)}`, actualAmountFen: order.contractAmountFen, deliveredOn: today }).expect(200);
      await http().post(`/api/v1/service-orders/${order.id}/confirm`).set(company.auth).expect(200);
      const claim = await http().post('/api/v1/redemption-claims').set(localLab.auth)
        .send({ orderId: order.id, contractNo: `HT-${digits(6)}`, invoiceNo: `FP-${digits(12)}`, paymentProof: `BANK-${digits(10)}`, reportNo: `JC-${digits(6)}` }).expect(201);
      claims.push(claim.body.id);
      for (const [who, stage] of [[staff.reviewer.auth, 'district_review'], [staff.approver.auth, 'city_approval']] as const) {
        const next = await eventually(async () => {
          const c = await http().get(`/api/v1/redemption-claims/${claim.body.id}`).set(staff.finance.auth);
          if (c.body.status === 'approved') return { done: true as const };
          const tasks = (await http().get('/api/v1/approval-tasks').set(who)).body as { id: string; caseId: string; stageKey: string }[];
          const task = tasks.find((t) => t.caseId === claim.body.caseId && t.stageKey === stage);
          return task ? { done: false as const, task } : undefined;
        }, 30_000, `claim ${stage}`);
        if (next.done) break;
        await decide(app, who, next.task.id, 'approve').expect(200);
      }
    }
    const batch = await eventually(async () => {
      const res = await http().get(`/api/v1/settlement-batches?programId=${program.id}`).set(staff.finance.auth);
      return (res.body as { id: string; itemCount: number; status: string }[]).find((b) => b.itemCount === 2 && b.status === 'open');
    }, 40_000, 'settlement batch');
    await settlementStep(app, admin.auth, batch.id, 'close').expect(200);
    await settlementStep(app, staff.finance.auth, batch.id, 'approve').expect(200);
    // Jiaxing's finance pays nothing of 丽水's money.
    expect((await settlementStep(app, finance2.auth, batch.id, 'pay')).status).toBeGreaterThanOrEqual(403);
    const paid = await settlementStep(app, staff.finance2.auth, batch.id, 'pay').expect(200);
    expect(paid.body.totalFen).toBe(1_000_000);
    expect((await http().get(`/api/v1/programs/${program.id}/budget`).set(staff.finance.auth).expect(200)).body).toMatchObject({ paidFen: 1_000_000, availableFen: 19_000_000, ledgerSumFen: 0 });
  });

  it('many at once: twenty parallel top-ups add exactly their sum, ten parallel versions get numbers 2 to 11, and parallel revocations return exactly the unspent headroom', async () => {
    const program = await createProgram({ ratioBpByTier: { default: 5000 }, annualCapEnterpriseFen: 2_000_000, budgetFen: 10_000_000 });
    const amounts = Array.from({ length: 20 }, (_, i) => 10_000 * (i + 1));
    const topUps = await Promise.all(amounts.map((amountFen) => http().post(`/api/v1/programs/${program.id}/top-ups`).set(approver.auth).send({ amountFen, reason: `追加 ${amountFen}` })));
    expect(topUps.map((r) => r.status)).toEqual(amounts.map(() => 201));
    const sum = amounts.reduce((a, b) => a + b, 0);
    expect(await budget(program.id)).toMatchObject({ budgetFen: 10_000_000 + sum, availableFen: 10_000_000 + sum, ledgerSumFen: 0 });
    expect((await http().get(`/api/v1/programs/${program.id}/top-ups`).set(finance.auth).expect(200)).body).toHaveLength(20);

    const versions = await Promise.all(
      Array.from({ length: 10 }, (_, i) => http().post(`/api/v1/programs/${program.id}/versions`).set(approver.auth).send({ effectiveFrom: today, note: `第 ${i} 次调整`, annualCapGroupFen: 1_000_000 + i })),
    );
    expect(versions.map((r) => r.status)).toEqual(versions.map(() => 201));
    expect(versions.map((r) => r.body.versionNo).sort((a: number, b: number) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

    // Four vouchers of one enterprise revoked at once while it applies again: headroom comes back exactly.
    const company = await enterprise();
    const issued = [];
    for (let i = 0; i < 4; i += 1) issued.push((await issueVoucher(app, company.auth, reviewer.auth, approver.auth, program.id, 500_000)).voucherId);
    expect((await limits(company, program.id)).enterpriseRemainingFen).toBe(0);
    const revoked = await Promise.all(issued.map((id) => http().post(`/api/v1/vouchers/${id}/revoke`).set(approver.auth).send({ reason: '并发注销' })));
    expect(revoked.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await limits(company, program.id)).toMatchObject({ enterpriseUsedFen: 0, enterpriseRemainingFen: 2_000_000 });
    expect(await budget(program.id)).toMatchObject({ availableFen: 10_000_000 + sum, committedFen: 0, ledgerSumFen: 0 });
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: expect.any(Number), drift: 0 });
  });

  it('an enterprise no tier applies to is refused in words; a version cannot go back in time or change nothing; only the issuing bureau edits', async () => {
    const program = await createProgram({ tiers: [{ code: 'hightech', nameZh: '高新技术企业', nameEn: 'High-tech', ratioBp: 6000, qualifications: ['high_tech'] }] });
    const plain = await enterprise();
    const refused = await submit(plain, program.id, 100_000);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe('Not eligible: no tier of this programme applies to this enterprise today; the tiers are 高新技术企业 (hightech): a verified high_tech qualification');
    expect(await limits(plain, program.id)).toMatchObject({ acceptingApplications: false, tier: null, ratioBp: null });

    const back = await http().post(`/api/v1/programs/${program.id}/versions`).set(approver.auth).send({ effectiveFrom: addDays(today, -1), note: '追溯', annualCapGroupFen: 1_000_000 });
    expect(back.status).toBe(400);
    expect(back.body.details[0].field).toBe('effectiveFrom');
    const same = await http().post(`/api/v1/programs/${program.id}/versions`).set(approver.auth).send({ effectiveFrom: today, note: '无变化' });
    expect(same.status).toBe(400);
    const unknownKind = await http().post(`/api/v1/programs/${program.id}/versions`).set(approver.auth).send({ effectiveFrom: today, note: '资质', tiers: [{ code: 'x', nameZh: '某', nameEn: 'X', ratioBp: 5000, qualifications: ['nobel_prize'] }] });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.details[0].field).toBe('tiers[0].qualifications');
    // The enterprise and finance may not touch it.
    for (const auth of [plain.auth, finance.auth]) {
      expect((await http().post(`/api/v1/programs/${program.id}/versions`).set(auth).send({ effectiveFrom: today, note: '越权', annualCapGroupFen: 1 })).status).toBe(403);
      expect((await http().post(`/api/v1/programs/${program.id}/top-ups`).set(auth).send({ amountFen: 1, reason: '越权' })).status).toBe(403);
    }
    // A draft is edited in place; an open programme is not.
    const draft = await createProgram({ ratioBpByTier: { default: 5000 } }, false);
    const edited = await http().patch(`/api/v1/programs/${draft.id}`).set(approver.auth).send({ annualCapTeamFen: 300_000, fullCoverageThresholdFen: 200_000, fullCoverageComparison: 'below' }).expect(200);
    expect(edited.body).toMatchObject({ policyVersion: 1, annualCapTeamFen: 300_000, fullCoverageThresholdFen: 200_000, fullCoverageComparison: 'below' });
    expect((await http().patch(`/api/v1/programs/${program.id}`).set(approver.auth).send({ annualCapTeamFen: 1 })).status).toBe(409);
    expect((await http().post(`/api/v1/programs/${draft.id}/top-ups`).set(approver.auth).send({ amountFen: 1, reason: '草稿' })).status).toBe(409);
  });
});

