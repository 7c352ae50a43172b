import { randomBytes } from 'node:crypto';
import { caseOfSubject, waitForTask } from './approvals';
import { eventually, TestApp } from './test-app';

type Auth = { Authorization: string };

/** A minimal file that starts like a PDF (what the server checks: the first bytes, not the name or declared type). */
export function pdfBytes(size = 600): Buffer {
  const head = Buffer.from('%PDF-1.4\n% 高新技术企业证书扫描件\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);
}

export function pngBytes(): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
}

export function jpegBytes(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
}

export interface QualificationFields {
  kind: string;
  certificateNo: string;
  issuer?: string;
  validFrom: string;
  validTo: string;
}

export function qualificationFields(kind = 'high_tech', overrides: Partial<QualificationFields> = {}): QualificationFields {
  return { kind, certificateNo: `GR${randomBytes(5).toString('hex')}`, issuer: '浙江省科学技术厅', validFrom: '2025-12-19', validTo: '2028-12-18', ...overrides };
}

/**
 * POST /organizations/:id/qualifications as multipart/form-data, the way the portal sends it.
 * `file: null` sends no file part.
 */
export function declareQualification(
  app: TestApp,
  auth: Auth,
  organizationId: string,
  fields: QualificationFields,
  file: { content: Buffer; name?: string; contentType?: string } | null = { content: pdfBytes() },
) {
  let req = app.http().post(`/api/v1/organizations/${organizationId}/qualifications`).set(auth);
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) req = req.field(name, value);
  if (file) req = req.attach('certificate', file.content, { filename: file.name ?? 'certificate.pdf', contentType: file.contentType ?? 'application/pdf' });
  return req;
}

export async function qualificationStatus(app: TestApp, id: string): Promise<string> {
  const [row] = (await app.dataSource.query(`SELECT status FROM enterprise_qualifications WHERE id = $1`, [id])) as { status: string }[];
  return row?.status;
}

/** Waits until the district bureau's task of a qualification's verification case is open, and returns it. */
export async function verificationTask(app: TestApp, reviewer: Auth, qualificationId: string) {
  const caseId = await eventually(() => caseOfSubject(app, qualificationId).catch(() => undefined), 15_000, 'verification case');
  const task = await waitForTask(app, reviewer, caseId, 'district_verification');
  return { caseId, task };
}

/** Declares a qualification and has the district reviewer verify it through the workflow; returns its id. */
export async function verifiedQualification(app: TestApp, enterprise: { auth: Auth; organization: { id: string } }, reviewer: Auth, fields: QualificationFields) {
  const declared = await declareQualification(app, enterprise.auth, enterprise.organization.id, fields);
  if (declared.status !== 201) throw new Error(`declare: ${declared.status} ${JSON.stringify(declared.body)}`);
  const { task } = await verificationTask(app, reviewer, declared.body.id);
  const decided = await app.http().post(`/api/v1/approval-tasks/${task.id}/decision`).set(reviewer).send({ decision: 'approve', comment: '证书核验无误' });
  if (decided.status !== 200) throw new Error(`verify: ${decided.status} ${JSON.stringify(decided.body)}`);
  await eventually(async () => (await qualificationStatus(app, declared.body.id)) === 'verified', 20_000, 'qualification verified');
  return declared.body.id as string;
}

/**
 * A qualification the district bureau has verified, written directly in the database for tests
 * that need a tier but not the verification workflow (qualifications.e2e-spec.ts proves that).
 */
export async function insertVerifiedQualification(app: TestApp, organizationId: string, fields: QualificationFields): Promise<string> {
  const [row] = (await app.dataSource.query(
    `INSERT INTO enterprise_qualifications (organization_id, kind, certificate_no, issuer, valid_from, valid_to, status, decided_at, decision_reason)
     VALUES ($1, $2, $3, $4, $5, $6, 'verified', now(), 'verified for the test') RETURNING id`,
    [organizationId, fields.kind, fields.certificateNo, fields.issuer ?? '浙江省科学技术厅', fields.validFrom, fields.validTo],
  )) as { id: string }[];
  return row.id;
}
