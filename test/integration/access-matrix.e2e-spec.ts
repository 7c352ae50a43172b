import { RouteAccess, RouteAccessCheck } from '../../src/platform/auth/route-access.check';
import { Role } from '../../src/platform/context/actor';
import { registerOrganization, uniqueEmail } from '../support/factories';
import { declareQualification, qualificationFields } from '../support/qualifications';
import { openProgram } from '../support/vouchers';
import { DEMO_LOGIN_BY_ROLE, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Authorisation matrix generated from the live route table: every route × every demo role + anonymous.
 * Path parameters point at objects OUTSIDE the actor's scope ("foreign"), so a listed role may never
 * succeed on them; an unlisted role must get 403 and anonymous 401 whatever the body.
 */

/** Mirrors `setGlobalPrefix('api/v1', { exclude: ['health', 'metrics'] })` in src/bootstrap.ts. */
const UNPREFIXED = new Set(['/health', '/metrics']);
const urlOf = (path: string) => (UNPREFIXED.has(path) ? path : `/api/v1${path}`);

const ROLES = Object.keys(DEMO_LOGIN_BY_ROLE) as Role[];
type Who = Role | 'anonymous';

/** Objects registered in one region: an enterprise (with the in-app notification of its admin) and an 'applied' provider. */
interface ForeignSet {
  regionCode: string;
  enterpriseId: string;
  providerId: string;
  notificationId: string;
  caseId: string;
  taskId: string;
  webhookId: string;
  controllerGroupId: string;
  changeRequestId: string;
  /** A recognition agreement between two regions the actor covers neither of (杭州 ⇄ 苏州). */
  agreementId: string;
  qualificationId: string;
  /** A pending four-eyes request (revocation) of that region (docs/security.md, "Four eyes on money"). */
  fourEyesRequestId: string;
}

interface Cell {
  method: string;
  path: string;
  who: Who;
  status: number;
  violation?: string;
}

// The per-project `testTimeout` in jest.config.js is not applied (a global-only option); set it here. The
// set-up probes every route × 10 callers (about 2,000 requests), minutes on a loaded machine.
jest.setTimeout(400_000);

describe('access matrix generated from the route table', () => {
  let app: TestApp;
  let routes: RouteAccess[];
  const sessions = {} as Record<Role, Session>;
  const foreign = {} as Record<Role, ForeignSet>;
  let cells: Cell[] = [];

  async function foreignSet(regionCode: string): Promise<ForeignSet> {
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode });
    const provider = await registerOrganization(app, { kind: 'provider', regionCode });
    const notificationId = await eventually(async () => {
      const res = await app.http().get('/api/v1/notifications').set(enterprise.auth);
      return res.body.items?.[0]?.id as string | undefined;
    }, 15_000, `registration notification in ${regionCode}`);
    const task = await eventually(async () => {
      const rows = (await app.dataSource.query(
        `SELECT t.id, t.case_id FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id WHERE c.subject_id = $1 AND t.status = 'open'`,
        [provider.organization.id],
      )) as { id: string; case_id: string }[];
      return rows[0];
    }, 15_000, `admission task in ${regionCode}`);
    // An actual-controller group of that region with the enterprise in it, and the enterprise's open request to leave it.
    const [group] = (await app.dataSource.query(`INSERT INTO controller_groups (name, controller_name, region_code) VALUES ($1, '矩阵探针', $2) RETURNING id`, [`矩阵探针集团 ${regionCode} ${enterprise.organization.id.slice(0, 8)}`, regionCode])) as { id: string }[];
    await app.dataSource.query(`UPDATE organizations SET controller_group_id = $1 WHERE id = $2`, [group.id, enterprise.organization.id]);
    const change = await app.http().post('/api/v1/controller-group-change-requests').set(enterprise.auth).send({ action: 'leave', statement: '访问矩阵探针：申请退出集团。', documentRefs: ['矩阵探针材料'] }).expect(201);
    const hook = await app.http().post('/api/v1/webhooks').set(enterprise.auth).send({ url: 'http://127.0.0.1:9/hook', events: ['*'] }).expect(201);
    const qualification = await declareQualification(app, enterprise.auth, enterprise.organization.id, qualificationFields('tech_sme')).expect(201);
    // The request row alone (its programme is any Jiaxing one): only its region decides who may see, confirm or cancel it.
    const program = await openProgram(app, sessions[Role.Approver].auth);
    const [fourEyes] = (await app.dataSource.query(
      `INSERT INTO four_eyes_requests (kind, subject_id, subject_number, program_id, region_code, decider_roles, amount_fen, reason, requested_by)
       VALUES ('voucher_revocation', $1, '矩阵探针', $2, $3, '{approver}', 2000000, '访问矩阵探针', $4) RETURNING id`,
      [enterprise.organization.id, program.id, regionCode, enterprise.user.id],
    )) as { id: string }[];
    return {
      regionCode,
      enterpriseId: enterprise.organization.id,
      providerId: provider.organization.id,
      notificationId,
      caseId: task.case_id,
      taskId: task.id,
      webhookId: hook.body.id,
      controllerGroupId: group.id,
      changeRequestId: change.body.id,
      agreementId: (await app.http().post('/api/v1/recognition-agreements').set(sessions[Role.PlatformAdmin].auth)
        .send({ issuingRegionCode: '330100', partnerRegionCode: '320500', name: '杭州—苏州互认协议（矩阵探针）', effectiveFrom: '2026-01-01' }).expect(201)).body.id,
      qualificationId: qualification.body.id,
      fourEyesRequestId: fourEyes.id,
    };
  }

  /** Substitutes each path parameter with a foreign object of the right type (or something harmless). */
  function concretePath(route: RouteAccess, set: ForeignSet): string {
    return route.path.replace(/:(\w+)/g, (_m, name: string) => {
      if (name === 'queue') return 'notifications';
      if (name === 'jobId') return 'no-such-job';
      if (route.path.startsWith('/notifications/')) return set.notificationId;
      if (route.path.startsWith('/approval-tasks/')) return set.taskId;
      if (route.path.startsWith('/approval-cases/')) return set.caseId;
      if (route.path.startsWith('/webhooks/')) return set.webhookId;
      if (route.path.startsWith('/controller-groups/')) return set.controllerGroupId;
      if (route.path.startsWith('/controller-group-change-requests/')) return set.changeRequestId;
      if (route.path.startsWith('/recognition-agreements/')) return set.agreementId;
      if (route.path.startsWith('/qualifications/')) return set.qualificationId;
      if (route.path.startsWith('/four-eyes-requests/')) return set.fourEyesRequestId;
      if (name === 'key') return 'provider_admission';
      if (route.path.endsWith('/admission-transitions')) return set.providerId;
      return set.enterpriseId; // organisations/:id and anything unknown: another region's enterprise
    });
  }

  /** The smallest body that passes validation, so that a listed role reaches the object check. */
  function minimalBody(route: RouteAccess): Record<string, unknown> {
    switch (`${route.method} ${route.path}`) {
      case 'POST /organizations/:id/admission-transitions':
        return { action: 'suspend' };
      case 'POST /organizations/:id/profile':
        return { contactName: '矩阵探针' };
      case 'POST /approval-tasks/:id/decision':
        return { decision: 'approve' };
      case 'POST /approval-cases/:id/objections':
        return { reason: 'access matrix probe objection' };
      case 'POST /webhooks':
        return { url: 'http://127.0.0.1:9/hook', events: ['*'] };
      case 'POST /organizations/:id/qualifications':
        // JSON without the certificate file: refused before anything is written (the multipart route is proved in qualifications.e2e-spec.ts).
        return { kind: 'tech_sme', certificateNo: `M-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, issuer: '浙江省科学技术厅', validFrom: '2026-01-01', validTo: '2028-12-31' };
      case 'POST /qualifications/:id/revocation':
        return { reason: 'access matrix probe' };
      case 'POST /organizations/:id/controller-group':
        return { controllerGroupId: null };
      case 'POST /organizations/:id/invitations':
        return { email: uniqueEmail('matrix') };
      case 'PUT /recognition-agreements/:id':
        return { name: '矩阵探针协议', effectiveFrom: '2026-01-01' };
      case 'POST /recognition-agreements/:id/sign':
        return { termsHash: 'f'.repeat(64) };
      case 'POST /recognition-agreements/:id/amend':
        return { effectiveFrom: '2099-01-01' };
      case 'POST /recognition-agreements/:id/providers':
        return { providerIds: ['00000000-0000-4000-8000-000000000000'] };
      case 'POST /recognition-agreements/:id/services':
        return { serviceIds: ['00000000-0000-4000-8000-000000000000'] };
      case 'POST /admin/queues/:queue/jobs/:jobId/discard':
        return { reason: 'access matrix probe' };
      default:
        return {};
    }
  }

  beforeAll(async () => {
    app = await startTestApp();
    routes = app.get(RouteAccessCheck).collect();
    for (const role of ROLES) sessions[role] = await login(app, DEMO_LOGIN_BY_ROLE[role]);
    // The set-up's webhooks point at loopback, which only an allow-listed host may (docs/security.md, "Outbound calls").
    await app.http().post('/api/v1/admin/webhook-allowed-hosts').set(sessions[Role.PlatformAdmin].auth).send({ host: '127.0.0.1' }).expect(201);
    // Foreign = outside the actor's scope. Jiaxing city roles (330400 + districts) get Shanghai objects;
    // the district reviewer (330402), the Shanghai partner admin and the organisation-bound roles get
    // Tongxiang (330483) objects. The platform admin gets a set of its own, so that its legitimate
    // successes never change the objects the other roles probe.
    const shanghai = await foreignSet('310000');
    const tongxiang = await foreignSet('330483');
    const forAdmin = await foreignSet('330483');
    // The admin's provider is admitted, so the manual 'suspend' probe is legal for it.
    await app.dataSource.query(`UPDATE organizations SET admission_status = 'active' WHERE id = $1`, [forAdmin.providerId]);
    for (const role of ROLES) foreign[role] = tongxiang;
    foreign[Role.Approver] = shanghai;
    foreign[Role.Finance] = shanghai;
    foreign[Role.PlatformAdmin] = forAdmin;

    for (const route of routes) {
      for (const who of [...ROLES, 'anonymous'] as Who[]) {
        const set = who === 'anonymous' ? tongxiang : foreign[who];
        const listed = route.rule?.kind === 'public' || route.rule?.kind === 'open' || (who !== 'anonymous' && route.rule?.kind === 'roles' && route.rule.roles.includes(who));
        // Logging out ends the session: use a throw-away one so the matrix keeps its own.
        const session = who === 'anonymous' ? undefined : route.path.endsWith('/logout') ? await login(app, DEMO_LOGIN_BY_ROLE[who]) : sessions[who];
        // Unlisted callers send an empty (invalid) body: the guard must answer before validation does.
        const body = listed ? (route.path === '/approval-tasks/decisions' ? { decision: 'approve', taskIds: [set.taskId] } : minimalBody(route)) : {};
        let req = route.method === 'GET' ? app.http().get(urlOf(concretePath(route, set))) : app.http()[route.method.toLowerCase() as 'post'](urlOf(concretePath(route, set))).send(body);
        if (session) req = req.set(session.auth);
        const res = await req;
        cells.push({ method: route.method, path: route.path, who, status: res.status, violation: judge(route, who, set, res.status, res.text ?? '') });
      }
    }
  });
  afterAll(() => app?.close());
  afterAll(() => { if (process.env.MATRIX_PRINT) console.log(cells.map(row).join('\n')); });

  function judge(route: RouteAccess, who: Who, set: ForeignSet, status: number, text: string): string | undefined {
    if (status >= 500) return `server error ${status}`;
    const rule = route.rule;
    // Open data (widgets, partner keys) is readable by anyone, like a public route.
    if (!rule || rule.kind === 'public' || rule.kind === 'open') return undefined;
    if (who === 'anonymous') return status === 401 ? undefined : `anonymous expected 401`;
    if (!rule.roles.includes(who)) return status === 403 ? undefined : `unlisted role expected 403`;
    if (who === Role.PlatformAdmin) return undefined; // sees everything; only the role list binds it
    const ok = status >= 200 && status < 300;
    // Workflow definitions are platform-wide data, not objects of an organisation or region.
    if (route.path.startsWith('/workflow-definitions/')) return undefined;
    // A batch decision answers per task: a foreign task must come back refused.
    if (route.path === '/approval-tasks/decisions') {
      const results = JSON.parse(text || '[]') as { ok: boolean }[];
      return ok && Array.isArray(results) && results.some((r) => r.ok) ? 'batch decided a foreign task' : undefined;
    }
    if (route.path.includes(':')) return ok ? 'success on a foreign object' : undefined;
    // A collection read must not contain the foreign objects.
    const leaked = [set.enterpriseId, set.providerId, set.notificationId, set.caseId, set.taskId, set.webhookId, set.agreementId].filter((id) => text.includes(id));
    return ok && leaked.length ? `collection leaks foreign ids ${leaked.join(',')}` : undefined;
  }

  it('every route declares an access rule', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('covers every route × (9 roles + anonymous)', () => {
    expect(ROLES).toHaveLength(9);
    expect(cells).toHaveLength(routes.length * 10);
    const keys = new Set(cells.map((c) => `${c.method} ${c.path} ${c.who}`));
    expect(keys.size).toBe(routes.length * 10);
  });

  it('anonymous gets 401 on every non-public route', () => {
    const bad = cells.filter((c) => c.who === 'anonymous' && c.violation).map(row);
    expect(bad).toEqual([]);
  });

  it('a role not listed in the rule gets 403, even with an invalid body', () => {
    const bad = cells.filter((c) => c.violation === 'unlisted role expected 403').map(row);
    expect(bad).toEqual([]);
  });

  it('no listed role succeeds on an object outside its scope (count of unauthorised successes is 0)', () => {
    const bad = cells.filter((c) => c.violation && !c.violation.startsWith('server error')).map(row);
    if (bad.length) console.log(`unauthorised cells (${bad.length}):\n${bad.join('\n')}`);
    expect(bad.length).toBe(0);
  });

  it('no cell answers 5xx (public routes included, with or without a bearer token)', () => {
    const bad = cells.filter((c) => c.violation?.startsWith('server error')).map(row);
    if (bad.length) console.log(`5xx cells (${bad.length}):\n${bad.join('\n')}`);
    expect(bad).toEqual([]);
  });

  it('the platform admin succeeds on the object routes it is listed for', () => {
    // Sanity of the fixtures: the same ids and bodies do work for an actor in scope.
    const admin = (method: string, path: string) => cells.find((c) => c.who === Role.PlatformAdmin && c.method === method && c.path === path)?.status;
    expect(admin('GET', '/organizations/:id')).toBe(200);
    expect(admin('POST', '/organizations/:id/admission-transitions')).toBe(200);
    // Only the enterprise's own admins declare a qualification; the platform does not (docs/security.md, "Qualifications").
    expect(admin('POST', '/organizations/:id/qualifications')).toBe(403);
    expect(admin('POST', '/organizations/:id/invitations')).toBe(201);
    expect(admin('GET', '/four-eyes-requests/:id')).toBe(200);
    expect(admin('GET', '/controller-groups/:id')).toBe(200);
    expect(admin('GET', '/controller-groups/:id/usage')).toBe(200);
    expect(admin('GET', '/controller-group-change-requests/:id')).toBe(200);
    expect(admin('GET', '/recognition-agreements/:id')).toBe(200);
    expect(admin('PUT', '/recognition-agreements/:id')).toBe(200);
    // Nobody signs for a region without representing it, the platform included (docs/security.md, "Recognition agreements").
    expect(admin('POST', '/recognition-agreements/:id/sign')).toBe(403);
  });

  it('GET /organizations as an enterprise user returns only its own organisation', async () => {
    const me = await app.http().get('/api/v1/me').set(sessions[Role.EnterpriseUser].auth).expect(200);
    const res = await app.http().get('/api/v1/organizations?limit=200').set(sessions[Role.EnterpriseUser].auth).expect(200);
    expect(res.body.map((o: { id: string }) => o.id)).toEqual([me.body.organization.id]);
  });

  it('GET /organizations as reviewer 330402 returns only region 330402 plus its own agency', async () => {
    const own = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const me = await app.http().get('/api/v1/me').set(sessions[Role.Reviewer].auth).expect(200);
    expect(me.body.organization.regionCode).toBe('330402');
    const res = await app.http().get('/api/v1/organizations?limit=200').set(sessions[Role.Reviewer].auth).expect(200);
    const orgs = res.body as { id: string; regionCode: string }[];
    expect(orgs.length).toBeLessThan(200);
    expect(orgs.filter((o) => o.regionCode !== '330402' && o.id !== me.body.organization.id)).toEqual([]);
    expect(orgs.map((o) => o.id)).toEqual(expect.arrayContaining([own.organization.id, me.body.organization.id]));
    expect(orgs.map((o) => o.id)).not.toContain(foreign[Role.Reviewer].enterpriseId);
  });

  function row(c: Cell): string {
    return `${c.method.padEnd(5)} ${c.path.padEnd(48)} ${String(c.who).padEnd(15)} ${c.status} ${c.violation ?? ''}`;
  }
});
