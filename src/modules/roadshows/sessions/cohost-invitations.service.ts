import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, isPlatformAdmin } from '../../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { RegionsService } from '../../organizations/regions.service';
import { COHOST_STATES, CoHostEvent, CoHostStatus } from '../shared/alliance.state';
import { RoadshowSession } from '../shared/roadshow.entities';
import { organiserCity, requireCity, requireHost } from '../shared/session-organisers';
import { CoHostInvitationDto } from './dto/session.dto';
import type { NotificationKind, NotificationParams } from '../../../../packages/shared/notification-kinds';
import { notifyCityOrganisers } from './city-organisers';

interface InvitationRow {
  id: string;
  session_id: string;
  session_title: string;
  session_starts_at: Date;
  host_city_code: string;
  city_code: string;
  status: CoHostStatus;
  reason: string | null;
  decided_at: Date | null;
  created_at: Date;
}

const SELECT = `
  SELECT i.id, i.session_id, s.title AS session_title, s.starts_at AS session_starts_at, s.host_city_code, i.city_code, i.status, i.reason, i.decided_at, i.created_at
    FROM roadshow_cohost_invitations i JOIN roadshow_sessions s ON s.id = i.session_id`;

/**
 * Co-hosting (联合主办) an alliance session: the host city invites other G60 cities, their organisers accept or
 * decline, the host withdraws (docs/domain.md, "The nine-city alliance"). The session's co_host_city_codes
 * (accepted) and pending_co_host_city_codes (invited) follow each move in the same transaction, with its audit
 * record and the notification of the other side (outbox).
 */
@Injectable()
export class CoHostInvitations {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly directory: OrganizationDirectory,
  ) {}

  /** The host invites `cityCode`; a city that declined or was withdrawn may be invited again; 409 while invited or accepted. */
  async invite(actor: Actor, sessionId: string, cityCode: string): Promise<CoHostInvitationDto> {
    return this.uow.run(async (tx) => {
      const session = await this.lockSession(tx, sessionId);
      requireHost(actor, session);
      await this.inviteInTx(tx, actor, sessionId, [cityCode]);
      return this.one(tx, sessionId, cityCode);
    });
  }

  /** Invites each city in `cityCodes` to co-host (the caller holds the session's row lock or just created it). */
  async inviteInTx(tx: Transaction, actor: Actor, sessionId: string, cityCodes: string[]): Promise<void> {
    const session = await this.lockSession(tx, sessionId);
    if (session.type !== 'alliance') throw DomainError.conflict('Only alliance sessions (路演联盟) have co-hosts', { type: session.type });
    if (!['draft', 'published'].includes(session.status)) throw DomainError.conflict(`A ${session.status} session invites no co-host`, { status: session.status });
    for (const cityCode of cityCodes) {
      if (!this.regions.get(cityCode)?.isG60) throw DomainError.invalid('cityCode', `${cityCode} is not a G60 alliance city`);
      if (cityCode === session.hostCityCode) throw DomainError.invalid('cityCode', 'the host city does not co-host its own session');
      const [existing] = (await tx.manager.query(`SELECT id, status FROM roadshow_cohost_invitations WHERE session_id = $1 AND city_code = $2 FOR UPDATE`, [sessionId, cityCode])) as {
        id: string;
        status: CoHostStatus;
      }[];
      if (existing) {
        if (existing.status === 'invited' || existing.status === 'accepted') {
          throw DomainError.conflict(`${cityCode} is already ${existing.status === 'invited' ? 'invited' : 'a co-host'}`, { current: existing.status, event: 'reinvite', allowedFrom: ['declined', 'withdrawn'] });
        }
        COHOST_STATES.next(existing.status, 'reinvite');
        await tx.manager.query(
          `UPDATE roadshow_cohost_invitations SET status = 'invited', invited_by = $2, decided_by = NULL, decided_at = NULL, reason = NULL, version = version + 1 WHERE id = $1`,
          [existing.id, actor.userId],
        );
      } else {
        await tx.manager.query(`INSERT INTO roadshow_cohost_invitations (session_id, city_code, status, invited_by) VALUES ($1, $2, 'invited', $3)`, [sessionId, cityCode, actor.userId]);
      }
      await this.syncSession(tx, sessionId);
      tx.audit({
        action: COHOST_STATES.emits('reinvite'),
        subjectType: 'roadshow_session',
        subjectId: sessionId,
        regionCode: session.hostCityCode,
        before: existing ? { cityCode, status: existing.status } : null,
        after: { cityCode, status: 'invited' },
      });
      await this.notify(tx, actor, cityCode, cityCode, session, 'roadshow.cohost_invited', `联合主办邀请：${session.title}`, `${session.hostCityCode} 邀请贵市联合主办路演「${session.title}」，请在城市路演页面答复。`, {});
    }
  }

  /** The invited city's organisers accept (they then moderate it and read its statistics) or decline, with an optional reason. */
  async answer(actor: Actor, sessionId: string, cityCode: string, event: Extract<CoHostEvent, 'accept' | 'decline'>, reason?: string): Promise<CoHostInvitationDto> {
    // Only the invited city answers for itself: not the host, and not the platform on its behalf.
    if (isPlatformAdmin(actor)) throw DomainError.forbidden('The invited city’s organisers answer a co-host invitation');
    requireCity(actor, cityCode, 'answer this invitation');
    return this.move(actor, sessionId, cityCode, event, reason ?? null);
  }

  /** The host withdraws an invitation, answered or not. */
  async withdraw(actor: Actor, sessionId: string, cityCode: string): Promise<CoHostInvitationDto> {
    return this.move(actor, sessionId, cityCode, 'withdraw', null);
  }

  /** Invitations of a session (its organisers and invited cities), or addressed to a city (`GET /roadshow-cohost-invitations`). */
  async listForSession(actor: Actor, session: RoadshowSession): Promise<CoHostInvitationDto[]> {
    const city = organiserCity(actor);
    if (!isPlatformAdmin(actor) && !(city && [session.hostCityCode, ...session.coHostCityCodes, ...session.pendingCoHostCityCodes].includes(city))) {
      throw DomainError.forbidden('Only the session’s host and co-host cities see its invitations');
    }
    const rows = (await this.dataSource.query(`${SELECT} WHERE i.session_id = $1 ORDER BY i.city_code`, [session.id])) as InvitationRow[];
    return rows.map(toDto);
  }

  /** A city's invitations (to answer, and answered); the platform: every city's, or `cityCode`'s. */
  async listForCity(actor: Actor, cityCode: string | undefined, status: CoHostStatus | undefined): Promise<CoHostInvitationDto[]> {
    const city = organiserCity(actor) ?? cityCode ?? null;
    if (organiserCity(actor) && cityCode && cityCode !== organiserCity(actor)) throw DomainError.forbidden('A city reads its own invitations');
    const rows = (await this.dataSource.query(
      `${SELECT} WHERE ($1::text IS NULL OR i.city_code = $1) AND ($2::text IS NULL OR i.status = $2) ORDER BY s.starts_at, i.city_code LIMIT 500`,
      [city, status ?? null],
    )) as InvitationRow[];
    return rows.map(toDto);
  }

  private async move(actor: Actor, sessionId: string, cityCode: string, event: Exclude<CoHostEvent, 'reinvite'>, reason: string | null): Promise<CoHostInvitationDto> {
    return this.uow.run(async (tx) => {
      const session = await this.lockSession(tx, sessionId);
      if (event === 'withdraw') requireHost(actor, session);
      else if (!['draft', 'published'].includes(session.status)) throw DomainError.conflict(`The session is ${session.status}: the invitation can no longer be answered`, { status: session.status });
      const [row] = (await tx.manager.query(`SELECT id, status FROM roadshow_cohost_invitations WHERE session_id = $1 AND city_code = $2 FOR UPDATE`, [sessionId, cityCode])) as {
        id: string;
        status: CoHostStatus;
      }[];
      if (!row) throw DomainError.notFound('Co-host invitation');
      const to = COHOST_STATES.next(row.status, event);
      await tx.manager.query(
        `UPDATE roadshow_cohost_invitations SET status = $2, decided_by = $3, decided_at = now(), reason = $4, version = version + 1 WHERE id = $1`,
        [row.id, to, actor.userId, reason],
      );
      await this.syncSession(tx, sessionId);
      tx.audit({
        action: COHOST_STATES.emits(event),
        subjectType: 'roadshow_session',
        subjectId: sessionId,
        regionCode: event === 'withdraw' ? session.hostCityCode : cityCode,
        before: { cityCode, status: row.status },
        after: { cityCode, status: to, reason },
      });
      if (event === 'withdraw') {
        await this.notify(tx, actor, cityCode, cityCode, session, 'roadshow.cohost_withdrawn', `联合主办邀请已撤回：${session.title}`, `${session.hostCityCode} 撤回了路演「${session.title}」的联合主办邀请。`, {});
      } else {
        const verdict = event === 'accept' ? '接受' : '谢绝';
        await this.notify(tx, actor, session.hostCityCode, cityCode, session, `roadshow.cohost_${to}`, `联合主办答复：${session.title}`, `${cityCode} ${verdict}了路演「${session.title}」的联合主办邀请。${reason ? `理由：${reason}` : ''}`, {
          reason: reason ?? null, ...(reason ? { variant: 'reason' } : {}),
        });
      }
      return this.one(tx, sessionId, cityCode);
    });
  }

  /** The session's accepted and pending co-host lists, from the invitations (same transaction). */
  private async syncSession(tx: Transaction, sessionId: string): Promise<void> {
    await tx.manager.query(
      `UPDATE roadshow_sessions s SET
          co_host_city_codes = COALESCE((SELECT array_agg(city_code ORDER BY city_code) FROM roadshow_cohost_invitations WHERE session_id = s.id AND status = 'accepted'), '{}'),
          pending_co_host_city_codes = COALESCE((SELECT array_agg(city_code ORDER BY city_code) FROM roadshow_cohost_invitations WHERE session_id = s.id AND status = 'invited'), '{}'),
          version = version + 1, updated_at = now()
        WHERE s.id = $1`,
      [sessionId],
    );
  }

  /** Tells the other side's organisers; each move of an invitation is told once (its version in the key). */
  private async notify(tx: Transaction, actor: Actor, to: string, invited: string, session: RoadshowSession, kind: NotificationKind, title: string, body: string, params: NotificationParams): Promise<void> {
    const [row] = (await tx.manager.query(`SELECT version FROM roadshow_cohost_invitations WHERE session_id = $1 AND city_code = $2`, [session.id, invited])) as { version: number }[];
    await notifyCityOrganisers(tx, this.directory, actor, to, { kind, title, body, subjectType: 'roadshow_session', subjectId: session.id, dedupKey: `${kind}:${session.id}:${invited}:${row?.version ?? 0}`,
      params: { sessionTitle: session.title, hostCityCode: session.hostCityCode, cityCode: invited, ...params },
    });
  }

  private async lockSession(tx: Transaction, id: string): Promise<RoadshowSession> {
    const session = await tx.manager.getRepository(RoadshowSession).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!session) throw DomainError.notFound('Session');
    return session;
  }

  private async one(tx: Transaction, sessionId: string, cityCode: string): Promise<CoHostInvitationDto> {
    const [row] = (await tx.manager.query(`${SELECT} WHERE i.session_id = $1 AND i.city_code = $2`, [sessionId, cityCode])) as InvitationRow[];
    return toDto(row);
  }
}

function toDto(r: InvitationRow): CoHostInvitationDto {
  return {
    id: r.id,
    sessionId: r.session_id,
    sessionTitle: r.session_title,
    sessionStartsAt: r.session_starts_at.toISOString(),
    hostCityCode: r.host_city_code,
    cityCode: r.city_code,
    status: r.status,
    reason: r.reason,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
  };
}
