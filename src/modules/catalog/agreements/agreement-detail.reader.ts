import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { JobName } from '../../../platform/queue/queue.registry';
import { Transaction } from '../../../platform/database/unit-of-work';
import { AgreementProviderDto, AgreementSignatureDto, AgreementVersionDto, RecognitionAgreementDetailDto } from './dto/recognition-agreement.dto';
import { RecognitionAgreement } from '../catalog.entities';
import { toAgreementDto } from '../catalog.mapper';
import type { NotificationKind, NotificationParams } from '../../../../packages/shared/notification-kinds';
import { AgreementPolicy } from '../catalog.policy';

/** Reads one version of a recognition agreement with its providers, signatures and sibling versions. */
@Injectable()
export class AgreementDetailReader {
  async detail(manager: EntityManager, agreement: RecognitionAgreement, actor: Actor): Promise<RecognitionAgreementDetailDto> {
    const rows = (await manager.query(
      `SELECT p.provider_id, o.name, o.region_code,
              COALESCE(array_agg(x.service_id ORDER BY x.service_id) FILTER (WHERE x.service_id IS NOT NULL), '{}') AS service_ids
         FROM recognition_agreement_providers p
         JOIN read_organizations o ON o.id = p.provider_id
         LEFT JOIN recognition_agreement_services x ON x.agreement_id = p.agreement_id AND x.provider_id = p.provider_id
        WHERE p.agreement_id = $1
        GROUP BY p.provider_id, o.name, o.region_code
        ORDER BY o.name, p.provider_id`,
      [agreement.id],
    )) as { provider_id: string; name: string; region_code: string; service_ids: string[] }[];
    const providers: AgreementProviderDto[] = rows.map((r) => ({ providerId: r.provider_id, name: r.name, regionCode: r.region_code, serviceIds: r.service_ids }));
    const serviceCount = providers.reduce((n, p) => n + p.serviceIds.length, 0);
    const signatures = (await manager.query(
      `SELECT s.side, s.region_code, s.signed_by, u.display_name, s.signer_role, s.terms_hash, s.signed_at, s.voided_at, s.void_reason
         FROM recognition_agreement_signatures s JOIN read_directory_users u ON u.id = s.signed_by
        WHERE s.agreement_id = $1 ORDER BY s.signed_at, s.id`,
      [agreement.id],
    )) as { side: string; region_code: string; signed_by: string; display_name: string; signer_role: string; terms_hash: string; signed_at: Date; voided_at: Date | null; void_reason: string | null }[];
    const versions = (await manager.query(
      `SELECT id, version_no, status, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(effective_to, 'YYYY-MM-DD') AS effective_to,
              to_char(superseded_on, 'YYYY-MM-DD') AS superseded_on, to_char(terminated_on, 'YYYY-MM-DD') AS terminated_on
         FROM recognition_agreements WHERE lineage_id = $1 ORDER BY version_no`,
      [agreement.lineageId],
    )) as { id: string; version_no: number; status: string; effective_from: string; effective_to: string | null; superseded_on: string | null; terminated_on: string | null }[];
    return {
      ...toAgreementDto(agreement, { providerCount: providers.length, serviceCount }),
      providers,
      signatures: signatures.map(
        (s): AgreementSignatureDto => ({
          side: s.side,
          regionCode: s.region_code,
          signedBy: s.signed_by,
          signerName: s.display_name,
          signerRole: s.signer_role,
          termsHash: s.terms_hash,
          signedAt: s.signed_at.toISOString(),
          voidedAt: s.voided_at ? s.voided_at.toISOString() : null,
          voidReason: s.void_reason,
        }),
      ),
      versions: versions.map(
        (v): AgreementVersionDto => ({
          id: v.id,
          versionNo: v.version_no,
          status: v.status,
          effectiveFrom: v.effective_from,
          effectiveTo: v.effective_to,
          supersededOn: v.superseded_on,
          terminatedOn: v.terminated_on,
        }),
      ),
      mySide: AgreementPolicy.signingSide(actor, agreement),
    };
  }

  async counts(manager: EntityManager, ids: string[]): Promise<Map<string, { providerCount: number; serviceCount: number }>> {
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

  /**
   * Tells the people who sign for either region (the issuing city's approvers, the partner
   * region's partner admins) what changed, through the outbox of the same transaction.
   */
  async notifySigners(tx: Transaction, agreement: RecognitionAgreement, actor: Actor, kind: NotificationKind, title: string, body: string, params?: NotificationParams): Promise<void> {
    const users = (await tx.manager.query(
      `SELECT u.id FROM read_directory_users u
        WHERE u.status = 'active' AND u.id <> $3
          AND ((u.role = 'approver' AND u.region_code = $1) OR (u.role = 'partner_admin' AND u.region_code = $2))`,
      [agreement.issuingRegionCode, agreement.partnerRegionCode, actor.userId],
    )) as { id: string }[];
    if (users.length === 0) return;
    const [{ version }] = (await tx.manager.query(`SELECT version FROM recognition_agreements WHERE id = $1`, [agreement.id])) as { version: number }[];
    tx.enqueue(JobName.DeliverNotification, {
      userIds: users.map((u) => u.id),
      kind,
      title,
      body,
      subjectType: 'recognition_agreement',
      subjectId: agreement.id,
      dedupKey: `recognition_agreement:${agreement.id}:${version}:${kind}`,
      params: { name: agreement.name, version: agreement.versionNo, issuingRegionCode: agreement.issuingRegionCode, partnerRegionCode: agreement.partnerRegionCode, ...params },
    });
  }
}
