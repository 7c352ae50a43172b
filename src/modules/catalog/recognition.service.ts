import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RegionsService } from '../organizations/regions.service';

export interface Recognition {
  agreementId: string;
  /** Replaces the programme's ratio when not null (basis points, 0..10000). */
  ratioOverrideBp: number | null;
  /** An extra cap on one order's subsidy, in fen, when not null. */
  perOrderCapFen: number | null;
  /** recognition_stamp() when it was read: changes with any agreement (docs/architecture.md, "Money paths"). */
  stamp: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether an issuing city's vouchers may be spent with a provider (互认). Local providers always
 * qualify; others through a recognition agreement in force on the day: the agreement lists the
 * provider, and, when it also lists some of that provider's services, only those.
 * Other modules (orders, redemptions) call this inside their own transactions.
 */
@Injectable()
export class RecognitionService {
  constructor(private readonly regions: RegionsService) {}

  /** The city that issues vouchers for an organisation in `regionCode`: the top of its lineage. */
  issuingCityOf(regionCode: string): string {
    const lineage = this.regions.lineage(regionCode);
    return lineage[lineage.length - 1] ?? regionCode;
  }

  /** True when the provider's region is the issuing region or lies under it (a district of the city). */
  isLocal(issuingRegionCode: string, providerRegionCode: string): boolean {
    return this.regions.lineage(providerRegionCode).includes(issuingRegionCode);
  }

  /** The issuing region and every region under it. */
  regionsUnder(regionCode: string): string[] {
    return this.regions.under(regionCode).map((r) => r.code);
  }

  /**
   * The agreement under which `issuingRegionCode` recognises this provider's service on `onDate`
   * (YYYY-MM-DD, Asia/Shanghai), or null. Only versions both regions signed count, and a database
   * constraint keeps one in force per issuing region, partner region and day (docs/security.md);
   * the ordering only breaks ties between agreements with different partner regions (a region and
   * one of its districts). Local providers need no agreement: check isLocal first.
   */
  async findRecognition(manager: EntityManager, issuingRegionCode: string, providerId: string, serviceId: string, onDate: string): Promise<Recognition | null> {
    if (!DAY.test(onDate)) throw new Error(`findRecognition: onDate must be YYYY-MM-DD, got ${onDate}`);
    const rows = (await manager.query(
      `SELECT a.id, a.ratio_override_bp, a.per_order_cap_fen, recognition_stamp() AS stamp
         FROM recognition_agreements a
         JOIN recognition_agreement_providers ap ON ap.agreement_id = a.id AND ap.provider_id = $2
         JOIN catalog_services s ON s.id = $3 AND s.provider_id = $2
        WHERE a.issuing_region_code = $1 AND ${inForce('a', '$4')}
          AND (NOT EXISTS (SELECT 1 FROM recognition_agreement_services x WHERE x.agreement_id = a.id AND x.provider_id = $2)
               OR EXISTS (SELECT 1 FROM recognition_agreement_services x WHERE x.agreement_id = a.id AND x.service_id = $3))
        ORDER BY a.effective_from DESC, a.created_at DESC, a.id
        LIMIT 1`,
      [issuingRegionCode, providerId, serviceId, onDate],
    )) as { id: string; ratio_override_bp: number | null; per_order_cap_fen: string | null; stamp: string }[];
    const row = rows[0];
    if (!row) return null;
    return {
      agreementId: row.id,
      ratioOverrideBp: row.ratio_override_bp,
      perOrderCapFen: row.per_order_cap_fen === null ? null : Number(row.per_order_cap_fen),
      stamp: row.stamp,
    };
  }

  /**
   * SQL predicate over a catalog_services alias: recognised by `issuingCity` on a day, straight from the agreement
   * tables, as findRecognition() decides for an order. Search asks the same through the keyword index instead
   * (recognisedKeysPredicate); the benchmark and the tests compare the two. Appends its parameters to `params`.
   */
  recognisedPredicate(alias: string, issuingCity: string, onDate: string, params: unknown[]): string {
    params.push(this.regionsUnder(issuingCity), issuingCity, onDate);
    const [local, city, day] = [params.length - 2, params.length - 1, params.length].map((n) => `$${n}`);
    return `(${alias}.region_code = ANY(${local}::text[])
      OR ${alias}.provider_id IN (
           SELECT ap.provider_id FROM recognition_agreements a
             JOIN recognition_agreement_providers ap ON ap.agreement_id = a.id
            WHERE a.issuing_region_code = ${city} AND ${inForce('a', `${day}::date`)}
              AND NOT EXISTS (SELECT 1 FROM recognition_agreement_services x WHERE x.agreement_id = a.id AND x.provider_id = ap.provider_id))
      OR ${alias}.id IN (
           SELECT x.service_id FROM recognition_agreements a
             JOIN recognition_agreement_services x ON x.agreement_id = a.id
            WHERE a.issuing_region_code = ${city} AND ${inForce('a', `${day}::date`)}))`;
  }
}

/**
 * SQL of two text arrays, `rec_providers` and `rec_docs`: what recognisedPredicate() recognises beside local providers,
 * as lists (providers recognised for all their services; the search_doc of services recognised one by one), for a
 * search engine that cannot read the agreements. Appends its parameters to `params`.
 */
export function recognisedListsSql(issuingCity: string, onDate: string, params: unknown[]): string {
  params.push(issuingCity, onDate);
  const [city, day] = [params.length - 1, params.length].map((n) => `$${n}`);
  return `ARRAY(SELECT DISTINCT ap.provider_id::text FROM recognition_agreements a
                  JOIN recognition_agreement_providers ap ON ap.agreement_id = a.id
                 WHERE a.issuing_region_code = ${city} AND ${inForce('a', `${day}::date`)}
                   AND NOT EXISTS (SELECT 1 FROM recognition_agreement_services x WHERE x.agreement_id = a.id AND x.provider_id = ap.provider_id)) AS rec_providers,
          ARRAY(SELECT DISTINCT s.search_doc::text FROM recognition_agreements a
                  JOIN recognition_agreement_services x ON x.agreement_id = a.id
                  JOIN catalog_services s ON s.id = x.service_id
                 WHERE a.issuing_region_code = ${city} AND ${inForce('a', `${day}::date`)}) AS rec_docs`;
}

/** Statuses of a version both sides signed: the only ones inForce() accepts, and the only ones the search's copy holds. */
export const SIGNED_STATUSES = `('in_force', 'superseded', 'terminated')`;

/**
 * The one definition of "in force on a day", shared by findRecognition and search: a version that
 * came into force (both signatures, or migrated), within its period, before its termination and
 * before the day its successor took over. The same days as SQL recognition_agreement_days(), which
 * the one-in-force exclusion constraint uses.
 */
function inForce(a: string, day: string): string {
  return `${a}.status IN ${SIGNED_STATUSES}
          AND ${a}.effective_from <= ${day} AND (${a}.effective_to IS NULL OR ${a}.effective_to >= ${day})
          AND (${a}.terminated_on IS NULL OR ${a}.terminated_on > ${day})
          AND (${a}.superseded_on IS NULL OR ${a}.superseded_on > ${day})`;
}

/**
 * The keyword index's second column (migration 1764900360000): a service's region and the signed agreements whose lists
 * cover it (migration 1764900370000). A query must write it exactly so for PostgreSQL to match it to the index.
 */
const RECOGNITION_KEYS = (alias: string) => `(${alias}.region_code || ${alias}.recognised_under)`;

/**
 * The same services as recognisedPredicate(), from `catalog_services.recognised_under` (kept by triggers and the second
 * signature; signed agreements only, which are the only ones inForce() can accept): a local
 * region, or an agreement in force on the day whose lists cover the service. Which agreements are in force is asked here,
 * at search time, so the stored lists never depend on the day. Two forms of the same test:
 * - `keywordIndex`: written as the keyword index's second column, for a statement that also asks for the keyword, so that
 *   PostgreSQL answers both from one GIN scan and reads only the rows that pass both (docs/catalog-search.md,
 *   "recognisedOnly in the index");
 * - otherwise a plain filter, which no index matches: where a statement finds its rows another way (a walk in id order,
 *   the exact names' b-trees), a bitmap of every recognised service would only cost.
 * Appends its parameters to `params`.
 */
export function recognisedKeysPredicate(alias: string, localRegions: string[], issuingCity: string, onDate: string, keywordIndex: boolean, params: unknown[]): string {
  params.push(localRegions, issuingCity, onDate);
  const [local, city, day] = [params.length - 2, params.length - 1, params.length].map((n) => `$${n}`);
  const inForceIds = `ARRAY(SELECT a.id::text FROM recognition_agreements a WHERE a.issuing_region_code = ${city} AND ${inForce('a', `${day}::date`)})`;
  return keywordIndex
    ? `${RECOGNITION_KEYS(alias)} && (${local}::text[] || ${inForceIds})`
    : `(${alias}.region_code = ANY(${local}::text[]) OR ${alias}.recognised_under && ${inForceIds})`;
}
