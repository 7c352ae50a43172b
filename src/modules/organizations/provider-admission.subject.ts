import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { ApprovalCaseQueries } from '../approvals/approval-case-queries';
import { ApprovalSubject, ApprovalSubjectHandler, CaseRef, codedFinding, Finding, SubjectDescription } from '../approvals/approval-subject';
import { findingReason } from '../../../packages/shared/finding-reasons';
import { CaseEngine } from '../approvals/case-engine.service';
import { Organization } from './organization.entity';
import { AdmissionAction } from './organization.state';
import { OrganizationsService } from './organizations.service';
import { RegionsService } from './regions.service';
import { usccProblem } from '../../../packages/shared/uscc';
import { storedCaseTitle } from '../../../packages/shared/case-title';

export const PROVIDER_ADMISSION = 'provider_admission';

/**
 * Provider admission (服务机构入驻) as an approval subject: review by the provider's own region
 * (the city approver, or the partner region's admin for Shanghai labs), then a public notice
 * (公示) that objections can stop, then active.
 */
@Injectable()
@ApprovalSubjectHandler(PROVIDER_ADMISSION)
export class ProviderAdmissionSubject implements ApprovalSubject {
  private readonly logger = new Logger(ProviderAdmissionSubject.name);

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly regions: RegionsService,
    private readonly engine: CaseEngine,
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly cases: ApprovalCaseQueries,
  ) {}

  /** Opens the admission case of a newly registered provider, in the registration's transaction. */
  open(tx: Transaction, providerId: string): Promise<unknown> {
    return this.engine.openCase(tx, { definitionKey: PROVIDER_ADMISSION, subjectType: PROVIDER_ADMISSION, subjectId: providerId });
  }

  /** Providers still 'applied' without a case (seeded, or registered before workflows existed) get one. */
  async adoptPendingProviders(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT o.id FROM organizations o WHERE o.kind = 'provider' AND o.admission_status = 'applied'
          AND NOT EXISTS (SELECT 1 FROM read_approval_cases c WHERE c.subject_type = $1 AND c.subject_id = o.id::text)`,
      [PROVIDER_ADMISSION],
    )) as { id: string }[];
    for (const row of rows) await this.uow.run((tx) => this.open(tx, row.id)).catch((err) => this.logger.warn({ err: String(err), provider: row.id }, 'Could not open admission case'));
    return rows.length;
  }

  async describe(tx: Transaction, subjectId: string): Promise<SubjectDescription> {
    const org = await this.load(tx, subjectId);
    const lineage = this.regions.lineage(org.regionCode);
    const top = lineage[lineage.length - 1] ?? org.regionCode;
    const firstUser = (await tx.manager.query(`SELECT id FROM users WHERE organization_id = $1 ORDER BY created_at LIMIT 1`, [org.id])) as { id: string }[];
    return {
      ...storedCaseTitle(PROVIDER_ADMISSION, { org: org.name }),
      applicantOrgId: org.id,
      applicantUserId: firstUser[0]?.id ?? null,
      regionCode: org.regionCode,
      cityCode: top,
      partnerRegionCode: this.regions.get(top)?.isPartner ? top : null,
      snapshot: {
        name: org.name,
        uscc: org.uscc,
        regionCode: org.regionCode,
        providerKind: org.providerKind,
        accreditations: [...org.accreditations].sort(),
        contactName: org.contactName,
        contactPhone: org.contactPhone,
      },
    };
  }

  async precheck(tx: Transaction, subjectId: string): Promise<Finding[]> {
    const org = await this.load(tx, subjectId);
    const problem = org.uscc ? usccProblem(org.uscc) : 'length';
    const sameName = (await tx.manager.query(`SELECT count(*)::int AS n FROM organizations WHERE kind = 'provider' AND name = $1 AND id <> $2`, [org.name, org.id])) as { n: number }[];
    const lineage = this.regions.lineage(org.regionCode);
    const servedRegion = lineage.includes('330400') || lineage.includes('310000');
    const accredited = org.accreditations.length > 0;
    return [
      codedFinding('uscc_valid', problem ? 'fail' : 'pass', [problem ? findingReason('uscc_invalid', { problem }) : null]),
      codedFinding('accreditation', accredited ? 'pass' : 'warn', [accredited ? findingReason('accreditations_held', { accreditations: org.accreditations.join(', ') }) : findingReason('no_accreditation')]),
      codedFinding('duplicate_name', sameName[0].n > 0 ? 'warn' : 'pass', [sameName[0].n > 0 ? findingReason('duplicate_provider_name', { count: sameName[0].n }) : null]),
      codedFinding('region_served', servedRegion ? 'pass' : 'warn', [servedRegion ? null : findingReason('region_not_served')]),
    ];
  }

  async onStageEntered(tx: Transaction, ref: CaseRef, stageKey: string): Promise<void> {
    const org = await this.load(tx, ref.subjectId, true);
    if (stageKey === 'admission_review' && org.admissionStatus === 'applied') await this.apply(tx, org, 'start_review', null);
    if (stageKey === 'public_notice' && org.admissionStatus === 'in_review') {
      const noticeEndsAt = await this.cases.timerDueAt(tx.manager, ref.caseId);
      await this.organizations.applyAdmission(tx, org, 'approve_for_notice', null, noticeEndsAt ?? undefined);
    }
  }

  async onApproved(tx: Transaction, ref: CaseRef): Promise<void> {
    const org = await this.load(tx, ref.subjectId, true);
    if (org.admissionStatus === 'public_notice') await this.apply(tx, org, 'activate', '公示期满，准予入驻');
    else if (org.admissionStatus === 'in_review') {
      // A workflow version without a public notice admits straight from review.
      const noticed = await this.organizations.applyAdmission(tx, org, 'approve_for_notice', null, new Date());
      await this.apply(tx, noticed, 'activate', '审核通过');
    }
  }

  async onRejected(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    const org = await this.load(tx, ref.subjectId, true);
    if (org.admissionStatus === 'public_notice') await this.apply(tx, org, 'uphold_objection', reason);
    else if (org.admissionStatus === 'applied' || org.admissionStatus === 'in_review') await this.apply(tx, org, 'reject', reason);
  }

  async onReturned(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    const org = await this.load(tx, ref.subjectId, true);
    if (org.admissionStatus === 'in_review') await this.apply(tx, org, 'return_for_changes', reason);
  }

  async onWithdrawn(tx: Transaction, ref: CaseRef): Promise<void> {
    const org = await this.load(tx, ref.subjectId, true);
    if (org.admissionStatus && ['applied', 'in_review', 'public_notice'].includes(org.admissionStatus)) await this.apply(tx, org, 'withdraw', '申请人撤回');
  }

  private async apply(tx: Transaction, org: Organization, action: AdmissionAction, comment: string | null): Promise<void> {
    await this.organizations.applyAdmission(tx, org, action, comment);
  }

  private async load(tx: Transaction, id: string, lock = false): Promise<Organization> {
    const org = await tx.manager.getRepository(Organization).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!org || org.kind !== 'provider') throw DomainError.notFound('Provider');
    return org;
  }
}
