import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApprovalTasksService } from '../../src/modules/approvals/approval-tasks.service';
import { MessageDeliveries } from '../../src/modules/notifications/messages/message-deliveries.service';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { sha256 } from '../../src/platform/auth/token.service';
import { JobName } from '../../src/platform/queue/queue.registry';
import { caseOfSubject, waitForTask } from '../support/approvals';
import { registerOrganization, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { linkIn, Mailbox } from '../support/mailbox';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, ledgerInvariants, listService, openProgram } from '../support/vouchers';

// Messages that reach people (issue 19): a real SMTP server and a real HTTP SMS gateway run inside the test.
jest.setTimeout(120_000);

const PORTAL = 'http://portal.g60.test';
const SMS_TOKEN = 'sms-gateway-token-for-tests';

interface SmsRequest {
  authorization?: string;
  idempotencyKey?: string;
  body: { to: string; text: string; reference: string };
}

/** A local SMS gateway: accepts numbers, refuses (400) those ending in 0000. */
async function startSmsGateway(received: SmsRequest[]): Promise<Server> {
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as SmsRequest['body'];
      received.push({ authorization: req.headers.authorization, idempotencyKey: req.headers['idempotency-key'] as string, body });
      if (body.to.endsWith('0000')) {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"isv.MOBILE_NUMBER_ILLEGAL"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return server;
}

async function deliveries(app: TestApp, where: string, params: unknown[]) {
  return (await app.dataSource.query(
    `SELECT id, channel, template, kind, recipient, status, attempts, last_error, secrets, params, sent_at FROM message_deliveries WHERE ${where} ORDER BY created_at`,
    params,
  )) as { id: string; channel: string; template: string; kind: string; recipient: string; status: string; attempts: number; last_error: string | null; secrets: unknown; params: Record<string, string>; sent_at: Date | null }[];
}

/**
 * The first delivery matching `where` once its sender has recorded the attempt: the SMTP server holds a message
 * before the sender's transaction marks the row sent, so a test that saw the e-mail waits for the row too.
 */
async function recordedDelivery(app: TestApp, where: string, params: unknown[]) {
  return eventually(async () => {
    const [row] = await deliveries(app, where, params);
    return row && row.status !== 'sending' ? row : undefined;
  }, 10_000, 'the delivery recorded');
}

describe('messages: e-mail over SMTP, SMS through a gateway, channel preferences', () => {
  const mailbox = new Mailbox();
  const sms: SmsRequest[] = [];
  let gateway: Server;
  let app: TestApp;
  let partner: Session;

  beforeAll(async () => {
    await mailbox.start();
    gateway = await startSmsGateway(sms);
    app = await startTestApp({
      env: {
        ...mailbox.env(),
        SMS_ADAPTER: 'http',
        SMS_HTTP_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
        SMS_HTTP_TOKEN: SMS_TOKEN,
        PORTAL_URL: PORTAL,
        LOGIN_IP_RATE_LIMIT_PER_MINUTE: '40',
      },
    });
    partner = await login(app, DEMO.partner);
  });

  afterAll(async () => {
    await app?.close();
    await mailbox.stop();
    await new Promise((r) => gateway?.close(r));
  });

  it('an invitation arrives by e-mail with the accept link, which creates the account', async () => {
    const me = await app.http().get('/api/v1/me').set(partner.auth).expect(200);
    const email = uniqueEmail('invitee');
    await app.http().post(`/api/v1/organizations/${me.body.organization.id}/invitations`).set(partner.auth).send({ email, role: 'partner_admin' }).expect(201);
    const [mail] = await eventually(async () => (mailbox.to(email).length ? mailbox.to(email) : undefined), 15_000, 'invitation e-mail');
    expect(mail.subject).toContain('邀请您加入');
    expect(mail.from).toContain('noreply@g60.test');
    expect(mail.html).toContain('<a href="http://portal.g60.test/accept-invitation?token=');
    const link = new URL(linkIn(mail, `${PORTAL}/accept-invitation?token=`));
    const token = link.searchParams.get('token') as string;
    await app.http().post('/api/v1/auth/invitations/accept').send({ token, password: TEST_PASSWORD, displayName: '邮件受邀人' }).expect(201);
    await login(app, email, TEST_PASSWORD);
    // Sent: the link (a secret) is gone from the delivery row.
    const row = await recordedDelivery(app, `recipient = $1`, [email]);
    expect(row).toMatchObject({ channel: 'email', template: 'account.invitation', status: 'sent', attempts: 1, secrets: null });
    expect(JSON.stringify(row.params)).not.toContain(token);
  });

  it('forgot password: always 202, e-mails a single-use link; the new password signs in', async () => {
    const user = await registerOrganization(app);
    const email = user.user.email;
    const unknown = uniqueEmail('nobody');
    const [a, b] = await Promise.all([
      app.http().post('/api/v1/auth/password/forgot').send({ email: email.toUpperCase() }),
      app.http().post('/api/v1/auth/password/forgot').send({ email: unknown }),
    ]);
    // Same answer whether or not the address has an account.
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body).toEqual(b.body);
    const [mail] = await eventually(async () => (mailbox.to(email, '重置密码').length ? mailbox.to(email, '重置密码') : undefined), 15_000, 'reset e-mail');
    const token = new URL(linkIn(mail, `${PORTAL}/reset-password?token=`)).searchParams.get('token') as string;
    expect(token.length).toBeGreaterThanOrEqual(40);

    // The account is not locked by a request anyone can make: the old password still works until the reset.
    await login(app, email, TEST_PASSWORD);
    const newPassword = 'Brand-new-passw0rd';
    await app.http().post('/api/v1/auth/password/reset').send({ token, newPassword }).expect(204);
    await login(app, email, newPassword);
    await expect(login(app, email, TEST_PASSWORD)).rejects.toThrow(/401/);
    // Single use.
    const again = await app.http().post('/api/v1/auth/password/reset').send({ token, newPassword: 'Another-passw0rd1' });
    expect(again.status).toBe(401);
    expect(again.body.message).toBe('The reset token is invalid, already used or expired');
    expect(mailbox.to(unknown)).toHaveLength(0);
    expect(mailbox.to(email, '重置密码')).toHaveLength(1);
    expect(await deliveries(app, `recipient = $1`, [unknown])).toHaveLength(0);
    // The reset link is not kept once sent.
    const row = await recordedDelivery(app, `recipient = $1 AND template = 'account.password_reset'`, [email]);
    expect(row).toMatchObject({ status: 'sent', secrets: null });
    const actions = (await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [user.user.id])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.password_reset_requested', 'user.password_reset_completed']));
  });

  it('approval reminders go by e-mail to the deciders, with a link to the case', async () => {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId);
    expect(await app.get(ApprovalTasksService).remind({ taskId: task.id })).toBe('reminded');
    const [{ title }] = await app.dataSource.query(`SELECT title FROM approval_cases WHERE id = $1`, [caseId]);
    const subject = `审批即将超时：${title}`;
    const [mail] = await eventually(async () => (mailbox.to(DEMO.partner, subject).length ? mailbox.to(DEMO.partner, subject) : undefined), 15_000, 'reminder e-mail');
    expect(mail.text).toContain(`${PORTAL}/review/cases/${caseId}`);
    expect(mail.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\+8\) 到期/);
    // Replaying the reminder (at-least-once delivery) sends nothing twice.
    expect(await app.get(ApprovalTasksService).remind({ taskId: task.id })).toBe('skipped');
    const rows = await deliveries(app, `kind = 'approval.task_reminder' AND recipient = $1 AND params->>'caseTitle' = $2`, [DEMO.partner, title]);
    expect(rows).toEqual([expect.objectContaining({ channel: 'email', template: 'approval.task_reminder', status: 'sent', attempts: 1 })]);
  });

  it('a notification e-mail is worded in its recipient’s language from kind + params (English, 简体 and 繁體), SMS too', async () => {
    const english = await registerOrganization(app, { kind: 'enterprise' });
    const chinese = await registerOrganization(app, { kind: 'enterprise' });
    const traditional = await registerOrganization(app, { kind: 'enterprise' });
    await app.http().put('/api/v1/me/preferences').set(english.auth).send({ locale: 'en' }).expect(200);
    await app.http().put('/api/v1/me/preferences').set(traditional.auth).send({ locale: 'zh-Hant' }).expect(200);
    await app.http().put('/api/v1/me/notification-preferences').set(english.auth).send({ phone: '+8613800138111', kinds: [{ kind: 'approval_outcomes', email: true, sms: true }] }).expect(200);
    const [jiaxing] = await app.dataSource.query(`SELECT name, name_en FROM regions WHERE code = '330400'`);
    const number = `CX-${Date.now()}`;
    // As the worker runs the job: the stored (Chinese) title and body, the params the words are made of.
    await app.get(NotificationsService).deliver({
      userIds: [english.user.id, chinese.user.id], kind: 'voucher_application.outcome', title: '创新券已发放', body: `券号 ${number}…`, dedupKey: `test:${number}`,
      params: { applicationNumber: 'SQ-1', variant: 'issued', voucherNumber: number, faceValueFen: 2_000_000, useBy: '2026-12-31' },
    });
    await app.get(NotificationsService).deliver({
      userIds: [english.user.id, chinese.user.id, traditional.user.id], kind: 'roadshow.referral_received', title: '项目推荐', body: '旧', dedupKey: `test:${number}:referral`,
      params: { projectTitle: number, fromCityCode: '330400' },
    });
    const [en] = await eventually(async () => (mailbox.to(english.user.email, '[G60] Voucher issued').length ? mailbox.to(english.user.email, '[G60] Voucher issued') : undefined), 15_000, 'English e-mail');
    expect(en.text).toContain(`Voucher ${number}, face value ¥20,000.00, use by 2026-12-31`);
    expect(en.text).not.toMatch(/[\u4e00-\u9fff]/);
    const [zh] = await eventually(async () => (mailbox.to(chinese.user.email, '【G60平台】创新券已发放').length ? mailbox.to(chinese.user.email, '【G60平台】创新券已发放') : undefined), 15_000, '简体 e-mail');
    expect(zh.text).toContain(`券号 ${number}，面额 ¥20,000.00，使用截止 2026-12-31`);
    // Region codes by their name in the reader's language (the regions cache).
    const [enReferral] = await eventually(async () => (mailbox.to(english.user.email, `[G60] Project referred: ${number}`).length ? mailbox.to(english.user.email, `[G60] Project referred: ${number}`) : undefined), 15_000, 'English referral');
    expect(enReferral.text).toContain(`${jiaxing.name_en} refers the roadshow project “${number}” to your city`);
    const [zhReferral] = await eventually(async () => (mailbox.to(chinese.user.email, `【G60平台】项目推荐：${number}`).length ? mailbox.to(chinese.user.email, `【G60平台】项目推荐：${number}`) : undefined), 15_000, '简体 referral');
    expect(zhReferral.text).toContain(`${jiaxing.name} 向贵市推荐路演项目「${number}」`);
    // 繁體: the words and the region's name (data, converted as the portal converts it: 嘉兴市 → 嘉興市).
    expect(jiaxing.name).toBe('嘉兴市');
    const [hantReferral] = await eventually(async () => (mailbox.to(traditional.user.email, `【G60平臺】項目推薦：${number}`).length ? mailbox.to(traditional.user.email, `【G60平臺】項目推薦：${number}`) : undefined), 15_000, '繁體 referral');
    expect(hantReferral.text).toContain(`嘉興市 向貴市推薦路演項目「${number}」`);
    // The SMS in English too.
    await eventually(async () => sms.find((r) => r.body.to === '+8613800138111' && r.body.text === '[G60] New notification: Voucher issued'), 15_000, 'English SMS');
  });

  it('each user chooses the channels per kind: an opted-out kind is not e-mailed, SMS goes through the gateway', async () => {
    const prefs = await app.http().get('/api/v1/me/notification-preferences').set(partner.auth).expect(200);
    expect(prefs.body).toMatchObject({ email: DEMO.partner, phone: null, available: { email: true, sms: true } });
    expect(prefs.body.kinds).toContainEqual({ kind: 'approval_tasks', email: true, sms: false });

    // Bad input: field-level messages, nothing written.
    const noPhone = await app.http().put('/api/v1/me/notification-preferences').set(partner.auth).send({ kinds: [{ kind: 'approval_tasks', email: false, sms: true }] }).expect(400);
    expect(noPhone.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'kinds[0].sms', message: 'needs a phone number on file' }] });
    const badPhone = await app.http().put('/api/v1/me/notification-preferences').set(partner.auth).send({ phone: '12ab' }).expect(400);
    expect(badPhone.body.details).toEqual([expect.objectContaining({ field: 'phone' })]);
    const badKind = await app.http().put('/api/v1/me/notification-preferences').set(partner.auth).send({ kinds: [{ kind: 'nonsense', email: false, sms: false }] }).expect(400);
    expect(badKind.body.details).toEqual([expect.objectContaining({ field: 'kinds[0].kind' })]);
    expect((await app.http().get('/api/v1/me/notification-preferences').set(partner.auth).expect(200)).body).toEqual(prefs.body);

    const set = await app.http().put('/api/v1/me/notification-preferences').set(partner.auth)
      .send({ phone: '+8613800138000', kinds: [{ kind: 'approval_tasks', email: false, sms: true }] }).expect(200);
    expect(set.body.kinds).toContainEqual({ kind: 'approval_tasks', email: false, sms: true });
    expect(set.body.kinds).toContainEqual({ kind: 'roadshows', email: true, sms: false });
    expect(set.body.phone).toBe('+8613800138000');

    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId);
    await app.get(ApprovalTasksService).remind({ taskId: task.id });
    const [{ title }] = await app.dataSource.query(`SELECT title FROM approval_cases WHERE id = $1`, [caseId]);
    const text = await eventually(async () => sms.find((r) => r.body.text.includes(`审批即将超时：${title}`)), 15_000, 'reminder SMS');
    expect(text).toMatchObject({ authorization: `Bearer ${SMS_TOKEN}`, body: { to: '+8613800138000' } });
    // In-app always; no e-mail for the opted-out kind.
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'approval.task_reminder' AND subject_id = $1 AND user_id = (SELECT id FROM users WHERE email = $2)`, [caseId, DEMO.partner]);
    expect(n).toBe(1);
    // The gateway answered; the delivery is marked sent just after.
    const rows = await eventually(async () => {
      const found = await deliveries(app, `kind = 'approval.task_reminder' AND recipient IN ($1, $2) AND params->>'caseTitle' = $3`, [DEMO.partner, '+8613800138000', title]);
      return found.every((r) => r.status !== 'pending' && r.status !== 'sending') ? found : undefined;
    }, 10_000, 'SMS delivery recorded');
    expect(rows).toEqual([expect.objectContaining({ channel: 'sms', status: 'sent', attempts: 1 })]);
    expect(text.idempotencyKey).toBe(rows[0].id);
    expect(mailbox.to(DEMO.partner, title)).toHaveLength(0);

    // A number the gateway refuses (4xx) fails for good at once, and says why.
    await app.http().put('/api/v1/me/notification-preferences').set(partner.auth).send({ phone: '+8613800000000' }).expect(200);
    const second = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const secondCase = await caseOfSubject(app, second.organization.id);
    await app.get(ApprovalTasksService).remind({ taskId: (await waitForTask(app, partner.auth, secondCase)).id });
    const failed = await eventually(async () => {
      const [row] = await deliveries(app, `channel = 'sms' AND recipient = '+8613800000000'`, []);
      return row?.status === 'failed' ? row : undefined;
    }, 15_000, 'failed SMS');
    expect(failed).toMatchObject({ attempts: 1, last_error: expect.stringContaining('HTTP 400') });
    // Operators see it, the number masked; nobody else may look.
    const admin = await login(app, DEMO.admin);
    const listed = await app.http().get('/api/v1/admin/message-deliveries?status=failed&channel=sms').set(admin.auth).expect(200);
    expect(listed.body).toContainEqual(expect.objectContaining({ id: failed.id, recipient: expect.stringMatching(/^\*+0000$/), status: 'failed', attempts: 1, lastError: expect.stringContaining('HTTP 400') }));
    await app.http().get('/api/v1/admin/message-deliveries').set(partner.auth).expect(403);
    // Paged newest first: pages of two, by offset, put together are the whole list, in order and without repeats. A
    // delivery made meanwhile (a reminder's) would shift the pages: compared only while the whole list stays the same.
    const wholeList = async () => ((await app.http().get('/api/v1/admin/message-deliveries?limit=500').set(admin.auth).expect(200)).body as { id: string }[]).map((d) => d.id);
    const { whole, paged } = await eventually(async () => {
      const before = await wholeList();
      const pages: string[] = [];
      for (let offset = 0; offset < before.length + 2; offset += 2) {
        const page = await app.http().get(`/api/v1/admin/message-deliveries?limit=2&offset=${offset}`).set(admin.auth).expect(200);
        expect(page.body.length).toBeLessThanOrEqual(2);
        pages.push(...page.body.map((d: { id: string }) => d.id));
      }
      return JSON.stringify(await wholeList()) === JSON.stringify(before) ? { whole: before, paged: pages } : undefined;
    }, 15_000, 'a stable list of deliveries to page through');
    expect(whole.length).toBeGreaterThan(2);
    expect(paged).toEqual(whole);
    const badOffset = await app.http().get('/api/v1/admin/message-deliveries?offset=-1').set(admin.auth).expect(400);
    expect([badOffset.body.code, badOffset.body.details]).toEqual(['VALIDATION_FAILED', [{ field: 'offset', message: expect.any(String) }]]);

    // Removing the number turns SMS off; back to the defaults for the tests after this one.
    const cleared = await app.http().put('/api/v1/me/notification-preferences').set(partner.auth).send({ phone: null, kinds: [{ kind: 'approval_tasks', email: true, sms: false }] }).expect(200);
    expect(cleared.body.phone).toBeNull();
    expect(cleared.body.kinds.every((k: { sms: boolean }) => !k.sms)).toBe(true);
    const audit = await app.dataSource.query(`SELECT after FROM audit_events WHERE action = 'user.notification_preferences_changed' ORDER BY id DESC LIMIT 1`);
    expect(JSON.stringify(audit[0].after)).not.toContain('138');
  });

  it('an order’s notice to the lab is written by the order’s own statement and e-mailed in the lab user’s language; orders refused or rolled back notify nobody; a status change notifies in its own transaction', async () => {
    const [approver, reviewer] = await Promise.all([DEMO.approver, DEMO.reviewer].map((email) => login(app, email)));
    const lab = await admittedProvider(app, '330402');
    await app.http().put('/api/v1/me/preferences').set(lab.auth).send({ locale: 'en' }).expect(200);
    const enterprise = await registerOrganization(app, { kind: 'enterprise' });
    const program = await openProgram(app, approver.auth);
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 25_000);
    // ¥100 is under the programme's full-coverage threshold: each order holds ¥100 while the voucher has it.
    const service = await listService(app, lab.auth, 10_000, '拉伸性能测试');
    // Eight orders at once on ¥250: two of ¥100, one of the ¥50 left, the rest refused. The orders that lose
    // the race for the balance are rolled back inside their statement (notice included) and priced again.
    const results = await Promise.all(Array.from({ length: 8 }, () =>
      app.http().post('/api/v1/service-orders').set(enterprise.auth).set('Idempotency-Key', randomUUID()).send({ voucherId, serviceId: service.id, quantity: 1 })));
    const placed = results.filter((r) => r.status === 201).map((r) => r.body as { id: string; number: string; subsidyHeldFen: number });
    expect(placed.map((o) => o.subsidyHeldFen).sort((a, b) => a - b)).toEqual([5_000, 10_000, 10_000]);
    expect(results.filter((r) => r.status !== 201).map((r) => r.status)).toEqual(Array(5).fill(422));

    // In the lab's inbox as soon as the order is answered (no job runs for it), one notice per placed order.
    const notices = (await app.dataSource.query(
      `SELECT id, kind, title, subject_id, params FROM notifications WHERE user_id = $1 ORDER BY subject_id`,
      [lab.user.id],
    )) as { id: string; kind: string; title: string; subject_id: string; params: Record<string, unknown> }[];
    expect(notices.filter((n) => n.kind === 'service_order.changed')).toEqual(
      [...placed].sort((a, b) => a.id.localeCompare(b.id)).map((o) => ({
        id: expect.any(String), kind: 'service_order.changed', title: '新的服务订单', subject_id: o.id,
        params: { number: o.number, variant: 'placed', serviceName: '拉伸性能测试', quantity: 1 },
      })),
    );
    const queued = await app.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = $1 AND payload->>'subjectId' = ANY($2)`, [JobName.DeliverNotification, placed.map((o) => o.id)]);
    expect(queued).toEqual([{ n: 0 }]);
    const orderNotices = notices.filter((n) => n.kind === 'service_order.changed').map((n) => n.id);
    // Their e-mails: one delivery each, written with the order, sent by the DeliverMessage job, in English.
    const sent = await eventually(async () => {
      const rows = await deliveries(app, `notification_id = ANY($1)`, [orderNotices]);
      return rows.length === 3 && rows.every((r) => r.status === 'sent') ? rows : undefined;
    }, 15_000, 'the order e-mails sent');
    expect(sent.map((r) => ({ channel: r.channel, recipient: r.recipient, kind: r.kind }))).toEqual(Array(3).fill({ channel: 'email', recipient: lab.user.email, kind: 'service_order.changed' }));
    const mails = mailbox.to(lab.user.email, '[G60] New service order');
    expect(mails).toHaveLength(3);
    expect(mails.map((m) => m.text.match(/Order (DD\S+): /)?.[1]).sort()).toEqual(placed.map((o) => o.number).sort());
    expect(mails.every((m) => m.text.includes('拉伸性能测试 × 1'))).toBe(true);

    // The lab accepts one: the enterprise's notice is written in that transaction too, and e-mailed (简体).
    await app.http().post(`/api/v1/service-orders/${placed[0].id}/accept`).set(lab.auth).set('Idempotency-Key', randomUUID()).send({}).expect(200);
    const [accepted] = await app.dataSource.query(`SELECT id, params FROM notifications WHERE user_id = $1 AND subject_id = $2`, [enterprise.user.id, placed[0].id]);
    expect(accepted.params).toEqual({ number: placed[0].number, variant: 'status', status: 'accepted' });
    const statusJobs = await app.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = $1 AND payload->>'subjectId' = $2`, [JobName.DeliverNotification, placed[0].id]);
    expect(statusJobs).toEqual([{ n: 0 }]);
    await eventually(async () => mailbox.to(enterprise.user.email, '【G60平台】订单状态更新').length === 1, 15_000, 'the enterprise’s e-mail');
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
  });

  it('SMTP down, then up: the e-mail is retried with backoff and delivered once', async () => {
    const user = await registerOrganization(app);
    const email = user.user.email;
    await eventually(async () => mailbox.to(email).length === 1, 15_000, 'welcome e-mail');
    await mailbox.stop();
    await app.http().post('/api/v1/auth/password/forgot').send({ email }).expect(202);
    const pending = await eventually(async () => {
      const [row] = await deliveries(app, `recipient = $1 AND template = 'account.password_reset'`, [email]);
      return row && row.attempts >= 2 && row.status === 'pending' ? row : undefined;
    }, 20_000, 'failed attempts while SMTP is down');
    expect(pending.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(pending.secrets).not.toBeNull();
    await mailbox.start();
    await eventually(async () => mailbox.to(email, '重置密码').length === 1, 30_000, 'reset e-mail after SMTP came back');
    const row = await recordedDelivery(app, `recipient = $1 AND template = 'account.password_reset'`, [email]);
    expect(row).toMatchObject({ status: 'sent', secrets: null, last_error: null });
    expect(row.attempts).toBeGreaterThanOrEqual(3);
    // Nothing more arrives later.
    await new Promise((r) => setTimeout(r, 500));
    expect(mailbox.to(email, '重置密码')).toHaveLength(1);
  });

  it('parallel and replayed jobs of one delivery send it once', async () => {
    const service = app.get(MessageDeliveries);
    const email = uniqueEmail('parallel');
    const [job] = await app.dataSource.transaction((m) =>
      service.add(m, [{ dedupKey: `test:${email}`, channel: 'email', template: 'notification', kind: 'test.parallel', userId: null, recipient: email, locale: 'en', params: { title: 'Parallel', body: 'once', link: PORTAL } }]),
    );
    // Adding it again is a no-op.
    expect(await app.dataSource.transaction((m) => service.add(m, [{ dedupKey: `test:${email}`, channel: 'email', template: 'notification', kind: 'test.parallel', userId: null, recipient: email, locale: 'en', params: { title: 'x', body: 'y' } }]))).toEqual([]);
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => service.deliver(job.payload, { jobId: `p${i}`, attempt: 1 })));
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'sent')).toHaveLength(1);
    expect(await service.deliver(job.payload, { jobId: 'late', attempt: 2 })).toBe('skipped');
    await eventually(async () => mailbox.to(email).length === 1, 10_000, 'the one e-mail');
    const [mail] = mailbox.to(email);
    expect(mail.subject).toBe('[G60] Parallel');
    expect(mail.messageId).toBe(`<${job.payload.deliveryId}@g60.messages>`);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailbox.to(email)).toHaveLength(1);
  });

  it('forgot password is rate limited: per address silently (still 202), per client address with 429', async () => {
    const user = await registerOrganization(app);
    const email = user.user.email;
    for (let i = 0; i < 5; i += 1) await app.http().post('/api/v1/auth/password/forgot').send({ email }).expect(202);
    // PASSWORD_FORGOT_PER_EMAIL_PER_HOUR = 3: three links, each replacing the one before.
    await eventually(async () => mailbox.to(email, '重置密码').length === 3, 15_000, 'three reset e-mails');
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM password_reset_tokens WHERE user_id = $1 AND used_at IS NULL`, [user.user.id]);
    expect(n).toBe(1);
    const tokens = mailbox.to(email, '重置密码').map((m) => new URL(linkIn(m, `${PORTAL}/reset-password?token=`)).searchParams.get('token') as string);
    const [{ live }] = await app.dataSource.query(`SELECT count(*)::int AS live FROM password_reset_tokens WHERE token_hash = ANY($1) AND used_at IS NULL`, [tokens.map(sha256)]);
    expect(live).toBe(1);

    // LOGIN_IP_RATE_LIMIT_PER_MINUTE = 40 per client address (this spec sent 7 so far).
    const burst = await Promise.all(Array.from({ length: 40 }, () => app.http().post('/api/v1/auth/password/forgot').send({ email: uniqueEmail('burst') })));
    const refused = burst.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(burst.every((r) => r.status === 202 || r.status === 429)).toBe(true);
    expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);
    expect(refused[0].body).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
