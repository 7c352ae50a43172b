import { registerOrganization, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { caseOfSubject, decide, waitForTask } from '../support/approvals';
import { declareQualification, QualificationFields, qualificationFields } from '../support/qualifications';
import { CaseEngine } from '../../src/modules/approvals/case-engine.service';

// The per-project `testTimeout` in jest.config.js is not applied (a global-only option); set it here.
jest.setTimeout(120_000);

type Auth = { Authorization: string };

/** People act on admitted providers only; admission itself runs through the provider_admission workflow. */
const ALL_ACTIONS = ['suspend', 'reinstate', 'revoke'] as const;
/** docs/domain.md, "Organisations": active → suspended | revoked; written out here, not imported. */
const LEGAL_FROM: Record<string, string[]> = {
  active: ['suspend', 'revoke'],
  suspended: ['reinstate', 'revoke'],
  revoked: [],
  public_notice: [],
  in_review: [],
  applied: [],
};
const DAY_MS = 86_400_000;

describe('organisations: provider admission, qualifications, controller groups', () => {
  let app: TestApp;
  let partner: Session;
  let approver: Session;

  beforeAll(async () => {
    app = await startTestApp();
    partner = await login(app, DEMO.partner);
    approver = await login(app, DEMO.approver);
  });
  afterAll(() => app?.close());

  const transition = (auth: Auth, id: string, body: Record<string, unknown>) =>
    app.http().post(`/api/v1/organizations/${id}/admission-transitions`).set(auth).send(body);

  /** Admission audit rows, less 'start_review', which the workflow writes on its own right after registration. */
  async function admissionAudit(id: string) {
    return (await app.dataSource.query(
      `SELECT action, before->>'admissionStatus' AS before, after->>'admissionStatus' AS after, actor_role
         FROM audit_events WHERE subject_id = $1 AND action LIKE 'provider.admission.%' AND action <> 'provider.admission.start_review' ORDER BY id`,
      [id],
    )) as { action: string; before: string; after: string; actor_role: string }[];
  }

  async function stateOf(id: string) {
    const [row] = (await app.dataSource.query(`SELECT admission_status, version FROM organizations WHERE id = $1`, [id])) as {
      admission_status: string;
      version: number;
    }[];
    return row;
  }

  /** Every action not legal from the current state is refused with 409, with no state change and no audit row. */
  async function expectIllegalActionsRefused(auth: Auth, id: string, status: string) {
    const before = await stateOf(id);
    const auditBefore = (await admissionAudit(id)).length;
    for (const action of ALL_ACTIONS.filter((a) => !LEGAL_FROM[status].includes(a))) {
      const res = await transition(auth, id, { action });
      expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 409, code: 'ILLEGAL_TRANSITION' });
    }
    expect(await stateOf(id)).toEqual(before);
    expect(before.admission_status).toBe(status);
    expect(await admissionAudit(id)).toHaveLength(auditBefore);
  }

  describe('provider admission', () => {
    /** A provider whose admission workflow has settled at its review task, then marked admitted directly. */
    async function admitted(regionCode = '310000') {
      const provider = await registerOrganization(app, { kind: 'provider', regionCode });
      await eventually(async () => {
        const rows = await app.dataSource.query(`SELECT 1 FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id WHERE c.subject_id = $1`, [provider.organization.id]);
        return rows.length > 0;
      }, 15_000, 'admission task');
      await app.dataSource.query(`UPDATE organizations SET admission_status = 'active' WHERE id = $1`, [provider.organization.id]);
      return provider;
    }

    it('a Shanghai provider is admitted through the workflow, then suspended, reinstated and revoked by the partner admin', async () => {
      const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
      const id = provider.organization.id;
      expect(provider.organization.admissionStatus).toBe('applied');
      const caseId = await caseOfSubject(app, id);
      const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
      expect((await stateOf(id)).admission_status).toBe('in_review');
      await expectIllegalActionsRefused(partner.auth, id, 'in_review');
      // Workflow steps cannot be taken by hand.
      const manual = await transition(partner.auth, id, { action: 'approve_for_notice' }).expect(400);
      expect(manual.body.details[0].field).toBe('action');

      await decide(app, partner.auth, task.id, 'approve', '材料齐全').expect(200);
      await eventually(async () => (await stateOf(id)).admission_status === 'public_notice', 15_000, 'public notice');
      const org = await app.http().get(`/api/v1/organizations/${id}`).set(partner.auth).expect(200);
      expect(Math.abs(Date.parse(org.body.publicNoticeEndsAt) - (Date.now() + 7 * DAY_MS))).toBeLessThan(60_000);
      await expectIllegalActionsRefused(partner.auth, id, 'public_notice');

      // The 7-day notice (公示期) elapses: the delayed timer job fires.
      const [kase] = await app.dataSource.query(`SELECT revision, current_stage FROM approval_cases WHERE id = $1`, [caseId]);
      const early = await app.get(CaseEngine).timerElapsed({ caseId, revision: kase.revision, stageIndex: kase.current_stage });
      expect(early).toBe('skipped: not due yet');
      await app.dataSource.query(`UPDATE approval_cases SET timer_due_at = now() - interval '1 second' WHERE id = $1`, [caseId]);
      // The notice was the last stage: the same job closes the case and admits the provider.
      expect(await app.get(CaseEngine).timerElapsed({ caseId, revision: kase.revision, stageIndex: kase.current_stage })).toBe('approved');
      await eventually(async () => (await stateOf(id)).admission_status === 'active', 15_000, 'admission');
      await expectIllegalActionsRefused(partner.auth, id, 'active');

      expect((await transition(partner.auth, id, { action: 'suspend', comment: '报告造假调查' }).expect(200)).body.admissionStatus).toBe('suspended');
      await expectIllegalActionsRefused(partner.auth, id, 'suspended');
      expect((await transition(partner.auth, id, { action: 'reinstate' }).expect(200)).body.admissionStatus).toBe('active');
      expect((await transition(partner.auth, id, { action: 'revoke' }).expect(200)).body.admissionStatus).toBe('revoked');
      await expectIllegalActionsRefused(partner.auth, id, 'revoked');

      expect(await admissionAudit(id)).toEqual([
        { action: 'provider.admission.approve_for_notice', before: 'in_review', after: 'public_notice', actor_role: 'system' },
        { action: 'provider.admission.activate', before: 'public_notice', after: 'active', actor_role: 'system' },
        { action: 'provider.admission.suspend', before: 'active', after: 'suspended', actor_role: 'partner_admin' },
        { action: 'provider.admission.reinstate', before: 'suspended', after: 'active', actor_role: 'partner_admin' },
        { action: 'provider.admission.revoke', before: 'active', after: 'revoked', actor_role: 'partner_admin' },
      ]);
      const [suspended] = (await app.dataSource.query(
        `SELECT after->>'comment' AS comment FROM audit_events WHERE subject_id = $1 AND action = 'provider.admission.suspend'`,
        [id],
      )) as { comment: string }[];
      expect(suspended.comment).toBe('报告造假调查');
    });

    it('only the provider’s own region acts: Jiaxing approver ✗ Shanghai, partner admin ✗ Jiaxing, provider ✗ itself', async () => {
      const shanghai = await admitted('310000');
      const nanhu = await admitted('330402');

      // Outside the actor's region the provider is not even visible: 404, not 403 (ids leak nothing).
      const jxOnSh = await transition(approver.auth, shanghai.organization.id, { action: 'suspend' }).expect(404);
      expect(jxOnSh.body.code).toBe('NOT_FOUND');
      const shOnJx = await transition(partner.auth, nanhu.organization.id, { action: 'suspend' }).expect(404);
      expect(shOnJx.body.code).toBe('NOT_FOUND');
      // Provider users are not among the deciding roles at all: the guard answers 403.
      const self = await transition(shanghai.auth, shanghai.organization.id, { action: 'suspend' }).expect(403);
      expect(self.body.code).toBe('FORBIDDEN');

      for (const id of [shanghai.organization.id, nanhu.organization.id]) {
        expect((await stateOf(id)).admission_status).toBe('active');
        expect(await admissionAudit(id)).toEqual([]);
      }
      // Each region's own admin may act.
      await transition(approver.auth, nanhu.organization.id, { action: 'suspend' }).expect(200);
      await transition(partner.auth, shanghai.organization.id, { action: 'suspend' }).expect(200);
    });

    it('refuses a stale expectedVersion with 409 CONFLICT and changes nothing', async () => {
      const provider = await admitted();
      const id = provider.organization.id;
      const { version } = await stateOf(id);
      await transition(partner.auth, id, { action: 'suspend', expectedVersion: version }).expect(200);
      const stale = await transition(partner.auth, id, { action: 'reinstate', expectedVersion: version }).expect(409);
      expect(stale.body.code).toBe('CONFLICT');
      expect(await stateOf(id)).toEqual({ admission_status: 'suspended', version: version + 1 });
      expect((await admissionAudit(id)).map((r) => r.action)).toEqual(['provider.admission.suspend']);
    });

    it('ten concurrent suspensions of one provider: exactly one 200, nine 409, one audit row', async () => {
      const provider = await admitted();
      const id = provider.organization.id;
      const { version: before } = await stateOf(id);
      const responses = await Promise.all(Array.from({ length: 10 }, () => transition(partner.auth, id, { action: 'suspend' })));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'ILLEGAL_TRANSITION')).toBe(true);
      expect(await admissionAudit(id)).toEqual([{ action: 'provider.admission.suspend', before: 'active', after: 'suspended', actor_role: 'partner_admin' }]);
      expect((await stateOf(id)).version).toBe(before + 1);
    });

    it('notifies the provider’s users in-app after a transition', async () => {
      const provider = await admitted();
      const id = provider.organization.id;
      await transition(partner.auth, id, { action: 'suspend' }).expect(200);
      const item = await eventually(async () => {
        const res = await app.http().get('/api/v1/notifications').set(provider.auth).expect(200);
        return (res.body.items as { kind: string; subjectId: string; body: string }[]).find((n) => n.kind === 'provider.admission.changed' && n.body.includes('suspended'));
      }, 15_000, 'admission notification');
      expect(item.subjectId).toBe(id);
      expect(item.body).toContain('suspended');
      // Someone else's inbox does not get it.
      const other = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
      const res = await app.http().get('/api/v1/notifications').set(other.auth).expect(200);
      expect(res.body.items.filter((n: { subjectId: string }) => n.subjectId === id)).toEqual([]);
    });
  });

  describe('enterprise qualifications', () => {
    // Declared with a certificate file (multipart) and verified by the district bureau: test/integration/qualifications.e2e-spec.ts.
    const qualification = (overrides: Partial<QualificationFields> = {}) => qualificationFields('high_tech', { certificateNo: `GR2026${Math.floor(Math.random() * 1e8)}`, validFrom: '2026-01-01', validTo: '2028-12-31', ...overrides });

    it('the org admin declares one (201, declared); a non-admin colleague gets 403; another enterprise 404; bad dates 400 on validTo', async () => {
      const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
      const id = enterprise.organization.id;

      const body = qualification();
      const added = await declareQualification(app, enterprise.auth, id, body).expect(201);
      expect(added.body).toMatchObject({ id: expect.any(String), kind: 'high_tech', certificateNo: body.certificateNo, issuer: body.issuer, validFrom: '2026-01-01', validTo: '2028-12-31', status: 'declared' });
      const org = await app.http().get(`/api/v1/organizations/${id}`).set(enterprise.auth).expect(200);
      expect(org.body.qualifications).toEqual([expect.objectContaining({ id: added.body.id, certificateNo: body.certificateNo })]);

      // A colleague without org-admin rights.
      const invite = await app.http().post(`/api/v1/organizations/${id}/invitations`).set(enterprise.auth).send({ email: uniqueEmail('colleague') }).expect(201);
      await app.http().post('/api/v1/auth/invitations/accept').send({ token: invite.body.token, password: TEST_PASSWORD, displayName: '王芳' }).expect(201);
      const colleague = await login(app, invite.body.email, TEST_PASSWORD);
      const denied = await declareQualification(app, colleague.auth, id, qualification()).expect(403);
      expect(denied.body.code).toBe('FORBIDDEN');

      // validTo before validFrom: a field error.
      const backwards = await declareQualification(app, enterprise.auth, id, qualification({ validFrom: '2027-06-01', validTo: '2027-05-31' })).expect(400);
      expect(backwards.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'validTo', message: expect.any(String) }] });

      // Another enterprise cannot see this one, let alone write to it.
      const stranger = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
      const hidden = await declareQualification(app, stranger.auth, id, qualification()).expect(404);
      expect(hidden.body.code).toBe('NOT_FOUND');

      const rows = (await app.dataSource.query(`SELECT certificate_no FROM enterprise_qualifications WHERE organization_id = $1`, [id])) as unknown[];
      expect(rows).toEqual([{ certificate_no: body.certificateNo }]);
      const audit = (await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action = 'organization.qualification.declared'`, [id])) as { n: number }[];
      expect(audit[0].n).toBe(1);
    });
  });

  describe('actual-controller groups (同一实际控制人)', () => {
    it('the approver creates a group and links two enterprises; the organisation shows its group', async () => {
      const group = await app.http().post('/api/v1/controller-groups').set(approver.auth).send({ name: `测试控股集团${Date.now()}`, controllerName: '赵立新' }).expect(201);
      // The group belongs to the bureau region that created it.
      expect(group.body).toEqual({ id: expect.any(String), name: expect.stringMatching(/^测试控股集团/), controllerName: '赵立新', regionCode: '330400', memberCount: 0, createdAt: expect.any(String) });

      const a = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
      const b = await registerOrganization(app, { kind: 'enterprise', regionCode: '330483' });
      for (const e of [a, b]) {
        const linked = await app.http().post(`/api/v1/organizations/${e.organization.id}/controller-group`).set(approver.auth).send({ controllerGroupId: group.body.id }).expect(200);
        expect(linked.body.controllerGroupId).toBe(group.body.id);
        const seen = await app.http().get(`/api/v1/organizations/${e.organization.id}`).set(e.auth).expect(200);
        expect(seen.body.controllerGroupId).toBe(group.body.id);
      }
      const [{ n }] = (await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE controller_group_id = $1`, [group.body.id])) as { n: number }[];
      expect(n).toBe(2);
      const listed = await app.http().get('/api/v1/controller-groups').set(approver.auth).expect(200);
      expect(listed.body.map((g: { id: string }) => g.id)).toContain(group.body.id);

      // An unknown group is a field error, and a Shanghai enterprise is outside the Jiaxing approver's scope.
      const unknown = await app.http().post(`/api/v1/organizations/${a.organization.id}/controller-group`).set(approver.auth).send({ controllerGroupId: '00000000-0000-4000-8000-000000000000' }).expect(400);
      // The key is required: leaving it out is a validation error, null unlinks.
      const missing = await app.http().post(`/api/v1/organizations/${a.organization.id}/controller-group`).set(approver.auth).send({}).expect(400);
      expect(missing.body.details[0].field).toBe('controllerGroupId');
      expect(unknown.body.details).toEqual([{ field: 'controllerGroupId', message: expect.any(String) }]);
      const shanghai = await registerOrganization(app, { kind: 'enterprise', regionCode: '310000' });
      await app.http().post(`/api/v1/organizations/${shanghai.organization.id}/controller-group`).set(approver.auth).send({ controllerGroupId: group.body.id }).expect(404);
    });
  });
});
