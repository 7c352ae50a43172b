import { Injectable } from '@nestjs/common';
import { findingReason } from '../../../../packages/shared/finding-reasons';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, isPlatformAdmin } from '../../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { JobName } from '../../../platform/queue/queue.registry';
import { isCity, RegionsService } from '../../organizations/regions.service';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { CreateSessionDto, CreateVenueDto, SessionDetailDto, SessionDto, SessionListQueryDto, VenueDto } from './dto/session.dto';
import { ProjectLifecycle } from '../projects/project-lifecycle.service';
import { conflict, OVER_VENUE_CAPACITY, VENUE_DOUBLE_BOOKED, violatedConstraint } from '../shared/roadshow.errors';
import { RoadshowSession, RoadshowVenue } from '../shared/roadshow.entities';
import { SLOT_SELECT, SlotRow, toSessionDto, toSlotDto, toVenueDto } from './session.mapper';
import { SESSION_STATES } from '../shared/roadshow.state';
import { AppConfig } from '../../../platform/config/app-config';
import { LiveEventLog } from './live-event-log';
import { StreamPlayer, streamPlayer } from './stream-url';
import { organiserCity, requireCity, requireHost } from '../shared/session-organisers';
import { CoHostInvitations } from './cohost-invitations.service';

/** Where a session of an alliance series goes: its host (the rotation's next city), co-hosts to invite, its number. */
export interface SeriesPlacement {
  hostCityCode: string;
  coHostCityCodes: string[];
  seriesId: string;
  seriesSeq: number;
}

/** SQL: the session `alias` is hosted, co-hosted or awaiting the answer of the city bound to `param`. */
export const CITY_TAKES_PART = (alias: string, param: string) =>
  `(${alias}.host_city_code = ${param} OR ${param} = ANY (${alias}.co_host_city_codes) OR ${param} = ANY (${alias}.pending_co_host_city_codes))`;

/**
 * Venues (路演场地) and sessions (路演场次): custom, alliance (a host city with co-hosting G60
 * cities) and cloud (a stream link and a capacity of its own). Drafts are the roadshow
 * centre's; everyone signed in sees published and finished sessions.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly lifecycle: ProjectLifecycle,
    private readonly directory: OrganizationDirectory,
    private readonly config: AppConfig,
    private readonly liveEvents: LiveEventLog,
    private readonly coHosts: CoHostInvitations,
  ) {}

  /** For reads outside a transaction (controllers pass it back to requireVisible). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** A stream or replay URL: https on an allowed host (LIVE_STREAM_HOSTS), else 400 on `field`. */
  requireStreamUrl(url: string, field: string): StreamPlayer {
    const checked = streamPlayer(url, this.config.liveStreamHosts);
    if ('refused' in checked) throw DomainError.invalid(field, checked.refused);
    return checked.player;
  }

  /** The player of a stored URL, or null when it is no longer allowed (LIVE_STREAM_HOSTS changed): the page then only links it. */
  playerOf(url: string | null): StreamPlayer | null {
    if (!url) return null;
    const checked = streamPlayer(url, this.config.liveStreamHosts);
    return 'player' in checked ? checked.player : null;
  }

  /** A venue in a city: the platform's, or a city organiser's in its own city (403 for another city). */
  async createVenue(actor: Actor, dto: CreateVenueDto): Promise<VenueDto> {
    this.requireCity(dto.cityCode, 'cityCode');
    requireCity(actor, dto.cityCode, 'add venues in this city');
    return this.uow.run(async (tx) => {
      const repo = tx.manager.getRepository(RoadshowVenue);
      const saved = await repo.save(repo.create({ name: dto.name.trim(), cityCode: dto.cityCode, address: dto.address?.trim() ?? '', capacity: dto.capacity }));
      const venue = await repo.findOneByOrFail({ id: saved.id });
      tx.audit({ action: 'roadshow_venue.created', subjectType: 'roadshow_venue', subjectId: venue.id, regionCode: venue.cityCode, after: toVenueDto(venue) });
      return toVenueDto(venue);
    });
  }

  async listVenues(cityCode?: string): Promise<VenueDto[]> {
    return (await this.dataSource.getRepository(RoadshowVenue).find({ where: cityCode ? { cityCode } : {}, order: { cityCode: 'ASC', name: 'ASC' } })).map(toVenueDto);
  }

  /**
   * A draft session. The host city's organisers create their city's sessions (403 for another city); the platform
   * creates any. Co-hosts named at creation are invited (they answer: CoHostInvitations). A session of an alliance
   * series gets its host from the series' rotation, drawn inside the transaction by `series`.
   */
  async createSession(actor: Actor, dto: CreateSessionDto, series?: (tx: Transaction) => Promise<SeriesPlacement>): Promise<SessionDto> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (!(startsAt < endsAt)) throw DomainError.invalid('endsAt', 'must be after startsAt');
    if (endsAt.getTime() - startsAt.getTime() < (dto.pitchMinutes + dto.qaMinutes) * 60_000) throw DomainError.invalid('endsAt', 'the window must hold at least one slot');
    if (endsAt.getTime() - startsAt.getTime() > 24 * 3600_000) throw DomainError.invalid('endsAt', 'a session lasts at most 24 hours');
    if (!series) this.checkHost(actor, dto);
    if (dto.type === 'cloud') {
      if (!dto.streamUrl) throw DomainError.invalid('streamUrl', 'a cloud session (云路演) needs a stream link');
      if (!dto.capacity) throw DomainError.invalid('capacity', 'a cloud session needs its own capacity');
      if (dto.venueId) throw DomainError.invalid('venueId', 'a cloud session has no venue');
    } else if (!dto.venueId) throw DomainError.invalid('venueId', 'an in-person session needs a venue');
    // A stream on an in-person session makes it hybrid: it gets a live page too.
    if (dto.streamUrl) this.requireStreamUrl(dto.streamUrl, 'streamUrl');
    try {
      return await this.uow.run(async (tx) => {
        const placement = series ? await series(tx) : null;
        if (placement) {
          dto.hostCityCode = placement.hostCityCode;
          dto.coHostCityCodes = (dto.coHostCityCodes ?? placement.coHostCityCodes).filter((c) => c !== placement.hostCityCode);
          this.checkHost(actor, dto);
        }
        const coHosts = [...new Set(dto.coHostCityCodes ?? [])].filter((c) => c !== dto.hostCityCode).sort();
        let capacity = dto.capacity;
        if (dto.venueId) {
          const venue = await tx.manager.getRepository(RoadshowVenue).findOneBy({ id: dto.venueId });
          if (!venue) throw DomainError.invalid('venueId', 'no such venue');
          if (venue.cityCode !== dto.hostCityCode) throw DomainError.rule(`The venue is in ${venue.cityCode}, not in the host city ${dto.hostCityCode}`);
          capacity ??= venue.capacity;
        }
        const repo = tx.manager.getRepository(RoadshowSession);
        const saved = await repo.save(
          repo.create({
            title: dto.title.trim(),
            type: dto.type,
            hostCityCode: dto.hostCityCode,
            coHostCityCodes: [],
            pendingCoHostCityCodes: [],
            seriesId: placement?.seriesId ?? null,
            seriesSeq: placement?.seriesSeq ?? null,
            venueId: dto.venueId ?? null,
            streamUrl: dto.streamUrl ?? null,
            liveAccess: dto.liveAccess ?? 'registered',
            capacity,
            startsAt,
            endsAt,
            pitchMinutes: dto.pitchMinutes,
            qaMinutes: dto.qaMinutes,
            themeIndustries: [...new Set(dto.themeIndustries)].sort(),
            status: 'draft',
            createdBy: actor.userId,
          }),
        );
        tx.audit({ action: 'roadshow_session.created', subjectType: 'roadshow_session', subjectId: saved.id, regionCode: dto.hostCityCode, after: toSessionDto(await repo.findOneByOrFail({ id: saved.id })) });
        if (coHosts.length > 0) await this.coHosts.inviteInTx(tx, actor, saved.id, coHosts);
        return toSessionDto(await repo.findOneByOrFail({ id: saved.id }));
      });
    } catch (err) {
      throw await this.explain(err, dto.venueId, startsAt, endsAt);
    }
  }

  /** Host and co-host cities are valid G60 / city codes, co-hosts only on alliance sessions, and the actor acts for the host city. */
  private checkHost(actor: Actor, dto: CreateSessionDto): void {
    this.requireCity(dto.hostCityCode, 'hostCityCode');
    requireCity(actor, dto.hostCityCode, 'host sessions in this city');
    const coHosts = [...new Set(dto.coHostCityCodes ?? [])].filter((c) => c !== dto.hostCityCode);
    if (dto.type === 'alliance') {
      if (coHosts.length === 0) throw DomainError.invalid('coHostCityCodes', 'an alliance session (路演联盟) invites at least one co-hosting G60 city');
      for (const code of coHosts) if (!this.regions.get(code)?.isG60) throw DomainError.invalid('coHostCityCodes', `${code} is not a G60 city`);
    } else if (coHosts.length > 0) throw DomainError.invalid('coHostCityCodes', 'only alliance sessions have co-hosts');
  }

  /**
   * Published and finished sessions for everyone; drafts and cancelled ones for the platform and for the
   * organisers of the cities that host, co-host or are invited to co-host them. `cityCode`: sessions that city
   * hosts, co-hosts or is invited to.
   */
  async list(actor: Actor, query: SessionListQueryDto): Promise<SessionDto[]> {
    const qb = this.dataSource.getRepository(RoadshowSession).createQueryBuilder('s');
    const city = organiserCity(actor);
    if (city) qb.where(`(s.status IN ('published', 'finished') OR ${CITY_TAKES_PART('s', ':orgCity')})`, { orgCity: city });
    else if (!isPlatformAdmin(actor)) qb.where(`s.status IN ('published', 'finished')`);
    if (query.cityCode) qb.andWhere(CITY_TAKES_PART('s', ':cityCode'), { cityCode: query.cityCode });
    if (query.seriesId) qb.andWhere('s.series_id = :seriesId', { seriesId: query.seriesId });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.type) qb.andWhere('s.type = :type', { type: query.type });
    const rows = await qb.orderBy('s.starts_at', 'ASC').addOrderBy('s.id').limit(query.limit ?? 50).offset(query.offset ?? 0).getMany();
    return rows.map(toSessionDto);
  }

  /** Every session of an alliance series, drafts included (the series view is the alliance organisers' shared plan), in series order. */
  async ofSeries(seriesId: string): Promise<SessionDto[]> {
    return (await this.dataSource.getRepository(RoadshowSession).find({ where: { seriesId }, order: { seriesSeq: 'ASC' } })).map(toSessionDto);
  }

  async get(actor: Actor, id: string): Promise<SessionDetailDto> {
    const session = await this.requireVisible(this.dataSource.manager, actor, id);
    const slots = (await this.dataSource.query(`${SLOT_SELECT} WHERE s.session_id = $1 ORDER BY s.slot_index`, [id])) as SlotRow[];
    return { session: toSessionDto(session), slots: slots.map(toSlotDto) };
  }

  /** The session is over: its presenters move to 'presented'. */
  async finish(actor: Actor, id: string): Promise<SessionDto> {
    return this.uow.run(async (tx) => {
      const session = await this.lockHosted(tx, actor, id);
      const status = SESSION_STATES.next(session.status, 'finish');
      await tx.manager.query(`UPDATE roadshow_sessions SET status = $2, finished_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id, status]);
      const slots = (await tx.manager.query(`SELECT project_id FROM roadshow_slots WHERE session_id = $1 ORDER BY project_id`, [id])) as { project_id: string }[];
      for (const { project_id } of slots) {
        const project = await this.lifecycle.lock(tx, project_id);
        await this.lifecycle.applyIfAllowed(tx, project, 'present', findingReason('presented_at', { session: session.title }), actor.userId);
      }
      tx.audit({ action: 'roadshow_session.finished', subjectType: 'roadshow_session', subjectId: id, regionCode: session.hostCityCode, before: { status: session.status }, after: { status, presenters: slots.length } });
      // The live page turns into the replay page for everyone watching.
      if (session.streamUrl) await this.liveEvents.append(tx, id, 'session.finished', { status });
      return toSessionDto(await tx.manager.getRepository(RoadshowSession).findOneByOrFail({ id }));
    });
  }

  /** Cancels a session: its slots are released and everyone who RSVP'd or presents is told. */
  async cancel(actor: Actor, id: string): Promise<SessionDto> {
    return this.uow.run(async (tx) => {
      const session = await this.lockHosted(tx, actor, id);
      const status = SESSION_STATES.next(session.status, 'cancel');
      const presenterOrgs = (await tx.manager.query(
        `SELECT DISTINCT p.enterprise_id FROM roadshow_slots s JOIN roadshow_projects p ON p.id = s.project_id WHERE s.session_id = $1`,
        [id],
      )) as { enterprise_id: string }[];
      const presenters = (await this.directory.activeUserIdsOfAny(tx.manager, presenterOrgs.map((o) => o.enterprise_id))).map((userId) => ({ id: userId }));
      const audience = (await tx.manager.query(`SELECT user_id AS id FROM roadshow_rsvps WHERE session_id = $1 AND status <> 'cancelled'`, [id])) as { id: string }[];
      await tx.manager.query(`DELETE FROM roadshow_slots WHERE session_id = $1`, [id]);
      await tx.manager.query(`UPDATE roadshow_rsvps SET status = 'cancelled', cancelled_at = now() WHERE session_id = $1 AND status <> 'cancelled'`, [id]);
      await tx.manager.query(`UPDATE roadshow_sessions SET status = $2, seats_taken = 0, version = version + 1, updated_at = now() WHERE id = $1`, [id, status]);
      tx.audit({ action: 'roadshow_session.cancelled', subjectType: 'roadshow_session', subjectId: id, regionCode: session.hostCityCode, before: { status: session.status }, after: { status } });
      if (session.streamUrl) await this.liveEvents.append(tx, id, 'session.cancelled', { status });
      const userIds = [...new Set([...presenters, ...audience].map((u) => u.id))];
      if (session.status === 'published' && userIds.length > 0) {
        tx.enqueue(JobName.DeliverNotification, {
          userIds,
          kind: 'roadshow.session_cancelled',
          title: `路演取消：${session.title}`,
          body: `原定 ${session.startsAt.toISOString()} 的路演已取消。`,
          subjectType: 'roadshow_session',
          subjectId: id,
          dedupKey: `roadshow.session_cancelled:${id}`,
          params: { sessionTitle: session.title, startsAt: session.startsAt.toISOString() },
        });
      }
      return toSessionDto(await tx.manager.getRepository(RoadshowSession).findOneByOrFail({ id }));
    });
  }

  async requireVisible(manager: EntityManager, actor: Actor, id: string): Promise<RoadshowSession> {
    const session = await manager.getRepository(RoadshowSession).findOneBy({ id });
    if (!session) throw DomainError.notFound('Session');
    if (isPlatformAdmin(actor) || ['published', 'finished'].includes(session.status)) return session;
    const city = organiserCity(actor);
    if (city && [session.hostCityCode, ...session.coHostCityCodes, ...session.pendingCoHostCityCodes].includes(city)) return session;
    throw DomainError.notFound('Session');
  }

  /** The session, row-locked, for a change only its host side makes: 404 when there is none, 403 for another city's. */
  async lockHosted(tx: Transaction, actor: Actor, id: string): Promise<RoadshowSession> {
    const session = await this.lock(tx, id);
    requireHost(actor, session);
    return session;
  }

  async lock(tx: Transaction, id: string): Promise<RoadshowSession> {
    const session = await tx.manager.getRepository(RoadshowSession).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!session) throw DomainError.notFound('Session');
    return session;
  }

  /** A host or venue city: a city or municipality, or a G60 member district (Songjiang). */
  private requireCity(code: string, field: string): void {
    const region = this.regions.require(code, field);
    if (!isCity(region) && !region.isG60) throw DomainError.invalid(field, `${code} is not a city`);
  }

  /** Turns the venue exclusion constraint into a 409 that names the session already booked. */
  private async explain(err: unknown, venueId: string | undefined, startsAt: Date, endsAt: Date): Promise<unknown> {
    const constraint = violatedConstraint(err);
    if (constraint === VENUE_DOUBLE_BOOKED && venueId) {
      const rows = (await this.dataSource.query(
        `SELECT id, title, starts_at, ends_at FROM roadshow_sessions WHERE venue_id = $1 AND status <> 'cancelled' AND during && tstzrange($2, $3, '[)') ORDER BY starts_at LIMIT 5`,
        [venueId, startsAt, endsAt],
      )) as { id: string; title: string; starts_at: Date; ends_at: Date }[];
      return conflict('The venue is already booked for an overlapping session', {
        constraint,
        conflictsWith: rows.map((r) => ({ sessionId: r.id, title: r.title, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString() })),
      });
    }
    if (constraint === OVER_VENUE_CAPACITY) return conflict('The session capacity exceeds what the venue holds', { constraint });
    return err;
  }
}

