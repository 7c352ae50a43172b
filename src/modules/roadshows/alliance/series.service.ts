import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, isPlatformAdmin } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { RegionsService } from '../../organizations/regions.service';
import { CreateSessionDto, SessionDto } from '../sessions/dto/session.dto';
import { SessionsService } from '../sessions/sessions.service';
import { organiserCity, requireCity } from '../shared/session-organisers';
import { CreateSeriesDto, CreateSeriesSessionDto, SeriesDetailDto, SeriesDto } from './dto/alliance.dto';
import { nextHost } from './rotation';

interface SeriesRow {
  id: string;
  title: string;
  rotation_city_codes: string[];
  opted_out_city_codes: string[];
  next_position: number;
  sessions_created: number;
  created_at: Date;
  version: number;
}

/**
 * Alliance series (联盟系列路演) with rotating hosts (docs/domain.md, "The nine-city alliance"). The platform
 * sets a series up with its member cities in rotation order; each member opts out or back in for itself; the
 * next session's host is the next member in the rotation that has not opted out, drawn under the series' row lock
 * in the same transaction that creates the session (two racing creations get consecutive hosts).
 */
@Injectable()
export class SeriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly sessions: SessionsService,
  ) {}

  async create(actor: Actor, dto: CreateSeriesDto): Promise<SeriesDto> {
    const rotation = dto.rotationCityCodes;
    if (new Set(rotation).size !== rotation.length) throw DomainError.invalid('rotationCityCodes', 'each city appears once');
    for (const code of rotation) if (!this.regions.get(code)?.isG60) throw DomainError.invalid('rotationCityCodes', `${code} is not a G60 alliance city`);
    return this.uow.run(async (tx) => {
      const [row] = (await tx.manager.query(`INSERT INTO roadshow_series (title, rotation_city_codes, created_by) VALUES ($1, $2, $3) RETURNING *`, [dto.title.trim(), rotation, actor.userId])) as SeriesRow[];
      tx.audit({ action: 'roadshow_series.created', subjectType: 'roadshow_series', subjectId: row.id, after: { title: row.title, rotation } });
      return toDto(row);
    });
  }

  async list(): Promise<SeriesDto[]> {
    return ((await this.dataSource.query(`SELECT * FROM roadshow_series ORDER BY created_at, id LIMIT 200`)) as SeriesRow[]).map(toDto);
  }

  async get(id: string): Promise<SeriesDetailDto> {
    const [row] = (await this.dataSource.query(`SELECT * FROM roadshow_series WHERE id = $1`, [id])) as SeriesRow[];
    if (!row) throw DomainError.notFound('Series');
    return { series: toDto(row), sessions: await this.sessions.ofSeries(id) };
  }

  /** A member city opts out of (or back into) the rotation; 409 when it already is where it asks to be. */
  async setOptOut(actor: Actor, id: string, cityCode: string | undefined, optOut: boolean): Promise<SeriesDto> {
    const city = isPlatformAdmin(actor) ? cityCode : (cityCode ?? organiserCity(actor));
    if (!city) throw DomainError.invalid('cityCode', 'name the member city');
    requireCity(actor, city, 'opt this city in or out');
    return this.uow.run(async (tx) => {
      const row = await this.lock(tx.manager, id);
      if (!row.rotation_city_codes.includes(city)) throw DomainError.rule(`${city} is not a member of this series`);
      const out = row.opted_out_city_codes.includes(city);
      if (out === optOut) throw DomainError.conflict(`${city} has already opted ${optOut ? 'out of' : 'into'} this series`, { cityCode: city, optedOut: out });
      const next = optOut ? [...row.opted_out_city_codes, city].sort() : row.opted_out_city_codes.filter((c) => c !== city);
      // An UPDATE … RETURNING answers [rows, affected count] through TypeORM.
      const [[updated]] = (await tx.manager.query(`UPDATE roadshow_series SET opted_out_city_codes = $2, version = version + 1 WHERE id = $1 RETURNING *`, [id, next])) as [SeriesRow[], number];
      tx.audit({ action: optOut ? 'roadshow_series.opted_out' : 'roadshow_series.opted_in', subjectType: 'roadshow_series', subjectId: id, regionCode: city, before: { optedOut: row.opted_out_city_codes }, after: { optedOut: next } });
      return toDto(updated);
    });
  }

  /**
   * The series' next session, hosted by the next city in the rotation (409 when every member opted out). The
   * platform or that city's organisers create it (403 for another city: it is not its turn).
   */
  async createSession(actor: Actor, id: string, dto: CreateSeriesSessionDto): Promise<SessionDto> {
    const sessionDto: CreateSessionDto = { ...dto, type: 'alliance', hostCityCode: '' };
    return this.sessions.createSession(actor, sessionDto, async (tx) => {
      const row = await this.lock(tx.manager, id);
      const host = nextHost(row.rotation_city_codes, row.opted_out_city_codes, row.next_position);
      if (!host) throw DomainError.conflict('Every member city opted out of this series', { optedOut: row.opted_out_city_codes });
      const seq = row.sessions_created + 1;
      await tx.manager.query(`UPDATE roadshow_series SET next_position = $2, sessions_created = $3, version = version + 1 WHERE id = $1`, [id, (host.position + 1) % row.rotation_city_codes.length, seq]);
      tx.audit({ action: 'roadshow_series.host_assigned', subjectType: 'roadshow_series', subjectId: id, regionCode: host.cityCode, after: { hostCityCode: host.cityCode, seriesSeq: seq } });
      const coHosts = row.rotation_city_codes.filter((c) => c !== host.cityCode && !row.opted_out_city_codes.includes(c));
      return { hostCityCode: host.cityCode, coHostCityCodes: coHosts, seriesId: id, seriesSeq: seq };
    });
  }

  private async lock(manager: DataSource['manager'], id: string): Promise<SeriesRow> {
    const [row] = (await manager.query(`SELECT * FROM roadshow_series WHERE id = $1 FOR UPDATE`, [id])) as SeriesRow[];
    if (!row) throw DomainError.notFound('Series');
    return row;
  }
}

function toDto(r: SeriesRow): SeriesDto {
  return {
    id: r.id,
    title: r.title,
    rotationCityCodes: r.rotation_city_codes,
    optedOutCityCodes: r.opted_out_city_codes,
    nextHostCityCode: nextHost(r.rotation_city_codes, r.opted_out_city_codes, r.next_position)?.cityCode ?? null,
    sessionsCreated: r.sessions_created,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}
