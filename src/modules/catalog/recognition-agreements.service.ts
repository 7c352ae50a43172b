import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, isPlatformAdmin } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { describeConstraint } from '../../platform/errors/pg-errors';
import { RegionsService } from '../organizations/regions.service';
import {
  AgreementProviderDto, CreateRecognitionAgreementDto, RecognitionAgreementDetailDto, RecognitionAgreementDto,
} from './dto/recognition-agreement.dto';
import { RecognitionAgreement } from './catalog.entities';
import { agreementAuditView, toAgreementDto } from './catalog.mapper';
import { AgreementPolicy } from './catalog.policy';
import { nextAgreementStatus } from './catalog.state';
import { RecognitionService } from './recognition.service';

describeConstraint('recognition_agreements_dates', ErrorCode.ValidationFailed, 'effectiveTo must not be before effectiveFrom', 'effectiveTo');
describeConstraint('recognition_agreements_regions', ErrorCode.ValidationFailed, 'The partner region must differ from the issuing region', 'partnerRegionCode');

/** Managing recognition agreements (互认协议) between an issuing city and a partner region. */
@Injectable()
export class RecognitionAgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly recognition: RecognitionService,
  ) {}

  async create(actor: Actor, dto: CreateRecognitionAgreementDto): Promise<RecognitionAgreementDetailDto> {
    this.regions.require(dto.issuingRegionCode, 'issuingRegionCode');
    this.regions.require(dto.partnerRegionCode, 'partnerRegionCode');
    if (this.regions.lineage(dto.issuingRegionCode).length !== 1) {
      throw DomainError.invalid('issuingRegionCode', 'must be a city or municipality that issues vouchers');
    }
    if (this.recognition.isLocal(dto.issuingRegionCode, dto.partnerRegionCode)) {
      throw DomainError.invalid('partnerRegionCode', 'must lie outside the issuing region');
    }
    if (!AgreementPolicy.canManage(actor, dto)) {
      throw DomainError.forbidden('Only the issuing city’s approver, the partner region’s partner admin or the platform create agreements');
    }
    return this.uow.run(async (tx) => {
      const repo = tx.manager.getRepository(RecognitionAgreement);
      const saved = await repo.save(
        repo.create({
          issuingRegionCode: dto.issuingRegionCode,
          partnerRegionCode: dto.partnerRegionCode,
          name: dto.name.trim(),
          effectiveFrom: dto.effectiveFrom,
          effectiveTo: dto.effectiveTo ?? null,
          ratioOverrideBp: dto.ratioOverrideBp ?? null,
          perOrderCapFen: dto.perOrderCapFen ?? null,
          status: 'active',
          createdBy: actor.userId,
        }),
      );
      const agreement = await repo.findOneByOrFail({ id: saved.id });
      tx.audit({ action: 'recognition_agreement.created', subjectType: 'recognition_agreement', subjectId: agreement.id, regionCode: agreement.issuingRegionCode, after: agreementAuditView(agreement) });
      return this.detail(tx.manager, agreement);
    });
  }

  async list(actor: Actor): Promise<RecognitionAgreementDto[]> {
    const qb = this.dataSource.getRepository(RecognitionAgreement).createQueryBuilder('a');
    if (!isPlatformAdmin(actor)) {
      qb.where('(a.issuing_region_code = ANY(:scope) OR a.partner_region_code = ANY(:scope))', { scope: actor.regionScope });
    }
    const agreements = (await qb.orderBy('a.effective_from', 'DESC').addOrderBy('a.created_at', 'DESC').getMany()).filter((a) => AgreementPolicy.canRead(actor, a));
    const counts = await this.counts(this.dataSource.manager, agreements.map((a) => a.id));
    return agreements.map((a) => toAgreementDto(a, counts.get(a.id) ?? { providerCount: 0, serviceCount: 0 }));
  }

  async get(actor: Actor, id: string): Promise<RecognitionAgreementDetailDto> {
    const agreement = await this.dataSource.getRepository(RecognitionAgreement).findOneBy({ id });
    if (!agreement || !AgreementPolicy.canRead(actor, agreement)) throw DomainError.notFound('Recognition agreement');
    return this.detail(this.dataSource.manager, agreement);
  }

  /** Lists partner-region providers; all their services are recognised unless some are listed. */
  async addProviders(actor: Actor, id: string, providerIds: string[]): Promise<RecognitionAgreementDetailDto> {
    return this.uow.run(async (tx) => {
      const agreement = await this.lockManageable(tx.manager, actor, id, 'add_providers');
      const ids = [...new Set(providerIds)];
      const orgs = (await tx.manager.query(`SELECT id, kind, region_code FROM organizations WHERE id = ANY($1::uuid[])`, [ids])) as {
        id: string;
        kind: string;
        region_code: string;
      }[];
      const found = new Map(orgs.map((o) => [o.id, o]));
      const refused = ids.filter((pid) => {
        const org = found.get(pid);
        return !org || org.kind !== 'provider' || !this.recognition.isLocal(agreement.partnerRegionCode, org.region_code);
      });
      if (refused.length) throw DomainError.rule('Only providers of the partner region can be recognised', { field: 'providerIds', refused });
      const added = (await tx.manager.query(
        `INSERT INTO recognition_agreement_providers (agreement_id, provider_id, added_by)
         SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING RETURNING provider_id`,
        [agreement.id, ids, actor.userId],
      )) as { provider_id: string }[];
      await this.touch(tx.manager, agreement.id);
      tx.audit({ action: 'recognition_agreement.providers_added', subjectType: 'recognition_agreement', subjectId: agreement.id, regionCode: agreement.issuingRegionCode, after: { providerIds: added.map((r) => r.provider_id) } });
      return this.detail(tx.manager, await tx.manager.getRepository(RecognitionAgreement).findOneByOrFail({ id }));
    });
  }

  /** Narrows recognition to these services (and lists their providers if needed). */
  async addServices(actor: Actor, id: string, serviceIds: string[]): Promise<RecognitionAgreementDetailDto> {
    return this.uow.run(async (tx) => {
      const agreement = await this.lockManageable(tx.manager, actor, id, 'add_services');
      const ids = [...new Set(serviceIds)];
      const services = (await tx.manager.query(
        `SELECT s.id, s.provider_id, o.region_code FROM catalog_services s JOIN organizations o ON o.id = s.provider_id WHERE s.id = ANY($1::uuid[])`,
        [ids],
      )) as { id: string; provider_id: string; region_code: string }[];
      const found = new Map(services.map((s) => [s.id, s]));
      const refused = ids.filter((sid) => {
        const s = found.get(sid);
        return !s || !this.recognition.isLocal(agreement.partnerRegionCode, s.region_code);
      });
      if (refused.length) throw DomainError.rule('Only services of partner-region providers can be recognised', { field: 'serviceIds', refused });
      const providerIds = [...new Set(services.map((s) => s.provider_id))];
      const providersAdded = (await tx.manager.query(
        `INSERT INTO recognition_agreement_providers (agreement_id, provider_id, added_by)
         SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING RETURNING provider_id`,
        [agreement.id, providerIds, actor.userId],
      )) as { provider_id: string }[];
      const added = (await tx.manager.query(
        `INSERT INTO recognition_agreement_services (agreement_id, service_id, provider_id, added_by)
         SELECT $1, s.id, s.provider_id, $3 FROM catalog_services s WHERE s.id = ANY($2::uuid[])
         ON CONFLICT DO NOTHING RETURNING service_id`,
        [agreement.id, ids, actor.userId],
      )) as { service_id: string }[];
      await this.touch(tx.manager, agreement.id);
      tx.audit({
        action: 'recognition_agreement.services_added',
        subjectType: 'recognition_agreement',
        subjectId: agreement.id,
        regionCode: agreement.issuingRegionCode,
        after: { serviceIds: added.map((r) => r.service_id), providerIds: providersAdded.map((r) => r.provider_id) },
      });
      return this.detail(tx.manager, await tx.manager.getRepository(RecognitionAgreement).findOneByOrFail({ id }));
    });
  }

  /** Ends the agreement from today (Asia/Shanghai); orders of earlier days stay recognised. */
  async terminate(actor: Actor, id: string, reason: string | null): Promise<RecognitionAgreementDetailDto> {
    return this.uow.run(async (tx) => {
      const agreement = await this.lockManageable(tx.manager, actor, id, 'terminate');
      const before = agreementAuditView(agreement);
      await tx.manager.query(
        `UPDATE recognition_agreements SET status = 'terminated', terminated_on = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [agreement.id, shanghaiDate()],
      );
      const after = await tx.manager.getRepository(RecognitionAgreement).findOneByOrFail({ id });
      tx.audit({ action: 'recognition_agreement.terminated', subjectType: 'recognition_agreement', subjectId: id, regionCode: after.issuingRegionCode, before, after: { ...agreementAuditView(after), reason } });
      return this.detail(tx.manager, after);
    });
  }

  /** Row-locks an agreement: 404 outside the actor's regions, 403 for a reader who may not manage, 409 when terminated. */
  private async lockManageable(manager: EntityManager, actor: Actor, id: string, action: 'add_providers' | 'add_services' | 'terminate'): Promise<RecognitionAgreement> {
    const agreement = await manager.getRepository(RecognitionAgreement).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!agreement || !AgreementPolicy.canRead(actor, agreement)) throw DomainError.notFound('Recognition agreement');
    if (!AgreementPolicy.canManage(actor, agreement)) throw DomainError.forbidden('Only the issuing city’s approver, the partner region’s partner admin or the platform manage this agreement');
    nextAgreementStatus(agreement.status, action);
    return agreement;
  }

  private async touch(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE recognition_agreements SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  }

  private async counts(manager: EntityManager, ids: string[]): Promise<Map<string, { providerCount: number; serviceCount: number }>> {
    if (ids.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT a.id,
              (SELECT count(*) FROM recognition_agreement_providers p WHERE p.agreement_id = a.id)::int AS provider_count,
              (SELECT count(*) FROM recognition_agreement_services x WHERE x.agreement_id = a.id)::int AS service_count
         FROM unnest($1::uuid[]) AS a(id)`,
      [ids],
    )) as { id: string; provider_count: number; service_count: number }[];
    return new Map(rows.map((r) => [r.id, { providerCount: r.provider_count, serviceCount: r.service_count }]));
  }

  private async detail(manager: EntityManager, agreement: RecognitionAgreement): Promise<RecognitionAgreementDetailDto> {
    const rows = (await manager.query(
      `SELECT p.provider_id, o.name, o.region_code,
              COALESCE(array_agg(x.service_id ORDER BY x.service_id) FILTER (WHERE x.service_id IS NOT NULL), '{}') AS service_ids
         FROM recognition_agreement_providers p
         JOIN organizations o ON o.id = p.provider_id
         LEFT JOIN recognition_agreement_services x ON x.agreement_id = p.agreement_id AND x.provider_id = p.provider_id
        WHERE p.agreement_id = $1
        GROUP BY p.provider_id, o.name, o.region_code
        ORDER BY o.name, p.provider_id`,
      [agreement.id],
    )) as { provider_id: string; name: string; region_code: string; service_ids: string[] }[];
    const providers: AgreementProviderDto[] = rows.map((r) => ({ providerId: r.provider_id, name: r.name, regionCode: r.region_code, serviceIds: r.service_ids }));
    const serviceCount = providers.reduce((n, p) => n + p.serviceIds.length, 0);
    return { ...toAgreementDto(agreement, { providerCount: providers.length, serviceCount }), providers };
  }
}
