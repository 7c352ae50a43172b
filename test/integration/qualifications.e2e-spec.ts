import { randomBytes } from 'node:crypto';
import { Role } from '../../src/platform/context/actor';
import { QualificationVerificationSubject } from '../../src/modules/organizations/qualifications/qualification-verification.subject';
import { decide } from '../support/approvals';
import { registerOrganization, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import {
  declareQualification, jpegBytes, pdfBytes, pngBytes, qualificationFields, qualificationStatus, verificationTask, verifiedQualification,
} from '../support/qualifications';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, listService, openProgram } from '../support/vouchers';

type Auth = { Authorization: string };

/** 40 % by default, 50 % for a tech SME, 60 % for a high-tech enterprise (the issue's example). */
const RATIOS = { ratioBpByTier: { default: 4000, tech_sme: 5000, high_tech: 6000 } };
const MAX_FILE_BYTES = 64 * 1024;

describe('qualifications are verified by the district bureau before they change a ratio (docs/security.md, "Qualifications")', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  let admin: Session;
  let xiuzhouReviewer: Session;
  let lab: { auth: Auth; service: { id: string } };

  beforeAll(async () => {
    app = await startTestApp({ env: { QUALIFICATION_FILE_MAX_BYTES: String(MAX_FILE_BYTES) } });
    [approver, reviewer, admin] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.reviewer), login(app, DEMO.admin)]);
    // A reviewer of another district (秀洲区): not the bureau of a 南湖区 enterprise.
    const xiuzhouBureau = (await app.http().get('/api/v1/organizations?kind=agency&regionCode=330411').set(admin.auth).expect(200)).body[0];
    xiuzhouReviewer = await login(app, await invite(admin.auth, xiuzhouBureau.id, Role.Reviewer), TEST_PASSWORD);
    const provider = await admittedProvider(app, '330402');
    lab = { auth: provider.auth, service: await listService(app, provider.auth, 200_000) };
  });
  afterAll(() => app.close());

  async function invite(by: Auth, organizationId: string, role?: Role, isOrgAdmin = false): Promise<string> {
    const email = uniqueEmail('invited');
    const res = await app.http().post(`/api/v1/organizations/${organizationId}/invitations`).set(by).send({ email, ...(role ? { role } : {}), isOrgAdmin }).expect(201);
    await app.http().post('/api/v1/auth/invitations/accept').send({ token: res.body.token, password: TEST_PASSWORD, displayName: '被邀请用户' }).expect(201);
    return email;
  }

  const nanhuEnterprise = () => registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
  const limits = async (auth: Auth, programId: string) => (await app.http().get(`/api/v1/programs/${programId}/limits`).set(auth).expect(200)).body;
  const quote = async (auth: Auth, voucherId: string) =>
    (await app.http().post('/api/v1/service-orders/quote').set(auth).send({ serviceId: lab.service.id, voucherId, quantity: 1 }).expect(200)).body;
  const qualificationCount = async (organizationId: string) =>
    ((await app.dataSource.query(`SELECT count(*)::int AS n FROM enterprise_qualifications WHERE organization_id = $1`, [organizationId])) as { n: number }[])[0].n;

  /** An enterprise of 南湖区 with a ¥10,000 voucher of a 40/50/60 % programme. */
  async function enterpriseWithVoucher() {
    const program = await openProgram(app, approver.auth, RATIOS);
    const enterprise = await nanhuEnterprise();
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 1_000_000);
    return { program, enterprise, voucherId };
  }

  it('a declared qualification changes neither the limits nor the quote; verified by the district bureau, it does', async () => {
    const { program, enterprise, voucherId } = await enterpriseWithVoucher();
    const fields = qualificationFields('high_tech');
    const declared = await declareQualification(app, enterprise.auth, enterprise.organization.id, fields, { content: pdfBytes(), name: '高新技术企业证书.pdf' }).expect(201);
    expect(declared.body).toMatchObject({ ...fields, status: 'declared', decidedAt: null, certificate: { fileName: '高新技术企业证书.pdf', contentType: 'application/pdf', sizeBytes: 600 } });

    // The workflow takes it into review at once; it still counts for nothing.
    const { caseId, task } = await verificationTask(app, reviewer.auth, declared.body.id);
    expect(await qualificationStatus(app, declared.body.id)).toBe('in_review');
    expect(await limits(enterprise.auth, program.id)).toMatchObject({ tier: 'default', ratioBp: 4000, qualifications: [{ id: declared.body.id, status: 'in_review', validToday: false }] });
    expect(await quote(enterprise.auth, voucherId)).toMatchObject({ contractAmountFen: 200_000, ratioBp: 4000, subsidyFen: 80_000 });

    // The case shows the declaration and where its certificate is; the reviewer opens it.
    const detail = await app.http().get(`/api/v1/approval-cases/${caseId}`).set(reviewer.auth).expect(200);
    expect(detail.body.case).toMatchObject({ subjectType: 'qualification_verification', subjectId: declared.body.id, regionCode: '330402', applicantOrgId: enterprise.organization.id });
    const snapshot = detail.body.revisions[0].snapshot;
    expect(snapshot).toMatchObject({ ...fields, qualificationId: declared.body.id, certificate: { downloadPath: `/qualifications/${declared.body.id}/certificate`, contentType: 'application/pdf' } });
    const file = await app.http().get(`/api/v1${snapshot.certificate.downloadPath}`).set(reviewer.auth).buffer(true).expect(200);
    expect(Buffer.compare(file.body as Buffer, pdfBytes())).toBe(0);

    await decide(app, reviewer.auth, task.id, 'approve', '证书与全国高企名单一致').expect(200);
    await eventually(async () => (await qualificationStatus(app, declared.body.id)) === 'verified', 20_000, 'verified');
    expect(await limits(enterprise.auth, program.id)).toMatchObject({ tier: 'high_tech', ratioBp: 6000, qualifications: [{ id: declared.body.id, status: 'verified', validToday: true }] });
    expect(await quote(enterprise.auth, voucherId)).toMatchObject({ ratioBp: 6000, subsidyFen: 120_000 });
    const org = await app.http().get(`/api/v1/organizations/${enterprise.organization.id}`).set(enterprise.auth).expect(200);
    expect(org.body.qualifications).toEqual([expect.objectContaining({ id: declared.body.id, status: 'verified', decidedAt: expect.any(String), version: 3 })]);
    const audit = (await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [declared.body.id])) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['organization.qualification.declared', 'organization.qualification.start_review', 'organization.qualification.verify']);
  });

  it('a rejected qualification and an expired verified one change nothing', async () => {
    const { program, enterprise, voucherId } = await enterpriseWithVoucher();
    const rejected = await declareQualification(app, enterprise.auth, enterprise.organization.id, qualificationFields('high_tech')).expect(201);
    const { task } = await verificationTask(app, reviewer.auth, rejected.body.id);
    await decide(app, reviewer.auth, task.id, 'reject', '证书编号查无此证').expect(200);
    await eventually(async () => (await qualificationStatus(app, rejected.body.id)) === 'rejected', 20_000, 'rejected');
    // Expired on the pricing date, though verified.
    await verifiedQualification(app, enterprise, reviewer.auth, qualificationFields('tech_sme', { validFrom: '2020-01-01', validTo: '2021-12-31' }));

    const now = await limits(enterprise.auth, program.id);
    expect(now).toMatchObject({ tier: 'default', ratioBp: 4000 });
    expect(now.qualifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: rejected.body.id, status: 'rejected', decisionReason: '证书编号查无此证', validToday: false }),
        expect.objectContaining({ kind: 'tech_sme', status: 'verified', validTo: '2021-12-31', validToday: false }),
      ]),
    );
    expect(await quote(enterprise.auth, voucherId)).toMatchObject({ ratioBp: 4000, subsidyFen: 80_000 });
    // A decided case is closed: deciding its task again is refused, the qualification stays rejected.
    expect((await decide(app, reviewer.auth, task.id, 'approve')).status).toBe(409);
    expect(await qualificationStatus(app, rejected.body.id)).toBe('rejected');
  });

  it('returned for a better scan it is "declared" again and counts for nothing; resubmitted it is reviewed again; withdrawn it ends', async () => {
    const { program, enterprise } = await enterpriseWithVoucher();
    const declared = await declareQualification(app, enterprise.auth, enterprise.organization.id, qualificationFields('high_tech')).expect(201);
    const first = await verificationTask(app, reviewer.auth, declared.body.id);
    await decide(app, reviewer.auth, first.task.id, 'return', '扫描件不清晰，请补充').expect(200);
    await eventually(async () => (await qualificationStatus(app, declared.body.id)) === 'declared', 20_000, 'returned');
    const returned = (await app.http().get(`/api/v1/qualifications/${declared.body.id}`).set(enterprise.auth).expect(200)).body;
    expect(returned).toMatchObject({ status: 'declared', decisionReason: '扫描件不清晰，请补充' });
    expect(await limits(enterprise.auth, program.id)).toMatchObject({ tier: 'default', ratioBp: 4000 });

    await app.http().post(`/api/v1/approval-cases/${first.caseId}/resubmit`).set(enterprise.auth).send({ note: '已重新核对' }).expect(200);
    await verificationTask(app, reviewer.auth, declared.body.id);
    await eventually(async () => (await qualificationStatus(app, declared.body.id)) === 'in_review', 20_000, 'in review again');
    await app.http().post(`/api/v1/approval-cases/${first.caseId}/withdraw`).set(enterprise.auth).send({}).expect(200);
    await eventually(async () => (await qualificationStatus(app, declared.body.id)) === 'withdrawn', 20_000, 'withdrawn');
    expect(await limits(enterprise.auth, program.id)).toMatchObject({ tier: 'default', ratioBp: 4000 });
  });

  it('revoking a verified qualification re-prices nothing already committed; only the covering bureau revokes, once', async () => {
    const { program, enterprise, voucherId } = await enterpriseWithVoucher();
    const id = await verifiedQualification(app, enterprise, reviewer.auth, qualificationFields('high_tech'));
    const order = await app.http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: lab.service.id, voucherId, quantity: 1 }).expect(201);
    expect(order.body).toMatchObject({ ratioBp: 6000, subsidyHeldFen: 120_000 });
    const voucherBefore = (await app.http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200)).body;
    const [ledgerBefore] = await app.dataSource.query(`SELECT count(*)::int AS n FROM ledger_transactions`);

    const revocation = (auth: Auth, body: object = { reason: '高企资格被取消（公告第12号）' }) => app.http().post(`/api/v1/qualifications/${id}/revocation`).set(auth).send(body);
    expect((await revocation(enterprise.auth)).status).toBe(403); // not a bureau role
    expect((await revocation(admin.auth)).status).toBe(403); // the platform does not decide qualifications
    const foreign = await revocation(xiuzhouReviewer.auth);
    expect(foreign.status).toBe(404); // another district: not disclosed
    const noReason = await revocation(reviewer.auth, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.arrayContaining([expect.objectContaining({ field: 'reason' })]) });
    expect(await qualificationStatus(app, id)).toBe('verified');

    const revoked = await revocation(reviewer.auth).expect(200);
    expect(revoked.body).toMatchObject({ id, status: 'revoked', decisionReason: '高企资格被取消（公告第12号）', revokedAt: expect.any(String) });
    const twice = await revocation(reviewer.auth);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { current: 'revoked', event: 'revoke' } });

    // The committed order keeps its ratio and its hold; the voucher and the ledger are untouched.
    expect((await app.http().get(`/api/v1/service-orders/${order.body.id}`).set(enterprise.auth).expect(200)).body).toMatchObject({ ratioBp: 6000, subsidyHeldFen: 120_000, status: 'created' });
    expect((await app.http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200)).body).toMatchObject({ availableFen: voucherBefore.availableFen, heldFen: 120_000 });
    expect((await app.dataSource.query(`SELECT count(*)::int AS n FROM ledger_transactions`))[0]).toEqual(ledgerBefore);
    // New pricing no longer uses it.
    expect(await limits(enterprise.auth, program.id)).toMatchObject({ tier: 'default', ratioBp: 4000 });
    expect(await quote(enterprise.auth, voucherId)).toMatchObject({ ratioBp: 4000 });
  });

  it('only the enterprise’s own admins declare; only its district bureau decides; the certificate is read by it and its bureaus only', async () => {
    const enterprise = await nanhuEnterprise();
    const other = await nanhuEnterprise();
    const member = await login(app, await invite(enterprise.auth, enterprise.organization.id, undefined, false), TEST_PASSWORD);
    const fields = qualificationFields('high_tech');
    const refusals = [
      [member.auth, 403], // its own user, not an admin
      [other.auth, 404], // another enterprise's admin: not disclosed
      [admin.auth, 403], // the platform does not declare for an enterprise
      [reviewer.auth, 403], // the bureau verifies, it does not declare
    ] as const;
    for (const [auth, status] of refusals) {
      const res = await declareQualification(app, auth, enterprise.organization.id, fields);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code: status === 403 ? 'FORBIDDEN' : 'NOT_FOUND' });
    }
    expect(await qualificationCount(enterprise.organization.id)).toBe(0);

    const declared = await declareQualification(app, enterprise.auth, enterprise.organization.id, fields).expect(201);
    const { caseId, task } = await verificationTask(app, reviewer.auth, declared.body.id);
    // Another district's reviewer has no task and cannot decide this one; the enterprise cannot decide its own.
    const inbox = await app.http().get('/api/v1/approval-tasks').set(xiuzhouReviewer.auth).expect(200);
    expect((inbox.body as { caseId: string }[]).some((t) => t.caseId === caseId)).toBe(false);
    expect([403, 404]).toContain((await decide(app, xiuzhouReviewer.auth, task.id, 'approve')).status);
    expect([403, 404]).toContain((await decide(app, enterprise.auth, task.id, 'approve')).status);
    expect(await qualificationStatus(app, declared.body.id)).toBe('in_review');

    const download = (auth: Auth) => app.http().get(`/api/v1/qualifications/${declared.body.id}/certificate`).set(auth);
    const read = (auth: Auth) => app.http().get(`/api/v1/qualifications/${declared.body.id}`).set(auth);
    for (const auth of [enterprise.auth, member.auth, reviewer.auth, approver.auth]) {
      expect((await download(auth)).status).toBe(200);
      expect((await read(auth)).body).toMatchObject({ id: declared.body.id, organizationId: enterprise.organization.id, status: 'in_review' });
    }
    for (const auth of [other.auth, xiuzhouReviewer.auth]) {
      expect((await download(auth)).status).toBe(404);
      expect((await read(auth)).status).toBe(404);
    }
    expect((await read(admin.auth)).status).toBe(403);
  });

  it('the certificate is a PDF, PNG or JPEG by its content; anything else is refused with a JSON error and nothing is written', async () => {
    const enterprise = await nanhuEnterprise();
    const org = enterprise.organization.id;
    const fields = () => qualificationFields('tech_sme');

    const html = await declareQualification(app, enterprise.auth, org, fields(), { content: Buffer.from('<html><script>alert(1)</script></html>'), name: 'cert.pdf', contentType: 'application/pdf' });
    expect(html.status).toBe(415);
    expect(html.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', details: [{ field: 'certificate' }] });

    const missing = await declareQualification(app, enterprise.auth, org, fields(), null);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'certificate' }] });

    const oversize = await declareQualification(app, enterprise.auth, org, fields(), { content: pdfBytes(MAX_FILE_BYTES + 1) });
    expect(oversize.status).toBe(413);
    expect(oversize.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });

    const backwards = await declareQualification(app, enterprise.auth, org, qualificationFields('tech_sme', { validFrom: '2027-01-01', validTo: '2026-01-01' }));
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'validTo' }] });
    const badKind = await declareQualification(app, enterprise.auth, org, qualificationFields('nobel_prize'));
    expect(badKind.status).toBe(400);
    expect(badKind.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'kind' })]));
    const twoFiles = await declareQualification(app, enterprise.auth, org, fields()).attach('certificate', pdfBytes(), 'second.pdf');
    expect(twoFiles.status).toBe(400);
    expect(await qualificationCount(org)).toBe(0);
    expect(((await app.dataSource.query(`SELECT count(*)::int AS n FROM qualification_files f JOIN enterprise_qualifications q ON q.id = f.qualification_id WHERE q.organization_id = $1`, [org])) as { n: number }[])[0].n).toBe(0);

    // The stored type is what the bytes are, not what the client said; the download says so, with nosniff.
    const png = await declareQualification(app, enterprise.auth, org, fields(), { content: pngBytes(), name: '科技型中小企业 入库登记.pdf', contentType: 'application/pdf' }).expect(201);
    expect(png.body.certificate).toMatchObject({ contentType: 'image/png', fileName: '科技型中小企业 入库登记.pdf.png' });
    const jpeg = await declareQualification(app, enterprise.auth, org, fields(), { content: jpegBytes(), name: 'scan.jpg', contentType: 'image/jpeg' }).expect(201);
    expect(jpeg.body.certificate).toMatchObject({ contentType: 'image/jpeg', fileName: 'scan.jpg' });
    const res = await app.http().get(`/api/v1/qualifications/${png.body.id}/certificate`).set(enterprise.auth).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('科技型中小企业 入库登记.pdf.png')}`);
    expect(res.headers['content-length']).toBe(String(png.body.certificate.sizeBytes));
  });

  it('20 parallel declarations of one certificate: one is recorded with one case, the rest are 409, none is a 500', async () => {
    const enterprise = await nanhuEnterprise();
    const fields = qualificationFields('high_tech');
    const responses = await Promise.all(Array.from({ length: 20 }, () => declareQualification(app, enterprise.auth, enterprise.organization.id, fields)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of responses.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ code: 'ALREADY_EXISTS', details: [{ field: 'certificateNo' }] });
    const created = responses.find((r) => r.status === 201)!;
    const cases = await app.dataSource.query(`SELECT id FROM approval_cases WHERE subject_type = 'qualification_verification' AND subject_id = $1`, [created.body.id]);
    expect(cases).toHaveLength(1);
    expect(await qualificationCount(enterprise.organization.id)).toBe(1);
  });

  it('rows self-declared before verification existed are "declared", count for nothing, and get a verification case at start-up', async () => {
    const { program, enterprise } = await enterpriseWithVoucher();
    // What the migration leaves of an old row: no issuer, no file, status 'declared', no case.
    const [row] = (await app.dataSource.query(
      `INSERT INTO enterprise_qualifications (organization_id, kind, certificate_no, valid_from, valid_to) VALUES ($1, 'high_tech', $2, '2025-01-01', '2027-12-31') RETURNING id, status`,
      [enterprise.organization.id, `GR-OLD-${randomBytes(3).toString('hex')}`],
    )) as { id: string; status: string }[];
    expect(row.status).toBe('declared');
    expect(await limits(enterprise.auth, program.id)).toMatchObject({ tier: 'default', ratioBp: 4000 });

    expect(await app.get(QualificationVerificationSubject).adoptDeclared()).toBe(1);
    expect(await app.get(QualificationVerificationSubject).adoptDeclared()).toBe(0);
    const { caseId, task } = await verificationTask(app, reviewer.auth, row.id);
    const detail = await app.http().get(`/api/v1/approval-cases/${caseId}`).set(reviewer.auth).expect(200);
    expect(detail.body.revisions[0].snapshot).toMatchObject({ qualificationId: row.id, issuer: null, certificate: null });
    expect(detail.body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'certificate_file', outcome: 'warn' })]));
    await decide(app, reviewer.auth, task.id, 'approve').expect(200);
    await eventually(async () => (await qualificationStatus(app, row.id)) === 'verified', 20_000, 'verified');
    expect(await limits(enterprise.auth, program.id)).toMatchObject({ tier: 'high_tech', ratioBp: 6000 });
  });
});
