import { randomBytes, randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { registerOrganization, registrationBody } from '../support/factories';
import { declareQualification } from '../support/qualifications';
import { admittedProvider, issueVoucher, listService, openProgram } from '../support/vouchers';

const REGISTER = '/api/v1/auth/register';

function newKey(tag = 'k'): string {
  return `${tag}-${randomBytes(8).toString('hex')}`;
}

function qualification(certificateNo = `GR${randomBytes(5).toString('hex')}`) {
  return { kind: 'high_tech', certificateNo, issuer: '浙江省科学技术厅', validFrom: '2026-01-01', validTo: '2028-12-31' };
}

// jest.config.js sets testTimeout per project, which Jest ignores; booting the app can take longer than 5 s under load.
jest.setTimeout(60_000);

describe('Idempotency-Key on state-changing POSTs', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function count(sql: string, params: unknown[]): Promise<number> {
    const [{ n }] = (await app.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) AS t`, params)) as { n: number }[];
    return n;
  }
  const orgsWithUscc = (uscc: string) => count('SELECT 1 FROM organizations WHERE uscc = $1', [uscc]);
  const keyRows = (key: string) => count('SELECT 1 FROM idempotency_keys WHERE key = $1', [key]);

  it('replays the same status and body for the same key and body, and creates exactly one organisation', async () => {
    const key = newKey('register');
    const body = registrationBody();
    const first = await app.http().post(REGISTER).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const second = await app.http().post(REGISTER).set('Idempotency-Key', key).send(body);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);

    expect(await orgsWithUscc(body.organization.uscc)).toBe(1);
    expect(await count('SELECT 1 FROM users WHERE email = $1', [body.user.email])).toBe(1);
    const keys = await app.dataSource.query(`SELECT scope, method, path, status, response_status FROM idempotency_keys WHERE key = $1`, [key]);
    expect(keys).toEqual([{ scope: 'anonymous', method: 'POST', path: REGISTER, status: 'completed', response_status: 201 }]);
  });

  it('replays an authenticated create (qualification) once, with one row and one audit event', async () => {
    const org = await registerOrganization(app, { kind: 'enterprise' });
    const key = newKey('qual');
    const body = qualification();
    // A declaration is multipart (fields + certificate file), as the portal sends it.
    const declare = () => declareQualification(app, org.auth, org.organization.id, body).set('Idempotency-Key', key);
    const first = await declare().expect(201);
    expect(first.body).toMatchObject({ id: expect.any(String), ...body, status: 'declared' });
    const again = await declare().expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count('SELECT 1 FROM enterprise_qualifications WHERE organization_id = $1', [org.organization.id])).toBe(1);
    expect(await count(`SELECT 1 FROM audit_events WHERE organization_id = $1 AND action = 'organization.qualification.declared'`, [org.organization.id])).toBe(1);
  });

  it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED and creates nothing', async () => {
    const key = newKey('reuse');
    const original = registrationBody();
    await app.http().post(REGISTER).set('Idempotency-Key', key).send(original).expect(201);

    const other = registrationBody();
    const res = await app.http().post(REGISTER).set('Idempotency-Key', key).send(other);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) });
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await orgsWithUscc(other.organization.uscc)).toBe(0);
    expect(await count('SELECT 1 FROM users WHERE email = $1', [other.user.email])).toBe(0);
    expect(await orgsWithUscc(original.organization.uscc)).toBe(1);
    expect(await keyRows(key)).toBe(1);
  });

  it('lets exactly one of 20 concurrent duplicates run; the rest replay it or get 409 IDEMPOTENCY_IN_PROGRESS', async () => {
    const key = newKey('race');
    const body = registrationBody();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => app.http().post(REGISTER).set('Idempotency-Key', key).send(body)),
    );
    const created = responses.filter((r) => r.status === 201);
    const inProgress = responses.filter((r) => r.status === 409);
    expect(created.length + inProgress.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    const originals = created.filter((r) => r.headers['idempotent-replayed'] !== 'true');
    expect(originals).toHaveLength(1);
    for (const r of created) expect(r.body).toEqual(originals[0].body);
    for (const r of inProgress) {
      expect(r.body).toEqual({ statusCode: 409, code: 'IDEMPOTENCY_IN_PROGRESS', message: expect.any(String), details: { retryAfterSeconds: 1 } });
      expect(r.headers['retry-after']).toBe('1');
    }
    expect(await orgsWithUscc(body.organization.uscc)).toBe(1);
    expect(await count('SELECT 1 FROM users WHERE email = $1', [body.user.email])).toBe(1);
    expect(await count(`SELECT 1 FROM idempotency_keys WHERE key = $1 AND status = 'completed'`, [key])).toBe(1);
  });

  it('scopes keys per user: two users sending the same key and body both create their own row', async () => {
    const approver: Session = await login(app, DEMO.approver);
    // Two bureau users (actual-controller groups are created by the science bureaus only).
    const reviewer: Session = await login(app, DEMO.reviewer);
    const key = newKey('shared');
    const name = `禾源控股集团${randomBytes(3).toString('hex')}`;
    const body = { name, controllerName: '王建国' };
    const a = await app.http().post('/api/v1/controller-groups').set(approver.auth).set('Idempotency-Key', key).send(body).expect(201);
    const b = await app.http().post('/api/v1/controller-groups').set(reviewer.auth).set('Idempotency-Key', key).send(body).expect(201);
    expect(a.headers['idempotent-replayed']).toBeUndefined();
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(a.body.id).not.toBe(b.body.id);
    expect(await count('SELECT 1 FROM controller_groups WHERE name = $1', [name])).toBe(2);
    const scopes = (await app.dataSource.query(`SELECT scope FROM idempotency_keys WHERE key = $1 ORDER BY scope`, [key])) as { scope: string }[];
    expect(scopes).toHaveLength(2);
    expect(new Set(scopes.map((s) => s.scope)).size).toBe(2);
    for (const s of scopes) expect(s.scope).toMatch(/^user:[0-9a-f-]{36}$/);

    // Each user's retry replays only their own answer.
    const a2 = await app.http().post('/api/v1/controller-groups').set(approver.auth).set('Idempotency-Key', key).send(body).expect(201);
    expect(a2.headers['idempotent-replayed']).toBe('true');
    expect(a2.body).toEqual(a.body);
    expect(await count('SELECT 1 FROM controller_groups WHERE name = $1', [name])).toBe(2);
  });

  it('does not burn a key when the request fails with a conflict: once the conflict is gone the retry runs', async () => {
    const org = await registerOrganization(app, { kind: 'enterprise' });
    const body = qualification();
    const existing = await declareQualification(app, org.auth, org.organization.id, body).expect(201);

    const key = newKey('conflict');
    const declare = () => declareQualification(app, org.auth, org.organization.id, body).set('Idempotency-Key', key);
    const refused = await declare();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'ALREADY_EXISTS', details: [{ field: 'certificateNo' }] });
    expect(await keyRows(key)).toBe(0);

    await app.dataSource.query(`DELETE FROM enterprise_qualifications WHERE id = $1`, [existing.body.id]);
    const retried = await declare().expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body.id).not.toBe(existing.body.id);
    const replay = await declare().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(retried.body);
    expect(await count('SELECT 1 FROM enterprise_qualifications WHERE organization_id = $1', [org.organization.id])).toBe(1);
    expect(await keyRows(key)).toBe(1);
  });

  it('does not burn a key on a 400: the corrected request with the same key succeeds', async () => {
    const key = newKey('invalid');
    const body = registrationBody();
    const bad = { ...body, user: { ...body.user, email: 'not-an-email' } };
    const res = await app.http().post(REGISTER).set('Idempotency-Key', key).send(bad).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(await keyRows(key)).toBe(0);
    expect(await orgsWithUscc(body.organization.uscc)).toBe(0);

    await app.http().post(REGISTER).set('Idempotency-Key', key).send(body).expect(201);
    expect(await orgsWithUscc(body.organization.uscc)).toBe(1);
    expect(await keyRows(key)).toBe(1);
  });

  it.each([
    ['300 characters', 'k'.repeat(300)],
    ['a space', 'has a space'],
    ['a slash', 'a/b'],
    ['an empty value', ''],
  ])('refuses a key with %s with 400 VALIDATION_FAILED and creates nothing', async (_label, key) => {
    const body = registrationBody();
    const res = await app.http().post(REGISTER).set('Idempotency-Key', key).send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      details: [{ field: 'Idempotency-Key', message: expect.any(String) }],
    });
    expect(await orgsWithUscc(body.organization.uscc)).toBe(0);
    expect(await keyRows(key)).toBe(0);
  });

  it('accepts a key of exactly 200 allowed characters', async () => {
    const key = `${newKey('max')}:_.`.padEnd(200, 'x');
    await app.http().post(REGISTER).set('Idempotency-Key', key).send(registrationBody()).expect(201);
    expect(await keyRows(key)).toBe(1);
  });

  it('works without a key and records nothing in idempotency_keys', async () => {
    const before = await count('SELECT 1 FROM idempotency_keys', []);
    const body = registrationBody();
    const a = await app.http().post(REGISTER).send(body).expect(201);
    expect(a.headers['idempotent-replayed']).toBeUndefined();
    // Without a key a retry is a new request: the duplicate USCC is refused, not replayed.
    const b = await app.http().post(REGISTER).send(body).expect(409);
    expect(b.body.code).toBe('ALREADY_EXISTS');
    expect(await orgsWithUscc(body.organization.uscc)).toBe(1);
    expect(await count('SELECT 1 FROM idempotency_keys', [])).toBe(before);
  });

  /**
   * A request's answer is stored with its key once as final. When the transaction that did the work stored the response
   * itself (the order's statement) and committed, the interceptor does not write it again; when a unit of work stored its
   * result (not final: the handler may answer otherwise) or nothing did (a batch of decisions, one unit of work per
   * task, detached from the key), the interceptor writes it. Either way the key holds what the client received. The
   * interceptor's write is counted on the app's own DataSource (the unit of work writes through its transaction's
   * runner, not through this).
   */
  it("stores the client's answer once: a committed transaction's answer is not written again", async () => {
    const finalWrites: string[] = [];
    const query = app.dataSource.query.bind(app.dataSource);
    const spy = jest.spyOn(app.dataSource, 'query').mockImplementation((...args: Parameters<typeof query>) => {
      const [sql, params] = args;
      if (/^UPDATE idempotency_keys SET status = 'completed'/.test(sql.trim())) finalWrites.push(String((params as unknown[])[0]));
      return query(...args);
    });
    try {
      const [enterprise, provider, reviewer, approver] = await Promise.all([login(app, DEMO.enterprise), admittedProvider(app, '330402'), login(app, DEMO.reviewer), login(app, DEMO.approver)]);
      const program = await openProgram(app, approver.auth);
      const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 100_000);
      const service = await listService(app, provider.auth, 20_000);
      const registration = registrationBody();
      const batch = { taskIds: [randomUUID()], decision: 'approve' };
      const requests = [
        { name: 'order', status: 201, written: false, send: (key: string) => app.http().post('/api/v1/service-orders').set(enterprise.auth).set('Idempotency-Key', key).send({ serviceId: service.id, voucherId, quantity: 1 }) },
        // A unit of work's result is never final (the handler may answer otherwise): the interceptor marks it final.
        { name: 'register', status: 201, written: true, send: (key: string) => app.http().post(REGISTER).set('Idempotency-Key', key).send(registration) },
        {
          name: 'batch',
          status: 200,
          written: true,
          send: (key: string) => app.http().post('/api/v1/approval-tasks/decisions').set(reviewer.auth).set('Idempotency-Key', key).send(batch),
        },
      ];
      for (const request of requests) {
        const key = newKey(request.name);
        const res = await request.send(key);
        expect([request.name, res.status]).toEqual([request.name, request.status]);
        const [row] = (await app.dataSource.query(`SELECT id::text, status, response_status, response_body FROM idempotency_keys WHERE key = $1`, [key])) as { id: string; status: string; response_status: number; response_body: unknown }[];
        expect({ name: request.name, status: row.status, responseStatus: row.response_status, body: row.response_body }).toEqual({ name: request.name, status: 'completed', responseStatus: request.status, body: res.body });
        expect([request.name, finalWrites.includes(row.id)]).toEqual([request.name, request.written]);
        const replay = await request.send(key);
        expect([replay.status, replay.headers['idempotent-replayed'], replay.body]).toEqual([request.status, 'true', res.body]);
      }
    } finally {
      spy.mockRestore();
    }
  });

  /**
   * The investor profile's POST writes the profile in a unit of work (which completes the key with its own result,
   * nothing) and then reads the profile back for its answer. The read-back also reads `roadshow_follows`, which the
   * unit does not write: a lock on that table holds the request between its commit and its answer.
   */
  describe('a request held between its commit and its answer', () => {
    const holders: QueryRunner[] = [];
    // A failed expectation must not leave the lock behind for the next test.
    afterEach(async () => {
      for (const holder of holders.splice(0)) {
        if (holder.isReleased) continue;
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
    });

    async function heldProfileUpdate(key: string, body: Record<string, unknown>) {
      const investor = await login(app, DEMO.investor);
      const holder = app.dataSource.createQueryRunner();
      holders.push(holder);
      await holder.connect();
      await holder.startTransaction();
      await holder.query(`LOCK TABLE roadshow_follows IN ACCESS EXCLUSIVE MODE`);
      const send = () => app.http().post('/api/v1/investor-profile').set(investor.auth).set('Idempotency-Key', key).send(body);
      // supertest sends a request when it is awaited or then'd: this one starts now and is awaited later.
      const first = send().then((res) => res);
      // The unit of work has committed with the key, and the read-back waits for the lock.
      for (let i = 0; ; i += 1) {
        const [row] = (await app.dataSource.query(`SELECT status, answer_final FROM idempotency_keys WHERE key = $1`, [key])) as { status: string; answer_final: boolean }[];
        const [waiting] = (await app.dataSource.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'SELECT project_id FROM roadshow_follows WHERE user_id%'`,
        )) as { pid: number }[];
        if (row?.status === 'completed' && waiting) {
          expect(row.answer_final).toBe(false);
          return { send, first, readBack: waiting.pid, release: async () => { await holder.rollbackTransaction(); await holder.release(); } };
        }
        if (i > 400) throw new Error(`the request did not reach its read-back: ${JSON.stringify(row)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }

    it("a replay in that moment is told the request is in progress, not the unit's result; then it gets the answer", async () => {
      const key = newKey('held');
      const held = await heldProfileUpdate(key, { focusIndustries: ['biomedicine'], ticketMinFen: 100_000 });
      const early = await held.send();
      expect([early.status, early.body.code, early.headers['retry-after']]).toEqual([409, 'IDEMPOTENCY_IN_PROGRESS', '1']);
      await held.release();
      const res = await held.first;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ focusIndustries: ['biomedicine'], ticketMinFen: 100_000 });
      const replay = await held.send();
      expect([replay.status, replay.headers['idempotent-replayed'], replay.body]).toEqual([200, 'true', res.body]);
      const [row] = await app.dataSource.query(`SELECT answer_final, response_body FROM idempotency_keys WHERE key = $1`, [key]);
      expect(row).toEqual({ answer_final: true, response_body: res.body });
      // The database keeps a key in progress final: only a committed unit of work leaves an answer that is not.
      await expect(app.dataSource.query(`UPDATE idempotency_keys SET status = 'in_progress', answer_final = false WHERE key = $1`, [key])).rejects.toThrow(
        /idempotency_keys_answer_final/,
      );
    });

    it('a request that fails after its commit keeps that error with its key: a retry is told the same, and nothing runs twice', async () => {
      const key = newKey('failed');
      const audits = () => count(`SELECT 1 FROM audit_events WHERE action = 'investor_profile.updated'`, []);
      const held = await heldProfileUpdate(key, { focusStages: ['seed'] });
      const written = await audits();
      // The read-back is cancelled: the handler throws after the profile was written.
      await app.dataSource.query(`SELECT pg_cancel_backend($1)`, [held.readBack]);
      const res = await held.first;
      await held.release();
      expect([res.status, res.body.code]).toEqual([500, 'INTERNAL_ERROR']);
      const retry = await held.send();
      expect([retry.status, retry.headers['idempotent-replayed'], retry.body]).toEqual([500, 'true', res.body]);
      expect(await audits()).toBe(written);
    });
  });
});
