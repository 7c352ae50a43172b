import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Role } from '../../../platform/context/actor';
import { ORGANISER_ROLES, organisesSession } from '../shared/session-organisers';
import { DomainError } from '../../../platform/errors/domain-error';
import { SessionsService } from '../sessions/sessions.service';
import { RoadshowSession } from '../shared/roadshow.entities';
import { RoadshowLiveErrors } from '../shared/roadshow.errors';

/**
 * Roles whose routes moderate, set the presenter and attach replays: the platform admins (every session) and the
 * G60 cities' roadshow organisers (their city's sessions); `isOrganiser` names which sessions. Both are defined
 * once, in shared/session-organisers.ts, which the sessions module asks too.
 */
export { ORGANISER_ROLES };

/** Who is watching and what they may do (docs/domain.md, "Live roadshows"). */
export interface LiveViewer {
  actor: Actor;
  session: RoadshowSession;
  moderator: boolean;
  /** Projects of the viewer's organisation with a slot in the session. */
  presenterProjectIds: string[];
}

@Injectable()
export class LiveAccess {
  constructor(private readonly sessions: SessionsService) {}

  /** An organiser of this session: moderates its questions, sets its presenter, attaches its replays. */
  isOrganiser(actor: Actor, session: RoadshowSession): boolean {
    return organisesSession(actor, session);
  }

  /**
   * The viewer of a session's live page, or the refusal: 404 when the session is not visible or has no stream
   * (in person only); 403 LIVE_NOT_ADMITTED when it is visible but the actor is not in its audience. The audience:
   * organisers; the enterprises presenting in it; investors with a confirmed RSVP; and, for a public live page,
   * everyone signed in.
   */
  async viewer(manager: EntityManager, actor: Actor, sessionId: string): Promise<LiveViewer> {
    const session = await this.sessions.requireVisible(manager, actor, sessionId);
    if (!session.streamUrl) throw DomainError.notFound('Live page');
    const moderator = this.isOrganiser(actor, session);
    const presenterProjectIds =
      actor.organizationKind === 'enterprise' || actor.organizationKind === 'team'
        ? ((await manager.query(
            `SELECT s.project_id FROM roadshow_slots s JOIN roadshow_projects p ON p.id = s.project_id WHERE s.session_id = $1 AND p.enterprise_id = $2 ORDER BY s.slot_index`,
            [sessionId, actor.organizationId],
          )) as { project_id: string }[]).map((r) => r.project_id)
        : [];
    const viewer = { actor, session, moderator, presenterProjectIds };
    if (moderator || presenterProjectIds.length > 0 || session.liveAccess === 'public') return viewer;
    if (actor.role === Role.Investor) {
      const [seat] = (await manager.query(`SELECT 1 FROM roadshow_rsvps WHERE session_id = $1 AND user_id = $2 AND status = 'confirmed'`, [sessionId, actor.userId])) as unknown[];
      if (seat) return viewer;
    }
    throw new DomainError(RoadshowLiveErrors.LIVE_NOT_ADMITTED, 'This live roadshow is for its registered audience: RSVP to the session (a confirmed seat) to watch it', {
      liveAccess: session.liveAccess,
    });
  }

  /** The session, for an organiser's action on it: 404 when not visible, 403 when not one of its organisers. */
  async organised(manager: EntityManager, actor: Actor, sessionId: string): Promise<RoadshowSession> {
    const session = await this.sessions.requireVisible(manager, actor, sessionId);
    if (!this.isOrganiser(actor, session)) throw DomainError.forbidden('Only the session’s organisers may do this');
    if (!session.streamUrl) throw DomainError.notFound('Live page');
    return session;
  }
}
