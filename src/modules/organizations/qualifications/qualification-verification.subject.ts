import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { shanghaiDate } from '../../../platform/database/shanghai-date';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { ApprovalSubject, ApprovalSubjectHandler, CaseRef, codedFinding, Finding, SubjectDescription } from '../../approvals/approval-subject';
import { FindingReason, findingReason } from '../../../../packages/shared/finding-reasons';
import { EnterpriseQualification, Organization } from '../organization.entity';
import { QUALIFICATION_STATES, QualificationAction } from './qualification.state';
import { QUALIFICATION_VERIFICATION, QualificationsService } from './qualifications.service';
import { RegionsService } from '../regions.service';
import { storedCaseTitle } from '../../../../packages/shared/case-title';


/**
 * Qualification verification (资质核验) as an approval subject: the enterprise's district bureau
 * checks the declared certificate (it opens the scan from the case page) and verifies or rejects
 * it. Verified is the only status that changes a ratio (docs/security.md, "Qualifications").
 */
@Injectable()
@ApprovalSubjectHandler(QUALIFICATION_VERIFICATION)
export class QualificationVerificationSubject implements ApprovalSubject {
  private readonly logger = new Logger(QualificationVerificationSubject.name);

  constructor(
    private readonly qualifications: QualificationsService,
    private readonly regions: RegionsService,
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Declarations without a case (recorded before verification existed, self-declared and never
   * checked; the migration made them 'declared') get one, the way provider admissions are adopted.
   */
  async adoptDeclared(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT q.id FROM enterprise_qualifications q WHERE q.status = 'declared'
          AND NOT EXISTS (SELECT 1 FROM read_approval_cases c WHERE c.subject_type = $1 AND c.subject_id = q.id::text)`,
      [QUALIFICATION_VERIFICATION],
    )) as { id: string }[];
    for (const row of rows) {
      await this.uow
        .run((tx) => this.qualifications.openCase(tx, row.id))
        .catch((err) => this.logger.warn({ err: String(err), qualification: row.id }, 'Could not open a verification case'));
    }
    return rows.length;
  }

  async describe(tx: Transaction, subjectId: string): Promise<SubjectDescription> {
    const { qualification: q, org } = await this.qualifications.lock(tx, subjectId);
    const lineage = this.regions.lineage(org.regionCode);
    const kind = (await this.qualifications.kinds(tx.manager)).find((k) => k.code === q.kind);
    const [file] = (await tx.manager.query(`SELECT file_name, content_type, size_bytes, sha256 FROM qualification_files WHERE qualification_id = $1`, [q.id])) as {
      file_name: string;
      content_type: string;
      size_bytes: number;
      sha256: string;
    }[];
    return {
      ...storedCaseTitle(QUALIFICATION_VERIFICATION, { org: org.name, kindName: kind?.nameZh ?? q.kind, kindNameEn: kind?.nameEn ?? kind?.nameZh ?? q.kind, certificateNo: q.certificateNo }),
      applicantOrgId: org.id,
      applicantUserId: q.declaredBy,
      regionCode: org.regionCode,
      cityCode: lineage[lineage.length - 1] ?? org.regionCode,
      snapshot: {
        qualificationId: q.id,
        enterpriseName: org.name,
        uscc: org.uscc,
        kind: q.kind,
        certificateNo: q.certificateNo,
        issuer: q.issuer,
        validFrom: q.validFrom,
        validTo: q.validTo,
        certificate: file ? { fileName: file.file_name, contentType: file.content_type, sizeBytes: file.size_bytes, sha256: file.sha256, downloadPath: `/qualifications/${q.id}/certificate` } : null,
      },
    };
  }

  async precheck(tx: Transaction, subjectId: string): Promise<Finding[]> {
    const { qualification: q } = await this.qualifications.lock(tx, subjectId);
    const today = shanghaiDate();
    const [file] = (await tx.manager.query(`SELECT 1 FROM qualification_files WHERE qualification_id = $1`, [q.id])) as unknown[];
    return [
      codedFinding('certificate_file', file ? 'pass' : 'warn', [file ? null : findingReason('no_certificate_file')]),
      codedFinding('validity', q.validTo >= today ? 'pass' : 'warn', [q.validTo >= today ? null : findingReason('qualification_expired', { validTo: q.validTo })]),
    ];
  }

  async onStageEntered(tx: Transaction, ref: CaseRef): Promise<void> {
    await this.apply(tx, ref.subjectId, 'start_review', null);
  }

  async onApproved(tx: Transaction, ref: CaseRef): Promise<void> {
    const q = await this.load(tx, ref.subjectId);
    // A workflow version without a review stage would approve a declaration straight away.
    if (q?.status === 'declared') await this.apply(tx, ref.subjectId, 'start_review', null);
    await this.apply(tx, ref.subjectId, 'verify', '核验通过', findingReason('qualification_verified'));
  }

  async onRejected(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    await this.apply(tx, ref.subjectId, 'reject', reason);
  }

  async onReturned(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    await this.apply(tx, ref.subjectId, 'return_for_changes', reason);
  }

  async onWithdrawn(tx: Transaction, ref: CaseRef): Promise<void> {
    await this.apply(tx, ref.subjectId, 'withdraw', '申请人撤回');
  }

  /** Idempotent: a hook delivered twice finds the qualification already moved and does nothing. */
  private async apply(tx: Transaction, id: string, action: QualificationAction, reason: string | null, code: FindingReason | null = null): Promise<void> {
    const { qualification, org } = await this.qualifications.lock(tx, id);
    if (!QUALIFICATION_STATES.can(qualification.status, action)) return;
    await this.qualifications.transition(tx, qualification, org as Organization, action, reason, null, code);
  }

  private load(tx: Transaction, id: string): Promise<EnterpriseQualification | null> {
    return tx.manager.getRepository(EnterpriseQualification).findOneBy({ id });
  }
}
