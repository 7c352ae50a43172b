import { EntityManager } from 'typeorm';
import { Transaction } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { WarningDto } from '../shared/dto/common.dto';
import { MIN_GAP_BETWEEN_SLOTS_MINUTES } from '../shared/roadshow.constants';
import { conflict, ALREADY_IN_SESSION, OUTSIDE_SESSION, PRESENTER_BUSY, SLOT_TAKEN, violatedConstraint } from '../shared/roadshow.errors';
import { RoadshowProject, RoadshowSession } from '../shared/roadshow.entities';
import { slotMinutesOf } from './session.mapper';
import { reason, ReasonCode, reasonText } from '../shared/reason-codes';
import { gapMinutes, slotCount, themeFits, withinAvailability } from './scheduler';

/** Start and end of slot `index` in the session's grid. */
export function slotWindow(session: RoadshowSession, index: number): { startsAt: Date; endsAt: Date } {
  const length = slotMinutesOf(session) * 60_000;
  const startsAt = new Date(session.startsAt.getTime() + index * length);
  return { startsAt, endsAt: new Date(startsAt.getTime() + length) };
}

export function sessionSlotCount(session: RoadshowSession): number {
  return slotCount({ startsAt: session.startsAt.getTime(), endsAt: session.endsAt.getTime(), slotMinutes: slotMinutesOf(session) });
}

/**
 * Soft rules (warnings, never blocks): the session's theme, the presenters' declared
 * availability, and enough time between slots of the same presenting enterprise.
 */
export async function slotWarnings(manager: EntityManager, session: RoadshowSession, project: RoadshowProject, startsAt: Date, endsAt: Date, ownSlotId: string | null): Promise<WarningDto[]> {
  const warnings: WarningDto[] = [];
  if (!themeFits(session.themeIndustries, project.industry)) {
    warnings.push(warning(reason('theme_mismatch', { industry: project.industry, themes: session.themeIndustries.join(', ') })));
  }
  const availability = project.availability.map((w) => ({ from: Date.parse(w.from), to: Date.parse(w.to) }));
  if (!withinAvailability(availability, startsAt.getTime(), endsAt.getTime())) {
    warnings.push(warning(reason('outside_availability')));
  }
  // The same people present every project of an enterprise.
  const others = (await manager.query(
    `SELECT s.starts_at, s.ends_at FROM roadshow_slots s JOIN roadshow_projects p ON p.id = s.project_id
      WHERE p.enterprise_id = $1 AND ($2::uuid IS NULL OR s.id <> $2) AND s.during && tstzrange($3::timestamptz - make_interval(mins => $5), $4::timestamptz + make_interval(mins => $5))`,
    [project.enterpriseId, ownSlotId, startsAt, endsAt, MIN_GAP_BETWEEN_SLOTS_MINUTES],
  )) as { starts_at: Date; ends_at: Date }[];
  const gap = gapMinutes(others.map((o) => ({ from: o.starts_at.getTime(), to: o.ends_at.getTime() })), startsAt.getTime(), endsAt.getTime());
  if (gap < MIN_GAP_BETWEEN_SLOTS_MINUTES) {
    warnings.push(warning(reason('short_gap', { minutes: Math.round(gap), of: 'enterprise' })));
  }
  return warnings;
}

function warning(r: ReasonCode): WarningDto {
  return { code: r.code, params: r.params, message: reasonText(r) };
}

/** Checks before writing a slot; the database enforces the same (and the rest) at commit. */
export function assertSlotFits(session: RoadshowSession, index: number): void {
  const count = sessionSlotCount(session);
  if (index >= count) throw conflict(`The session has ${count} slot(s) (0–${count - 1}); slot ${index} lies outside its window`, { constraint: OUTSIDE_SESSION, slotCount: count });
}

interface ConflictRow {
  slot_id: string;
  session_id: string;
  session_title: string;
  project_id: string;
  project_title: string;
  slot_index: number;
  starts_at: Date;
  ends_at: Date;
}

/**
 * Turns a scheduling constraint refusal into a 409 naming what it collided with. Runs after the
 * failed transaction, so it sees what the winner of a race committed.
 */
export async function explainSlotConflict(manager: EntityManager, err: unknown, sessionId: string, projectId: string, startsAt: Date, endsAt: Date): Promise<unknown> {
  const constraint = violatedConstraint(err);
  if (!constraint || ![SLOT_TAKEN, PRESENTER_BUSY, ALREADY_IN_SESSION, OUTSIDE_SESSION].includes(constraint)) return err;
  if (constraint === OUTSIDE_SESSION) return conflict('The slot lies outside the session window', { constraint });
  const [where, params] =
    constraint === SLOT_TAKEN
      ? [`s.session_id = $1 AND s.during && tstzrange($2, $3, '[)')`, [sessionId, startsAt, endsAt]]
      : constraint === PRESENTER_BUSY
        ? [`s.project_id = $1 AND s.during && tstzrange($2, $3, '[)')`, [projectId, startsAt, endsAt]]
        : [`s.session_id = $1 AND s.project_id = $2`, [sessionId, projectId]];
  const rows = (await manager.query(
    `SELECT s.id AS slot_id, s.session_id, x.title AS session_title, s.project_id, p.title AS project_title, s.slot_index, s.starts_at, s.ends_at
       FROM roadshow_slots s JOIN roadshow_projects p ON p.id = s.project_id JOIN roadshow_sessions x ON x.id = s.session_id
      WHERE ${where} ORDER BY s.starts_at LIMIT 5`,
    params,
  )) as ConflictRow[];
  const message = {
    [SLOT_TAKEN]: 'The slot is already taken',
    [PRESENTER_BUSY]: 'The project already presents in an overlapping slot',
    [ALREADY_IN_SESSION]: 'The project already has a slot in this session',
  }[constraint as typeof SLOT_TAKEN];
  return conflict(message, {
    constraint,
    conflictsWith: rows.map((r) => ({
      slotId: r.slot_id,
      sessionId: r.session_id,
      sessionTitle: r.session_title,
      projectId: r.project_id,
      projectTitle: r.project_title,
      slotIndex: r.slot_index,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
    })),
  });
}

export function assertEditable(session: RoadshowSession): void {
  if (session.status !== 'draft' && session.status !== 'published') throw DomainError.conflict(`The slots of a ${session.status} session cannot change`, { status: session.status });
}

/**
 * Transaction-scoped advisory locks on a session and on projects (sorted): the fixed order every
 * slot writer follows (manual edits in SlotsService, scheduler runs in AutoSchedulingService).
 */
export async function lockScarce(tx: Transaction, sessionId: string | null, projectIds: string[]): Promise<void> {
  if (sessionId) await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`roadshow_session:${sessionId}`]);
  for (const id of [...new Set(projectIds)].sort()) await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`roadshow_project:${id}`]);
}
