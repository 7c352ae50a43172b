import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { presentingSlot } from '../../../../packages/shared/roadshow-live';
import { Actor } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { InterestDto } from '../investors/dto/investor.dto';
import { InterestsService } from '../investors/interests.service';
import { LiveEventLog } from '../sessions/live-event-log';
import { toSessionDto } from '../sessions/session.mapper';
import { SessionsService } from '../sessions/sessions.service';
import { StreamPlayer } from '../sessions/stream-url';
import { RoadshowSession } from '../shared/roadshow.entities';
import { LIVE_SESSION_STATUSES } from '../shared/roadshow.state';
import { LiveRoomDto, LiveSlotDto, LiveStatsDto, PlayerDto } from './dto/live.dto';
import { LiveAccess } from './live-access';
import { LiveQuestionsService } from './live-questions.service';
import { LiveSlotRow, LiveSlots } from './live-slots';

/**
 * The live page of a cloud or hybrid session (云路演直播间): agenda with the presenter, the player, the questions the
 * viewer may see; the organisers' "now presenting" and replays; investors' "interested"; attendance and the
 * session's live statistics.
 */
@Injectable()
export class LiveRoomService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: LiveAccess,
    private readonly sessions: SessionsService,
    private readonly slots: LiveSlots,
    private readonly questions: LiveQuestionsService,
    private readonly events: LiveEventLog,
    private readonly interests: InterestsService,
  ) {}

  /** The page as the viewer sees it now; opening it counts as attendance. */
  async room(actor: Actor, sessionId: string): Promise<LiveRoomDto> {
    const manager = this.dataSource.manager;
    const viewer = await this.access.viewer(manager, actor, sessionId);
    await this.touch(actor, sessionId);
    // The event number first: whatever the reads below miss arrives on the stream opened from it.
    const lastEventId = await this.events.lastSeq(manager, sessionId);
    const [slots, organiserSlotId] = await Promise.all([this.slots.of(manager, sessionId), this.slots.organiserSlotId(manager, sessionId)]);
    const questions = await this.questions.visibleTo(manager, sessionId, actor, viewer.moderator);
    const interested =
      actor.role === 'investor' && slots.length
        ? ((await manager.query(`SELECT project_id FROM roadshow_interests WHERE investor_org_id = $1 AND project_id = ANY($2::uuid[])`, [actor.organizationId, slots.map((s) => s.projectId)])) as { project_id: string }[]).map(
            (r) => r.project_id,
          )
        : [];
    const session = viewer.session;
    const now = Date.now();
    return {
      session: toSessionDto(session),
      phase: phaseOf(session, now),
      player: this.player(session.streamUrl),
      slots: slots.map((s) => this.slotDto(s)),
      presenting: presentingSlot(slots, organiserSlotId, now),
      organiserSlotId,
      questions,
      viewer: {
        moderator: viewer.moderator,
        presenterProjectIds: viewer.presenterProjectIds,
        canAsk: LIVE_SESSION_STATUSES.includes(session.status),
        investor: actor.role === 'investor',
        interestedProjectIds: interested,
      },
      lastEventId,
      serverTime: new Date(now).toISOString(),
    };
  }

  /** An organiser sets the slot presenting now (当前路演); viewers follow at once. */
  async setPresenter(actor: Actor, sessionId: string, slotId: string): Promise<LiveRoomDto['presenting']> {
    await this.uow.run(async (tx) => {
      const session = await this.access.organised(tx.manager, actor, sessionId);
      if (!LIVE_SESSION_STATUSES.includes(session.status)) {
        throw new DomainError(ErrorCode.IllegalTransition, `The presenter changes while the session is live; it is ${session.status}`, { current: session.status, event: 'present' });
      }
      const slot = (await this.slots.of(tx.manager, sessionId)).find((s) => s.id === slotId);
      if (!slot) throw DomainError.invalid('slotId', 'not a slot of this session');
      await tx.manager.query(`INSERT INTO roadshow_live_channels (session_id) VALUES ($1) ON CONFLICT (session_id) DO NOTHING`, [sessionId]);
      const [channel] = (await tx.manager.query(`SELECT presenting_slot_id FROM roadshow_live_channels WHERE session_id = $1 FOR UPDATE`, [sessionId])) as { presenting_slot_id: string | null }[];
      if (channel.presenting_slot_id === slotId) throw DomainError.conflict('This slot is already presenting', { presentingSlotId: slotId });
      await tx.manager.query(`UPDATE roadshow_live_channels SET presenting_slot_id = $2, presenting_set_at = now(), presenting_set_by = $3, updated_at = now() WHERE session_id = $1`, [sessionId, slotId, actor.userId]);
      await this.events.append(tx, sessionId, 'presenter.changed', { slotId, projectId: slot.projectId, source: 'organiser' });
      tx.audit({
        action: 'roadshow_session.presenter_changed',
        subjectType: 'roadshow_session',
        subjectId: sessionId,
        regionCode: session.hostCityCode,
        before: { presentingSlotId: channel.presenting_slot_id },
        after: { presentingSlotId: slotId, projectId: slot.projectId },
      });
    });
    return { slotId, source: 'organiser' };
  }

  /** After the session, an organiser links a slot's replay (same URL rules as the stream); the replay page shows it. */
  async attachReplay(actor: Actor, sessionId: string, slotId: string, url: string): Promise<LiveSlotDto> {
    const player = this.sessions.requireStreamUrl(url, 'url');
    return this.uow.run(async (tx) => {
      const session = await this.access.organised(tx.manager, actor, sessionId);
      if (session.status !== 'finished') {
        throw new DomainError(ErrorCode.IllegalTransition, `Replays are attached once the session is finished; it is ${session.status}`, { current: session.status, event: 'attach_replay' });
      }
      const [before] = (await tx.manager.query(`SELECT replay_url FROM roadshow_slots WHERE id = $1 AND session_id = $2 FOR UPDATE`, [slotId, sessionId])) as { replay_url: string | null }[];
      if (!before) throw DomainError.notFound('Slot');
      await tx.manager.query(`UPDATE roadshow_slots SET replay_url = $2, replay_attached_at = now(), replay_attached_by = $3 WHERE id = $1`, [slotId, player.url, actor.userId]);
      const slot = (await this.slots.of(tx.manager, sessionId)).find((s) => s.id === slotId)!;
      const dto = this.slotDto(slot);
      await this.events.append(tx, sessionId, 'replay.attached', dto);
      tx.audit({ action: 'roadshow_slot.replay_attached', subjectType: 'roadshow_session', subjectId: sessionId, regionCode: session.hostCityCode, before: { slotId, replayUrl: before.replay_url }, after: { slotId, replayUrl: player.url } });
      return dto;
    });
  }

  /**
   * An investor watching presses "interested" (投资意向) on the project presenting now: the interest pipeline's own
   * rule applies (one per investor organisation and project; a second is 409 ALREADY_EXISTS).
   */
  async interest(actor: Actor, sessionId: string, slotId: string): Promise<InterestDto> {
    const manager = this.dataSource.manager;
    const viewer = await this.access.viewer(manager, actor, sessionId);
    if (!LIVE_SESSION_STATUSES.includes(viewer.session.status)) {
      throw new DomainError(ErrorCode.IllegalTransition, `"Interested" is pressed while the session is live; it is ${viewer.session.status}`, { current: viewer.session.status, event: 'interest' });
    }
    const slots = await this.slots.of(manager, sessionId);
    const presenting = presentingSlot(slots, await this.slots.organiserSlotId(manager, sessionId), Date.now());
    if (presenting.slotId !== slotId) throw DomainError.conflict('Another project is presenting by now', { presentingSlotId: presenting.slotId });
    const slot = slots.find((s) => s.id === slotId)!;
    return this.interests.create(actor, slot.projectId);
  }

  /** Attendance (出席): the viewer's first and last time on the page, one row per person and session. */
  async touch(actor: Actor, sessionId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO roadshow_live_attendance (session_id, user_id, organization_id, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id, user_id) DO UPDATE SET last_seen_at = now()`,
      [sessionId, actor.userId, actor.organizationId, actor.role],
    );
  }

  async stats(actor: Actor, sessionId: string): Promise<LiveStatsDto> {
    const manager = this.dataSource.manager;
    await this.access.organised(manager, actor, sessionId);
    return (await sessionStats(manager, [sessionId]))[0];
  }

  private player(url: string | null): PlayerDto | null {
    if (!url) return null;
    const player: StreamPlayer | null = this.sessions.playerOf(url);
    return player ?? { kind: 'link', url };
  }

  private slotDto(s: LiveSlotRow): LiveSlotDto {
    return {
      slotId: s.id,
      slotIndex: s.slotIndex,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      projectId: s.projectId,
      projectNumber: s.projectNumber,
      projectTitle: s.projectTitle,
      enterpriseName: s.enterpriseName,
      industry: s.industry,
      replay: this.player(s.replayUrl),
    };
  }
}

function phaseOf(session: RoadshowSession, now: number): LiveRoomDto['phase'] {
  if (session.status === 'finished') return 'ended';
  if (session.status === 'cancelled') return 'cancelled';
  return now < session.startsAt.getTime() ? 'upcoming' : 'live';
}

/** Attendance and question counts of sessions, in the order given. */
export async function sessionStats(manager: EntityManager, sessionIds: string[]): Promise<LiveStatsDto[]> {
  const rows = (await manager.query(
    `SELECT s.id,
            (SELECT count(*)::int FROM roadshow_live_attendance a WHERE a.session_id = s.id) AS attendees,
            (SELECT COALESCE(json_agg(json_build_object('role', r.role, 'count', r.n) ORDER BY r.role), '[]'::json)
               FROM (SELECT role, count(*)::int AS n FROM roadshow_live_attendance a WHERE a.session_id = s.id GROUP BY role) r) AS by_role,
            q.asked, q.pending, q.approved, q.rejected, q.answered
       FROM roadshow_sessions s
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS asked, count(*) FILTER (WHERE status = 'pending')::int AS pending,
                count(*) FILTER (WHERE status IN ('approved', 'answered'))::int AS approved,
                count(*) FILTER (WHERE status = 'rejected')::int AS rejected, count(*) FILTER (WHERE status = 'answered')::int AS answered
           FROM roadshow_live_questions WHERE session_id = s.id) q
      WHERE s.id = ANY($1::uuid[])`,
    [sessionIds],
  )) as { id: string; attendees: number; by_role: { role: string; count: number }[]; asked: number; pending: number; approved: number; rejected: number; answered: number }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return sessionIds.map((id) => {
    const r = byId.get(id);
    return {
      sessionId: id,
      attendees: r?.attendees ?? 0,
      attendeesByRole: r?.by_role ?? [],
      questionsAsked: r?.asked ?? 0,
      questionsPending: r?.pending ?? 0,
      questionsApproved: r?.approved ?? 0,
      questionsRejected: r?.rejected ?? 0,
      questionsAnswered: r?.answered ?? 0,
    };
  });
}
