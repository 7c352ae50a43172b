import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { presentingSlot } from '../../../../packages/shared/roadshow-live';
import { AppConfig } from '../../../platform/config/app-config';
import { Actor } from '../../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { RateLimiter } from '../../../platform/throttle/rate-limiter';
import { LiveEventLog } from '../sessions/live-event-log';
import { RoadshowLiveErrors } from '../shared/roadshow.errors';
import { LIVE_SESSION_STATUSES, QUESTION_STATES, QuestionEvent, QuestionStatus } from '../shared/roadshow.state';
import { AnswerQuestionDto, AskQuestionDto, LiveQuestionDto } from './dto/live.dto';
import { LiveAccess } from './live-access';
import { LiveSlots } from './live-slots';

interface QuestionRow {
  id: string;
  session_id: string;
  slot_id: string | null;
  project_id: string;
  asked_by: string;
  asker_org_id: string;
  asker_organization: string;
  body: string;
  status: QuestionStatus;
  reject_reason: string | null;
  answer: string | null;
  answered_at: Date | null;
  created_at: Date;
  version: number;
}

const QUESTION_SELECT = `
  SELECT q.id, q.session_id, q.slot_id, q.project_id, q.asked_by, q.asker_org_id, COALESCE(o.name, '') AS asker_organization, q.body, q.status,
         q.reject_reason, q.answer, q.answered_at, q.created_at, q.version
    FROM roadshow_live_questions q LEFT JOIN read_organizations o ON o.id = q.asker_org_id`;

/**
 * The moderated Q&A of a live roadshow (路演提问): viewers ask, the session's organisers approve or reject (never
 * their own question), the presenting enterprise of the question's slot answers. Every change is one unit of work
 * with its audit row and its live event; approved and answered questions reach every viewer, the others only the
 * moderators and the asker.
 */
@Injectable()
export class LiveQuestionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: LiveAccess,
    private readonly slots: LiveSlots,
    private readonly events: LiveEventLog,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  async ask(actor: Actor, sessionId: string, dto: AskQuestionDto): Promise<LiveQuestionDto> {
    const body = dto.body.trim();
    if (body.length < 2) throw DomainError.invalid('body', 'must have at least 2 characters besides spaces');
    await this.limiter.consume(`live-question:${actor.userId}`, this.config.LIVE_QUESTIONS_PER_USER_PER_MINUTE, 60, 'You are asking questions too fast; wait a moment');
    return this.uow.run(async (tx) => {
      const viewer = await this.access.viewer(tx.manager, actor, sessionId);
      if (!LIVE_SESSION_STATUSES.includes(viewer.session.status)) {
        throw new DomainError(ErrorCode.IllegalTransition, `Questions are open while the session is live; it is ${viewer.session.status}`, { current: viewer.session.status, event: 'ask' });
      }
      const slots = await this.slots.of(tx.manager, sessionId);
      const slotId = dto.slotId ?? presentingSlot(slots, await this.slots.organiserSlotId(tx.manager, sessionId), Date.now()).slotId;
      if (!slotId) throw DomainError.invalid('slotId', 'no slot is presenting now: name the slot the question is for');
      const slot = slots.find((s) => s.id === slotId);
      if (!slot) throw DomainError.invalid('slotId', 'not a slot of this session');
      const [{ id }] = (await tx.manager.query(
        `INSERT INTO roadshow_live_questions (session_id, slot_id, project_id, asked_by, asker_org_id, body, status) VALUES ($1, $2, $3, $4, $5, $6, 'pending') RETURNING id`,
        [sessionId, slot.id, slot.projectId, actor.userId, actor.organizationId, body],
      )) as { id: string }[];
      const question = await this.one(tx.manager, id);
      await this.events.append(tx, sessionId, 'question.asked', question, 'moderators', actor.userId);
      tx.audit({ action: 'roadshow_question.asked', subjectType: 'roadshow_live_question', subjectId: id, organizationId: actor.organizationId, after: { sessionId, slotId: slot.id, status: 'pending' } });
      return question;
    });
  }

  /** approve / reject: the session's organisers, never on a question of their own. */
  async moderate(actor: Actor, sessionId: string, questionId: string, event: Extract<QuestionEvent, 'approve' | 'reject'>, reason?: string): Promise<LiveQuestionDto> {
    return this.uow.run(async (tx) => {
      await this.access.organised(tx.manager, actor, sessionId);
      const question = await this.lock(tx, sessionId, questionId);
      if (question.asked_by === actor.userId) throw new DomainError(RoadshowLiveErrors.OWN_QUESTION, 'Another organiser moderates a question you asked');
      const to = QUESTION_STATES.next(question.status, event);
      await tx.manager.query(
        `UPDATE roadshow_live_questions SET status = $2, moderated_by = $3, moderated_at = now(), reject_reason = $4, version = version + 1 WHERE id = $1`,
        [questionId, to, actor.userId, event === 'reject' ? (reason?.trim() || null) : null],
      );
      const after = await this.one(tx.manager, questionId);
      if (to === 'approved') await this.events.append(tx, sessionId, 'question.approved', after);
      else await this.events.append(tx, sessionId, 'question.rejected', after, 'moderators', question.asked_by);
      this.audit(tx, actor, question, to, event, { reason: reason ?? null });
      return after;
    });
  }

  /** The presenting enterprise of the question's slot answers an approved question, once. */
  async answer(actor: Actor, sessionId: string, questionId: string, dto: AnswerQuestionDto): Promise<LiveQuestionDto> {
    const answer = dto.answer.trim();
    if (!answer) throw DomainError.invalid('answer', 'must not be blank');
    return this.uow.run(async (tx) => {
      const viewer = await this.access.viewer(tx.manager, actor, sessionId);
      const question = await this.lock(tx, sessionId, questionId);
      if (!viewer.presenterProjectIds.includes(question.project_id)) throw DomainError.forbidden('Only the enterprise presenting in the question’s slot answers it');
      const to = QUESTION_STATES.next(question.status, 'answer');
      await tx.manager.query(`UPDATE roadshow_live_questions SET status = $2, answer = $3, answered_by = $4, answered_at = now(), version = version + 1 WHERE id = $1`, [
        questionId,
        to,
        answer,
        actor.userId,
      ]);
      const after = await this.one(tx.manager, questionId);
      await this.events.append(tx, sessionId, 'question.answered', after);
      this.audit(tx, actor, question, to, 'answer', {});
      return after;
    });
  }

  /** What a viewer sees: moderators every question, others the approved and answered ones and their own. */
  async visibleTo(manager: EntityManager, sessionId: string, actor: Actor, moderator: boolean): Promise<LiveQuestionDto[]> {
    const rows = (await manager.query(
      `${QUESTION_SELECT} WHERE q.session_id = $1 AND ($2 OR q.status IN ('approved', 'answered') OR q.asked_by = $3) ORDER BY q.created_at, q.id`,
      [sessionId, moderator, actor.userId],
    )) as QuestionRow[];
    return rows.map(toDto);
  }

  private async lock(tx: Transaction, sessionId: string, questionId: string): Promise<QuestionRow> {
    const [row] = (await tx.manager.query(`SELECT id FROM roadshow_live_questions WHERE id = $1 AND session_id = $2 FOR UPDATE`, [questionId, sessionId])) as { id: string }[];
    if (!row) throw DomainError.notFound('Question');
    const [question] = (await tx.manager.query(`${QUESTION_SELECT} WHERE q.id = $1`, [questionId])) as QuestionRow[];
    return question;
  }

  private async one(manager: EntityManager, id: string): Promise<LiveQuestionDto> {
    const [row] = (await manager.query(`${QUESTION_SELECT} WHERE q.id = $1`, [id])) as QuestionRow[];
    return toDto(row);
  }

  private audit(tx: Transaction, actor: Actor, question: QuestionRow, to: QuestionStatus, event: QuestionEvent, extra: Record<string, unknown>): void {
    tx.audit({
      action: QUESTION_STATES.emits(event),
      subjectType: 'roadshow_live_question',
      subjectId: question.id,
      organizationId: question.asker_org_id,
      before: { status: question.status },
      after: { status: to, sessionId: question.session_id, by: actor.userId, ...extra },
    });
  }
}

function toDto(r: QuestionRow): LiveQuestionDto {
  return {
    id: r.id,
    sessionId: r.session_id,
    slotId: r.slot_id,
    projectId: r.project_id,
    body: r.body,
    status: r.status,
    askedBy: r.asked_by,
    askerOrganization: r.asker_organization,
    rejectReason: r.reject_reason,
    answer: r.answer,
    answeredAt: r.answered_at ? r.answered_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}
