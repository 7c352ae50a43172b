import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { JobName } from '../../../platform/queue/queue.registry';
import { RsvpDto } from './dto/investor.dto';
import { RoadshowSession } from '../shared/roadshow.entities';
import { SessionsService } from '../sessions/sessions.service';
import { organisesSession } from '../shared/session-organisers';

interface RsvpRow {
  id: string;
  seq: string;
  session_id: string;
  user_id: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  promoted_at: Date | null;
  created_at: Date;
  position: number | null;
}

const RSVP_SELECT = `
  SELECT r.id, r.seq, r.session_id, r.user_id, r.status, r.promoted_at, r.created_at,
         CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*)::int FROM roadshow_rsvps w WHERE w.session_id = r.session_id AND w.status = 'waitlisted' AND w.seq <= r.seq) END AS position
    FROM roadshow_rsvps r`;

/**
 * RSVPs (报名) to published sessions. Seats are scarce: every RSVP and cancellation locks the
 * session row first, so seats are counted exactly (CHECK seats_taken <= capacity behind it) and
 * the waitlist keeps arrival order (its seq is drawn under the lock). A cancelled seat goes to
 * the head of the waitlist in the same transaction.
 */
@Injectable()
export class RsvpsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionsService,
  ) {}

  async rsvp(actor: Actor, sessionId: string): Promise<RsvpDto> {
    return this.uow.run(async (tx) => {
      const session = await this.lockPublished(tx, sessionId);
      const [existing] = (await tx.manager.query(`${RSVP_SELECT} WHERE r.session_id = $1 AND r.user_id = $2 AND r.status <> 'cancelled'`, [sessionId, actor.userId])) as RsvpRow[];
      if (existing) throw new DomainError(ErrorCode.AlreadyExists, `You have already replied to this session (${existing.status})`, { rsvp: toDto(existing) });
      const confirmed = session.seatsTaken < session.capacity;
      const [{ id }] = (await tx.manager.query(
        `INSERT INTO roadshow_rsvps (session_id, user_id, organization_id, status) VALUES ($1, $2, $3, $4) RETURNING id`,
        [sessionId, actor.userId, actor.organizationId, confirmed ? 'confirmed' : 'waitlisted'],
      )) as { id: string }[];
      if (confirmed) await tx.manager.query(`UPDATE roadshow_sessions SET seats_taken = seats_taken + 1 WHERE id = $1`, [sessionId]);
      const rsvp = await this.one(tx.manager, id);
      tx.audit({ action: `roadshow_rsvp.${rsvp.status}`, subjectType: 'roadshow_session', subjectId: sessionId, organizationId: actor.organizationId, after: { rsvpId: id, status: rsvp.status, waitlistPosition: rsvp.waitlistPosition } });
      return rsvp;
    });
  }

  async cancel(actor: Actor, sessionId: string): Promise<RsvpDto> {
    return this.uow.run(async (tx) => {
      const session = await this.lockPublished(tx, sessionId);
      const [mine] = (await tx.manager.query(`SELECT id, status FROM roadshow_rsvps WHERE session_id = $1 AND user_id = $2 AND status <> 'cancelled' FOR UPDATE`, [sessionId, actor.userId])) as {
        id: string;
        status: string;
      }[];
      if (!mine) throw DomainError.notFound('RSVP');
      await tx.manager.query(`UPDATE roadshow_rsvps SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [mine.id]);
      tx.audit({ action: 'roadshow_rsvp.cancelled', subjectType: 'roadshow_session', subjectId: sessionId, organizationId: actor.organizationId, before: { status: mine.status }, after: { rsvpId: mine.id, status: 'cancelled' } });
      if (mine.status === 'confirmed') {
        await tx.manager.query(`UPDATE roadshow_sessions SET seats_taken = seats_taken - 1 WHERE id = $1`, [sessionId]);
        await this.promoteHead(tx, session);
      }
      return this.one(tx.manager, mine.id);
    });
  }

  async mine(actor: Actor, sessionId: string): Promise<RsvpDto> {
    await this.sessions.requireVisible(this.dataSource.manager, actor, sessionId);
    const [row] = (await this.dataSource.query(`${RSVP_SELECT} WHERE r.session_id = $1 AND r.user_id = $2 ORDER BY r.seq DESC LIMIT 1`, [sessionId, actor.userId])) as RsvpRow[];
    if (!row) throw DomainError.notFound('RSVP');
    return toDto(row);
  }

  /** Every reply, confirmed first, then the waitlist in order, then cancellations. */
  async list(actor: Actor, sessionId: string): Promise<RsvpDto[]> {
    const session = await this.sessions.requireVisible(this.dataSource.manager, actor, sessionId);
    if (!organisesSession(actor, session)) throw DomainError.forbidden('Only the session’s organisers see its RSVPs');
    const rows = (await this.dataSource.query(
      `${RSVP_SELECT} WHERE r.session_id = $1 ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, r.seq`,
      [sessionId],
    )) as RsvpRow[];
    return rows.map(toDto);
  }

  /** The freed seat goes to the earliest waitlisted reply; it is told. */
  private async promoteHead(tx: Transaction, session: RoadshowSession): Promise<void> {
    const [head] = (await tx.manager.query(
      `SELECT id, user_id FROM roadshow_rsvps WHERE session_id = $1 AND status = 'waitlisted' ORDER BY seq LIMIT 1 FOR UPDATE`,
      [session.id],
    )) as { id: string; user_id: string }[];
    if (!head) return;
    await tx.manager.query(`UPDATE roadshow_rsvps SET status = 'confirmed', promoted_at = now() WHERE id = $1`, [head.id]);
    await tx.manager.query(`UPDATE roadshow_sessions SET seats_taken = seats_taken + 1 WHERE id = $1`, [session.id]);
    tx.audit({ action: 'roadshow_rsvp.promoted', subjectType: 'roadshow_session', subjectId: session.id, before: { status: 'waitlisted' }, after: { rsvpId: head.id, userId: head.user_id, status: 'confirmed' } });
    tx.enqueue(JobName.DeliverNotification, {
      userIds: [head.user_id],
      kind: 'roadshow.rsvp_promoted',
      title: `候补转正：${session.title}`,
      body: `有席位空出，您对「${session.title}」的报名已确认。`,
      subjectType: 'roadshow_session',
      subjectId: session.id,
      dedupKey: `roadshow.rsvp_promoted:${head.id}`,
      params: { sessionTitle: session.title },
    });
  }

  private async lockPublished(tx: Transaction, sessionId: string): Promise<RoadshowSession> {
    const session = await tx.manager.getRepository(RoadshowSession).findOne({ where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
    if (!session || session.status === 'draft') throw DomainError.notFound('Session');
    if (session.status !== 'published') throw DomainError.conflict(`RSVPs are open while a session is published; this one is ${session.status}`, { status: session.status });
    return session;
  }

  private async one(manager: EntityManager, id: string): Promise<RsvpDto> {
    const [row] = (await manager.query(`${RSVP_SELECT} WHERE r.id = $1`, [id])) as RsvpRow[];
    return toDto(row);
  }
}

function toDto(r: RsvpRow): RsvpDto {
  return {
    id: r.id,
    sessionId: r.session_id,
    userId: r.user_id,
    status: r.status,
    waitlistPosition: r.position,
    promotedAt: r.promoted_at ? r.promoted_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
  };
}
