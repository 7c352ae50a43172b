import { randomBytes, randomUUID } from 'node:crypto';
import { registerOrganization } from '../support/factories';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { verifiedQualification } from '../support/qualifications';
import { issueVoucher, openProgram, PROGRAM_DEFAULTS } from '../support/vouchers';

type Auth = { Authorization: string };

describe('GET /programs/:id/limits: the application form’s live limits', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  let lab: Session;

  beforeAll(async () => {
    app = await startTestApp();
    [approver, reviewer, lab] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.reviewer), login(app, DEMO.provider)]);
  });
  afterAll(() => app.close());

  const limits = async (auth: Auth, programId: string) => (await app.http().get(`/api/v1/programs/${programId}/limits`).set(auth).expect(200)).body;

  async function inGroup(groupId: string) {
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    await app.http().post(`/api/v1/organizations/${enterprise.organization.id}/controller-group`).set(reviewer.auth).send({ controllerGroupId: groupId }).expect(200);
    return enterprise;
  }

  /** Submits an application of `requestedFen`: the cap check at submission answers. */
  async function submit(auth: Auth, programId: string, requestedFen: number) {
    const draft = await app.http().post('/api/v1/voucher-applications').set(auth).send({ programId, requestedFen, purpose: '材料成分检测与性能测试' }).expect(201);
    return app.http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(auth).send({});
  }

  it('in an actual-controller group, used and remaining move by exactly what is issued, and the cap check agrees with the hint', async () => {
    const program = await openProgram(app, approver.auth, { perApplicationCapFen: 5_000_000, annualCapEnterpriseFen: 8_000_000, annualCapGroupFen: 9_000_000 });
    const group = await app.http().post('/api/v1/controller-groups').set(reviewer.auth).send({ name: `禾泰测试集团${randomBytes(3).toString('hex')}`, controllerName: '沈测试' }).expect(201);
    const a = await inGroup(group.body.id);
    const b = await inGroup(group.body.id);
    // A holds a verified, valid high-tech qualification (tier high_tech, 60 %) and a verified but expired tech-SME one (ignored).
    const highTech = { kind: 'high_tech', certificateNo: `GR${randomBytes(4).toString('hex')}`, issuer: '浙江省科学技术厅', validFrom: '2020-01-01', validTo: '2099-12-31' };
    const expired = { kind: 'tech_sme', certificateNo: `KJ${randomBytes(4).toString('hex')}`, issuer: '浙江省科学技术厅', validFrom: '2001-01-01', validTo: '2002-12-31' };
    for (const q of [highTech, expired]) await verifiedQualification(app, a, reviewer.auth, q);

    const start = await limits(a.auth, program.id);
    expect(start).toEqual({
      programId: program.id,
      policyVersion: 1,
      acceptingApplications: true,
      notAcceptingReason: null,
      applicantKind: 'enterprise',
      tier: 'high_tech',
      tierNameZh: '高新技术企业',
      tierNameEn: 'High-tech enterprise',
      ratioBp: 6000,
      perApplicationCapFen: 5_000_000,
      fullCoverageThresholdFen: 100_000,
      fullCoverageComparison: 'at_or_below',
      opensOn: null,
      closesOn: null,
      annualCapEnterpriseFen: 8_000_000,
      enterpriseUsedFen: 0,
      enterpriseRemainingFen: 8_000_000,
      annualCapGroupFen: 9_000_000,
      groupUsedFen: 0,
      groupRemainingFen: 9_000_000,
      budgetAvailableFen: 100_000_000,
      maxRequestableFen: 5_000_000,
      useBy: PROGRAM_DEFAULTS.useBy,
      redeemBy: PROGRAM_DEFAULTS.redeemBy,
      redemptionMode: 'provider_redeems',
      qualifications: [
        expect.objectContaining({ id: expect.any(String), ...highTech, status: 'verified', validToday: true }),
        expect.objectContaining({ id: expect.any(String), ...expired, status: 'verified', validToday: false }),
      ],
    });

    // B (same group) gets 5,000,000: A's group headroom and the budget drop by exactly that; A's own does not.
    await issueVoucher(app, b.auth, reviewer.auth, approver.auth, program.id, 5_000_000);
    const afterB = await limits(a.auth, program.id);
    expect(afterB).toMatchObject({ enterpriseUsedFen: 0, enterpriseRemainingFen: 8_000_000, groupUsedFen: 5_000_000, groupRemainingFen: 4_000_000, budgetAvailableFen: 95_000_000, maxRequestableFen: 4_000_000 });
    expect(start.groupRemainingFen - afterB.groupRemainingFen).toBe(5_000_000);
    expect(start.budgetAvailableFen - afterB.budgetAvailableFen).toBe(5_000_000);

    // A gets 3,000,000: its own and the group's remaining drop by exactly that.
    await issueVoucher(app, a.auth, reviewer.auth, approver.auth, program.id, 3_000_000);
    const afterA = await limits(a.auth, program.id);
    expect(afterA).toMatchObject({ enterpriseUsedFen: 3_000_000, enterpriseRemainingFen: 5_000_000, groupUsedFen: 8_000_000, groupRemainingFen: 1_000_000, budgetAvailableFen: 92_000_000, maxRequestableFen: 1_000_000 });
    expect(afterB.enterpriseRemainingFen - afterA.enterpriseRemainingFen).toBe(3_000_000);
    expect(afterB.groupRemainingFen - afterA.groupRemainingFen).toBe(3_000_000);
    expect(await limits(b.auth, program.id)).toMatchObject({ tier: 'default', ratioBp: 5000, enterpriseUsedFen: 5_000_000, enterpriseRemainingFen: 3_000_000, groupUsedFen: 8_000_000, groupRemainingFen: 1_000_000, maxRequestableFen: 1_000_000, qualifications: [] });

    // The hint is the cap check's own number: one fen more is refused at submission, the hint itself is accepted.
    const over = await submit(a.auth, program.id, afterA.maxRequestableFen + 1);
    expect(over.status).toBe(422);
    expect(over.body.message).toContain(`actual-controller group cap of 9000000 fen would be exceeded: 8000000 fen committed, ${afterA.maxRequestableFen + 1} fen requested, 1000000 fen left`);
    expect((await submit(a.auth, program.id, afterA.maxRequestableFen)).status).toBe(200);

    // An enterprise in no group: the group fields are null and do not bind.
    const loner = await registerOrganization(app, { kind: 'enterprise', regionCode: '330411' });
    expect(await limits(loner.auth, program.id)).toMatchObject({
      enterpriseUsedFen: 0, enterpriseRemainingFen: 8_000_000, annualCapGroupFen: null, groupUsedFen: null, groupRemainingFen: null, budgetAvailableFen: 92_000_000, maxRequestableFen: 5_000_000,
    });
  });

  it('a small budget binds; a closed programme says so; drafts, unknown ids, bad ids and other roles are refused', async () => {
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const small = await openProgram(app, approver.auth, { budgetFen: 3_000_000 });
    expect(await limits(enterprise.auth, small.id)).toMatchObject({ budgetAvailableFen: 3_000_000, maxRequestableFen: 3_000_000, acceptingApplications: true });
    await app.http().post(`/api/v1/programs/${small.id}/close`).set(approver.auth).send({}).expect(200);
    expect(await limits(enterprise.auth, small.id)).toMatchObject({ acceptingApplications: false });

    const draft = await app.http().post('/api/v1/programs').set(approver.auth).send({ ...PROGRAM_DEFAULTS, name: `草稿 ${randomBytes(3).toString('hex')}` }).expect(201);
    expect((await app.http().get(`/api/v1/programs/${draft.body.id}/limits`).set(enterprise.auth).expect(404)).body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Programme not found' });
    await app.http().get(`/api/v1/programs/${randomUUID()}/limits`).set(enterprise.auth).expect(404);
    expect((await app.http().get('/api/v1/programs/not-a-uuid/limits').set(enterprise.auth).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await app.http().get(`/api/v1/programs/${small.id}/limits`).set(reviewer.auth).expect(403);
    await app.http().get(`/api/v1/programs/${small.id}/limits`).set(lab.auth).expect(403);
    await app.http().get(`/api/v1/programs/${small.id}/limits`).expect(401);
  });
});
