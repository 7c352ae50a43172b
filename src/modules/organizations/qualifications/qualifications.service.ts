import { createHash } from 'node:crypto';
import type { FindingReason } from '../../../../packages/shared/finding-reasons';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, actorCoversRegion, Role } from '../../../platform/context/actor';
import { AppConfig } from '../../../platform/config/app-config';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { JobName } from '../../../platform/queue/queue.registry';
import { CaseEngine } from '../../approvals/case-engine.service';
import { DeclareQualificationDto, QualificationCertificateDto, QualificationDto, QualificationKindDto, RevokeQualificationDto } from '../dto/organization.dto';
import { EnterpriseQualification, Organization } from '../organization.entity';
import { toQualificationDto } from '../organization.mapper';
import { OrganizationPolicy } from '../organization.policy';
import { QUALIFICATION_STATES, QualificationAction } from './qualification.state';

/** What multer hands over for the uploaded certificate (memory storage). */
export interface UploadedCertificate {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** Accepted certificate scans, recognised by their first bytes rather than the client's claim. */
const CERTIFICATE_FORMATS = [
  { extension: 'pdf', contentType: 'application/pdf', magic: Buffer.from('%PDF-') },
  { extension: 'png', contentType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { extension: 'jpg', contentType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
];

export interface CertificateDownload {
  content: Buffer;
  fileName: string;
  contentType: string;
}

/** The approval subject type and workflow key of a qualification's verification (seeded by migration 1764900001000). */
export const QUALIFICATION_VERIFICATION = 'qualification_verification';

/**
 * Enterprise qualifications (企业资质) and their verification (docs/security.md, "Qualifications").
 * An enterprise's own admins declare one with its certificate file; the district bureau verifies
 * or rejects it through the qualification_verification workflow and may revoke a verified one.
 * Only verified qualifications valid on the day change a ratio (subsidy.ts qualificationCounts).
 */
@Injectable()
export class QualificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
    private readonly engine: CaseEngine,
  ) {}

  /** Opens the verification case of a declared qualification, in the caller's transaction. */
  openCase(tx: Transaction, qualificationId: string): Promise<unknown> {
    return this.engine.openCase(tx, { definitionKey: QUALIFICATION_VERIFICATION, subjectType: QUALIFICATION_VERIFICATION, subjectId: qualificationId });
  }

  /** An enterprise's qualifications with their status and certificate metadata, latest validity first. */
  /** The qualification kinds (reference data), in their display order. */
  async kinds(manager: EntityManager = this.dataSource.manager): Promise<QualificationKindDto[]> {
    return (await manager.query(`SELECT code, name_zh AS "nameZh", name_en AS "nameEn" FROM qualification_kinds ORDER BY sort_order, code`)) as QualificationKindDto[];
  }

  async list(manager: EntityManager, organizationId: string): Promise<QualificationDto[]> {
    const rows = await manager.getRepository(EnterpriseQualification).find({ where: { organizationId }, order: { validTo: 'DESC', createdAt: 'DESC' } });
    if (rows.length === 0) return [];
    const files = (await manager.query(
      `SELECT qualification_id, file_name, content_type, size_bytes, sha256 FROM qualification_files WHERE qualification_id = ANY($1::uuid[])`,
      [rows.map((r) => r.id)],
    )) as { qualification_id: string; file_name: string; content_type: string; size_bytes: number; sha256: string }[];
    const byId = new Map(files.map((f) => [f.qualification_id, { fileName: f.file_name, contentType: f.content_type, sizeBytes: f.size_bytes, sha256: f.sha256 }]));
    return rows.map((r) => toQualificationDto(r, byId.get(r.id) ?? null));
  }

  async get(actor: Actor, id: string): Promise<QualificationDto> {
    const { qualification } = await this.readable(this.dataSource.manager, actor, id);
    return (await this.list(this.dataSource.manager, qualification.organizationId)).find((q) => q.id === id)!;
  }

  /**
   * A declaration: the row ('declared'), its certificate file and its verification case, in one
   * transaction. Only the enterprise's own org admins declare; nobody else, the platform included.
   */
  async declare(actor: Actor, organizationId: string, dto: DeclareQualificationDto, file: UploadedCertificate | undefined): Promise<QualificationDto> {
    if (!file || !file.buffer?.length) throw DomainError.invalid('certificate', 'attach the certificate scan (PDF, PNG or JPEG) as multipart/form-data field "certificate"');
    if (file.buffer.length > this.config.QUALIFICATION_FILE_MAX_BYTES) {
      throw new DomainError(ErrorCode.PayloadTooLarge, `The certificate file exceeds ${this.config.QUALIFICATION_FILE_MAX_BYTES} bytes`, [{ field: 'certificate', message: 'file too large' }]);
    }
    const format = CERTIFICATE_FORMATS.find((f) => file.buffer.subarray(0, f.magic.length).equals(f.magic));
    if (!format) throw new DomainError(ErrorCode.UnsupportedMediaType, 'The certificate must be a PDF, PNG or JPEG file', [{ field: 'certificate', message: 'not a PDF, PNG or JPEG file' }]);
    if (dto.validTo < dto.validFrom) throw DomainError.invalid('validTo', 'validTo must not be before validFrom');
    const kinds = await this.kinds();
    if (!kinds.some((k) => k.code === dto.kind)) throw DomainError.invalid('kind', `unknown qualification kind ${dto.kind}; known: ${kinds.map((k) => k.code).join(', ')}`);
    return this.uow.run(async (tx) => {
      const org = await tx.manager.getRepository(Organization).findOne({ where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!org || !OrganizationPolicy.canRead(actor, org)) throw DomainError.notFound('Organisation');
      if (org.kind !== 'enterprise') throw DomainError.rule('Only enterprises hold qualifications');
      if (actor.role !== Role.EnterpriseUser || actor.organizationId !== org.id || !actor.isOrgAdmin) {
        throw DomainError.forbidden('Only this enterprise’s admins declare its qualifications');
      }
      const repo = tx.manager.getRepository(EnterpriseQualification);
      const saved = await repo.save(
        repo.create({ organizationId: org.id, kind: dto.kind, certificateNo: dto.certificateNo.trim(), issuer: dto.issuer.trim(), validFrom: dto.validFrom, validTo: dto.validTo, status: 'declared', declaredBy: actor.userId }),
      );
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      const certificate: QualificationCertificateDto = { fileName: sanitiseFileName(file.originalname, format.extension), contentType: format.contentType, sizeBytes: file.buffer.length, sha256 };
      await tx.manager.query(
        `INSERT INTO qualification_files (qualification_id, file_name, content_type, size_bytes, sha256, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [saved.id, certificate.fileName, certificate.contentType, certificate.sizeBytes, sha256, file.buffer, actor.userId],
      );
      const row = await repo.findOneByOrFail({ id: saved.id });
      const dtoOut = toQualificationDto(row, certificate);
      tx.audit({
        action: 'organization.qualification.declared',
        subjectType: 'enterprise_qualification',
        subjectId: row.id,
        organizationId: org.id,
        regionCode: org.regionCode,
        after: { ...dtoOut },
      });
      await this.openCase(tx, row.id);
      return dtoOut;
    });
  }

  /** The certificate file: the enterprise itself and the bureaus whose region covers it. Anyone else: 404. */
  async download(actor: Actor, id: string): Promise<CertificateDownload> {
    const { qualification } = await this.readable(this.dataSource.manager, actor, id);
    const [file] = (await this.dataSource.query(`SELECT file_name, content_type, content FROM qualification_files WHERE qualification_id = $1`, [qualification.id])) as {
      file_name: string;
      content_type: string;
      content: Buffer;
    }[];
    if (!file) throw DomainError.notFound('Certificate file');
    return { content: file.content, fileName: file.file_name, contentType: file.content_type };
  }

  /** A bureau withdraws its verification (e.g. the certificate was cancelled). Committed subsidies are not re-priced. */
  async revoke(actor: Actor, id: string, dto: RevokeQualificationDto): Promise<QualificationDto> {
    return this.uow.run(async (tx) => {
      const { qualification, org } = await this.readable(tx.manager, actor, id, true);
      if (!QualificationsService.mayDecide(actor, org)) throw DomainError.forbidden('Only the bureaus of the enterprise’s district or city revoke its qualifications');
      await this.transition(tx, qualification, org, 'revoke', dto.reason.trim(), actor.userId);
      return (await this.list(tx.manager, org.id)).find((q) => q.id === id)!;
    });
  }

  /**
   * The one place a qualification's status changes, inside the caller's transaction: by the
   * verification workflow (QualificationVerificationSubject) or by a revocation. Illegal → 409.
   */
  /** `code`: the reason as a code when the workflow writes it (verified); a decider's words have none. */
  async transition(tx: Transaction, qualification: EnterpriseQualification, org: Organization, action: QualificationAction, reason: string | null, byUserId: string | null = null, code: FindingReason | null = null): Promise<void> {
    const next = QUALIFICATION_STATES.next(qualification.status, action);
    const decided = action === 'verify' || action === 'reject' || action === 'return_for_changes' || action === 'revoke';
    await tx.manager.query(
      `UPDATE enterprise_qualifications
          SET status = $2, version = version + 1, updated_at = now(),
              decided_at = CASE WHEN $3 THEN now() ELSE decided_at END,
              decision_reason = CASE WHEN $3 THEN $4 ELSE decision_reason END,
              decision_reason_code = CASE WHEN $3 THEN $6::jsonb ELSE decision_reason_code END,
              revoked_at = CASE WHEN $2 = 'revoked' THEN now() ELSE revoked_at END,
              revoked_by = CASE WHEN $2 = 'revoked' THEN $5::uuid ELSE revoked_by END
        WHERE id = $1`,
      [qualification.id, next, decided, reason, byUserId, code === null ? null : JSON.stringify(code)],
    );
    tx.audit({
      action: `organization.qualification.${action}`,
      subjectType: 'enterprise_qualification',
      subjectId: qualification.id,
      organizationId: org.id,
      regionCode: org.regionCode,
      before: { status: qualification.status, version: qualification.version },
      after: { status: next, version: qualification.version + 1, kind: qualification.kind, certificateNo: qualification.certificateNo, reason },
    });
    if (decided) {
      const members = (await tx.manager.query(`SELECT id FROM users WHERE organization_id = $1 AND status = 'active'`, [org.id])) as { id: string }[];
      tx.enqueue(JobName.DeliverNotification, {
        userIds: members.map((m) => m.id),
        kind: 'organization.qualification.changed',
        title: '资质核验结果',
        body: `资质 ${qualification.certificateNo} 的状态由 ${qualification.status} 变为 ${next}。${reason ?? ''}`,
        subjectType: 'organization',
        subjectId: org.id,
        dedupKey: `qualification:${qualification.id}:${qualification.version + 1}`,
        params: { certificateNo: qualification.certificateNo, qualificationKind: qualification.kind, from: qualification.status, to: next, reason: reason ?? null },
      });
    }
  }

  async lock(tx: Transaction, id: string): Promise<{ qualification: EnterpriseQualification; org: Organization }> {
    const qualification = await tx.manager.getRepository(EnterpriseQualification).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!qualification) throw DomainError.notFound('Qualification');
    const org = await tx.manager.getRepository(Organization).findOneByOrFail({ id: qualification.organizationId });
    return { qualification, org };
  }

  /** District reviewers and city approvers whose region covers the enterprise; never the enterprise itself. */
  static mayDecide(actor: Actor, org: Pick<Organization, 'id' | 'regionCode'>): boolean {
    if (actor.organizationId === org.id) return false;
    return [Role.Reviewer, Role.Approver].includes(actor.role) && actorCoversRegion(actor, org.regionCode);
  }

  /** The enterprise's own users and the bureaus covering its region read a qualification; others get 404. */
  private async readable(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<{ qualification: EnterpriseQualification; org: Organization }> {
    const qualification = await manager.getRepository(EnterpriseQualification).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    const org = qualification ? await manager.getRepository(Organization).findOneBy({ id: qualification.organizationId }) : null;
    const own = org && actor.organizationId === org.id;
    const bureau = org && [Role.Reviewer, Role.Approver].includes(actor.role) && actorCoversRegion(actor, org.regionCode);
    if (!qualification || !org || !(own || bureau)) throw DomainError.notFound('Qualification');
    return { qualification, org };
  }
}

/**
 * Keeps a readable name for Content-Disposition; drops path parts and control characters.
 * Multipart file names arrive decoded as latin1 (busboy's default): UTF-8 names such as
 * '高新证书.pdf' are decoded back when their bytes are valid UTF-8.
 */
function sanitiseFileName(raw: string, extension: string): string {
  const utf8 = Buffer.from(raw ?? '', 'latin1').toString('utf8');
  const name = /[\u0080-\u00ff]/.test(raw ?? '') && !utf8.includes('\ufffd') ? utf8 : (raw ?? '');
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f"<>|:*?]/g, '').trim().slice(0, 150);
  if (!base) return `certificate.${extension}`;
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
}
