import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, isPlatformAdmin } from '../../../platform/context/actor';
import { shanghaiDate } from '../../../platform/database/shanghai-date';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { describeConstraint } from '../../../platform/errors/pg-errors';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { RegionsService } from '../../organizations/regions.service';
import {
  CreateRecognitionAgreementDto, RecognitionAgreementDetailDto, RecognitionAgreementDto, UpdateRecognitionAgreementDto,
} from './dto/recognition-agreement.dto';
import { AgreementDetailReader } from './agreement-detail.reader';
import { RecognitionAgreement } from '../catalog.entities';
import { agreementAuditView, toAgreementDto } from '../catalog.mapper';
import { AgreementPolicy } from '../catalog.policy';
import { AgreementAction, nextAgreementStatus } from '../catalog.state';
import { RecognitionService } from '../recognition.service';

describeConstraint('recognition_agreements_dates', ErrorCode.ValidationFailed, 'effectiveTo must not be before effectiveFrom', 'effectiveTo');
describeConstraint('recognition_agreements_regions', ErrorCode.ValidationFailed, 'The partner region must differ from the issuing region', 'partnerRegionCode');

/** Managing recognition agreements (互认协议) between an issuing city and a partner region. */
@Injectable()
export class RecognitionAgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly directory: OrganizationDirectory,
    private readonly recognition: RecognitionService,
    private readonly reader: AgreementDetailReader,
  ) {}

  async create(actor: Actor, dto: CreateRecognitionAgreementDto): Promise<RecognitionAgreementDetailDto> {
    const issuing = this.regions.require(dto.issuingRegionCode, 'issuingRegionCode');
    this.regions.require(dto.partnerRegionCode, 'partnerRegionCode');
    if (!issuing.issuing) {
      throw DomainError.invalid('issuingRegionCode', 'must be a city or municipality that issues vouchers');
    }
    if (this.recognition.isLocal(dto.issuingRegionCode, dto.partnerRegionCode)) {
      throw DomainError.invalid('partnerRegionCode', 'must lie outside the issuing region');
    }
    if (!AgreementPolicy.canManage(actor, dto)) {
      throw DomainError.forbidden('Only the issuing city’s approver, the partner region’s partner admin or the platform propose agreements');
    }
    // A proposal binds nobody: it is a draft until both regions sign (docs/security.md).
    return this.uow.run(async (tx) => {
      const [{ id }] = (await tx.manager.query(
        `INSERT INTO recognition_agreements (id, lineage_id, version_no, issuing_region_code, partner_region_code, name, effective_from, effective_to,
                                             ratio_override_bp, per_order_cap_fen, status, created_by, terms_hash)
         SELECT g.id, g.id, 1, $1, $2, $3, $4, $5, $6, $7, 'draft', $8, '' FROM (SELECT gen_random_uuid() AS id) g
         RETURNING id`,
        [dto.issuingRegionCode, dto.partnerRegionCode, dto.name.trim(), dto.effectiveFrom, dto.effectiveTo ?? null, dto.ratioOverrideBp ?? null, dto.perOrderCapFen ?? null, actor.userId],
      )) as { id: string }[];
      await tx.manager.query(`UPDATE recognition_agreements SET terms_hash = recognition_agreement_terms_hash(id) WHERE id = $1`, [id]);
      const agreement = await tx.manager.getRepository(RecognitionAgreement).findOneByOrFail({ id });
      tx.audit({ action: 'recognition_agreement.created', subjectType: 'recognition_agreement', subjectId: agreement.id, regionCode: agreement.issuingRegionCode, after: agreementAuditView(agreement) });
      await this.reader.notifySigners(tx, agreement, actor, 'recognition_agreement.proposed', '互认协议待签署', `${agreement.name}（第 ${agreement.versionNo} 版）已提出，待双方签署后生效。`);
      return this.reader.detail(tx.manager, agreement, actor);
    });
  }

  /** Replaces the terms of a draft; any signature of the old terms is void (docs/security.md). */
  async update(actor: Actor, id: string, dto: UpdateRecognitionAgreementDto): Promise<RecognitionAgreementDetailDto> {
    return this.uow.run(async (tx) => {
      const agreement = await this.lockManageable(tx.manager, actor, id, 'edit_terms');
      if (agreement.supersedesId) await this.requireAmendmentStart(tx.manager, agreement.supersedesId, dto.effectiveFrom);
      const before = agreementAuditView(agreement);
      await tx.manager.query(
        `UPDATE recognition_agreements SET name = $2, effective_from = $3, effective_to = $4, ratio_override_bp = $5, per_order_cap_fen = $6 WHERE id = $1`,
        [id, dto.name.trim(), dto.effectiveFrom, dto.effectiveTo ?? null, dto.ratioOverrideBp ?? null, dto.perOrderCapFen ?? null],
      );
      const after = await this.termsChanged(tx, actor, agreement);
      tx.audit({ action: 'recognition_agreement.terms_updated', subjectType: 'recognition_agreement', subjectId: id, regionCode: after.issuingRegionCode, before, after: agreementAuditView(after) });
      return this.reader.detail(tx.manager, after, actor);
    });
  }

  /** Withdraws a proposal that never came into force. */
  async withdraw(actor: Actor, id: string, reason: string | null): Promise<RecognitionAgreementDetailDto> {
    return this.uow.run(async (tx) => {
      const agreement = await this.lockManageable(tx.manager, actor, id, 'withdraw');
      const before = agreementAuditView(agreement);
      await tx.manager.query(`UPDATE recognition_agreements SET status = 'withdrawn', version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      const after = await tx.manager.getRepository(RecognitionAgreement).findOneByOrFail({ id });
      tx.audit({ action: 'recognition_agreement.withdrawn', subjectType: 'recognition_agreement', subjectId: id, regionCode: after.issuingRegionCode, before, after: { ...agreementAuditView(after), reason } });
      await this.reader.notifySigners(tx, after, actor, 'recognition_agreement.withdrawn', '互认协议草案已撤回', `${after.name}（第 ${after.versionNo} 版）已撤回。${reason ?? ''}`, { reason: reason ?? null });
      return this.reader.detail(tx.manager, after, actor);
    });
  }

  async list(actor: Actor): Promise<RecognitionAgreementDto[]> {
    const qb = this.dataSource.getRepository(RecognitionAgreement).createQueryBuilder('a');
    if (!isPlatformAdmin(actor)) {
      qb.where('(a.issuing_region_code = ANY(:scope) OR a.partner_region_code = ANY(:scope))', { scope: actor.regionScope });
    }
    const agreements = (await qb.orderBy('a.effective_from', 'DESC').addOrderBy('a.created_at', 'DESC').addOrderBy('a.version_no', 'DESC').getMany()).filter((a) => AgreementPolicy.canRead(actor, a));
    const counts = await this.reader.counts(this.dataSource.manager, agreements.map((a) => a.id));
    return agreements.map((a) => toAgreementDto(a, counts.get(a.id) ?? { providerCount: 0, serviceCount: 0 }));
  }

  async get(actor: Actor, id: string): Promise<RecognitionAgreementDetailDto> {
    const agreement = await this.dataSource.getRepository(RecognitionAgreement).findOneBy({ id });
    if (!agreement || !AgreementPolicy.canRead(actor, agreement)) throw DomainError.notFound('Recognition agreement');
    return this.reader.detail(this.dataSource.manager, agreement, actor);
  }

  /** Lists partner-region providers; all their services are recognised unless some are listed. */
  async addProviders(actor: Actor, id: string, providerIds: string[]): Promise<RecognitionAgreementDetailDto> {
    return this.uow.run(async (tx) => {
      const agreement = await this.lockManageable(tx.manager, actor, id, 'edit_terms');
      const ids = [...new Set(providerIds)];
      const orgs = await this.directory.parties(tx.manager, ids);
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
      const after = await this.termsChanged(tx, actor, agreement);
      tx.audit({ action: 'recognition_agreement.providers_added', subjectType: 'recognition_agreement', subjectId: agreement.id, regionCode: agreement.issuingRegionCode, after: { providerIds: added.map((r) => r.provider_id), termsHash: after.termsHash } });
      return this.reader.detail(tx.manager, after, actor);
    });
  }

  /** Narrows recognition to these services (and lists their providers if needed). */
  async addServices(actor: Actor, id: string, serviceIds: string[]): Promise<RecognitionAgreementDetailDto> {
    return this.uow.run(async (tx) => {
      const agreement = await this.lockManageable(tx.manager, actor, id, 'edit_terms');
      const ids = [...new Set(serviceIds)];
      const rows = (await tx.manager.query(`SELECT s.id, s.provider_id FROM catalog_services s WHERE s.id = ANY($1::uuid[])`, [ids])) as { id: string; provider_id: string }[];
      const providerRegions = await this.directory.regionCodes(tx.manager, [...new Set(rows.map((s) => s.provider_id))]);
      const services = rows.map((s) => ({ ...s, region_code: providerRegions.get(s.provider_id)! }));
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
      const after = await this.termsChanged(tx, actor, agreement);
      tx.audit({
        action: 'recognition_agreement.services_added',
        subjectType: 'recognition_agreement',
        subjectId: agreement.id,
        regionCode: agreement.issuingRegionCode,
        after: { serviceIds: added.map((r) => r.service_id), providerIds: providersAdded.map((r) => r.provider_id), termsHash: after.termsHash },
      });
      return this.reader.detail(tx.manager, after, actor);
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
      await this.reader.notifySigners(tx, after, actor, 'recognition_agreement.terminated', '互认协议已终止', `${after.name}（第 ${after.versionNo} 版）自 ${after.terminatedOn} 起终止。${reason ?? ''}`, { terminatedOn: after.terminatedOn ?? null, reason: reason ?? null });
      return this.reader.detail(tx.manager, after, actor);
    });
  }

  /**
   * After any change of terms: a new fingerprint, and every live signature of other terms is void,
   * so the version is a draft again (editing after a signature voids it).
   */
  private async termsChanged(tx: Transaction, actor: Actor, agreement: RecognitionAgreement): Promise<RecognitionAgreement> {
    await tx.manager.query(`UPDATE recognition_agreements SET terms_hash = recognition_agreement_terms_hash(id), version = version + 1, updated_at = now() WHERE id = $1`, [agreement.id]);
    // (A CTE, so the driver returns the rows rather than [rows, count] as for a bare UPDATE.)
    const voided = (await tx.manager.query(
      `WITH v AS (
         UPDATE recognition_agreement_signatures s SET voided_at = now(), void_reason = 'terms_changed'
           FROM recognition_agreements a
          WHERE s.agreement_id = a.id AND a.id = $1 AND s.voided_at IS NULL AND s.terms_hash <> a.terms_hash
          RETURNING s.side, s.signed_by)
       SELECT side, signed_by FROM v`,
      [agreement.id],
    )) as { side: string; signed_by: string }[];
    await tx.manager.query(
      `UPDATE recognition_agreements SET status = CASE WHEN EXISTS (SELECT 1 FROM recognition_agreement_signatures s WHERE s.agreement_id = $1 AND s.voided_at IS NULL) THEN 'partially_signed' ELSE 'draft' END
        WHERE id = $1`,
      [agreement.id],
    );
    const after = await tx.manager.getRepository(RecognitionAgreement).findOneByOrFail({ id: agreement.id });
    if (voided.length) {
      tx.audit({ action: 'recognition_agreement.signatures_voided', subjectType: 'recognition_agreement', subjectId: agreement.id, regionCode: agreement.issuingRegionCode, after: { voided, termsHash: after.termsHash, status: after.status } });
      await this.reader.notifySigners(tx, after, actor, 'recognition_agreement.signatures_voided', '互认协议条款已修改', `${after.name}（第 ${after.versionNo} 版）条款已修改，此前的签署作废，请重新签署。`);
    } else if (after.termsHash !== agreement.termsHash) {
      await this.reader.notifySigners(tx, after, actor, 'recognition_agreement.terms_changed', '互认协议条款已修改', `${after.name}（第 ${after.versionNo} 版）条款已修改，待双方签署。`);
    }
    return after;
  }

  /** An amendment starts neither before the version it amends nor before today: it never re-prices a past day. */
  private async requireAmendmentStart(manager: EntityManager, previousId: string, effectiveFrom: string): Promise<void> {
    const previous = await manager.getRepository(RecognitionAgreement).findOneByOrFail({ id: previousId });
    requireAmendmentStart(previous, effectiveFrom);
  }


  /** Row-locks an agreement: 404 outside the actor's regions, 403 for a reader who may not manage, 409 on an illegal move. */
  private async lockManageable(manager: EntityManager, actor: Actor, id: string, action: AgreementAction): Promise<RecognitionAgreement> {
    const agreement = await manager.getRepository(RecognitionAgreement).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!agreement || !AgreementPolicy.canRead(actor, agreement)) throw DomainError.notFound('Recognition agreement');
    if (!AgreementPolicy.canManage(actor, agreement)) throw DomainError.forbidden('Only the issuing city’s approver, the partner region’s partner admin or the platform manage this agreement');
    nextAgreementStatus(agreement.status, action);
    return agreement;
  }
}

/**
 * 422 unless `effectiveFrom` is not before the amended version's first day nor before today
 * (Asia/Shanghai). Starting on the same day replaces the amended version before it applied.
 */
export function requireAmendmentStart(previous: Pick<RecognitionAgreement, 'effectiveFrom'>, effectiveFrom: string): void {
  if (effectiveFrom < previous.effectiveFrom) {
    throw new DomainError(ErrorCode.ValidationFailed, 'An amendment cannot start before the version it amends', [{ field: 'effectiveFrom', message: `must not be before ${previous.effectiveFrom}` }]);
  }
  const today = shanghaiDate();
  if (effectiveFrom < today) {
    throw new DomainError(ErrorCode.ValidationFailed, 'An amendment cannot change days already past', [{ field: 'effectiveFrom', message: `must not be before ${today}` }]);
  }
}
