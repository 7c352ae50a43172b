import { randomBytes } from 'node:crypto';
import { decide, waitForTask } from '../support/approvals';
import { registerOrganization } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { issueVoucher, ledgerInvariants, openProgram } from '../support/vouchers';

type Auth = { Authorization: string };
type Org = Awaited<ReturnType<typeof registerOrganization>>;

jest.setTimeout(180_000);

/**
 * Actual-controller groups (同一实际控制人) are bureau data (docs/security.md, "Actual-controller groups"):
 * only the enterprise's own bureaus link and unlink it, the enterprise asks through the
 * controller_group_change workflow, and a group's usage stays with the group it was committed under.
 */
describe('actual-controller groups: bureau data, change requests, usage attributed at commit', () => {
  let app: TestApp;
  let reviewer: Session; // 南湖区 (330402) science bureau
  let approver: Session; // Jiaxing city science bureau
  let admin: Session;
  let provider: Session;

  const http = () => app.http();

  beforeAll(async () => {
    app = await startTestApp();
    [reviewer, approver, admin, provider] = await Promise.all([login(app, DEMO.reviewer), login(app, DEMO.approver), login(app, DEMO.admin), login(app, DEMO.provider)]);
  });
  afterAll(() => app?.close());

  const newGroup = async (auth: Auth = reviewer.auth) =>
    (await http().post('/api/v1/controller-groups').set(auth).send({ name: `禾源控股集团${randomBytes(3).toString('hex')}`, controllerName: '王建国' }).expect(201)).body.id as string;
  const link = (auth: Auth, orgId: string, controllerGroupId: string | null) => http().post(`/api/v1/organizations/${orgId}/controller-group`).set(auth).send({ controllerGroupId });
  const groupOf = async (orgId: string) => ((await app.dataSource.query(`SELECT controller_group_id FROM organizations WHERE id = $1`, [orgId])) as { controller_group_id: string | null }[])[0].controller_group_id;
  const limits = async (auth: Auth, programId: string) => (await http().get(`/api/v1/programs/${programId}/limits`).set(auth).expect(200)).body;
  const enterpriseIn = async (groupId: string | null, regionCode = '330402') => {
    const e = await registerOrganization(app, { kind: 'enterprise', regionCode });
    if (groupId) await link(reviewer.auth, e.organization.id, groupId).expect(200);
    return e;
  };
  const evidence = { statement: '本企业与禾源控股集团受同一自然人王建国实际控制，持股比例 60%。', documentRefs: ['工商登记信息 2026-0412', '股东名册（2026年3月）'] };
  const request = (e: Org, body: Record<string, unknown>) => http().post('/api/v1/controller-group-change-requests').set(e.auth).send(body);
  const requestStatus = (e: Org, id: string, status: string) =>
    eventually(async () => {
      const res = await http().get(`/api/v1/controller-group-change-requests/${id}`).set(e.auth);
      return res.body.status === status ? res.body : undefined;
    }, 20_000, `change request ${status}`);

  /**
   * The issue's story: ¥20,000 per application and per enterprise, ¥20,000 per group, of which a
   * sister enterprise already used ¥15,000, so an enterprise in the group may ask for ¥5,000 and
   * ¥20,000 outside it.
   */
  let story: Promise<{ programId: string; groupId: string }> | undefined;
  const storyGroup = () =>
    (story ??= (async () => {
      const program = await openProgram(app, approver.auth, { perApplicationCapFen: 2_000_000, annualCapEnterpriseFen: 2_000_000, annualCapGroupFen: 2_000_000 });
      const groupId = await newGroup();
      const sister = await enterpriseIn(groupId);
      await issueVoucher(app, sister.auth, reviewer.auth, approver.auth, program.id, 1_500_000);
      return { programId: program.id, groupId };
    })());

  it('an enterprise’s own admin can neither unlink nor relink it (403), and its maxRequestable stays at the group’s ¥5,000', async () => {
    const { programId, groupId } = await storyGroup();
    const program = { id: programId };
    const other = await newGroup();
    const e = await enterpriseIn(groupId);
    expect((await limits(e.auth, program.id)).maxRequestableFen).toBe(500_000);

    const unlink = await link(e.auth, e.organization.id, null).expect(403);
    expect(unlink.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    await link(e.auth, e.organization.id, other).expect(403);
    // A provider's org admin and the platform operators do not decide whose cap a subsidy counts against either.
    const me = (await http().get('/api/v1/me').set(provider.auth).expect(200)).body;
    await link(provider.auth, me.organization.id, null).expect(403);
    await link(admin.auth, e.organization.id, null).expect(403);
    await http().post('/api/v1/controller-groups').set(e.auth).send({ name: '自建集团测试', controllerName: '王建国' }).expect(403);
    await http().post('/api/v1/controller-groups').set(admin.auth).send({ name: '平台集团测试', controllerName: '王建国' }).expect(403);

    expect(await groupOf(e.organization.id)).toBe(groupId);
    expect((await limits(e.auth, program.id)).maxRequestableFen).toBe(500_000);
  });

  it('the enterprise’s district bureau links and unlinks it (audited); a bureau outside its region cannot (404)', async () => {
    const { programId, groupId } = await storyGroup();
    const program = { id: programId };
    const e = await enterpriseIn(null);
    expect((await link(reviewer.auth, e.organization.id, groupId).expect(200)).body.controllerGroupId).toBe(groupId);
    expect((await limits(e.auth, program.id)).maxRequestableFen).toBe(500_000);
    expect((await link(reviewer.auth, e.organization.id, null).expect(200)).body.controllerGroupId).toBeNull();
    expect((await limits(e.auth, program.id)).maxRequestableFen).toBe(2_000_000);
    const audit = (await app.dataSource.query(`SELECT action, after->>'via' AS via FROM audit_events WHERE subject_id = $1 AND action LIKE 'organization.controller_group.%' ORDER BY id`, [
      e.organization.id,
    ])) as { action: string; via: string }[];
    expect(audit.map((a) => [a.action, a.via])).toEqual([
      ['organization.controller_group.linked', 'bureau'],
      ['organization.controller_group.unlinked', 'bureau'],
    ]);

    // The 南湖 reviewer does not reach a Tongxiang enterprise; the city approver does.
    const tongxiang = await enterpriseIn(null, '330483');
    await link(reviewer.auth, tongxiang.organization.id, groupId).expect(404);
    await link(approver.auth, tongxiang.organization.id, groupId).expect(200);
    // A Shanghai enterprise belongs to the partner region's bureau, not to Jiaxing's.
    const partner = await login(app, DEMO.partner);
    const shanghai = await enterpriseIn(null, '310000');
    const shanghaiGroup = await newGroup(partner.auth);
    await link(approver.auth, shanghai.organization.id, shanghaiGroup).expect(404);
    expect((await link(partner.auth, shanghai.organization.id, shanghaiGroup).expect(200)).body.controllerGroupId).toBe(shanghaiGroup);
    // An unknown group is a field error.
    const unknown = await link(reviewer.auth, e.organization.id, '00000000-0000-4000-8000-000000000000').expect(400);
    expect(unknown.body.details).toEqual([{ field: 'controllerGroupId', message: expect.any(String) }]);
    // The group page lists the members in the caller's scope and counts the rest.
    const seen = (await http().get(`/api/v1/controller-groups/${groupId}`).set(reviewer.auth).expect(200)).body;
    expect(seen).toMatchObject({ id: groupId, membersOutsideScope: 1 });
    expect(seen.members).toHaveLength(seen.memberCount);
    expect(seen.members.map((m: { id: string }) => m.id)).not.toContain(tongxiang.organization.id);
    const city = (await http().get(`/api/v1/controller-groups/${groupId}`).set(approver.auth).expect(200)).body;
    expect(city).toMatchObject({ memberCount: seen.memberCount + 1, membersOutsideScope: 0 });
    expect(city.members.map((m: { id: string }) => m.id)).toContain(tongxiang.organization.id);
  });

  it('a request to join goes through district review and city approval, and only then links the enterprise', async () => {
    const groupId = await newGroup();
    const e = await enterpriseIn(null);
    const created = await request(e, { action: 'join', controllerGroupId: groupId, ...evidence }).expect(201);
    expect(created.body).toMatchObject({ action: 'join', targetGroupId: groupId, fromGroupId: null, status: 'submitted', caseId: expect.any(String), documentRefs: evidence.documentRefs });
    // One open request per enterprise.
    const second = await request(e, { action: 'create', newGroupName: '另一集团', newControllerName: '李四', ...evidence }).expect(409);
    expect(second.body.code).toBe('CONFLICT');

    const district = await waitForTask(app, reviewer.auth, created.body.caseId, 'district_review');
    expect(await groupOf(e.organization.id)).toBeNull();
    await decide(app, reviewer.auth, district.id, 'approve').expect(200);
    const city = await waitForTask(app, approver.auth, created.body.caseId, 'city_approval');
    expect(await groupOf(e.organization.id)).toBeNull();
    await decide(app, approver.auth, city.id, 'approve').expect(200);

    const approved = await requestStatus(e, created.body.id, 'approved');
    expect(approved).toMatchObject({ resultingGroupId: groupId, decidedAt: expect.any(String) });
    expect(await groupOf(e.organization.id)).toBe(groupId);
    const [audit] = (await app.dataSource.query(`SELECT after->>'via' AS via, after->>'requestId' AS request FROM audit_events WHERE subject_id = $1 AND action = 'organization.controller_group.linked'`, [
      e.organization.id,
    ])) as { via: string; request: string }[];
    expect(audit).toEqual({ via: 'change_request', request: created.body.id });
    // A member reads its own group (only itself named); an outsider gets 404.
    const own = (await http().get(`/api/v1/controller-groups/${groupId}`).set(e.auth).expect(200)).body;
    expect(own.members.map((m: { id: string }) => m.id)).toEqual([e.organization.id]);
    const outsider = await enterpriseIn(null);
    await http().get(`/api/v1/controller-groups/${groupId}`).set(outsider.auth).expect(404);
    expect((await http().get(`/api/v1/controller-group-change-requests/${created.body.id}`).set(outsider.auth).expect(404)).body.code).toBe('NOT_FOUND');
    expect(approved).toMatchObject({ targetGroupName: expect.stringMatching(/^禾源控股集团/), resultingGroupName: expect.stringMatching(/^禾源控股集团/) });
    // The enterprise sees its request; the case page of the bureau shows the request's snapshot.
    const mine = (await http().get('/api/v1/controller-group-change-requests').set(e.auth).expect(200)).body;
    expect(mine.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    const kase = (await http().get(`/api/v1/approval-cases/${created.body.caseId}`).set(approver.auth).expect(200)).body;
    expect(kase.case.subjectType).toBe('controller_group_change');

    // A request to declare a new group creates it on approval, with the controller the enterprise named.
    const leaveAndFound = await request(e, { action: 'create', newGroupName: `嘉禾新设集团${randomBytes(2).toString('hex')}`, newControllerName: '李四', ...evidence }).expect(201);
    await decide(app, reviewer.auth, (await waitForTask(app, reviewer.auth, leaveAndFound.body.caseId, 'district_review')).id, 'approve').expect(200);
    await decide(app, approver.auth, (await waitForTask(app, approver.auth, leaveAndFound.body.caseId, 'city_approval')).id, 'approve').expect(200);
    const founded = await requestStatus(e, leaveAndFound.body.id, 'approved');
    expect(founded.resultingGroupId).not.toBe(groupId);
    expect(await groupOf(e.organization.id)).toBe(founded.resultingGroupId);
    const [group] = (await app.dataSource.query(`SELECT controller_name, region_code FROM controller_groups WHERE id = $1`, [founded.resultingGroupId])) as { controller_name: string; region_code: string }[];
    expect(group).toEqual({ controller_name: '李四', region_code: '330402' });
  });

  it('a rejected request leaves the link as it was, and the enterprise may ask again', async () => {
    const groupId = await newGroup();
    const e = await enterpriseIn(groupId);
    const leave = await request(e, { action: 'leave', ...evidence }).expect(201);
    expect(leave.body).toMatchObject({ fromGroupId: groupId, status: 'submitted' });
    const district = await waitForTask(app, reviewer.auth, leave.body.caseId, 'district_review');
    await decide(app, reviewer.auth, district.id, 'reject', '股权穿透后仍受同一人控制').expect(200);
    const rejected = await requestStatus(e, leave.body.id, 'rejected');
    expect(rejected).toMatchObject({ decisionReason: '股权穿透后仍受同一人控制', resultingGroupId: null });
    expect(await groupOf(e.organization.id)).toBe(groupId);
    await request(e, { action: 'leave', ...evidence }).expect(201);
  });

  it('refuses malformed or misplaced requests with field details', async () => {
    const e = await enterpriseIn(null);
    const noGroup = await request(e, { action: 'join', ...evidence }).expect(400);
    expect(noGroup.body.details.map((d: { field: string }) => d.field)).toContain('controllerGroupId');
    const shortStatement = await request(e, { action: 'create', newGroupName: '集团', newControllerName: '张三', statement: '短', documentRefs: ['x1'] }).expect(400);
    expect(shortStatement.body.details.map((d: { field: string }) => d.field)).toContain('statement');
    const noDocs = await request(e, { action: 'create', newGroupName: '集团', newControllerName: '张三', statement: evidence.statement, documentRefs: [] }).expect(400);
    expect(noDocs.body.details.map((d: { field: string }) => d.field)).toContain('documentRefs');
    // Leaving when in no group is a business rule, not a request.
    expect((await request(e, { action: 'leave', ...evidence }).expect(422)).body.code).toBe('BUSINESS_RULE_VIOLATED');
    // Bureaus decide, they do not request.
    await http().post('/api/v1/controller-group-change-requests').set(reviewer.auth).send({ action: 'leave', ...evidence }).expect(403);
    expect(Number((await app.dataSource.query(`SELECT count(*) FROM controller_group_change_requests WHERE enterprise_id = $1`, [e.organization.id]))[0].count)).toBe(0);
  });

  it('usage stays with the group it was committed under: a move frees nothing for the others and carries nothing into the new group', async () => {
    const program = await openProgram(app, approver.auth, { perApplicationCapFen: 1_000_000, annualCapEnterpriseFen: 1_000_000, annualCapGroupFen: 1_000_000, nameEn: 'Group cap test vouchers' });
    const g1 = await newGroup();
    const g2 = await newGroup();
    const a = await enterpriseIn(g1);
    const b = await enterpriseIn(g1);
    const issuedA = await issueVoucher(app, a.auth, reviewer.auth, approver.auth, program.id, 400_000);
    await issueVoucher(app, b.auth, reviewer.auth, approver.auth, program.id, 300_000);
    const headroom = async (e: Org) => {
      const l = await limits(e.auth, program.id);
      return { enterpriseUsedFen: l.enterpriseUsedFen, groupUsedFen: l.groupUsedFen, groupRemainingFen: l.groupRemainingFen, maxRequestableFen: l.maxRequestableFen };
    };
    const bBefore = await headroom(b);
    expect(bBefore).toMatchObject({ groupUsedFen: 700_000, groupRemainingFen: 300_000, maxRequestableFen: 300_000 });

    await link(reviewer.auth, a.organization.id, g2).expect(200);
    // B's headroom is exactly what it was: A's ¥4,000 still counts in G1.
    expect(await headroom(b)).toEqual(bBefore);
    // A starts G2 at zero; its own enterprise usage is unchanged.
    expect(await limits(a.auth, program.id)).toMatchObject({ enterpriseUsedFen: 400_000, groupUsedFen: 0, groupRemainingFen: 1_000_000 });
    const [{ controller_group_id: committedUnder }] = (await app.dataSource.query(`SELECT controller_group_id FROM vouchers WHERE id = $1`, [issuedA.voucherId])) as { controller_group_id: string }[];
    expect(committedUnder).toBe(g1);

    // The next voucher of A counts in G2 only.
    await issueVoucher(app, a.auth, reviewer.auth, approver.auth, program.id, 200_000);
    expect(await headroom(b)).toEqual(bBefore);
    expect(await limits(a.auth, program.id)).toMatchObject({ enterpriseUsedFen: 600_000, groupUsedFen: 200_000 });

    // The bureau's usage view attributes each voucher to the group it was committed under.
    const usage = (await http().get(`/api/v1/controller-groups/${g1}/usage`).set(reviewer.auth).expect(200)).body;
    const p1 = usage.programs.find((p: { programId: string }) => p.programId === program.id);
    expect(p1).toMatchObject({ capFen: 1_000_000, usedFen: 700_000, remainingFen: 300_000, programNameEn: 'Group cap test vouchers' });
    expect(p1.byEnterprise.map((x: { enterpriseId: string; committedFen: number; currentMember: boolean }) => [x.enterpriseId, x.committedFen, x.currentMember]).sort()).toEqual(
      [
        [a.organization.id, 400_000, false],
        [b.organization.id, 300_000, true],
      ].sort(),
    );
    const u2 = (await http().get(`/api/v1/controller-groups/${g2}/usage`).set(reviewer.auth).expect(200)).body;
    expect(u2.programs.find((p: { programId: string }) => p.programId === program.id)).toMatchObject({ usedFen: 200_000, byEnterprise: [{ enterpriseId: a.organization.id, committedFen: 200_000, currentMember: true }] });
    // Moving A back does not bring its G2 usage along either.
    await link(reviewer.auth, a.organization.id, g1).expect(200);
    expect(await limits(a.auth, program.id)).toMatchObject({ groupUsedFen: 700_000, groupRemainingFen: 300_000, maxRequestableFen: 300_000 });
  });

  it('many parallel issuances in a group while the bureau moves a member never exceed the group cap, and every voucher is counted where it was committed', async () => {
    const program = await openProgram(app, approver.auth, { perApplicationCapFen: 200_000, annualCapEnterpriseFen: 800_000, annualCapGroupFen: 1_000_000 });
    const g = await newGroup();
    const g2 = await newGroup();
    const members = [await enterpriseIn(g), await enterpriseIn(g), await enterpriseIn(g)];
    const [mover] = members;
    // 4 applications of ¥2,000 each: 12 × 200,000 = 2,400,000 fen asked of a 1,000,000 fen group cap.
    const apps: { id: string; caseId: string; auth: Auth }[] = [];
    for (const m of members) {
      for (let i = 0; i < 4; i += 1) {
        const draft = await http().post('/api/v1/voucher-applications').set(m.auth).send({ programId: program.id, requestedFen: 200_000, purpose: '材料成分检测与性能测试' }).expect(201);
        const submitted = await http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(m.auth).send({}).expect(200);
        apps.push({ id: draft.body.id, caseId: submitted.body.caseId, auth: m.auth });
      }
    }
    await Promise.all(apps.map(async (x) => decide(app, reviewer.auth, (await waitForTask(app, reviewer.auth, x.caseId, 'district_review')).id, 'approve').expect(200)));
    const cityTasks = await Promise.all(apps.map((x) => waitForTask(app, approver.auth, x.caseId, 'city_approval')));

    // All city approvals at once (each issues in its own outcome job) while the bureau moves the mover back and forth.
    const moves = [g2, g, g2, g, g2, g, g2, null];
    const [decisions, moved] = await Promise.all([
      Promise.all(cityTasks.map((t) => decide(app, approver.auth, t.id, 'approve'))),
      // One move after another (so the last one wins), all while the issuances run.
      (async () => {
        const results = [];
        for (const to of moves) results.push(await link(reviewer.auth, mover.organization.id, to));
        return results;
      })(),
    ]);
    expect(decisions.map((d) => d.status)).toEqual(cityTasks.map(() => 200));
    expect(moved.map((m) => m.status)).toEqual(moves.map(() => 200));

    const settled = await eventually(async () => {
      const rows = (await app.dataSource.query(`SELECT status FROM voucher_applications WHERE id = ANY($1::uuid[])`, [apps.map((x) => x.id)])) as { status: string }[];
      return rows.every((r) => r.status === 'issued' || r.status === 'rejected') ? rows : undefined;
    }, 60_000, 'all applications issued or rejected');
    expect(settled).toHaveLength(12);

    const counter = async (scope: string, scopeId: string) =>
      Number(((await app.dataSource.query(`SELECT used_fen FROM program_cap_usage WHERE program_id = $1 AND scope = $2 AND scope_id = $3`, [program.id, scope, scopeId])) as { used_fen: string }[])[0]?.used_fen ?? 0);
    const committed = async (column: string, id: string) =>
      Number(((await app.dataSource.query(`SELECT COALESCE(sum(face_value_fen), 0)::bigint AS s FROM vouchers WHERE program_id = $1 AND ${column} = $2`, [program.id, id])) as { s: string }[])[0].s);
    // The other two members alone asked for 1,600,000 fen: the group is filled exactly to its cap, never beyond.
    expect(await counter('group', g)).toBe(1_000_000);
    expect(await committed('controller_group_id', g)).toBe(1_000_000);
    expect(await counter('group', g2)).toBe(await committed('controller_group_id', g2));
    for (const m of members) expect(await counter('enterprise', m.organization.id)).toBe(await committed('enterprise_id', m.organization.id));
    const issued = settled.filter((r) => r.status === 'issued').length;
    const [{ total }] = (await app.dataSource.query(`SELECT COALESCE(sum(face_value_fen), 0)::bigint AS total FROM vouchers WHERE program_id = $1`, [program.id])) as { total: string }[];
    expect(Number(total)).toBe(issued * 200_000);
    // Every refusal names the group cap.
    const reasons = (await app.dataSource.query(`SELECT rejection_reason FROM voucher_applications WHERE id = ANY($1::uuid[]) AND status = 'rejected'`, [apps.map((x) => x.id)])) as { rejection_reason: string }[];
    for (const r of reasons) expect(r.rejection_reason).toMatch(/^caps_exceeded: The annual actual-controller group cap/);
    const ledger = await ledgerInvariants(app);
    expect(ledger.sum).toBe(0);
    expect(ledger.drift).toBe(0);
    expect(ledger.minBalance).toBeGreaterThanOrEqual(0);
    expect(await groupOf(mover.organization.id)).toBeNull();
  });
});
