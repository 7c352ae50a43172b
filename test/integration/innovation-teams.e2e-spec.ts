import { randomBytes } from 'node:crypto';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { ID_CARD, registerOrganization, registerTeam, teamBody, TEST_PASSWORD, uniqueEmail, uniqueUscc } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, listService, openProgram } from '../support/vouchers';

// The per-project `testTimeout` in jest.config.js is not applied (a global-only option); set it here.
jest.setTimeout(120_000);

type Auth = { Authorization: string };

describe('innovation teams (创新团队): registration, members, vouchers', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  let host: Awaited<ReturnType<typeof admittedProvider>>;

  beforeAll(async () => {
    app = await startTestApp();
    [approver, reviewer] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.reviewer)]);
    host = await admittedProvider(app, '330402', `嘉兴创新孵化大学${randomBytes(3).toString('hex')}`);
  });
  afterAll(() => app?.close());

  it('finds active hosts by name, answering only id, name, kind and region', async () => {
    const res = await app.http().get('/api/v1/host-organizations').query({ q: '创新孵化大学' }).expect(200);
    expect(res.body).toContainEqual({ id: host.organization.id, name: expect.stringContaining('创新孵化大学'), kind: 'provider', regionCode: '330402' });
    for (const row of res.body) expect(Object.keys(row).sort()).toEqual(['id', 'kind', 'name', 'regionCode']);
    // A provider still in admission does not host a team.
    const applied = await registerOrganization(app, { kind: 'provider', name: `未入驻创新孵化大学${randomBytes(3).toString('hex')}有限公司` });
    const again = await app.http().get('/api/v1/host-organizations').query({ q: '未入驻创新孵化大学' }).expect(200);
    expect(again.body.map((r: { id: string }) => r.id)).not.toContain(applied.organization.id);
    await app.http().get('/api/v1/host-organizations').query({ q: 'x' }).expect(400);
  });

  it('registers a team with its leader, members and host: no USCC, enterprise-user role, ID card kept masked only', async () => {
    const team = await registerTeam(app, { hostOrganizationId: host.organization.id });
    expect(team.organization).toMatchObject({ kind: 'team', uscc: null, regionCode: '330402', hostOrganizationId: host.organization.id, status: 'active', admissionStatus: null });
    expect(team.user).toMatchObject({ role: 'enterprise_user', isOrgAdmin: true });
    expect(JSON.stringify(team.organization)).not.toContain(ID_CARD);

    const members = await app.http().get('/api/v1/organizations/me/members').set(team.auth).expect(200);
    expect(members.body).toMatchObject({ organizationId: team.organization.id, hostOrganizationId: host.organization.id });
    expect(members.body.members.map((m: { name: string; isLeader: boolean }) => [m.name, m.isLeader])).toEqual([['王强', true], ['李娜', false], ['赵磊', false]]);
    expect(members.body.members[0].idCardMasked).toBe('110105********002X');
    expect(JSON.stringify(members.body)).not.toContain(ID_CARD);

    // Nowhere in the database is the number in full.
    const [{ n }] = await app.dataSource.query(
      `SELECT (SELECT count(*) FROM innovation_team_members WHERE row_to_json(innovation_team_members.*)::text LIKE $1)
            + (SELECT count(*) FROM audit_events WHERE row_to_json(audit_events.*)::text LIKE $1) AS n`,
      [`%${ID_CARD}%`],
    );
    expect(Number(n)).toBe(0);

    // The directory's read model tells a team and its host apart from an enterprise.
    const [row] = await app.dataSource.query(`SELECT kind, uscc, host_organization_id FROM read_organizations WHERE id = $1`, [team.organization.id]);
    expect(row).toEqual({ kind: 'team', uscc: null, host_organization_id: host.organization.id });
    const [audit] = await app.dataSource.query(`SELECT after FROM audit_events WHERE subject_id = $1 AND action = 'organization.registered'`, [team.organization.id]);
    expect(audit.after).toMatchObject({ kind: 'team', hostOrganizationId: host.organization.id, teamMembers: 2 });

    // Teams hold no enterprise qualifications.
    const qualification = await app.http().post(`/api/v1/organizations/${team.organization.id}/qualifications`).set(team.auth)
      .send({ kind: 'tech_sme', certificateNo: 'T-0001', issuer: '浙江省科学技术厅', validFrom: '2026-01-01', validTo: '2028-12-31' });
    expect([400, 422]).toContain(qualification.status);
  });

  it('refuses invalid team registrations by field (400), writing nothing', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a USCC', teamBody({ organization: { uscc: uniqueUscc() } }), 'organization.uscc'],
      ['no members', teamBody({ members: [] }), 'team.members'],
      ['a member without a name', teamBody({ members: [{ name: '', title: '工程师' }] }), 'team.members[0].name'],
      ['51 members', teamBody({ members: Array.from({ length: 51 }, (_, i) => ({ name: `成员${i}` })) }), 'team.members'],
      ['an unknown host', teamBody({ hostOrganizationId: '00000000-0000-4000-8000-000000000000' }), 'team.hostOrganizationId'],
      ['a host still in admission', teamBody({ hostOrganizationId: (await registerOrganization(app, { kind: 'provider' })).organization.id }), 'team.hostOrganizationId'],
      ['a whole city as region', teamBody({ regionCode: '330400' }), 'organization.regionCode'],
      ['no team block', { ...teamBody(), team: undefined }, 'team'],
      ['a wrong ID card check character', { ...teamBody(), team: { ...teamBody().team, leader: { name: '王强', phone: '13800000001', idCardNumber: '110105194912310021' } } }, 'team.leader.idCardNumber'],
    ];
    for (const [what, body, field] of cases) {
      const res = await app.http().post('/api/v1/auth/register').send(body);
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status: 400, code: 'VALIDATION_FAILED' });
      expect({ what, fields: res.body.details.map((d: { field: string }) => d.field) }).toEqual({ what, fields: expect.arrayContaining([field]) });
    }
    // An enterprise still needs its USCC, and has no team block.
    const enterprise = { kind: 'enterprise', organization: { name: '缺代码科技有限公司', regionCode: '330402' }, user: { email: uniqueEmail(), password: TEST_PASSWORD, displayName: '张伟' } };
    const noUscc = await app.http().post('/api/v1/auth/register').send(enterprise).expect(400);
    expect(noUscc.body.details).toEqual([{ field: 'organization.uscc', message: expect.any(String) }]);
    const withTeam = await app.http().post('/api/v1/auth/register').send({ ...enterprise, organization: { ...enterprise.organization, uscc: uniqueUscc() }, team: teamBody().team }).expect(400);
    expect(withTeam.body.details[0].field).toBe('team');
    const [{ teams }] = await app.dataSource.query(`SELECT count(*)::int AS teams FROM organizations WHERE name LIKE '缺代码%'`);
    expect(teams).toBe(0);
  });

  it('the leader adds and removes members (audited, idempotent); other teams and enterprises cannot touch them', async () => {
    const team = await registerTeam(app);
    const other = await registerTeam(app);
    const enterprise = await registerOrganization(app, { kind: 'enterprise' });
    const key = `add-${randomBytes(4).toString('hex')}`;
    const added = await app.http().post('/api/v1/organizations/me/members').set(team.auth).set('Idempotency-Key', key).send({ name: '孙悦', title: '产品经理', contact: 'sun@example.cn' }).expect(201);
    const replay = await app.http().post('/api/v1/organizations/me/members').set(team.auth).set('Idempotency-Key', key).send({ name: '孙悦', title: '产品经理', contact: 'sun@example.cn' }).expect(201);
    expect(replay.body.id).toBe(added.body.id);
    const listed = await app.http().get('/api/v1/organizations/me/members').set(team.auth).expect(200);
    expect(listed.body.members.filter((m: { name: string }) => m.name === '孙悦')).toHaveLength(1);
    await app.http().post('/api/v1/organizations/me/members').set(team.auth).send({ name: '' }).expect(400);

    // Another team's user, and an enterprise user, see nothing of it and cannot remove it.
    await app.http().delete(`/api/v1/organizations/me/members/${added.body.id}`).set(other.auth).expect(404);
    await app.http().delete(`/api/v1/organizations/me/members/${added.body.id}`).set(enterprise.auth).expect(404);
    await app.http().get('/api/v1/organizations/me/members').set(enterprise.auth).expect(404);
    const othersList = await app.http().get('/api/v1/organizations/me/members').set(other.auth).expect(200);
    expect(JSON.stringify(othersList.body)).not.toContain(added.body.id);

    // The leader is never removed.
    const leader = listed.body.members.find((m: { isLeader: boolean }) => m.isLeader);
    await app.http().delete(`/api/v1/organizations/me/members/${leader.id}`).set(team.auth).expect(422);

    const removed = await app.http().delete(`/api/v1/organizations/me/members/${added.body.id}`).set(team.auth).expect(200);
    expect(removed.body).toMatchObject({ id: added.body.id, name: '孙悦' });
    await app.http().delete(`/api/v1/organizations/me/members/${added.body.id}`).set(team.auth).expect(404);
    // Down to the last member: it stays.
    const rest = (await app.http().get('/api/v1/organizations/me/members').set(team.auth).expect(200)).body.members.filter((m: { isLeader: boolean }) => !m.isLeader);
    await app.http().delete(`/api/v1/organizations/me/members/${rest[0].id}`).set(team.auth).expect(200);
    await app.http().delete(`/api/v1/organizations/me/members/${rest[1].id}`).set(team.auth).expect(422);

    const audit = await app.dataSource.query(
      `SELECT action, organization_id, actor_user_id FROM audit_events WHERE subject_type = 'innovation_team_member' AND organization_id = $1 ORDER BY id`,
      [team.organization.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['team.member.added', 'team.member.removed', 'team.member.removed']);
    expect(audit.every((a: { actor_user_id: string }) => a.actor_user_id === team.user.id)).toBe(true);
  });

  it('a hosted team applies for a voucher in an open programme, is eligible by its own region, gets it issued and orders a service; buying from its host is a related party', async () => {
    const program = await openProgram(app, approver.auth);
    const team = await registerTeam(app, { hostOrganizationId: host.organization.id });
    const { applicationId, voucherId, caseId } = await issueVoucher(app, team.auth, reviewer.auth, approver.auth, program.id, 1_000_000);

    const caseDetail = await eventually(async () => {
      const res = await app.http().get(`/api/v1/approval-cases/${caseId}`).set(reviewer.auth);
      return res.status === 200 && res.body.findings.length > 0 ? res.body : undefined;
    }, 20_000, 'findings');
    const findings = Object.fromEntries(caseDetail.findings.map((f: { check: string; outcome: string; reasons: string[] }) => [f.check, f]));
    expect(findings.eligibility.outcome).toBe('pass');
    expect(findings.qualification).toMatchObject({ outcome: 'warn', reasons: [expect.stringContaining('innovation team')] });
    // The same reason as a code the portal translates (packages/shared/finding-reasons.ts).
    expect(findings.qualification.reasonCodes).toEqual([{ code: 'base_tier_only', params: expect.objectContaining({ who: 'team', tier: expect.any(String), tierName: expect.any(String) }) }]);
    expect(findings.eligibility.reasonCodes).toEqual([]);

    const voucher = await app.http().get(`/api/v1/vouchers/${voucherId}`).set(team.auth).expect(200);
    expect(voucher.body).toMatchObject({ faceValueFen: 1_000_000, availableFen: 1_000_000, status: 'active', applicationId });
    const [issued] = await app.dataSource.query(`SELECT action, organization_id FROM audit_events WHERE subject_id = $1 AND action = 'voucher.issued'`, [voucherId]);
    expect(issued.organization_id).toBe(team.organization.id);

    // The team spends it like an enterprise: the default ratio (no qualifications), 50 %.
    const lab = await admittedProvider(app, '330411');
    const service = await listService(app, lab.auth, 200_000);
    const order = await app.http().post('/api/v1/service-orders').set(team.auth).send({ serviceId: service.id, voucherId, quantity: 1 }).expect(201);
    expect(order.body).toMatchObject({ contractAmountFen: 200_000, ratioBp: 5000, subsidyHeldFen: 100_000, status: 'created' });

    // Buying from its own host is a related party: the host's claim fails that pre-check.
    const hostService = await listService(app, host.auth, 200_000, '孵化器共享仪器机时');
    const own = await app.http().post('/api/v1/service-orders').set(team.auth).send({ serviceId: hostService.id, voucherId, quantity: 1 }).expect(201);
    await app.http().post(`/api/v1/service-orders/${own.body.id}/accept`).set(host.auth).expect(200);
    await app.http().post(`/api/v1/service-orders/${own.body.id}/deliver`).set(host.auth).send({ reportNumber: 'FH-2026-0001', actualAmountFen: 200_000, deliveredOn: shanghaiDate() }).expect(200);
    await app.http().post(`/api/v1/service-orders/${own.body.id}/confirm`).set(team.auth).expect(200);
    const claim = await app.http().post('/api/v1/redemption-claims').set(host.auth)
      .send({ orderId: own.body.id, contractNo: 'HT-FH-0001', invoiceNo: `FP-${Date.now()}`, paymentProof: 'BANK-FH-0001', reportNo: 'FH-2026-0001' }).expect(201);
    const admin = await login(app, DEMO.admin);
    const claimCase = await eventually(async () => {
      const res = await app.http().get(`/api/v1/approval-cases/${claim.body.caseId}`).set(admin.auth);
      return res.status === 200 && res.body.findings.some((f: { check: string }) => f.check === 'related_party') ? res.body : undefined;
    }, 20_000, 'claim findings');
    expect(claimCase.findings.find((f: { check: string }) => f.check === 'related_party')).toMatchObject({ outcome: 'fail', reasons: ['the provider hosts the applicant innovation team'] });
  });

  it('a team registered outside the issuing city fails the eligibility pre-check', async () => {
    const program = await openProgram(app, approver.auth);
    const admin = await login(app, DEMO.admin);
    const team = await registerTeam(app, { regionCode: '310117' });
    const draft = await app.http().post('/api/v1/voucher-applications').set(team.auth).send({ programId: program.id, requestedFen: 500_000, purpose: '样品检测' }).expect(201);
    const submitted = await app.http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(team.auth).send({}).expect(200);
    const caseDetail = await eventually(async () => {
      const res = await app.http().get(`/api/v1/approval-cases/${submitted.body.caseId}`).set(admin.auth);
      return res.status === 200 && res.body.findings.length > 0 ? res.body : undefined;
    }, 20_000, 'findings');
    const eligibility = caseDetail.findings.find((f: { check: string }) => f.check === 'eligibility');
    expect(eligibility).toMatchObject({ outcome: 'fail', reasons: [expect.stringContaining('the innovation team is registered in 310117')] });
  });
});
