import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRegionalView, isPlatformAdmin } from '../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { describeConstraint } from '../../platform/errors/pg-errors';
import { JobName } from '../../platform/queue/queue.registry';
import {
  AdmissionTransitionDto, CreateAgencyDto,
  OrganizationDto, OrganizationQueryDto, QualificationDto, UpdateProfileDto,
} from './dto/organization.dto';
import { Organization } from './organization.entity';
import { auditView, toOrganizationDto } from './organization.mapper';
import { OrganizationPolicy } from './organization.policy';
import { AdmissionAction, nextAdmissionStatus } from './organization.state';
import { QualificationsService } from './qualifications/qualifications.service';
import { RegionsService } from './regions.service';

describeConstraint('enterprise_qualifications_unique', ErrorCode.AlreadyExists, 'This qualification certificate is already recorded', 'certificateNo');
describeConstraint('enterprise_qualifications_dates', ErrorCode.ValidationFailed, 'validTo must not be before validFrom', 'validTo');

/** Public-notice period (公示期) of a provider admission, in days (docs/domain.md, "Organisations": 7). */
export const PUBLIC_NOTICE_DAYS = 7;

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly qualificationsService: QualificationsService,
  ) {}

  async get(actor: Actor, id: string): Promise<OrganizationDto> {
    const org = await this.dataSource.getRepository(Organization).findOneBy({ id });
    if (!org || !OrganizationPolicy.canRead(actor, org)) throw DomainError.notFound('Organisation');
    return { ...toOrganizationDto(org), qualifications: await this.qualifications(this.dataSource.manager, id) };
  }

  /**
   * An organisation's qualifications with their verification status, latest validity first. Other
   * modules derive an applicant's tier from them only through subsidy.ts selectTier, which counts
   * verified qualifications valid on the day and nothing else (docs/security.md, "Qualifications").
   */
  qualifications(manager: EntityManager, organizationId: string): Promise<QualificationDto[]> {
    return this.qualificationsService.list(manager, organizationId);
  }

  /** Codes of the qualification kinds there are (reference data), for programmes' tiers. */
  async qualificationKindCodes(manager: EntityManager): Promise<Set<string>> {
    return new Set((await this.qualificationsService.kinds(manager)).map((k) => k.code));
  }

  async list(actor: Actor, query: OrganizationQueryDto): Promise<OrganizationDto[]> {
    const qb = this.dataSource.getRepository(Organization).createQueryBuilder('o');
    if (!isPlatformAdmin(actor)) {
      if (hasRegionalView(actor)) qb.andWhere('(o.region_code = ANY(:scope) OR o.id = :own)', { scope: actor.regionScope, own: actor.organizationId });
      else qb.andWhere('o.id = :own', { own: actor.organizationId });
    }
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.regionCode) qb.andWhere('o.region_code = :region', { region: query.regionCode });
    if (query.admissionStatus) qb.andWhere('o.admission_status = :admission', { admission: query.admissionStatus });
    if (query.q) qb.andWhere(`o.name LIKE :q ESCAPE '\\'`, { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const rows = await qb.orderBy('o.created_at', 'DESC').addOrderBy('o.id').take(query.limit ?? 50).skip(query.offset ?? 0).getMany();
    return rows.map((o) => toOrganizationDto(o));
  }

  /** Suspends, reinstates or revokes an admitted provider (the regional admins), by the state table. */
  async transitionAdmission(actor: Actor, providerId: string, dto: AdmissionTransitionDto): Promise<OrganizationDto> {
    return this.uow.run(async (tx) => {
      const org = await this.lockReadable(tx.manager, actor, providerId);
      if (org.kind !== 'provider' || !org.admissionStatus) throw DomainError.notFound('Provider');
      if (!OrganizationPolicy.canDecideAdmission(actor, org)) throw DomainError.forbidden('Only the provider’s regional administrators decide its admission');
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== org.version) {
        throw DomainError.conflict('The provider changed since you loaded it', { expectedVersion: dto.expectedVersion, version: org.version });
      }
      return toOrganizationDto(await this.applyAdmission(tx, org, dto.action, dto.comment ?? null));
    });
  }

  /**
   * The one place admission status changes, inside the caller's transaction: by a person above,
   * or by the provider_admission workflow (ProviderAdmissionSubject). Illegal → 409.
   */
  async applyAdmission(tx: Transaction, org: Organization, action: AdmissionAction, comment: string | null, noticeEndsAt?: Date): Promise<Organization> {
    if (!org.admissionStatus) throw DomainError.notFound('Provider');
    const before = auditView(org);
    const next = nextAdmissionStatus(org.admissionStatus, action);
    // What the update changed comes back with it (no second read): the rest of the row is the caller's.
    const [changed] = (await tx.manager.query(
      `WITH u AS (UPDATE organizations SET admission_status = $2, version = version + 1, updated_at = now(),
                         public_notice_ends_at = CASE WHEN $2 = 'public_notice' THEN $3::timestamptz ELSE public_notice_ends_at END
                   WHERE id = $1 RETURNING version, updated_at, public_notice_ends_at)
       SELECT * FROM u`,
      [org.id, next, noticeEndsAt ?? new Date(Date.now() + PUBLIC_NOTICE_DAYS * 86_400_000)],
    )) as { version: number; updated_at: Date; public_notice_ends_at: Date | null }[];
    if (!changed) throw DomainError.notFound('Provider');
    const after = Object.assign(new Organization(), org, {
      admissionStatus: next,
      version: changed.version,
      updatedAt: changed.updated_at,
      publicNoticeEndsAt: changed.public_notice_ends_at,
    });
    tx.audit({
      action: `provider.admission.${action}`,
      subjectType: 'organization',
      subjectId: org.id,
      organizationId: org.id,
      regionCode: org.regionCode,
      before,
      after: { ...auditView(after), comment },
    });
    const members = (await tx.manager.query(`SELECT id FROM users WHERE organization_id = $1 AND status = 'active'`, [org.id])) as { id: string }[];
    tx.enqueue(JobName.DeliverNotification, {
      userIds: members.map((m) => m.id),
      kind: 'provider.admission.changed',
      title: '入驻状态更新',
      body: `${org.name} 的入驻状态由 ${org.admissionStatus} 变为 ${next}。${comment ?? ''}`,
      subjectType: 'organization',
      subjectId: org.id,
      dedupKey: `provider.admission:${org.id}:${after.version}`,
      params: { organizationName: org.name, from: org.admissionStatus, to: next, comment: comment ?? null },
    });
    return after;
  }

  /**
   * Misconduct (docs/domain.md, "Misconduct"): suspends an active provider in the caller's
   * transaction, when the acting bureau is one that decides its admission (its own region); a
   * provider of another region is left to that region's admins, who see the record.
   */
  async suspendForMisconduct(tx: Transaction, actor: Actor, providerId: string, comment: string): Promise<'suspended' | 'not_active' | 'outside_region'> {
    const org = await tx.manager.getRepository(Organization).findOne({ where: { id: providerId }, lock: { mode: 'pessimistic_write' } });
    if (!org || org.kind !== 'provider') throw DomainError.notFound('Provider');
    if (!OrganizationPolicy.canDecideAdmission(actor, org)) return 'outside_region';
    if (org.admissionStatus !== 'active') return 'not_active';
    await this.applyAdmission(tx, org, 'suspend', comment);
    return 'suspended';
  }

  /** Profile edits by the organisation's admins; a provider's name and kind are fixed once admission review passed. */
  async updateProfile(actor: Actor, id: string, dto: UpdateProfileDto): Promise<OrganizationDto> {
    return this.uow.run(async (tx) => {
      const org = await this.lockReadable(tx.manager, actor, id);
      if (!OrganizationPolicy.canManage(actor, org)) throw DomainError.forbidden('Only this organisation’s admins edit its profile');
      if (org.kind !== 'provider' && (dto.providerKind || dto.accreditations)) throw DomainError.invalid('providerKind', 'only providers have a provider kind or accreditations');
      const locked = org.kind === 'provider' && !['applied', 'withdrawn', 'rejected'].includes(org.admissionStatus ?? '');
      if (locked && (dto.name || dto.providerKind)) throw DomainError.rule('A provider’s name and kind change only through a new admission');
      const before = auditView(org);
      const changes = { ...org, ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) } as Organization;
      await tx.manager.query(
        `UPDATE organizations SET name = $2, contact_name = $3, contact_phone = $4, provider_kind = $5, accreditations = $6,
                version = version + 1, updated_at = now() WHERE id = $1`,
        [org.id, changes.name.trim(), changes.contactName, changes.contactPhone, changes.providerKind, changes.accreditations],
      );
      const after = await tx.manager.getRepository(Organization).findOneByOrFail({ id: org.id });
      tx.audit({ action: 'organization.profile.updated', subjectType: 'organization', subjectId: org.id, organizationId: org.id, regionCode: org.regionCode, before, after: { ...auditView(after), contactName: after.contactName, accreditations: after.accreditations } });
      return toOrganizationDto(after);
    });
  }

  async createAgency(dto: CreateAgencyDto): Promise<OrganizationDto> {
    const region = this.regions.require(dto.regionCode);
    // The alliance's organisers represent one of its (G60) cities: docs/domain.md, "The nine-city alliance".
    if (dto.agencyLevel === 'roadshow' && !region.isG60) throw DomainError.invalid('regionCode', `${dto.regionCode} is not a G60 alliance city`);
    return this.uow.run(async (tx) => {
      const repo = tx.manager.getRepository(Organization);
      const saved = await repo.save(repo.create({ kind: 'agency', name: dto.name.trim(), regionCode: dto.regionCode, agencyLevel: dto.agencyLevel, status: 'active', accreditations: [] }));
      const org = await repo.findOneByOrFail({ id: saved.id });
      tx.audit({ action: 'organization.agency.created', subjectType: 'organization', subjectId: org.id, organizationId: org.id, regionCode: org.regionCode, after: auditView(org) });
      return toOrganizationDto(org);
    });
  }

  /**
   * Creates the admitted providers a partner's catalogue import names but the directory does not
   * know yet, in the import's own transaction (`manager`), with the ids the import staged their
   * services under; all in `regionCode`, the importing partner's region. Returns the rows created,
   * which the import audits. Nothing is created for an empty list; one that already exists (a
   * retried import job) is left as it is and not returned.
   */
  async createImportedProviders(manager: EntityManager, providers: readonly { id: string; uscc: string; name: string }[], regionCode: string): Promise<{ id: string; uscc: string; name: string; regionCode: string }[]> {
    if (providers.length === 0) return [];
    const rows = (await manager.query(
      `INSERT INTO organizations (id, kind, name, uscc, region_code, admission_status, accreditations)
       SELECT p.id, 'provider', p.name, p.uscc, $4, 'active', '{}' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS p(id, uscc, name)
       ON CONFLICT DO NOTHING
       RETURNING id, uscc, name, region_code`,
      [providers.map((p) => p.id), providers.map((p) => p.uscc), providers.map((p) => p.name), regionCode],
    )) as { id: string; uscc: string; name: string; region_code: string }[];
    return rows.map((r) => ({ id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code }));
  }

  /** Row-locks an organisation the actor may see; 404 for anything else, so ids leak nothing. */
  private async lockReadable(manager: EntityManager, actor: Actor, id: string): Promise<Organization> {
    const org = await manager.getRepository(Organization).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!org || !OrganizationPolicy.canRead(actor, org)) throw DomainError.notFound('Organisation');
    return org;
  }
}
