import { shanghaiDate } from '../../platform/database/shanghai-date';
import { CatalogServiceDto } from './dto/catalog-service.dto';
import { RecognitionAgreementDto } from './agreements/dto/recognition-agreement.dto';
import { CatalogImportDto } from './imports/dto/catalog-import.dto';
import { CatalogImport, RecognitionAgreement } from './catalog.entities';

/** The columns of a service row as selected by raw SQL (snake_case). */
export interface CatalogServiceRow {
  id: string;
  provider_id: string;
  provider_name: string;
  code: string;
  name: string;
  category: string;
  unit_price_fen: string;
  unit: string;
  lead_time_days: number;
  instrument_name: string | null;
  instrument_model: string | null;
  description: string | null;
  region_code: string;
  status: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  /** Read with the row (RATING_COLUMNS) by search; other readers add them with withRatings. Null: not rated. */
  rating_count?: number | null;
  score_sum?: string | null;
}

export const SERVICE_COLUMNS = `s.id, s.provider_id, o.name AS provider_name, s.code, s.name, s.category, s.unit_price_fen, s.unit,
  s.lead_time_days, s.instrument_name, s.instrument_model, s.description, s.region_code, s.status, s.version, s.created_at, s.updated_at`;

/**
 * The rating counter of the service row `s` as two columns of the same statement (docs/domain.md, "Ratings"):
 * two primary-key lookups of read_service_rating_totals per row, for statements that return a page's rows,
 * so a search needs no statement of its own for them.
 */
export const RATING_COLUMNS = `(SELECT r.rating_count FROM read_service_rating_totals r WHERE r.service_id = s.id) AS rating_count,
  (SELECT r.score_sum FROM read_service_rating_totals r WHERE r.service_id = s.id) AS score_sum`;

/** Count and average (one decimal) of a rating counter row. */
function ratingOf(count: number | null | undefined, scoreSum: string | null | undefined): { ratingCount: number; ratingAverage: number | null } {
  if (!count) return { ratingCount: 0, ratingAverage: null };
  return { ratingCount: count, ratingAverage: Math.round((Number(scoreSum) * 10) / count) / 10 };
}

export function toCatalogServiceDto(r: CatalogServiceRow): CatalogServiceDto {
  return {
    id: r.id,
    providerId: r.provider_id,
    providerName: r.provider_name,
    code: r.code,
    name: r.name,
    category: r.category,
    unitPriceFen: Number(r.unit_price_fen),
    unit: r.unit,
    leadTimeDays: r.lead_time_days,
    instrumentName: r.instrument_name,
    instrumentModel: r.instrument_model,
    description: r.description,
    regionCode: r.region_code,
    status: r.status,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    ...ratingOf(r.rating_count, r.score_sum),
  };
}

/**
 * Adds the rating count and average to services (docs/domain.md, "Ratings"): one lookup of the
 * counter rows (read_service_rating_totals) by the page's ids, after the page is chosen, so search
 * plans stay as they are and no row gets its own aggregate.
 */
export async function withRatings<T extends CatalogServiceDto>(run: <R>(sql: string, params: unknown[]) => Promise<R[]>, services: T[]): Promise<T[]> {
  if (services.length === 0) return services;
  const totals = await run<{ service_id: string; rating_count: number; score_sum: string }>(
    `SELECT service_id, rating_count, score_sum FROM read_service_rating_totals WHERE service_id = ANY($1::uuid[])`,
    [services.map((s) => s.id)],
  );
  const byId = new Map(totals.map((t) => [t.service_id, t]));
  for (const s of services) {
    const t = byId.get(s.id);
    if (!t || t.rating_count === 0) continue;
    Object.assign(s, ratingOf(t.rating_count, t.score_sum));
  }
  return services;
}

/** The fields an audit row keeps of a service. */
export function serviceAuditView(s: Pick<CatalogServiceDto, 'code' | 'name' | 'category' | 'unitPriceFen' | 'unit' | 'leadTimeDays' | 'status' | 'version'>): Record<string, unknown> {
  return { code: s.code, name: s.name, category: s.category, unitPriceFen: s.unitPriceFen, unit: s.unit, leadTimeDays: s.leadTimeDays, status: s.status, version: s.version };
}

/** In force on `day`: signed by both (or migrated), within [effectiveFrom, effectiveTo], before its termination or successor. */
export function agreementInForce(a: Pick<RecognitionAgreement, 'status' | 'effectiveFrom' | 'effectiveTo' | 'terminatedOn' | 'supersededOn'>, day: string): boolean {
  return (
    ['in_force', 'superseded', 'terminated'].includes(a.status) &&
    a.effectiveFrom <= day &&
    (a.effectiveTo === null || a.effectiveTo >= day) &&
    (a.terminatedOn === null || a.terminatedOn > day) &&
    (a.supersededOn === null || a.supersededOn > day)
  );
}

export function toAgreementDto(a: RecognitionAgreement, counts: { providerCount: number; serviceCount: number }): RecognitionAgreementDto {
  return {
    id: a.id,
    issuingRegionCode: a.issuingRegionCode,
    partnerRegionCode: a.partnerRegionCode,
    name: a.name,
    effectiveFrom: a.effectiveFrom,
    effectiveTo: a.effectiveTo,
    ratioOverrideBp: a.ratioOverrideBp,
    perOrderCapFen: a.perOrderCapFen,
    status: a.status,
    terminatedOn: a.terminatedOn,
    supersededOn: a.supersededOn,
    inForceToday: agreementInForce(a, shanghaiDate()),
    lineageId: a.lineageId,
    versionNo: a.versionNo,
    supersedesId: a.supersedesId,
    termsHash: a.termsHash,
    inForceSince: a.inForceSince ? a.inForceSince.toISOString() : null,
    migrated: a.migrated,
    providerCount: counts.providerCount,
    serviceCount: counts.serviceCount,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
  };
}

export function agreementAuditView(a: RecognitionAgreement): Record<string, unknown> {
  return {
    issuingRegionCode: a.issuingRegionCode,
    partnerRegionCode: a.partnerRegionCode,
    name: a.name,
    effectiveFrom: a.effectiveFrom,
    effectiveTo: a.effectiveTo,
    ratioOverrideBp: a.ratioOverrideBp,
    perOrderCapFen: a.perOrderCapFen,
    status: a.status,
    terminatedOn: a.terminatedOn,
    supersededOn: a.supersededOn,
    versionNo: a.versionNo,
    termsHash: a.termsHash,
    version: a.version,
  };
}

export function toImportDto(i: CatalogImport): CatalogImportDto {
  return {
    id: i.id,
    status: i.status,
    format: i.format,
    invalidRows: i.invalidRows,
    withdrawMissing: i.withdrawMissing,
    rowsTotal: i.rowsTotal,
    rowsValid: i.rowsValid,
    rowsInvalid: i.rowsInvalid,
    rowsInserted: i.rowsInserted,
    rowsUpdated: i.rowsUpdated,
    rowsUnchanged: i.rowsUnchanged,
    rowsSkipped: i.rowsSkipped,
    rowsWithdrawn: i.rowsWithdrawn,
    rowsMerged: i.status === 'completed' ? i.rowsValid : Math.max(0, i.mergedThrough - 1),
    providersCreated: i.providersCreated,
    bytes: i.bytes,
    errorMessage: i.errorMessage,
    startedAt: i.startedAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    finishedAt: i.finishedAt ? i.finishedAt.toISOString() : null,
  };
}
