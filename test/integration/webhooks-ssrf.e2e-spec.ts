import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { sendWebhook } from '../../src/modules/notifications/webhooks/webhook-sender';
import { parseWebhookUrl } from '../../src/modules/notifications/webhooks/webhook-address';
import { caseOfSubject, decide, waitForTask } from '../support/approvals';
import { registerOrganization } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

// Refused deliveries are final; a redirect is retried with BullMQ's backoff (2 s, 4 s …), the test reads the first attempt.
jest.setTimeout(120_000);

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
}

interface Attempt {
  deliveryId: string;
  event: string;
  attempt: number;
  outcome: string;
  statusCode: number | null;
  error: string | null;
  address: string | null;
  durationMs: number;
  attemptedAt: string;
}

/** docs/security.md, "Outbound calls (webhooks)". */
describe('webhooks never reach internal addresses unless the platform admin allows the host', () => {
  let app: TestApp;
  let admin: Session;
  let partner: Session;
  let server: Server;
  let base = '';
  let port = 0;
  const requests: Received[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push({ path: req.url ?? '/', headers: req.headers });
      req.resume();
      req.on('end', () => {
        if (req.url === '/redirect') res.writeHead(302, { location: `${base}/redirect-target` }).end();
        // An endless answer: the sender must stop reading it.
        else if (req.url === '/endless') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          const chunk = Buffer.alloc(16 * 1024, 0x61);
          const pump = () => {
            while (!res.destroyed && res.write(chunk));
            if (!res.destroyed) res.once('drain', pump);
          };
          pump();
        }
        else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    app = await startTestApp();
    admin = await login(app, DEMO.admin);
    partner = await login(app, DEMO.partner);
  });
  afterAll(async () => {
    await app?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  const at = (path: string) => requests.filter((r) => r.path === path);

  /** A fresh Shanghai provider whose admission the partner admin sends back: one approval_case.returned event. */
  async function provider() {
    return registerOrganization(app, { kind: 'provider', regionCode: '310000' });
  }
  async function fireEvent(providerId: string): Promise<void> {
    const caseId = await caseOfSubject(app, providerId);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await decide(app, partner.auth, task.id, 'return', '请补充材料').expect(200);
  }
  async function attempts(auth: { Authorization: string }, webhookId: string): Promise<Attempt[]> {
    const res = await app.http().get(`/api/v1/webhooks/${webhookId}/attempts`).set(auth).expect(200);
    return res.body.items;
  }

  it('refuses loopback, private, link-local, metadata and IPv6 loopback URLs, and names resolving to them, with 400 on url', async () => {
    const owner = await provider();
    const refused = [
      'http://127.0.0.1/hook',
      `http://127.0.0.1:${port}/hook`,
      'http://10.1.2.3/hook',
      'http://192.168.0.10/hook',
      'http://172.16.5.4:8080/hook',
      'http://100.64.0.1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[fd00:ec2::254]/hook',
      'http://[fe80::1]/hook',
      'http://0.0.0.0/hook',
      'http://2130706433/hook', // 127.0.0.1 spelt as one number
      `http://localhost:${port}/hook`,
      'https://user:secret@example.com/hook',
    ];
    for (const url of refused) {
      const res = await app.http().post('/api/v1/webhooks').set(owner.auth).send({ url, events: ['*'] });
      expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details).toEqual([{ field: 'url', message: expect.any(String) }]);
    }
    const metadata = await app.http().post('/api/v1/webhooks').set(owner.auth).send({ url: 'http://169.254.169.254/', events: ['*'] }).expect(400);
    expect(metadata.body.details[0].message).toContain('metadata');
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM webhooks WHERE organization_id = $1`, [owner.organization.id]);
    expect(n).toBe(0);
    expect(requests).toHaveLength(0);
  });

  it('only the platform admin manages the allow-list; every change is audited; metadata addresses cannot be allowed', async () => {
    const owner = await provider();
    await app.http().get('/api/v1/admin/webhook-allowed-hosts').set(owner.auth).expect(403);
    await app.http().post('/api/v1/admin/webhook-allowed-hosts').set(owner.auth).send({ host: '127.0.0.1' }).expect(403);
    await app.http().post('/api/v1/admin/webhook-allowed-hosts').set(partner.auth).send({ host: '127.0.0.1' }).expect(403);
    for (const host of ['169.254.169.254', '[fd00:ec2::254]']) {
      const bad = await app.http().post('/api/v1/admin/webhook-allowed-hosts').set(admin.auth).send({ host }).expect(400);
      expect(bad.body.details).toEqual([{ field: 'host', message: expect.stringContaining('metadata') }]);
    }
    await app.http().post('/api/v1/admin/webhook-allowed-hosts').set(admin.auth).send({ host: 'http://x/' }).expect(400);

    const added = await app.http().post('/api/v1/admin/webhook-allowed-hosts').set(admin.auth).send({ host: '[::1]', note: 'test' }).expect(201);
    expect(added.body).toMatchObject({ host: '::1', note: 'test' });
    const again = await app.http().post('/api/v1/admin/webhook-allowed-hosts').set(admin.auth).send({ host: '::1' }).expect(409);
    expect(again.body.code).toBe('ALREADY_EXISTS');
    const list = await app.http().get('/api/v1/admin/webhook-allowed-hosts').set(admin.auth).expect(200);
    expect(list.body.map((h: { host: string }) => h.host)).toContain('::1');
    await app.http().delete(`/api/v1/admin/webhook-allowed-hosts/${encodeURIComponent('::1')}`).set(admin.auth).expect(200);
    await app.http().delete(`/api/v1/admin/webhook-allowed-hosts/${encodeURIComponent('::1')}`).set(admin.auth).expect(404);
    const audit = await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_type = 'webhook_allowed_host' AND subject_id = '::1' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['webhook.allowed_host.added', 'webhook.allowed_host.removed']);
  });

  it('after the admin allow-lists 127.0.0.1 a local receiver gets deliveries; removing it refuses them at delivery time', async () => {
    const owner = await provider();
    await app.http().post('/api/v1/admin/webhook-allowed-hosts').set(admin.auth).send({ host: '127.0.0.1', note: 'local receiver' }).expect(201);
    const hook = await app.http().post('/api/v1/webhooks').set(owner.auth).send({ url: `${base}/allowed`, events: ['*'] }).expect(201);
    await fireEvent(owner.organization.id);
    const [delivered] = await eventually(async () => {
      const log = await attempts(owner.auth, hook.body.id);
      return log.length === 1 ? log : undefined;
    }, 20_000, 'delivered attempt');
    expect(delivered).toMatchObject({ event: 'approval_case.returned', attempt: 1, outcome: 'delivered', statusCode: 200, error: null, address: '127.0.0.1' });
    expect(delivered.durationMs).toBeGreaterThanOrEqual(0);
    expect(at('/allowed')).toHaveLength(1);

    // Allowed when created, no longer when delivered: refused, logged, not retried, nothing sent.
    const second = await provider();
    const later = await app.http().post('/api/v1/webhooks').set(second.auth).send({ url: `${base}/removed-later`, events: ['*'] }).expect(201);
    await app.http().delete('/api/v1/admin/webhook-allowed-hosts/127.0.0.1').set(admin.auth).expect(200);
    await fireEvent(second.organization.id);
    const [refused] = await eventually(async () => {
      const log = await attempts(second.auth, later.body.id);
      return log.length === 1 ? log : undefined;
    }, 20_000, 'refused attempt');
    expect(refused).toMatchObject({ attempt: 1, outcome: 'refused', statusCode: null, address: null });
    expect(refused.error).toContain('127.0.0.1');
    const deliveries = await app.http().get(`/api/v1/webhooks/${later.body.id}/deliveries`).set(second.auth).expect(200);
    expect(deliveries.body).toEqual([expect.objectContaining({ status: 'refused', attempts: 1 })]);
    expect(at('/removed-later')).toHaveLength(0);
  });

  it('a redirect is not followed: the 3xx is a failed attempt and its target is never called', async () => {
    await app.http().post('/api/v1/admin/webhook-allowed-hosts').set(admin.auth).send({ host: '127.0.0.1' });
    const owner = await provider();
    const hook = await app.http().post('/api/v1/webhooks').set(owner.auth).send({ url: `${base}/redirect`, events: ['*'] }).expect(201);
    await fireEvent(owner.organization.id);
    const log = await eventually(async () => {
      const rows = await attempts(owner.auth, hook.body.id);
      return rows.length >= 1 ? rows : undefined;
    }, 20_000, 'redirect attempt');
    expect(log[log.length - 1]).toMatchObject({ attempt: 1, outcome: 'failed', statusCode: 302, error: expect.stringContaining('redirects are not followed') });
    expect(at('/redirect').length).toBeGreaterThanOrEqual(1);
    expect(at('/redirect-target')).toHaveLength(0);
  });

  it('reads at most WEBHOOK_MAX_RESPONSE_BYTES of an answer that never ends, and finishes', async () => {
    const target = { ...parseWebhookUrl(`${base}/endless`), address: '127.0.0.1', family: 4 as const };
    const result = await sendWebhook(target, { 'content-type': 'application/json' }, '{}');
    expect(result).toMatchObject({ statusCode: 200, error: null });
  });

  it('connects to exactly the checked address: the host name is never looked up again (DNS rebinding)', async () => {
    // "rebinding.invalid" resolves nowhere; the request still arrives because the socket uses the pinned address.
    const target = { ...parseWebhookUrl(`http://rebinding.invalid:${port}/pinned`), address: '127.0.0.1', family: 4 as const };
    const result = await sendWebhook(target, { 'content-type': 'application/json' }, '{}');
    expect(result).toMatchObject({ statusCode: 200, error: null });
    const [got] = at('/pinned');
    expect(got.headers.host).toBe(`rebinding.invalid:${port}`);
  });
});
