import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { AssignSlotDto, MoveSlotDto, SlotChangeDto } from './dto/scheduling.dto';
import { RoadshowProject, RoadshowSession, RoadshowSlot } from '../shared/roadshow.entities';
import { SLOT_SELECT, SlotRow, toSlotDto } from './session.mapper';
import { SCHEDULABLE_STATUSES } from '../shared/roadshow.state';
import { reason, reasonText } from '../shared/reason-codes';
import { requireHost } from '../shared/session-organisers';
import { requireSchedulable } from './city-projects';
import { assertEditable, assertSlotFits, explainSlotConflict, lockScarce, slotWarnings, slotWindow } from './slot-rules';

/**
 * Manual edits of a session's slots. Hard rules are the database's (a slot taken, a presenter
 * in two overlapping slots, a slot outside the window → 409 naming the conflict); soft rules
 * come back as warnings with the change made.
 *
 * Locks, in one fixed order: the session row FOR SHARE (publishing locks it FOR UPDATE, so it
 * waits for edits in flight and freezes a consistent agenda), then advisory locks on the session
 * and on the project. Without them, several transactions inserting into overlapping ranges at once
 * can deadlock inside the exclusion-constraint check; with them, racing edits queue, the first
 * commits, and the constraint refuses the others with 409.
 */
@Injectable()
export class SlotsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async assign(actor: Actor, sessionId: string, dto: AssignSlotDto): Promise<SlotChangeDto> {
    let window: { startsAt: Date; endsAt: Date } | undefined;
    try {
      return await this.uow.run(async (tx) => {
        const session = await this.shareLock(tx, actor, sessionId);
        assertEditable(session);
        const project = await tx.manager.getRepository(RoadshowProject).findOneBy({ id: dto.projectId });
        if (!project) throw DomainError.invalid('projectId', 'no such project');
        if (!SCHEDULABLE_STATUSES.includes(project.status)) throw DomainError.conflict(`Only screened projects are scheduled; this one is ${project.status}`, { status: project.status });
        await requireSchedulable(tx.manager, actor, [project.id], [sessionId]);
        assertSlotFits(session, dto.slotIndex);
        await lockScarce(tx, sessionId, [project.id]);
        window = slotWindow(session, dto.slotIndex);
        const repo = tx.manager.getRepository(RoadshowSlot);
        const saved = await repo.save(
          repo.create({
            sessionId,
            projectId: project.id,
            slotIndex: dto.slotIndex,
            startsAt: window.startsAt,
            endsAt: window.endsAt,
            placedBy: 'manual',
            explanation: [reasonText(reason('placed_by_hand'))],
            explanationCodes: [reason('placed_by_hand')],
            createdBy: actor.userId,
          }),
        );
        const warnings = await slotWarnings(tx.manager, session, project, window.startsAt, window.endsAt, saved.id);
        tx.audit(this.audit(session, 'roadshow_slot.assigned', null, { slotId: saved.id, projectId: project.id, slotIndex: dto.slotIndex, warnings: warnings.map((w) => w.code) }));
        return { slot: await this.slot(tx, saved.id), warnings };
      });
    } catch (err) {
      if (!window) throw err;
      throw await explainSlotConflict(this.dataSource.manager, err, sessionId, dto.projectId, window.startsAt, window.endsAt);
    }
  }

  async move(actor: Actor, sessionId: string, slotId: string, dto: MoveSlotDto): Promise<SlotChangeDto> {
    let target: { projectId: string; startsAt: Date; endsAt: Date } | undefined;
    try {
      return await this.uow.run(async (tx) => {
        const session = await this.shareLock(tx, actor, sessionId);
        assertEditable(session);
        const found = await tx.manager.getRepository(RoadshowSlot).findOneBy({ id: slotId, sessionId });
        if (!found) throw DomainError.notFound('Slot');
        await lockScarce(tx, sessionId, [found.projectId]);
        const slot = await tx.manager.getRepository(RoadshowSlot).findOne({ where: { id: slotId, sessionId }, lock: { mode: 'pessimistic_write' } });
        if (!slot) throw DomainError.notFound('Slot');
        assertSlotFits(session, dto.slotIndex);
        const window = slotWindow(session, dto.slotIndex);
        target = { projectId: slot.projectId, ...window };
        await tx.manager.query(`UPDATE roadshow_slots SET slot_index = $2, starts_at = $3, ends_at = $4, placed_by = 'manual' WHERE id = $1`, [slotId, dto.slotIndex, window.startsAt, window.endsAt]);
        const project = await tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id: slot.projectId });
        const warnings = await slotWarnings(tx.manager, session, project, window.startsAt, window.endsAt, slotId);
        tx.audit(this.audit(session, 'roadshow_slot.moved', { slotIndex: slot.slotIndex }, { slotId, slotIndex: dto.slotIndex, warnings: warnings.map((w) => w.code) }));
        return { slot: await this.slot(tx, slotId), warnings };
      });
    } catch (err) {
      if (!target) throw err;
      throw await explainSlotConflict(this.dataSource.manager, err, sessionId, target.projectId, target.startsAt, target.endsAt);
    }
  }

  async remove(actor: Actor, sessionId: string, slotId: string): Promise<SlotChangeDto> {
    return this.uow.run(async (tx) => {
      const session = await this.shareLock(tx, actor, sessionId);
      assertEditable(session);
      const rows = (await tx.manager.query(`DELETE FROM roadshow_slots WHERE id = $1 AND session_id = $2 RETURNING project_id, slot_index`, [slotId, sessionId])) as [
        { project_id: string; slot_index: number }[],
        number,
      ];
      const removed = rows[0]?.[0];
      if (!removed) throw DomainError.notFound('Slot');
      tx.audit(this.audit(session, 'roadshow_slot.removed', { slotId, projectId: removed.project_id, slotIndex: removed.slot_index }, null));
      return { slot: null, warnings: [] };
    });
  }

  /** The session FOR SHARE, for its host side only (403 for another city's session). */
  private async shareLock(tx: Transaction, actor: Actor, id: string): Promise<RoadshowSession> {
    const session = await tx.manager.getRepository(RoadshowSession).findOne({ where: { id }, lock: { mode: 'pessimistic_read' } });
    if (!session) throw DomainError.notFound('Session');
    requireHost(actor, session);
    return session;
  }

  private async slot(tx: Transaction, id: string) {
    const [row] = (await tx.manager.query(`${SLOT_SELECT} WHERE s.id = $1`, [id])) as SlotRow[];
    return toSlotDto(row);
  }

  private audit(session: RoadshowSession, action: string, before: unknown, after: unknown) {
    return { action, subjectType: 'roadshow_session', subjectId: session.id, regionCode: session.hostCityCode, before, after };
  }
}

