import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { shanghaiDate } from '../../../platform/database/shanghai-date';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { describeConstraint } from '../../../platform/errors/pg-errors';
import { AgreementDetailReader } from './agreement-detail.reader';
import { RecognitionAgreement } from '../catalog.entities';
import { agreementAuditView } from '../catalog.mapper';
import { AgreementPolicy } from '../catalog.policy';
import { nextAgreementStatus } from '../catalog.state';
import { RecognitionAgreementDetailDto } from './dto/recognition-agreement.dto';
import { requireAmendmentStart } from './recognition-agreements.service';

describeConstraint(
  'recognition_agreements_one_in_force',
  ErrorCode.Conflict,
  'Another agreement between these two regions is in force on some of these days; amend that agreement instead',
);
describeConstraint('recognition_agreements_one_open_amendment', ErrorCode.Conflict, 'This version already has an amendment being signed; edit or withdraw that one');
describeConstraint('recognition_agreement_signatures_live', ErrorCode.Conflict, 'This side has already signed this version');

/**
 * Consent to a recognition agreement (互认协议), docs/security.md "Recognition agreements": each
 * region signs the exact terms; the second signature brings the version into force, and an
 * amendment coming into force supersedes its predecessor in the same transaction. The database's
 * exclusion constraint keeps one version in force per issuing region, partner region and day.
 */
@Injectable()
export class AgreementSignaturesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly reader: AgreementDetailReader,
  ) {}

  async sign(actor: Actor, id: string, termsHash: string): Promise<RecognitionAgreementDetailDto> {
    return this.uow.run(async (tx) => {
      const agreement = await lockReadable(tx.manager, actor, id);
      const side = AgreementPolicy.signingSide(actor, agreement);
      if (!side) {
        throw DomainError.forbidden('Only the issuing region’s approver signs for the issuing region, and only the partner region’s partner admin for the partner region');
      }
      const next = nextAgreementStatus(agreement.status, agreement.status === 'partially_signed' ? 'complete_signatures' : 'sign');
      if (termsHash !== agreement.termsHash) {
        throw DomainError.conflict('The terms changed since you read them; read the agreement again before signing', { reason: 'terms_changed', termsHash: agreement.termsHash });
      }
      const live = (await tx.manager.query(`SELECT side FROM recognition_agreement_signatures WHERE agreement_id = $1 AND voided_at IS NULL`, [id])) as { side: string }[];
      if (live.some((s) => s.side === side)) throw DomainError.conflict(`The ${side} side has already signed this version`, { side });
      await tx.manager.query(
        `INSERT INTO recognition_agreement_signatures (agreement_id, side, region_code, signed_by, signer_organization_id, signer_role, terms_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, side, side === 'issuing' ? agreement.issuingRegionCode : agreement.partnerRegionCode, actor.userId, actor.organizationId, actor.role, termsHash],
      );
      tx.audit({ action: 'recognition_agreement.signed', subjectType: 'recognition_agreement', subjectId: id, regionCode: agreement.issuingRegionCode, after: { side, termsHash, versionNo: agreement.versionNo } });

      if (next === 'partially_signed') {
        await tx.manager.query(`UPDATE recognition_agreements SET status = 'partially_signed', version = version + 1, updated_at = now() WHERE id = $1`, [id]);
        const after = await tx.manager.getRepository(RecognitionAgreement).findOneByOrFail({ id });
        await this.reader.notifySigners(tx, after, actor, 'recognition_agreement.signed', '互认协议待对方签署', `${after.name}（第 ${after.versionNo} 版）已由${side === 'issuing' ? '发券地' : '合作地'}签署，待对方签署。`, { side });
        return this.reader.detail(tx.manager, after, actor);
      }
      return this.bringIntoForce(tx, actor, agreement);
    });
  }

  /** Proposes the next version of an agreement in force: a draft copy of its terms and scope from `effectiveFrom`. */
  async amend(actor: Actor, id: string, effectiveFrom: string): Promise<RecognitionAgreementDetailDto> {
    return this.uow.run(async (tx) => {
      const previous = await lockReadable(tx.manager, actor, id);
      if (!AgreementPolicy.canManage(actor, previous)) throw DomainError.forbidden('Only the issuing city’s approver, the partner region’s partner admin or the platform propose amendments');
      nextAgreementStatus(previous.status, 'amend');
      requireAmendmentStart(previous, effectiveFrom);
      const [{ id: newId }] = (await tx.manager.query(
        `INSERT INTO recognition_agreements (lineage_id, version_no, supersedes_id, issuing_region_code, partner_region_code, name, effective_from, effective_to,
                                             ratio_override_bp, per_order_cap_fen, status, created_by, terms_hash)
         SELECT a.lineage_id, (SELECT max(version_no) + 1 FROM recognition_agreements WHERE lineage_id = a.lineage_id), a.id, a.issuing_region_code, a.partner_region_code,
                a.name, $2, CASE WHEN a.effective_to >= $2::date THEN a.effective_to END, a.ratio_override_bp, a.per_order_cap_fen, 'draft', $3, ''
           FROM recognition_agreements a WHERE a.id = $1
         RETURNING id`,
        [id, effectiveFrom, actor.userId],
      )) as { id: string }[];
      await tx.manager.query(
        `INSERT INTO recognition_agreement_providers (agreement_id, provider_id, added_by) SELECT $2, provider_id, $3 FROM recognition_agreement_providers WHERE agreement_id = $1`,
        [id, newId, actor.userId],
      );
      await tx.manager.query(
        `INSERT INTO recognition_agreement_services (agreement_id, service_id, provider_id, added_by) SELECT $2, service_id, provider_id, $3 FROM recognition_agreement_services WHERE agreement_id = $1`,
        [id, newId, actor.userId],
      );
      await tx.manager.query(`UPDATE recognition_agreements SET terms_hash = recognition_agreement_terms_hash(id) WHERE id = $1`, [newId]);
      const amendment = await tx.manager.getRepository(RecognitionAgreement).findOneByOrFail({ id: newId });
      tx.audit({ action: 'recognition_agreement.amendment_proposed', subjectType: 'recognition_agreement', subjectId: newId, regionCode: amendment.issuingRegionCode, after: { ...agreementAuditView(amendment), supersedesId: id } });
      await this.reader.notifySigners(tx, amendment, actor, 'recognition_agreement.proposed', '互认协议修订待签署', `${amendment.name}（第 ${amendment.versionNo} 版）已提出，待双方签署后自 ${amendment.effectiveFrom} 起取代第 ${previous.versionNo} 版。`, { variant: 'amendment', effectiveFrom: amendment.effectiveFrom, previousVersion: previous.versionNo });
      return this.reader.detail(tx.manager, amendment, actor);
    });
  }

  /**
   * The second signature: the version comes into force; an amendment first supersedes the version
   * it amends from its own first day. The exclusion constraint refuses (409) a version whose days
   * overlap another one in force for the same two regions.
   */
  private async bringIntoForce(tx: Transaction, actor: Actor, agreement: RecognitionAgreement): Promise<RecognitionAgreementDetailDto> {
    if (agreement.supersedesId) {
      if (agreement.effectiveFrom < shanghaiDate()) {
        throw new DomainError(ErrorCode.IllegalTransition, 'The amendment’s first day has passed; edit its effectiveFrom (both sides sign again)', { effectiveFrom: agreement.effectiveFrom });
      }
      const previous = await tx.manager.getRepository(RecognitionAgreement).findOne({ where: { id: agreement.supersedesId }, lock: { mode: 'pessimistic_write' } });
      if (!previous) throw DomainError.notFound('Amended recognition agreement');
      nextAgreementStatus(previous.status, 'supersede');
      await tx.manager.query(
        `UPDATE recognition_agreements SET status = 'superseded', superseded_on = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [previous.id, agreement.effectiveFrom],
      );
      const superseded = await tx.manager.getRepository(RecognitionAgreement).findOneByOrFail({ id: previous.id });
      tx.audit({ action: 'recognition_agreement.superseded', subjectType: 'recognition_agreement', subjectId: previous.id, regionCode: previous.issuingRegionCode, before: agreementAuditView(previous), after: { ...agreementAuditView(superseded), supersededBy: agreement.id } });
    }
    await tx.manager.query(`UPDATE recognition_agreements SET status = 'in_force', in_force_since = now(), version = version + 1, updated_at = now() WHERE id = $1`, [agreement.id]);
    // The search's copy of the lists (catalog_services.recognised_under) holds signed agreements only, so it is written
    // here, once, for this agreement's providers (docs/catalog-search.md, "recognisedOnly in the index"). The table lock
    // waits for every catalogue writer in flight and holds off new ones until this commits: a service inserted meanwhile
    // is either seen by the refresh or inserted after the commit, when its trigger sees the agreement signed. The lock is
    // self-exclusive, so two signatures take turns rather than deadlock; orders and searches do not take it.
    await tx.manager.query(`LOCK TABLE catalog_services IN SHARE ROW EXCLUSIVE MODE`);
    await tx.manager.query(`SELECT catalog_recognition_refresh(ARRAY(SELECT provider_id FROM recognition_agreement_providers WHERE agreement_id = $1))`, [agreement.id]);
    const after = await tx.manager.getRepository(RecognitionAgreement).findOneByOrFail({ id: agreement.id });
    tx.audit({ action: 'recognition_agreement.in_force', subjectType: 'recognition_agreement', subjectId: agreement.id, regionCode: after.issuingRegionCode, before: agreementAuditView(agreement), after: agreementAuditView(after) });
    await this.reader.notifySigners(tx, after, actor, 'recognition_agreement.in_force', '互认协议已生效', `${after.name}（第 ${after.versionNo} 版）双方已签署，自 ${after.effectiveFrom} 起生效。`, { effectiveFrom: after.effectiveFrom });
    return this.reader.detail(tx.manager, after, actor);
  }
}

/** Row-locks a version: 404 when missing or outside the reader's regions. */
async function lockReadable(manager: EntityManager, actor: Actor, id: string): Promise<RecognitionAgreement> {
  const agreement = await manager.getRepository(RecognitionAgreement).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!agreement || !AgreementPolicy.canRead(actor, agreement)) throw DomainError.notFound('Recognition agreement');
  return agreement;
}
