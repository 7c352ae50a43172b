import { Injectable } from '@nestjs/common';
import { findingReason } from '../../../../packages/shared/finding-reasons';
import { DataSource } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { RegionsService } from '../../organizations/regions.service';
import { OutcomeDto, RecordOutcomeDto, StatsDto, StatsQueryDto, StatsRowDto } from './dto/outcome.dto';
import { ProjectLifecycle } from '../projects/project-lifecycle.service';
import { ProjectsService } from '../projects/projects.service';
import { JIAXING } from '../shared/roadshow.constants';
import { organiserCity } from '../shared/session-organisers';
import { CITY_OWN_PROJECT_SQL } from '../sessions/city-projects';
import { allianceStats } from './alliance-stats';

interface OutcomeRow {
  project_id: string;
  landing_city_code: string | null;
  landed_in_jiaxing: boolean;
  landing_district_code: string | null;
  landed_on: string | null;
  financing_raised_fen: string;
  note: string | null;
  updated_at: Date;
}

const SCREENED_OR_LATER = `('screened', 'coached', 'scheduled', 'presented', 'matched', 'landed', 'tracked')`;
const PRESENTED_OR_LATER = `('presented', 'matched', 'landed', 'tracked')`;

/**
 * Outcomes per project (落地 in Jiaxing, financing raised) and the statistics the bureau reports,
 * by city, industry, session type or month.
 */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly projects: ProjectsService,
    private readonly lifecycle: ProjectLifecycle,
  ) {}

  /**
   * Records (or corrects) a project's outcome. A landing in a G60 alliance city (with the date, and the district
   * or county when known) moves a presented or matched project to 'landed'. The old form (landedInJiaxing +
   * landingDistrictCode) still works: it means landingCityCode 330400. A city organiser records landings in its
   * own city (403 for another).
   */
  async record(actor: Actor, projectId: string, dto: RecordOutcomeDto): Promise<OutcomeDto> {
    const landing = this.landing(dto);
    const city = organiserCity(actor);
    if (city && landing.cityCode !== city) throw DomainError.forbidden('A city’s organisers record landings in their own city');
    return this.uow.run(async (tx) => {
      const project = await this.lifecycle.lock(tx, projectId);
      const before = await this.one(tx.manager, projectId).catch(() => null);
      await tx.manager.query(
        `INSERT INTO roadshow_outcomes (project_id, landing_city_code, landing_district_code, landed_on, financing_raised_fen, note, recorded_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (project_id) DO UPDATE SET landing_city_code = EXCLUDED.landing_city_code, landing_district_code = EXCLUDED.landing_district_code,
            landed_on = EXCLUDED.landed_on, financing_raised_fen = EXCLUDED.financing_raised_fen, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, updated_at = now()`,
        [projectId, landing.cityCode, landing.regionCode, landing.cityCode ? dto.landedOn : null, dto.financingRaisedFen, dto.note ?? null, actor.userId],
      );
      if (landing.cityCode) await this.lifecycle.applyIfAllowed(tx, project, 'land', findingReason('landed_in', { regionCode: landing.regionCode ?? landing.cityCode, landedOn: dto.landedOn! }), actor.userId);
      const after = await this.one(tx.manager, projectId);
      tx.audit({ action: 'roadshow_outcome.recorded', subjectType: 'roadshow_project', subjectId: projectId, organizationId: project.enterpriseId, before, after });
      return after;
    });
  }

  /** The landing the DTO describes (new or old form), validated: a G60 city, a region under it, a date. */
  private landing(dto: RecordOutcomeDto): { cityCode: string | null; regionCode: string | null } {
    if (dto.landedInJiaxing !== undefined && dto.landingCityCode && (dto.landedInJiaxing !== (dto.landingCityCode === JIAXING))) {
      throw DomainError.invalid('landedInJiaxing', 'contradicts landingCityCode; send landingCityCode only');
    }
    const cityCode = dto.landingCityCode ?? (dto.landedInJiaxing ? JIAXING : null);
    const regionCode = dto.landingRegionCode ?? dto.landingDistrictCode ?? null;
    if (!cityCode) {
      if (regionCode || dto.landedOn) throw DomainError.invalid('landingCityCode', 'a landing region or date needs the landing city');
      return { cityCode: null, regionCode: null };
    }
    if (!this.regions.get(cityCode)?.isG60) throw DomainError.invalid('landingCityCode', `${cityCode} is not a G60 alliance city`);
    if (!dto.landedOn) throw DomainError.invalid('landedOn', 'a landing needs its date');
    const field = dto.landingRegionCode ? 'landingRegionCode' : 'landingDistrictCode';
    if (regionCode && !this.regions.lineage(regionCode).includes(cityCode)) throw DomainError.invalid(field, `${regionCode} is not in ${cityCode}`);
    return { cityCode, regionCode: regionCode === cityCode ? null : regionCode };
  }

  async get(actor: Actor, projectId: string): Promise<OutcomeDto> {
    await this.projects.requireVisible(this.dataSource.manager, actor, projectId);
    return this.one(this.dataSource.manager, projectId);
  }

  /**
   * The roadshow statistics, and the alliance's per city and in total. A city organiser reads its own city only:
   * the project rows are its city's projects, the live totals its hosted sessions, the alliance block its row.
   */
  async stats(actor: Actor, query: StatsQueryDto): Promise<StatsDto> {
    if (query.from && query.to && query.from > query.to) throw DomainError.invalid('to', 'must not be before from');
    const own = organiserCity(actor);
    if (own && query.cityCode && query.cityCode !== own) throw DomainError.forbidden('A city reads its own statistics');
    const cityCode = own ?? query.cityCode ?? null;
    if (cityCode && !this.regions.get(cityCode)?.isG60) throw DomainError.invalid('cityCode', `${cityCode} is not a G60 alliance city`);
    const base = `
      SELECT p.id, p.industry, p.status, CASE WHEN r.kind IN ('district', 'county') AND r.parent_code IS NOT NULL THEN r.parent_code ELSE r.code END AS city,
             to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
             o.landing_city_code IS NOT NULL AS landed, COALESCE(o.landed_in_jiaxing, false) AS landed_jx, COALESCE(o.financing_raised_fen, 0) AS raised
        FROM roadshow_projects p JOIN read_regions r ON r.code = p.region_code LEFT JOIN roadshow_outcomes o ON o.project_id = p.id
       WHERE p.status <> 'withdrawn' AND ($3::text IS NULL OR ${CITY_OWN_PROJECT_SQL('p', '$3')})`;
    const inPeriod = (column: string) => `($1::date IS NULL OR ${column} >= $1::date) AND ($2::date IS NULL OR ${column} <= $2::date)`;
    const grouped =
      query.groupBy === 'session_type'
        ? `SELECT DISTINCT x.type AS key, b.* FROM (${base}) b JOIN roadshow_slots s ON s.project_id = b.id
             JOIN roadshow_sessions x ON x.id = s.session_id AND x.status IN ('published', 'finished')
            WHERE ${inPeriod(`(x.starts_at AT TIME ZONE 'Asia/Shanghai')::date`)}`
        : `SELECT b.${query.groupBy === 'city' ? 'city' : query.groupBy === 'industry' ? 'industry' : 'month'} AS key, b.* FROM (${base}) b WHERE ${inPeriod('b.day')}`;
    const rows = (await this.dataSource.query(
      `SELECT key, count(*)::int AS projects,
              count(*) FILTER (WHERE status IN ${SCREENED_OR_LATER})::int AS screened,
              count(*) FILTER (WHERE status IN ${PRESENTED_OR_LATER})::int AS presented,
              count(*) FILTER (WHERE landed)::int AS landed, count(*) FILTER (WHERE landed_jx)::int AS landed_jx, COALESCE(sum(raised), 0)::text AS raised
         FROM (${grouped}) g GROUP BY key ORDER BY key`,
      [query.from ?? null, query.to ?? null, cityCode],
    )) as { key: string; projects: number; screened: number; presented: number; landed: number; landed_jx: number; raised: string }[];
    const out: StatsRowDto[] = rows.map((r) => ({
      key: r.key,
      projects: r.projects,
      screened: r.screened,
      presented: r.presented,
      landed: r.landed,
      landedInJiaxing: r.landed_jx,
      financingRaisedFen: Number(r.raised),
    }));
    const totals = out.reduce<StatsRowDto>(
      (t, r) => ({
        key: 'total',
        projects: t.projects + r.projects,
        screened: t.screened + r.screened,
        presented: t.presented + r.presented,
        landed: t.landed + r.landed,
        landedInJiaxing: t.landedInJiaxing + r.landedInJiaxing,
        financingRaisedFen: t.financingRaisedFen + r.financingRaisedFen,
      }),
      { key: 'total', projects: 0, screened: 0, presented: 0, landed: 0, landedInJiaxing: 0, financingRaisedFen: 0 },
    );
    const alliance = this.regions.all().filter((r) => r.isG60).map((r) => r.code);
    const [live] = (await this.dataSource.query(
      `SELECT count(*)::int AS sessions,
              COALESCE(sum((SELECT count(*) FROM roadshow_live_attendance a WHERE a.session_id = x.id)), 0)::int AS attendees,
              COALESCE(sum(q.asked), 0)::int AS asked, COALESCE(sum(q.approved), 0)::int AS approved, COALESCE(sum(q.answered), 0)::int AS answered
         FROM roadshow_sessions x
         CROSS JOIN LATERAL (SELECT count(*) AS asked, count(*) FILTER (WHERE status IN ('approved', 'answered')) AS approved, count(*) FILTER (WHERE status = 'answered') AS answered
                               FROM roadshow_live_questions WHERE session_id = x.id) q
        WHERE x.stream_url IS NOT NULL AND x.status IN ('published', 'finished') AND ${inPeriod(`(x.starts_at AT TIME ZONE 'Asia/Shanghai')::date`)}
          AND ($3::text IS NULL OR x.host_city_code = $3)`,
      [query.from ?? null, query.to ?? null, cityCode],
    )) as { sessions: number; attendees: number; asked: number; approved: number; answered: number }[];
    return {
      groupBy: query.groupBy,
      from: query.from ?? null,
      to: query.to ?? null,
      rows: out,
      totals,
      live: { sessions: live.sessions, attendees: live.attendees, questionsAsked: live.asked, questionsApproved: live.approved, questionsAnswered: live.answered },
      cityCode,
      alliance: await allianceStats(this.dataSource.manager, { from: query.from ?? null, to: query.to ?? null }, cityCode ? [cityCode] : alliance, alliance, !own),
    };
  }

  private async one(manager: DataSource['manager'], projectId: string): Promise<OutcomeDto> {
    const [row] = (await manager.query(
      `SELECT project_id, landing_city_code, landed_in_jiaxing, landing_district_code, to_char(landed_on, 'YYYY-MM-DD') AS landed_on, financing_raised_fen, note, updated_at FROM roadshow_outcomes WHERE project_id = $1`,
      [projectId],
    )) as OutcomeRow[];
    if (!row) throw DomainError.notFound('Outcome');
    return toDto(row);
  }
}

function toDto(r: OutcomeRow): OutcomeDto {
  return {
    projectId: r.project_id,
    landingCityCode: r.landing_city_code,
    landingRegionCode: r.landing_district_code,
    landedInJiaxing: r.landed_in_jiaxing,
    landingDistrictCode: r.landing_district_code,
    landedOn: r.landed_on,
    financingRaisedFen: Number(r.financing_raised_fen),
    note: r.note,
    updatedAt: r.updated_at.toISOString(),
  };
}
