import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { registerOrganization, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { caseOfSubject, decide, waitForCase, waitForTask } from '../support/approvals';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

// The retry test waits on BullMQ's real exponential backoff (2 s, then 4 s).
jest.setTimeout(120_000);

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  at: number;
}

/** A local receiver: records every request; a path may answer with a scripted series of statuses. */
class Receiver {
  readonly requests: Received[] = [];
  private readonly scripts = new Map<string, number[]>();
  private server?: Server;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.requests.push({ path, headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        const status = this.scripts.get(path)?.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'boom');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(path: string, statuses: number[]): void {
    this.scripts.set(path, [...statuses]);
  }

  at(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function expectSigned(request: Received, secret: string): void {
  const timestamp = request.headers['x-g60-timestamp'] as string;
  expect(timestamp).toMatch(/^\d+$/);
  expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(120);
  const expected = 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${request.rawBody}`).digest('hex');
  expect(request.headers['x-g60-signature']).toBe(expected);
  // A different secret or a tampered body does not verify.
  expect('sha256=' + createHmac('sha256', secret + 'x').update(`${timestamp}.${request.rawBody}`).digest('hex')).not.toBe(expected);
  expect('sha256=' + createHmac('sha256', secret).update(`${timestamp}.${request.rawBody} `).digest('hex')).not.toBe(expected);
}

interface Delivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

describe('outgoing webhooks: signed, retried, logged, scoped to the organisation', () => {
  let app: TestApp;
  let partner: Session;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    app = await startTestApp();
    partner = await login(app, DEMO.partner);
    // The receiver listens on loopback, which webhooks reach only once the platform admin allows it (webhooks-ssrf.e2e-spec.ts).
    const admin = await login(app, DEMO.admin);
    await app.http().post('/api/v1/admin/webhook-allowed-hosts').set(admin.auth).send({ host: '127.0.0.1', note: 'test receiver' }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
    await receiver.stop();
  });

  async function deliveries(auth: { Authorization: string }, webhookId: string): Promise<Delivery[]> {
    const res = await app.http().get(`/api/v1/webhooks/${webhookId}/deliveries`).set(auth).expect(200);
    return res.body;
  }

  it('a rejection is delivered once to the subscribed receiver, signed with the secret shown only at creation', async () => {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const created = await app.http().post('/api/v1/webhooks').set(provider.auth).send({ url: `${receiver.base}/hooks/all`, events: ['*'] }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      organizationId: provider.organization.id,
      url: `${receiver.base}/hooks/all`,
      events: ['*'],
      active: true,
      status: 'active',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      secret: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
    });
    const secret = created.body.secret as string;
    // Subscribed to approvals only: it must receive nothing for a rejection.
    const approvedOnly = await app.http().post('/api/v1/webhooks').set(provider.auth).send({ url: `${receiver.base}/hooks/approved-only`, events: ['approval_case.approved'] }).expect(201);

    const list = await app.http().get('/api/v1/webhooks').set(provider.auth).expect(200);
    expect(list.body.map((w: { id: string }) => w.id).sort()).toEqual([created.body.id, approvedOnly.body.id].sort());
    for (const w of list.body) expect(w).not.toHaveProperty('secret');

    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await decide(app, partner.auth, task.id, 'reject', '检测资质证明不全').expect(200);
    await waitForCase(app, provider.auth, caseId, (c) => c.case.status === 'rejected' && c.case.outcomeAppliedAt !== null, 'rejection');

    const [delivery] = await eventually(async () => {
      const log = await deliveries(provider.auth, created.body.id);
      return log.length === 1 && log[0].status === 'delivered' ? log : undefined;
    }, 20_000, 'delivery logged as delivered');
    expect(delivery).toMatchObject({ event: 'approval_case.rejected', status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null, deliveredAt: expect.any(String) });

    const got = receiver.at('/hooks/all');
    expect(got).toHaveLength(1);
    const [request] = got;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-g60-event']).toBe('approval_case.rejected');
    expect(request.headers['x-g60-delivery']).toBe(delivery.id);
    expectSigned(request, secret);
    expect(JSON.parse(request.rawBody)).toEqual({
      id: delivery.id,
      event: 'approval_case.rejected',
      data: { caseId, subjectType: 'provider_admission', subjectId: provider.organization.id, status: 'rejected', revision: 1, reason: '检测资质证明不全' },
    });
    expect(receiver.at('/hooks/approved-only')).toHaveLength(0);
    expect(await deliveries(provider.auth, approvedOnly.body.id)).toEqual([]);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE webhook_id = $1`, [created.body.id]);
    expect(n).toBe(1);
  });

  it('retries a failing receiver with backoff until it answers 200, logging every attempt', async () => {
    receiver.script('/hooks/flaky', [500, 500]);
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const created = await app.http().post('/api/v1/webhooks').set(provider.auth).send({ url: `${receiver.base}/hooks/flaky`, events: ['*'] }).expect(201);
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await decide(app, partner.auth, task.id, 'return', '请补充 CNAS 认可证书').expect(200);

    // After the first failure the log shows a pending delivery with the receiver's answer.
    // (Failed attempts are 2 s and 4 s apart, so polling sees this state.)
    const failedOnce = await eventually(async () => {
      const log = await deliveries(provider.auth, created.body.id);
      return log.length === 1 && log[0].attempts >= 1 && log[0].status === 'pending' ? log[0] : undefined;
    }, 20_000, 'a failed attempt logged');
    expect(failedOnce).toMatchObject({ event: 'approval_case.returned', lastStatusCode: 500, lastError: 'receiver answered 500', deliveredAt: null });
    expect([1, 2]).toContain(failedOnce.attempts);

    const [delivery] = await eventually(async () => {
      const log = await deliveries(provider.auth, created.body.id);
      return log.length === 1 && log[0].status === 'delivered' ? log : undefined;
    }, 25_000, 'delivery after retries');
    expect(delivery).toMatchObject({ event: 'approval_case.returned', status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null });

    const attempts = receiver.at('/hooks/flaky');
    expect(attempts).toHaveLength(3);
    expect(attempts.map((a) => a.headers['x-g60-delivery'])).toEqual([delivery.id, delivery.id, delivery.id]);
    expect(new Set(attempts.map((a) => a.rawBody)).size).toBe(1);
    const [{ secret }] = await app.dataSource.query(`SELECT secret FROM webhooks WHERE id = $1`, [created.body.id]);
    for (const a of attempts) expectSigned(a, secret);
    // Every attempt is in the log, newest first, paged.
    const page1 = await app.http().get(`/api/v1/webhooks/${created.body.id}/attempts?limit=2`).set(provider.auth).expect(200);
    expect(page1.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page1.body.items.map((a: { attempt: number; outcome: string; statusCode: number }) => [a.attempt, a.outcome, a.statusCode])).toEqual([[3, 'delivered', 200], [2, 'failed', 500]]);
    const page2 = await app.http().get(`/api/v1/webhooks/${created.body.id}/attempts?limit=2&offset=2`).set(provider.auth).expect(200);
    expect(page2.body.items).toEqual([expect.objectContaining({ attempt: 1, outcome: 'failed', statusCode: 500, error: 'receiver answered 500', deliveryId: delivery.id, address: '127.0.0.1' })]);
    // Exponential backoff from 2 s: about 2 s, then about 4 s between attempts.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1_900);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(3_900);
  });

  it('only the organisation reads its delivery log; only its admins create webhooks; URLs are validated', async () => {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const created = await app.http().post('/api/v1/webhooks').set(provider.auth).send({ url: `${receiver.base}/hooks/private`, events: ['*'] }).expect(201);

    // Another organisation (and an agency) cannot read the log, nor see the webhook.
    const other = await registerOrganization(app, { kind: 'enterprise' });
    const foreign = await app.http().get(`/api/v1/webhooks/${created.body.id}/deliveries`).set(other.auth).expect(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    await app.http().get(`/api/v1/webhooks/${created.body.id}/deliveries`).set(partner.auth).expect(404);
    const otherList = await app.http().get('/api/v1/webhooks').set(other.auth).expect(200);
    expect(otherList.body).toEqual([]);
    await app.http().get(`/api/v1/webhooks/${created.body.id}/deliveries`).set(provider.auth).expect(200);

    // A non-admin user of the same organisation cannot create webhooks.
    const invite = await app.http().post(`/api/v1/organizations/${provider.organization.id}/invitations`).set(provider.auth).send({ email: uniqueEmail('staff') }).expect(201);
    const accepted = await app.http().post('/api/v1/auth/invitations/accept').send({ token: invite.body.token, password: TEST_PASSWORD, displayName: '普通员工' }).expect(201);
    expect(accepted.body).toMatchObject({ role: 'provider_user', isOrgAdmin: false });
    const staff = await login(app, invite.body.email, TEST_PASSWORD);
    const denied = await app.http().post('/api/v1/webhooks').set(staff.auth).send({ url: `${receiver.base}/hooks/staff`, events: ['*'] }).expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    // Members read their organisation's webhooks and log, only admins pause or delete them.
    await app.http().get(`/api/v1/webhooks/${created.body.id}/attempts`).set(staff.auth).expect(200);
    expect((await app.http().post(`/api/v1/webhooks/${created.body.id}/pause`).set(staff.auth).expect(403)).body.code).toBe('FORBIDDEN');
    await app.http().delete(`/api/v1/webhooks/${created.body.id}`).set(staff.auth).expect(403);
    // The attempt log is the owner's too: another organisation and an agency get 404, as if it did not exist.
    for (const auth of [other.auth, partner.auth]) {
      await app.http().get(`/api/v1/webhooks/${created.body.id}/attempts`).set(auth).expect(404);
      await app.http().post(`/api/v1/webhooks/${created.body.id}/pause`).set(auth).expect(404);
      await app.http().delete(`/api/v1/webhooks/${created.body.id}`).set(auth).expect(404);
    }
    expect((await app.http().get(`/api/v1/webhooks/${created.body.id}/attempts?limit=0`).set(provider.auth).expect(400)).body.code).toBe('VALIDATION_FAILED');

    // Validation: only http(s) URLs, well-formed event names.
    for (const url of ['ftp://127.0.0.1/hook', 'javascript:alert(1)', 'not a url', '']) {
      const bad = await app.http().post('/api/v1/webhooks').set(provider.auth).send({ url, events: ['*'] }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'url' })]));
    }
    await app.http().post('/api/v1/webhooks').set(provider.auth).send({ url: `${receiver.base}/x`, events: ['Not An Event'] }).expect(400);
    await app.http().post('/api/v1/webhooks').set(provider.auth).send({ url: `${receiver.base}/x`, events: [] }).expect(400);

    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM webhooks WHERE organization_id = $1`, [provider.organization.id]);
    expect(n).toBe(1);
  });
  it('a paused webhook gets no deliveries until resumed; pause and resume follow the state table and are audited', async () => {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const paused = await app.http().post('/api/v1/webhooks').set(provider.auth).send({ url: `${receiver.base}/hooks/paused`, events: ['*'] }).expect(201);
    const control = await app.http().post('/api/v1/webhooks').set(provider.auth).send({ url: `${receiver.base}/hooks/control`, events: ['*'] }).expect(201);
    const res = await app.http().post(`/api/v1/webhooks/${paused.body.id}/pause`).set(provider.auth).set('Idempotency-Key', `pause-${paused.body.id}`).expect(200);
    expect(res.body).toMatchObject({ id: paused.body.id, active: false, status: 'paused' });
    // The same Idempotency-Key replays the answer; a second pause without it is an illegal transition.
    const replay = await app.http().post(`/api/v1/webhooks/${paused.body.id}/pause`).set(provider.auth).set('Idempotency-Key', `pause-${paused.body.id}`).expect(200);
    expect(replay.body).toEqual(res.body);
    const twice = await app.http().post(`/api/v1/webhooks/${paused.body.id}/pause`).set(provider.auth).expect(409);
    expect(twice.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { current: 'paused', event: 'pause' } });
    expect((await app.http().post(`/api/v1/webhooks/${control.body.id}/resume`).set(provider.auth).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    const listed = await app.http().get('/api/v1/webhooks').set(provider.auth).expect(200);
    expect(listed.body.find((w: { id: string }) => w.id === paused.body.id)).toMatchObject({ status: 'paused', active: false });

    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await decide(app, partner.auth, task.id, 'reject', '暂停测试').expect(200);
    // Both webhooks are fanned out in one transaction: once the control has its delivery, the paused one would have had its own.
    await eventually(async () => {
      const log = await deliveries(provider.auth, control.body.id);
      return log.length === 1 && log[0].status === 'delivered' ? log : undefined;
    }, 20_000, 'control delivery');
    expect(await deliveries(provider.auth, paused.body.id)).toEqual([]);
    expect(receiver.at('/hooks/paused')).toHaveLength(0);

    const resumed = await app.http().post(`/api/v1/webhooks/${paused.body.id}/resume`).set(provider.auth).expect(200);
    expect(resumed.body).toMatchObject({ active: true, status: 'active' });
    const audit = await app.dataSource.query(`SELECT action, before, after FROM audit_events WHERE subject_type = 'webhook' AND subject_id = $1 ORDER BY id`, [paused.body.id]);
    expect(audit).toEqual([
      { action: 'webhook.created', before: null, after: expect.any(Object) },
      { action: 'webhook.paused', before: { status: 'active' }, after: { status: 'paused' } },
      { action: 'webhook.resumed', before: { status: 'paused' }, after: { status: 'active' } },
    ]);
  });

  it('a deleted webhook is gone for its owner and receives nothing more', async () => {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const doomed = await app.http().post('/api/v1/webhooks').set(provider.auth).send({ url: `${receiver.base}/hooks/deleted`, events: ['*'] }).expect(201);
    const control = await app.http().post('/api/v1/webhooks').set(provider.auth).send({ url: `${receiver.base}/hooks/control-2`, events: ['*'] }).expect(201);
    const deleted = await app.http().delete(`/api/v1/webhooks/${doomed.body.id}`).set(provider.auth).expect(200);
    expect(deleted.body).toMatchObject({ id: doomed.body.id, status: 'deleted', active: false });
    expect((await app.http().get('/api/v1/webhooks').set(provider.auth).expect(200)).body.map((w: { id: string }) => w.id)).toEqual([control.body.id]);
    await app.http().delete(`/api/v1/webhooks/${doomed.body.id}`).set(provider.auth).expect(404);
    await app.http().post(`/api/v1/webhooks/${doomed.body.id}/resume`).set(provider.auth).expect(404);
    await app.http().get(`/api/v1/webhooks/${doomed.body.id}/deliveries`).set(provider.auth).expect(404);
    await app.http().get(`/api/v1/webhooks/${doomed.body.id}/attempts`).set(provider.auth).expect(404);

    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await decide(app, partner.auth, task.id, 'reject', '删除测试').expect(200);
    await eventually(async () => {
      const log = await deliveries(provider.auth, control.body.id);
      return log.length === 1 && log[0].status === 'delivered' ? log : undefined;
    }, 20_000, 'control delivery');
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE webhook_id = $1`, [doomed.body.id]);
    expect(n).toBe(0);
    expect(receiver.at('/hooks/deleted')).toHaveLength(0);
    const [{ action }] = await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_type = 'webhook' AND subject_id = $1 ORDER BY id DESC LIMIT 1`, [doomed.body.id]);
    expect(action).toBe('webhook.deleted');
  });
});
