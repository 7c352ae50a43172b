import { randomBytes } from 'node:crypto';
import { makeUscc } from '../../packages/shared/uscc';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { QueueName } from '../../src/platform/queue/queue.registry';
import { QueueService } from '../../src/platform/queue/queue.service';
import { decide, waitForCase, waitForTask } from '../support/approvals';
import { registerOrganization, registrationBody, TEST_PASSWORD } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { verifiedQualification } from '../support/qualifications';
import { issueVoucher, ledgerInvariants, listService, openProgram, signAgreement } from '../support/vouchers';

type Auth = { Authorization: string };
type Org = Awaited<ReturnType<typeof registerOrganization>>;
type FindingMap = Record<string, { outcome: string; reasons: string[]; reasonCodes: { code: string; params: Record<string, unknown> }[] }>;

jest.setTimeout(120_000);

/**
 * The rules around innovation vouchers (创新券) beyond the happy path: the 通用 mode, every
 * pre-check failing, caps across an actual-controller group (同一实际控制人), expiry and
 * reversals, idempotent money-moving requests and who may see or do what. Exact fen throughout.
 */
describe('innovation vouchers: rules, pre-checks, reversals and access', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  let finance: Session;
  let finance2: Session;
  let admin: Session;
  let partner: Session;
  let shanghaiLab: Session;

  const today = shanghaiDate();
  const yesterday = shanghaiDate(new Date(Date.now() - 86_400_000));
  const http = () => app.http();

  beforeAll(async () => {
    app = await startTestApp();
    [approver, reviewer, finance, admin, partner, shanghaiLab, finance2] = await Promise.all([
      login(app, DEMO.approver),
      login(app, DEMO.reviewer),
      login(app, DEMO.finance),
      login(app, DEMO.admin),
      login(app, DEMO.partner),
      login(app, DEMO.provider),
      login(app, DEMO.finance2),
    ]);
  });
  afterAll(() => app.close());

  // ---------------------------------------------------------------- helpers

  const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

  async function expectLedgerBalanced() {
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
  }

  /** A Nanhu enterprise (the demo reviewer's district). */
  const nanhuEnterprise = () => registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });

  /** Marks a registered provider admitted once its admission workflow has settled at its review task. */
  async function admit(provider: Org): Promise<Org> {
    await eventually(async () => {
      const rows = await app.dataSource.query(`SELECT 1 FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id WHERE c.subject_id = $1`, [provider.organization.id]);
      return rows.length > 0;
    }, 15_000, 'admission task');
    await app.dataSource.query(`UPDATE organizations SET admission_status = 'active' WHERE id = $1`, [provider.organization.id]);
    return provider;
  }

  /** A local Jiaxing lab (default: 南湖区), admitted, with one service at `unitPriceFen`. */
  async function localLab(unitPriceFen = 200_000, regionCode = '330402') {
    const lab = await admit(await registerOrganization(app, { kind: 'provider', regionCode }));
    const service = await listService(app, lab.auth, unitPriceFen);
    return { ...lab, service };
  }

  async function registerWith(body: ReturnType<typeof registrationBody>): Promise<Org> {
    const res = await http().post('/api/v1/auth/register').send(body);
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    const session = await login(app, body.user.email, TEST_PASSWORD);
    return { organization: res.body.organization, user: res.body.user, auth: session.auth, refreshToken: session.refreshToken };
  }

  async function budget(programId: string) {
    const res = await http().get(`/api/v1/programs/${programId}/budget`).set(finance.auth).expect(200);
    return res.body as Record<string, number>;
  }

  async function voucher(auth: Auth, id: string) {
    return (await http().get(`/api/v1/vouchers/${id}`).set(auth).expect(200)).body as Record<string, unknown>;
  }

  async function order(auth: Auth, id: string) {
    return (await http().get(`/api/v1/service-orders/${id}`).set(auth).expect(200)).body as Record<string, unknown>;
  }

  async function statementLines(auth: Auth, voucherId: string): Promise<string[]> {
    const res = await http().get(`/api/v1/vouchers/${voucherId}/statement`).set(auth).expect(200);
    return res.body.lines.map((l: { account: string; movement: string; amountFen: number }) => `${l.account}:${l.movement}:${l.amountFen}`);
  }

  /** Orders `quantity` of a service and walks it to 'confirmed' (accept → deliver in full → confirm). */
  async function confirmedOrder(enterprise: Auth, lab: Auth, serviceId: string, voucherId: string, quantity = 1) {
    const created = await http().post('/api/v1/service-orders').set(enterprise).send({ serviceId, voucherId, quantity }).expect(201);
    await http().post(`/api/v1/service-orders/${created.body.id}/accept`).set(lab).expect(200);
    await http()
      .post(`/api/v1/service-orders/${created.body.id}/deliver`)
      .set(lab)
      .send({ reportNumber: `JC-${digits(6)}`, actualAmountFen: created.body.contractAmountFen, deliveredOn: today })
      .expect(200);
    await http().post(`/api/v1/service-orders/${created.body.id}/confirm`).set(enterprise).expect(200);
    return created.body as { id: string; subsidyHeldFen: number; contractAmountFen: number };
  }

  const documents = (orderId: string, invoiceNo = `FP-${digits(12)}`) => ({
    orderId,
    contractNo: `HT-${digits(6)}`,
    invoiceNo,
    paymentProof: `BANK-${digits(10)}`,
    reportNo: `JC-${digits(6)}`,
  });

  /** The pre-check findings of a case, once all `expected` checks are written, keyed by check. */
  async function findings(caseId: string, expected: number, viewer: Auth = reviewer.auth): Promise<FindingMap> {
    const detail = await eventually(async () => {
      const res = await http().get(`/api/v1/approval-cases/${caseId}`).set(viewer);
      return res.status === 200 && res.body.findings.length >= expected ? res.body : undefined;
    }, 20_000, `findings of ${caseId}`);
    expect(detail.findings).toHaveLength(expected);
    return Object.fromEntries(detail.findings.map((f: { check: string } & FindingMap[string]) => [f.check, { outcome: f.outcome, reasons: f.reasons, reasonCodes: f.reasonCodes }]));
  }

  const outcomes = (map: FindingMap) => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, v.outcome]));

  /** Holds the approval workers back so the test can change data between submission and the pre-check job. */
  async function withApprovalsPaused<T>(fn: () => Promise<T>): Promise<T> {
    const queue = app.get(QueueService).queue(QueueName.Approvals);
    await queue.pause();
    try {
      return await fn();
    } finally {
      await queue.resume();
    }
  }

  async function draftApplication(enterprise: Auth, programId: string, requestedFen: number): Promise<string> {
    const res = await http().post('/api/v1/voucher-applications').set(enterprise).send({ programId, requestedFen, purpose: '材料成分检测与性能测试' }).expect(201);
    return res.body.id;
  }

  async function approveBothStages(caseId: string) {
    const district = await waitForTask(app, reviewer.auth, caseId, 'district_review');
    await decide(app, reviewer.auth, district.id, 'approve').expect(200);
    const city = await waitForTask(app, approver.auth, caseId, 'city_approval');
    await decide(app, approver.auth, city.id, 'approve').expect(200);
  }

  async function settledApplication(enterprise: Auth, id: string) {
    return eventually(async () => {
      const res = await http().get(`/api/v1/voucher-applications/${id}`).set(enterprise);
      return ['issued', 'rejected'].includes(res.body.status) ? (res.body as Record<string, any>) : undefined;
    }, 20_000, `decision of application ${id}`);
  }

  async function claimStatus(auth: Auth, id: string, status: string) {
    return eventually(async () => {
      const res = await http().get(`/api/v1/redemption-claims/${id}`).set(auth);
      return res.body.status === status ? (res.body as Record<string, any>) : undefined;
    }, 20_000, `claim ${status}`);
  }

  async function openBatch(programId: string) {
    return eventually(async () => {
      const res = await http().get(`/api/v1/settlement-batches?programId=${programId}`).set(finance.auth);
      return (res.body as { itemCount: number; id: string }[]).find((b) => b.itemCount > 0);
    }, 20_000, 'settlement batch');
  }

  async function paySettlement(batchId: string) {
    await http().post(`/api/v1/settlement-batches/${batchId}/close`).set(finance.auth).expect(200);
    await http().post(`/api/v1/settlement-batches/${batchId}/approve`).set(finance2.auth).expect(200);
    await http().post(`/api/v1/settlement-batches/${batchId}/pay`).set(finance.auth).send({ paymentReference: `JXCZ-${digits(6)}` }).expect(200);
  }

  async function createControllerGroup(): Promise<string> {
    const res = await http().post('/api/v1/controller-groups').set(approver.auth).send({ name: `禾源控股集团${digits(6)}`, controllerName: '王建国' }).expect(201);
    return res.body.id;
  }

  const linkGroup = (auth: Auth, orgId: string, controllerGroupId: string | null) =>
    http().post(`/api/v1/organizations/${orgId}/controller-group`).set(auth).send({ controllerGroupId });

  // ---------------------------------------------------------------- 1. 通用

  describe('通用 mode (enterprise_redeems) with a local Jiaxing lab', () => {
    it('the enterprise pays in full, claims the subsidy itself and is the payee in settlement', async () => {
      const program = await openProgram(app, approver.auth, { redemptionMode: 'enterprise_redeems' });
      const enterprise = await nanhuEnterprise();
      const lab = await localLab(240_000);
      const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 1_000_000);

      // A local (嘉兴) provider needs no recognition agreement.
      const created = await http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: lab.service.id, voucherId, quantity: 2 }).expect(201);
      expect(created.body).toMatchObject({ contractAmountFen: 480_000, ratioBp: 5000, subsidyHeldFen: 240_000, enterpriseShareFen: 240_000, recognitionAgreementId: null, status: 'created', subsidyLimitedBy: 'ratio' });
      await http().post(`/api/v1/service-orders/${created.body.id}/accept`).set(lab.auth).expect(200);
      const delivered = await http()
        .post(`/api/v1/service-orders/${created.body.id}/deliver`)
        .set(lab.auth)
        .send({ reportNumber: 'JXJC-2026-0088', actualAmountFen: 400_000, deliveredOn: today })
        .expect(200);
      expect(delivered.body).toMatchObject({ status: 'delivered', actualAmountFen: 400_000, subsidyHeldFen: 200_000, subsidyFinalFen: 200_000, enterpriseShareFen: 200_000 });
      await http().post(`/api/v1/service-orders/${created.body.id}/confirm`).set(enterprise.auth).expect(200);

      // 通用: the provider may not claim; the enterprise does, and is paid.
      const docs = documents(created.body.id);
      const refused = await http().post('/api/v1/redemption-claims').set(lab.auth).send(docs).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      const claim = await http().post('/api/v1/redemption-claims').set(enterprise.auth).send(docs).expect(201);
      expect(claim.body).toMatchObject({
        amountFen: 200_000, mode: 'enterprise_redeems', status: 'submitted', claimantOrgId: enterprise.organization.id, payeeOrgId: enterprise.organization.id,
      });
      expect((await order(enterprise.auth, created.body.id)).status).toBe('claimed');

      expect(outcomes(await findings(claim.body.caseId, 6))).toEqual({
        caps: 'pass', dates: 'pass', duplicate_invoice: 'pass', eligibility: 'warn', provider_recognised: 'pass', related_party: 'pass',
      });
      await approveBothStages(claim.body.caseId);
      await claimStatus(enterprise.auth, claim.body.id, 'approved');

      const batch = await openBatch(program.id);
      expect(batch).toMatchObject({ status: 'open', itemCount: 1, totalFen: 200_000 });
      expect(await budget(program.id)).toMatchObject({ availableFen: 99_000_000, committedFen: 800_000, heldFen: 0, payableFen: 200_000, paidFen: 0, ledgerSumFen: 0 });

      const byPayee = await http().get(`/api/v1/settlement-batches/${batch.id}/statement?by=payee`).set(finance.auth).expect(200);
      expect(byPayee.body.rows).toEqual([expect.objectContaining({ key: enterprise.organization.id, regionCode: '330402', claims: 1, amountFen: 200_000 })]);
      await paySettlement(batch.id);

      expect((await claimStatus(enterprise.auth, claim.body.id, 'paid')).payeeOrgId).toBe(enterprise.organization.id);
      expect((await order(enterprise.auth, created.body.id)).status).toBe('settled');
      expect(await budget(program.id)).toMatchObject({ availableFen: 99_000_000, committedFen: 800_000, heldFen: 0, payableFen: 0, paidFen: 200_000, ledgerSumFen: 0, vouchersIssued: 1 });
      // The payee's ledger account is the enterprise's.
      const [paid] = await app.dataSource.query(`SELECT owner_id, balance_fen::int AS balance FROM ledger_accounts WHERE program_id = $1 AND kind = 'paid'`, [program.id]);
      expect(paid).toEqual({ owner_id: enterprise.organization.id, balance: 200_000 });
      await expectLedgerBalanced();
    });
  });

  // ---------------------------------------------------------------- 2. pre-checks

  describe('redemption claim pre-checks: each one failing once', () => {
    let programId: string;
    let enterprise: Org;
    let lab: Awaited<ReturnType<typeof localLab>>;
    let voucherId: string;
    let groupId: string;
    let baseline: { number: string; invoiceNo: string; digits: string };
    /** Every claim of this block stays live (under review), and so counts towards the group. */
    let liveClaims = 0;

    beforeAll(async () => {
      programId = (await openProgram(app, approver.auth)).id;
      enterprise = await nanhuEnterprise();
      lab = await localLab(200_000);
      voucherId = (await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, programId, 5_000_000)).voucherId;
    });

    /** A confirmed 200,000 fen order (subsidy 100,000 at 50 %) claimed by the lab (通兑); its findings. */
    async function claimAndCheck(invoiceNo?: string, before?: () => Promise<void>) {
      const o = await confirmedOrder(enterprise.auth, lab.auth, lab.service.id, voucherId);
      if (before) await before();
      const claim = await http().post('/api/v1/redemption-claims').set(lab.auth).send(documents(o.id, invoiceNo)).expect(201);
      expect(claim.body.amountFen).toBe(100_000);
      liveClaims += 1;
      return { claim: claim.body as { id: string; number: string; caseId: string; invoiceNo: string }, found: await findings(claim.body.caseId, 6) };
    }

    const ALL_PASS = { caps: 'pass', dates: 'pass', duplicate_invoice: 'pass', eligibility: 'warn', provider_recognised: 'pass', related_party: 'pass' };

    it('a clean claim passes every check (eligibility only warns: no qualification)', async () => {
      const d = digits(9);
      const { claim, found } = await claimAndCheck(`INV-2026-${d}`);
      expect(outcomes(found)).toEqual(ALL_PASS);
      expect(found.eligibility.reasons).toEqual(['no qualification was valid on the order date']);
      baseline = { number: claim.number, invoiceNo: claim.invoiceNo, digits: d };
      await expectLedgerBalanced();
    });

    it('eligibility fails for a suspended enterprise', async () => {
      await app.dataSource.query(`UPDATE organizations SET status = 'suspended' WHERE id = $1`, [enterprise.organization.id]);
      try {
        const { found } = await claimAndCheck();
        expect(outcomes(found)).toEqual({ ...ALL_PASS, eligibility: 'fail' });
        expect(found.eligibility.reasons).toEqual(['the enterprise is suspended']);
      } finally {
        await app.dataSource.query(`UPDATE organizations SET status = 'active' WHERE id = $1`, [enterprise.organization.id]);
      }
      await expectLedgerBalanced();
    });

    it('caps fail when the actual-controller group’s claims exceed its annual cap', async () => {
      groupId = await createControllerGroup();
      expect((await linkGroup(approver.auth, enterprise.organization.id, groupId).expect(200)).body.controllerGroupId).toBe(groupId);
      // The claim check reads the cap of the version the voucher was issued under; lowered in place for this check only.
      await app.dataSource.query(`UPDATE voucher_program_versions SET policy = jsonb_set(policy, '{annualCapGroupFen}', '150000') WHERE program_id = $1`, [programId]);
      try {
        const { found } = await claimAndCheck();
        expect(outcomes(found)).toEqual({ ...ALL_PASS, caps: 'fail' });
        expect(found.caps.reasons).toEqual([`claims of the actual-controller group (${liveClaims * 100_000} fen) exceed its annual cap of 150000 fen`]);
      } finally {
        await app.dataSource.query(`UPDATE voucher_program_versions SET policy = jsonb_set(policy, '{annualCapGroupFen}', '15000000') WHERE program_id = $1`, [programId]);
      }
      await expectLedgerBalanced();
    });

    it('related party fails when the lab shares the enterprise’s actual controller', async () => {
      // The district bureau records the lab's declared actual controller (同一实际控制人).
      const providerLink = await linkGroup(approver.auth, lab.organization.id, groupId).expect(200);
      expect(providerLink.body.controllerGroupId).toBe(groupId);
      try {
        const { found } = await claimAndCheck();
        expect(outcomes(found)).toEqual({ ...ALL_PASS, related_party: 'fail' });
        expect(found.related_party.reasons).toEqual(['the enterprise and the provider share an actual controller']);
        expect(found.related_party.reasonCodes).toEqual([{ code: 'related_same_controller', params: {} }]);
      } finally {
        await app.dataSource.query(`UPDATE organizations SET controller_group_id = NULL WHERE id = $1`, [lab.organization.id]);
      }
      await expectLedgerBalanced();
    });

    it('related party fails when the lab’s USCC carries the enterprise’s organisation code', async () => {
      const orgCode = (enterprise.organization as { uscc: string }).uscc.slice(8, 17);
      const body = registrationBody({ kind: 'provider', regionCode: '330411' });
      body.organization.uscc = makeUscc('91', '330411', orgCode);
      const sibling = await admit(await registerWith(body));
      const service = await listService(app, sibling.auth, 200_000);
      const o = await confirmedOrder(enterprise.auth, sibling.auth, service.id, voucherId);
      const claim = await http().post('/api/v1/redemption-claims').set(sibling.auth).send(documents(o.id)).expect(201);
      liveClaims += 1;
      const found = await findings(claim.body.caseId, 6);
      expect(outcomes(found)).toEqual({ ...ALL_PASS, related_party: 'fail' });
      expect(found.related_party.reasons).toEqual(['the enterprise and the provider share an organisation code in their USCCs']);
      await expectLedgerBalanced();
    });

    it('an exact invoice duplicate (after normalising) is refused at submission; a look-alike fails duplicate_invoice', async () => {
      const o = await confirmedOrder(enterprise.auth, lab.auth, lab.service.id, voucherId);
      const exact = await http().post('/api/v1/redemption-claims').set(lab.auth).send(documents(o.id, `inv 2026-${baseline.digits}`)).expect(409);
      expect(exact.body).toMatchObject({ code: 'ALREADY_EXISTS', details: [expect.objectContaining({ field: 'invoiceNo' })] });
      // Nothing of the refused submission remains: the order is still only confirmed.
      expect((await order(enterprise.auth, o.id)).status).toBe('confirmed');
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM redemption_claims WHERE order_id = $1`, [o.id]);
      expect(n).toBe(0);

      const lookalike = await http().post('/api/v1/redemption-claims').set(lab.auth).send(documents(o.id, `inv 2026 ${baseline.digits}x`)).expect(201);
      liveClaims += 1;
      const found = await findings(lookalike.body.caseId, 6);
      expect(outcomes(found)).toEqual({ ...ALL_PASS, duplicate_invoice: 'fail' });
      expect(found.duplicate_invoice.reasons).toEqual([`invoice digits match claim ${baseline.number}`]);
      await expectLedgerBalanced();
    });

    it('provider_recognised fails when the lab was suspended before the claim', async () => {
      const { found } = await claimAndCheck(undefined, async () => {
        await http().post(`/api/v1/organizations/${lab.organization.id}/admission-transitions`).set(approver.auth).send({ action: 'suspend', comment: '资质核查' }).expect(200);
      });
      try {
        expect(outcomes(found)).toEqual({ ...ALL_PASS, provider_recognised: 'fail' });
        expect(found.provider_recognised.reasons).toEqual(['the provider is suspended']);
      } finally {
        await http().post(`/api/v1/organizations/${lab.organization.id}/admission-transitions`).set(approver.auth).send({ action: 'reinstate' }).expect(200);
      }
      await expectLedgerBalanced();
    });

    it('provider_recognised fails for a Shanghai lab whose agreement was terminated before the claim', async () => {
      const me = await http().get('/api/v1/me').set(shanghaiLab.auth).expect(200);
      const agreement = await http().post('/api/v1/recognition-agreements').set(approver.auth).send({
        issuingRegionCode: '330400', partnerRegionCode: '310000', name: `嘉兴—上海互认协议 ${digits(4)}`, effectiveFrom: '2026-01-01', effectiveTo: '2027-12-31',
      }).expect(201);
      await http().post(`/api/v1/recognition-agreements/${agreement.body.id}/providers`).set(partner.auth).send({ providerIds: [me.body.organization.id] }).expect(200);
      await signAgreement(app, agreement.body.id, approver.auth, partner.auth);
      const service = await listService(app, shanghaiLab.auth, 200_000);
      const o = await confirmedOrder(enterprise.auth, shanghaiLab.auth, service.id, voucherId);
      expect((await order(enterprise.auth, o.id)).recognitionAgreementId).toBe(agreement.body.id);

      await http().post(`/api/v1/recognition-agreements/${agreement.body.id}/terminate`).set(approver.auth).send({ reason: '协议终止' }).expect(200);
      const claim = await http().post('/api/v1/redemption-claims').set(shanghaiLab.auth).send(documents(o.id)).expect(201);
      liveClaims += 1;
      const found = await findings(claim.body.caseId, 6);
      expect(outcomes(found)).toEqual({ ...ALL_PASS, provider_recognised: 'fail' });
      expect(found.provider_recognised.reasons).toEqual([`not recognised for 330400 on ${today}`]);
      await expectLedgerBalanced();
    });

    it('dates fail when the voucher’s use-by is before the order date', async () => {
      const [{ use_by: useBy }] = await app.dataSource.query(`SELECT to_char(use_by, 'YYYY-MM-DD') AS use_by FROM vouchers WHERE id = $1`, [voucherId]);
      try {
        const { found } = await claimAndCheck(undefined, async () => {
          await app.dataSource.query(`UPDATE vouchers SET use_by = $2 WHERE id = $1`, [voucherId, yesterday]);
        });
        expect(outcomes(found)).toEqual({ ...ALL_PASS, dates: 'fail' });
        expect(found.dates.reasons).toEqual([`ordered ${today}, after use-by ${yesterday}`]);
      } finally {
        await app.dataSource.query(`UPDATE vouchers SET use_by = $2 WHERE id = $1`, [voucherId, useBy]);
      }
      await expectLedgerBalanced();
    });

    it('dates fail when the programme’s redeem-by passes between submission and the pre-check', async () => {
      const o = await confirmedOrder(enterprise.auth, lab.auth, lab.service.id, voucherId);
      const claim = await withApprovalsPaused(async () => {
        const res = await http().post('/api/v1/redemption-claims').set(lab.auth).send(documents(o.id)).expect(201);
        await app.dataSource.query(`UPDATE voucher_programs SET use_by = $2, redeem_by = $2 WHERE id = $1`, [programId, yesterday]);
        return res.body;
      });
      liveClaims += 1;
      try {
        const found = await findings(claim.caseId, 6);
        expect(outcomes(found)).toEqual({ ...ALL_PASS, dates: 'fail' });
        expect(found.dates.reasons).toEqual([`delivered ${today}, after redeem-by ${yesterday}`, `claimed after redeem-by ${yesterday}`]);
        // Past redeem-by, submission itself is refused.
        const late = await confirmedOrder(enterprise.auth, lab.auth, lab.service.id, voucherId);
        const refused = await http().post('/api/v1/redemption-claims').set(lab.auth).send(documents(late.id)).expect(422);
        expect(refused.body.message).toBe(`The programme's redeem-by date ${yesterday} has passed`);
      } finally {
        await app.dataSource.query(`UPDATE voucher_programs SET redeem_by = '2027-03-31', use_by = '2026-12-31' WHERE id = $1`, [programId]);
      }
      await expectLedgerBalanced();
    });

    describe('voucher application pre-checks', () => {
      it('eligibility fails for an enterprise registered outside Jiaxing (杭州 330100)', async () => {
        const hangzhou = await registerOrganization(app, { kind: 'enterprise', regionCode: '330100' });
        const id = await draftApplication(hangzhou.auth, programId, 1_000_000);
        const submitted = await http().post(`/api/v1/voucher-applications/${id}/submit`).set(hangzhou.auth).send({}).expect(200);
        const found = await findings(submitted.body.caseId, 5, admin.auth);
        expect(outcomes(found)).toEqual({ eligibility: 'fail', qualification: 'warn', caps: 'pass', dates: 'pass', duplicate_application: 'pass' });
        expect(found.eligibility.reasons).toEqual(['the enterprise is registered in 330100, outside the issuing region 330400']);
        await expectLedgerBalanced();
      });

      it('caps fail when the enterprise cap is lowered after submission, and issuance then refuses the voucher', async () => {
        const capped = (await openProgram(app, approver.auth)).id;
        const company = await nanhuEnterprise();
        await issueVoucher(app, company.auth, reviewer.auth, approver.auth, capped, 3_000_000);
        const id = await draftApplication(company.auth, capped, 2_000_000);
        const submitted = await withApprovalsPaused(async () => {
          const res = await http().post(`/api/v1/voucher-applications/${id}/submit`).set(company.auth).send({}).expect(200);
          // The bureau lowers the cap with a new version effective today: issuance applies the version in effect that day.
          await http().post(`/api/v1/programs/${capped}/versions`).set(approver.auth).send({ effectiveFrom: shanghaiDate(), note: '企业年度上限下调', annualCapEnterpriseFen: 4_000_000 }).expect(201);
          return res.body;
        });
        const reason = 'The annual enterprise cap of 4000000 fen would be exceeded: 3000000 fen committed, 2000000 fen requested, 1000000 fen left';
        const found = await findings(submitted.caseId, 5);
        expect(outcomes(found)).toEqual({ eligibility: 'pass', qualification: 'warn', caps: 'fail', dates: 'pass', duplicate_application: 'pass' });
        expect(found.caps.reasons).toEqual([reason]);

        // Deciders approve anyway: issuance re-checks the caps under lock and refuses.
        await approveBothStages(submitted.caseId);
        const decided = await settledApplication(company.auth, id);
        expect(decided).toMatchObject({ status: 'rejected', rejectionReason: `caps_exceeded: ${reason}`, voucherId: null });
        // The refusal as a code with parameters too, for the portal to translate.
        expect(decided.rejectionReasonCode).toEqual({
          code: 'annual_cap_exceeded',
          params: { scope: 'enterprise', capFen: 4_000_000, usedFen: 3_000_000, requestedFen: 2_000_000, leftFen: 1_000_000 },
        });
        expect(await budget(capped)).toMatchObject({ availableFen: 97_000_000, committedFen: 3_000_000, vouchersIssued: 1 });
        await expectLedgerBalanced();
      });
    });
  });

  // ---------------------------------------------------------------- 3. group caps

  describe('caps across an actual-controller group (同一实际控制人)', () => {
    const CAPS = { perApplicationCapFen: 5_000_000, annualCapEnterpriseFen: 5_000_000, annualCapGroupFen: 8_000_000 };
    let first: Org;
    let second: Org;

    beforeAll(async () => {
      [first, second] = await Promise.all([nanhuEnterprise(), nanhuEnterprise()]);
      const groupId = await createControllerGroup();
      await linkGroup(approver.auth, first.organization.id, groupId).expect(200);
      await linkGroup(approver.auth, second.organization.id, groupId).expect(200);
    });

    async function capUsage(programId: string) {
      return (await app.dataSource.query(`SELECT scope, scope_id, cap_fen::int AS cap, used_fen::int AS used FROM program_cap_usage WHERE program_id = $1 ORDER BY scope, used_fen`, [programId])) as {
        scope: string;
        scope_id: string;
        cap: number;
        used: number;
      }[];
    }

    it('refuses at submission what the group has no headroom for, and issues up to the cap exactly', async () => {
      const program = await openProgram(app, approver.auth, CAPS);
      await issueVoucher(app, first.auth, reviewer.auth, approver.auth, program.id, 5_000_000);

      const tooMuch = await draftApplication(second.auth, program.id, 4_000_000);
      const refused = await http().post(`/api/v1/voucher-applications/${tooMuch}/submit`).set(second.auth).send({}).expect(422);
      expect(refused.body.message).toBe('The annual actual-controller group cap of 8000000 fen would be exceeded: 5000000 fen committed, 4000000 fen requested, 3000000 fen left');
      expect((await http().get(`/api/v1/voucher-applications/${tooMuch}`).set(second.auth).expect(200)).body).toMatchObject({ status: 'draft', caseId: null });

      await issueVoucher(app, second.auth, reviewer.auth, approver.auth, program.id, 3_000_000);
      const usage = await capUsage(program.id);
      expect(usage.filter((u) => u.scope === 'group').map((u) => ({ cap: u.cap, used: u.used }))).toEqual([{ cap: 8_000_000, used: 8_000_000 }]);
      expect(usage.every((u) => u.used <= u.cap)).toBe(true);
      expect(await budget(program.id)).toMatchObject({ availableFen: 92_000_000, committedFen: 8_000_000, vouchersIssued: 2 });
      await expectLedgerBalanced();
    });

    it('two applications submitted under the cap and approved together: exactly one is issued', async () => {
      const program = await openProgram(app, approver.auth, CAPS);
      const a = await draftApplication(first.auth, program.id, 5_000_000);
      const b = await draftApplication(second.auth, program.id, 4_000_000);
      const caseA = (await http().post(`/api/v1/voucher-applications/${a}/submit`).set(first.auth).send({}).expect(200)).body.caseId;
      const caseB = (await http().post(`/api/v1/voucher-applications/${b}/submit`).set(second.auth).send({}).expect(200)).body.caseId;

      for (const caseId of [caseA, caseB]) {
        const district = await waitForTask(app, reviewer.auth, caseId, 'district_review');
        await decide(app, reviewer.auth, district.id, 'approve').expect(200);
      }
      const cityTasks = await Promise.all([caseA, caseB].map((caseId) => waitForTask(app, approver.auth, caseId, 'city_approval')));
      const decisions = await Promise.all(cityTasks.map((t) => decide(app, approver.auth, t.id, 'approve')));
      expect(decisions.map((d) => d.status)).toEqual([200, 200]);

      const results = [await settledApplication(first.auth, a), await settledApplication(second.auth, b)];
      expect(results.map((r) => r.status).sort()).toEqual(['issued', 'rejected']);
      const issued = results.find((r) => r.status === 'issued')!;
      const rejected = results.find((r) => r.status === 'rejected')!;
      expect(rejected.rejectionReason).toBe(`caps_exceeded: The annual actual-controller group cap of 8000000 fen would be exceeded: ${issued.requestedFen} fen committed, ${rejected.requestedFen} fen requested, ${8_000_000 - issued.requestedFen} fen left`);
      expect(rejected.voucherId).toBeNull();

      const group = (await capUsage(program.id)).filter((u) => u.scope === 'group');
      expect(group.map((u) => ({ cap: u.cap, used: u.used }))).toEqual([{ cap: 8_000_000, used: issued.requestedFen }]);
      expect(await budget(program.id)).toMatchObject({ availableFen: 100_000_000 - issued.requestedFen, committedFen: issued.requestedFen, vouchersIssued: 1 });
      const [{ over }] = await app.dataSource.query(`SELECT count(*)::int AS over FROM program_cap_usage WHERE used_fen > cap_fen`);
      expect(over).toBe(0);
      await expectLedgerBalanced();
    });
  });

  // ---------------------------------------------------------------- 4. expiry and reversals

  describe('expiry, lapses, revocation and claw-back', () => {
    let lab: Awaited<ReturnType<typeof localLab>>;

    beforeAll(async () => {
      lab = await localLab(200_000);
    });

    const dailyRun = (asOf = today) => http().post('/api/v1/admin/daily-run').set(admin.auth).send({ asOf }).expect(200);

    it('an expired voucher returns its balance to the budget; an in-flight hold stays until its order is cancelled', async () => {
      const program = await openProgram(app, approver.auth);
      const enterprise = await nanhuEnterprise();
      const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 1_000_000);
      const inFlight = await http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: lab.service.id, voucherId, quantity: 1 }).expect(201);
      expect(inFlight.body.subsidyHeldFen).toBe(100_000);

      await app.dataSource.query(`UPDATE vouchers SET use_by = $2 WHERE id = $1`, [voucherId, yesterday]);
      expect((await dailyRun()).body).toEqual({ asOf: today, vouchersExpired: 1, returnedToBudgetFen: 900_000, ordersLapsed: 0, claimsRejected: 0, batchesClosed: 0 });
      expect(await voucher(enterprise.auth, voucherId)).toMatchObject({ status: 'expired', availableFen: 0, heldFen: 100_000 });
      expect(await budget(program.id)).toMatchObject({ availableFen: 99_900_000, committedFen: 0, heldFen: 100_000, ledgerSumFen: 0 });
      expect(await order(enterprise.auth, inFlight.body.id)).toMatchObject({ status: 'created', subsidyHeldFen: 100_000 });
      // A second run finds nothing more to do.
      expect((await dailyRun()).body).toMatchObject({ vouchersExpired: 0, returnedToBudgetFen: 0 });
      const more = await http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: lab.service.id, voucherId, quantity: 1 }).expect(422);
      expect(more.body.message).toBe('The voucher is expired');

      await http().post(`/api/v1/service-orders/${inFlight.body.id}/cancel`).set(enterprise.auth).send({ reason: '不再需要' }).expect(200);
      expect(await order(enterprise.auth, inFlight.body.id)).toMatchObject({ status: 'cancelled', subsidyHeldFen: 0 });
      expect(await voucher(enterprise.auth, voucherId)).toMatchObject({ status: 'expired', availableFen: 0, heldFen: 0 });
      expect(await budget(program.id)).toMatchObject({ availableFen: 100_000_000, committedFen: 0, heldFen: 0, payableFen: 0, paidFen: 0, ledgerSumFen: 0 });
      expect(await statementLines(enterprise.auth, voucherId)).toEqual([
        'voucher_available:commit:1000000',
        'voucher_available:hold:-100000',
        'voucher_held:hold:100000',
        'voucher_available:return_to_budget:-900000',
        'voucher_held:release:-100000',
        'voucher_available:release:100000',
        'voucher_available:return_to_budget:-100000',
      ]);
      await expectLedgerBalanced();
    });

    it('past redeem-by, open orders lapse and undecided claims are rejected; both holds return to the voucher', async () => {
      const program = await openProgram(app, approver.auth);
      const enterprise = await nanhuEnterprise();
      const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 1_000_000);
      const open = await http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: lab.service.id, voucherId, quantity: 1 }).expect(201);
      const claimed = await confirmedOrder(enterprise.auth, lab.auth, lab.service.id, voucherId);
      const claim = await http().post('/api/v1/redemption-claims').set(lab.auth).send(documents(claimed.id)).expect(201);
      await waitForTask(app, reviewer.auth, claim.body.caseId, 'district_review');
      expect(await voucher(enterprise.auth, voucherId)).toMatchObject({ availableFen: 800_000, heldFen: 200_000 });

      await app.dataSource.query(`UPDATE voucher_programs SET use_by = $2, redeem_by = $2 WHERE id = $1`, [program.id, yesterday]);
      expect((await dailyRun()).body).toEqual({ asOf: today, vouchersExpired: 0, returnedToBudgetFen: 0, ordersLapsed: 1, claimsRejected: 1, batchesClosed: 0 });

      const rejected = await claimStatus(lab.auth, claim.body.id, 'rejected');
      expect(rejected.rejectionReason).toBe(`redeem-by passed (as of ${today})`);
      expect(await order(enterprise.auth, claimed.id)).toMatchObject({ status: 'rejected', subsidyHeldFen: 0 });
      expect(await order(enterprise.auth, open.body.id)).toMatchObject({ status: 'cancelled', subsidyHeldFen: 0 });
      expect(await voucher(enterprise.auth, voucherId)).toMatchObject({ status: 'active', availableFen: 1_000_000, heldFen: 0 });
      expect(await budget(program.id)).toMatchObject({ availableFen: 99_000_000, committedFen: 1_000_000, heldFen: 0, payableFen: 0, ledgerSumFen: 0 });
      await expectLedgerBalanced();
    });

    it('past redeem-by, a claim returned for correction is rejected too and its hold released', async () => {
      const program = await openProgram(app, approver.auth);
      const enterprise = await nanhuEnterprise();
      const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 1_000_000);
      const claimed = await confirmedOrder(enterprise.auth, lab.auth, lab.service.id, voucherId);
      const claim = await http().post('/api/v1/redemption-claims').set(lab.auth).send(documents(claimed.id)).expect(201);
      const task = await waitForTask(app, reviewer.auth, claim.body.caseId, 'district_review');
      await decide(app, reviewer.auth, task.id, 'return', '请补充付款凭证').expect(200);
      await claimStatus(lab.auth, claim.body.id, 'returned');

      await app.dataSource.query(`UPDATE voucher_programs SET use_by = $2, redeem_by = $2 WHERE id = $1`, [program.id, yesterday]);
      expect((await dailyRun()).body).toMatchObject({ ordersLapsed: 0, claimsRejected: 1 });
      await waitForCase(app, reviewer.auth, claim.body.caseId, (c) => c.case.status === 'rejected' && c.case.outcomeAppliedAt !== null, 'rejection applied');

      // The case is closed as rejected; the claim and its order must follow, or the hold is stranded for good.
      const after = (await http().get(`/api/v1/redemption-claims/${claim.body.id}`).set(lab.auth).expect(200)).body;
      expect({ status: after.status, rejectionReason: after.rejectionReason }).toEqual({ status: 'rejected', rejectionReason: `redeem-by passed (as of ${today})` });
      expect(await order(enterprise.auth, claimed.id)).toMatchObject({ status: 'rejected', subsidyHeldFen: 0 });
      expect(await voucher(enterprise.auth, voucherId)).toMatchObject({ availableFen: 1_000_000, heldFen: 0 });
      await expectLedgerBalanced();
    });

    it('revoking a voucher with nothing held returns its balance to the budget; with a hold it is refused', async () => {
      const program = await openProgram(app, approver.auth);
      const enterprise = await nanhuEnterprise();
      const idle = (await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 500_000)).voucherId;
      const busy = (await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 500_000)).voucherId;
      await http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: lab.service.id, voucherId: busy, quantity: 1 }).expect(201);

      await http().post(`/api/v1/vouchers/${idle}/revoke`).set(reviewer.auth).send({ reason: '骗取补贴' }).expect(403);
      const revoked = await http().post(`/api/v1/vouchers/${idle}/revoke`).set(approver.auth).send({ reason: '骗取补贴' }).expect(200);
      expect(revoked.body).toMatchObject({ status: 'revoked', availableFen: 0, heldFen: 0, faceValueFen: 500_000 });
      const again = await http().post(`/api/v1/vouchers/${idle}/revoke`).set(approver.auth).send({ reason: '骗取补贴' }).expect(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');

      const held = await http().post(`/api/v1/vouchers/${busy}/revoke`).set(approver.auth).send({ reason: '骗取补贴' }).expect(409);
      expect(held.body.code).toBe('CONFLICT');
      expect(await voucher(enterprise.auth, busy)).toMatchObject({ status: 'active', availableFen: 400_000, heldFen: 100_000 });
      expect(await budget(program.id)).toMatchObject({ availableFen: 99_500_000, committedFen: 400_000, heldFen: 100_000, ledgerSumFen: 0, vouchersIssued: 2 });
      await expectLedgerBalanced();
    });

    it('a paid claim is clawed back once: paid moves to a receivable from the payee', async () => {
      const program = await openProgram(app, approver.auth);
      const enterprise = await nanhuEnterprise();
      // 高新技术企业 verified by the district bureau: 60 %; every check passes, and below 100,000 fen the claim is approved automatically.
      await verifiedQualification(app, enterprise, reviewer.auth, { kind: 'high_tech', certificateNo: `GR${digits(8)}`, issuer: '浙江省科学技术厅', validFrom: '2026-01-01', validTo: '2028-12-31' });
      const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 1_000_000);
      const service = await listService(app, lab.auth, 150_000);
      const o = await confirmedOrder(enterprise.auth, lab.auth, service.id, voucherId);
      expect(o.subsidyHeldFen).toBe(90_000);
      const claim = await http().post('/api/v1/redemption-claims').set(lab.auth).send(documents(o.id)).expect(201);
      await claimStatus(lab.auth, claim.body.id, 'approved');
      await paySettlement((await openBatch(program.id)).id);
      await claimStatus(lab.auth, claim.body.id, 'paid');
      expect(await budget(program.id)).toMatchObject({ paidFen: 90_000, clawbackReceivableFen: 0, payableFen: 0 });

      await http().post(`/api/v1/redemption-claims/${claim.body.id}/claw-back`).set(partner.auth).send({ reason: '发票作废' }).expect(403);
      const clawed = await http().post(`/api/v1/redemption-claims/${claim.body.id}/claw-back`).set(finance.auth).send({ reason: '发票作废' }).expect(200);
      expect(clawed.body).toMatchObject({ status: 'clawed_back', amountFen: 90_000 });
      const twice = await http().post(`/api/v1/redemption-claims/${claim.body.id}/claw-back`).set(finance.auth).send({ reason: '发票作废' }).expect(409);
      expect(twice.body.code).toBe('ILLEGAL_TRANSITION');
      expect(await budget(program.id)).toMatchObject({ availableFen: 99_000_000, committedFen: 910_000, heldFen: 0, payableFen: 0, paidFen: 0, clawbackReceivableFen: 90_000, ledgerSumFen: 0 });
      await expectLedgerBalanced();
    });
  });

  // ---------------------------------------------------------------- 5. idempotency

  describe('idempotent replays of money-moving POSTs', () => {
    it('one Idempotency-Key: one order and one hold, one claim; another body with the key → 422', async () => {
      const program = await openProgram(app, approver.auth);
      const enterprise = await nanhuEnterprise();
      const lab = await localLab(200_000);
      const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 1_000_000);

      const orderKey = `order-${digits(10)}`;
      const body = { serviceId: lab.service.id, voucherId, quantity: 1 };
      const burst = await Promise.all(Array.from({ length: 5 }, () => http().post('/api/v1/service-orders').set(enterprise.auth).set('Idempotency-Key', orderKey).send(body)));
      // Concurrent duplicates either replay or are told the first is still running.
      expect(burst.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'IDEMPOTENCY_IN_PROGRESS'))).toBe(true);
      const replay = await http().post('/api/v1/service-orders').set(enterprise.auth).set('Idempotency-Key', orderKey).send(body).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(new Set([...burst.filter((r) => r.status === 201), replay].map((r) => r.body.id)).size).toBe(1);
      const other = await http().post('/api/v1/service-orders').set(enterprise.auth).set('Idempotency-Key', orderKey).send({ ...body, quantity: 2 }).expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

      const [{ n: orders }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM service_orders WHERE voucher_id = $1`, [voucherId]);
      expect(orders).toBe(1);
      expect(await statementLines(enterprise.auth, voucherId)).toEqual(['voucher_available:commit:1000000', 'voucher_available:hold:-100000', 'voucher_held:hold:100000']);
      expect(await voucher(enterprise.auth, voucherId)).toMatchObject({ availableFen: 900_000, heldFen: 100_000 });

      const orderId = replay.body.id as string;
      await http().post(`/api/v1/service-orders/${orderId}/accept`).set(lab.auth).expect(200);
      await http().post(`/api/v1/service-orders/${orderId}/deliver`).set(lab.auth).send({ reportNumber: 'JC-IDEM-1', actualAmountFen: 200_000, deliveredOn: today }).expect(200);
      await http().post(`/api/v1/service-orders/${orderId}/confirm`).set(enterprise.auth).expect(200);

      const claimKey = `claim-${digits(10)}`;
      const docs = documents(orderId);
      const first = await http().post('/api/v1/redemption-claims').set(lab.auth).set('Idempotency-Key', claimKey).send(docs).expect(201);
      const second = await http().post('/api/v1/redemption-claims').set(lab.auth).set('Idempotency-Key', claimKey).send(docs).expect(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
      const reused = await http().post('/api/v1/redemption-claims').set(lab.auth).set('Idempotency-Key', claimKey).send({ ...docs, invoiceNo: `FP-${digits(12)}` }).expect(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      // Without the key, a second claim on the same order is a state conflict.
      await http().post('/api/v1/redemption-claims').set(lab.auth).send({ ...docs, invoiceNo: `FP-${digits(12)}` }).expect(409);
      const [{ n: claims }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM redemption_claims WHERE order_id = $1`, [orderId]);
      expect(claims).toBe(1);
      await expectLedgerBalanced();
    });
  });

  // ---------------------------------------------------------------- 6. authorisation

  describe('who may see and do what', () => {
    it('labs, enterprises, the Shanghai partner admin and Jiaxing finance stay within their own records', async () => {
      const program = await openProgram(app, approver.auth);
      const [owner, stranger] = await Promise.all([nanhuEnterprise(), nanhuEnterprise()]);
      const [lab, otherLab] = await Promise.all([localLab(200_000), localLab(200_000)]);
      const { voucherId } = await issueVoucher(app, owner.auth, reviewer.auth, approver.auth, program.id, 1_000_000);
      const created = await http().post('/api/v1/service-orders').set(owner.auth).send({ serviceId: lab.service.id, voucherId, quantity: 1 }).expect(201);
      const orderId = created.body.id as string;

      // Another lab: the order does not exist for it.
      await http().get(`/api/v1/service-orders/${orderId}`).set(otherLab.auth).expect(404);
      await http().post(`/api/v1/service-orders/${orderId}/accept`).set(otherLab.auth).expect(404);
      await http().post(`/api/v1/service-orders/${orderId}/decline`).set(otherLab.auth).send({ reason: '无法承接' }).expect(404);
      expect((await http().get('/api/v1/service-orders').set(otherLab.auth).expect(200)).body.map((o: { id: string }) => o.id)).not.toContain(orderId);
      expect((await http().get('/api/v1/service-orders').set(lab.auth).expect(200)).body.map((o: { id: string }) => o.id)).toEqual([orderId]);
      await http().post(`/api/v1/service-orders/${orderId}/accept`).set(lab.auth).expect(200);
      await http().post(`/api/v1/service-orders/${orderId}/deliver`).set(otherLab.auth).send({ reportNumber: 'JC-X-1', actualAmountFen: 200_000, deliveredOn: today }).expect(404);
      await http().post(`/api/v1/service-orders/${orderId}/deliver`).set(lab.auth).send({ reportNumber: 'JC-AUTH-1', actualAmountFen: 200_000, deliveredOn: today }).expect(200);
      // A lab cannot confirm receipt for the enterprise (role), another enterprise cannot either (object).
      await http().post(`/api/v1/service-orders/${orderId}/confirm`).set(lab.auth).expect(403);
      await http().post(`/api/v1/service-orders/${orderId}/confirm`).set(stranger.auth).expect(404);
      await http().post(`/api/v1/service-orders/${orderId}/confirm`).set(owner.auth).expect(200);

      // Another enterprise: neither the voucher nor the order exist for it.
      await http().get(`/api/v1/vouchers/${voucherId}`).set(stranger.auth).expect(404);
      await http().get(`/api/v1/vouchers/${voucherId}/statement`).set(stranger.auth).expect(404);
      await http().get(`/api/v1/service-orders/${orderId}`).set(stranger.auth).expect(404);
      expect((await http().get('/api/v1/vouchers').set(stranger.auth).expect(200)).body).toEqual([]);
      expect((await http().get('/api/v1/service-orders').set(stranger.auth).expect(200)).body).toEqual([]);
      await http().post('/api/v1/service-orders').set(stranger.auth).send({ serviceId: lab.service.id, voucherId, quantity: 1 }).expect(404);

      // The Shanghai partner admin: no decision on a Jiaxing claim, no Jiaxing budget, no Jiaxing voucher.
      const claim = await http().post('/api/v1/redemption-claims').set(lab.auth).send(documents(orderId)).expect(201);
      const task = await waitForTask(app, reviewer.auth, claim.body.caseId, 'district_review');
      await decide(app, partner.auth, task.id, 'approve').expect(404);
      await http().get(`/api/v1/redemption-claims/${claim.body.id}`).set(partner.auth).expect(404);
      const budgetRes = await http().get(`/api/v1/programs/${program.id}/budget`).set(partner.auth).expect(403);
      expect(budgetRes.body.code).toBe('FORBIDDEN');
      await http().get(`/api/v1/vouchers/${voucherId}`).set(partner.auth).expect(404);
      await http().post(`/api/v1/vouchers/${voucherId}/revoke`).set(partner.auth).send({ reason: '越权' }).expect(403);
      expect((await http().get(`/api/v1/redemption-claims/${claim.body.id}`).set(lab.auth).expect(200)).body.status).toBe('in_review');

      // Jiaxing finance and another city's batch (a Shanghai programme's batch, made by the platform).
      const created310 = await http().post('/api/v1/programs').set(admin.auth).send({
        issuingRegionCode: '310000', year: 2026, name: `上海科技创新券 ${digits(4)}`, ratioBpByTier: { default: 5000 }, perApplicationCapFen: 1_000_000, annualCapEnterpriseFen: 1_000_000,
        annualCapGroupFen: 1_000_000, fullCoverageThresholdFen: 0, useBy: '2026-12-31', redeemBy: '2027-03-31', redemptionMode: 'provider_redeems', settlementCycle: 'monthly', budgetFen: 10_000_000,
      }).expect(201);
      const [batch] = await app.dataSource.query(
        `INSERT INTO settlement_batches (number, program_id, period_start, period_end, status) VALUES ($1, $2, '2026-10-01', '2026-10-31', 'open') RETURNING id`,
        [`JS2026-10-SH${digits(6)}`, created310.body.id],
      );
      await http().get(`/api/v1/settlement-batches/${batch.id}`).set(finance.auth).expect(404);
      await http().get(`/api/v1/settlement-batches/${batch.id}/statement`).set(finance.auth).expect(404);
      await http().post(`/api/v1/settlement-batches/${batch.id}/close`).set(finance.auth).expect(404);
      expect((await http().get('/api/v1/settlement-batches').set(finance.auth).expect(200)).body.map((b: { id: string }) => b.id)).not.toContain(batch.id);
      const [{ status }] = await app.dataSource.query(`SELECT status FROM settlement_batches WHERE id = $1`, [batch.id]);
      expect(status).toBe('open');
      await http().post(`/api/v1/settlement-batches/${batch.id}/close`).set(admin.auth).expect(200);
      await expectLedgerBalanced();
    });
  });
});
