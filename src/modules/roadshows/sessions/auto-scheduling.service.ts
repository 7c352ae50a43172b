import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { ScheduleResultDto, ScheduleRunDto } from './dto/scheduling.dto';
import { MIN_GAP_BETWEEN_SLOTS_MINUTES } from '../shared/roadshow.constants';
import { RoadshowSession } from '../shared/roadshow.entities';
import { slotMinutesOf } from './session.mapper';
import { SCHEDULABLE_STATUSES } from '../shared/roadshow.state';
import { schedule, ScheduleResult, SchedulerProject, SchedulerSession } from './scheduler';
import { violatedConstraint } from '../shared/roadshow.errors';
import { assertEditable, lockScarce } from './slot-rules';
import { organiserCity, requireHost } from '../shared/session-organisers';
import { CITY_PROJECT_SQL, requireSchedulable } from './city-projects';

/** Investor interest in a project: each follow 1, each interest record by how far it got, each investor profile whose focus covers it 1. */
const INTEREST_SQL = `
  SELECT p.id, p.industry, p.availability, extract(epoch FROM p.created_at) * 1000 AS submitted_at,
         (SELECT count(*) FROM roadshow_follows f WHERE f.project_id = p.id)
       + (SELECT COALESCE(sum(CASE i.status WHEN 'interested' THEN 2 WHEN 'meeting' THEN 3 WHEN 'due_diligence' THEN 4 WHEN 'term_sheet' THEN 5 ELSE 0 END), 0)
            FROM roadshow_interests i WHERE i.project_id = p.id)
       + (SELECT count(*) FROM investor_profiles ip WHERE p.industry = ANY (ip.focus_industries)
            AND (cardinality(ip.focus_stages) = 0 OR p.stage = ANY (ip.focus_stages))) AS interest
    FROM roadshow_projects p
   WHERE p.status = ANY ($1::text[]) AND ($2::uuid[] IS NULL OR p.id = ANY ($2::uuid[]))`;

/**
 * Runs the automatic scheduler over chosen sessions: a preview, or applied in one transaction
 * with the sessions locked, so that the input it read is the state it writes into.
 */
@Injectable()
export class AutoSchedulingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async run(actor: Actor, dto: ScheduleRunDto): Promise<ScheduleResultDto> {
    const sessionIds = [...new Set(dto.sessionIds)].sort();
    // A city runs the scheduler over its own sessions, with its own and accepted referred projects (403 otherwise).
    for (const session of await this.dataSource.getRepository(RoadshowSession).findBy({ id: In(sessionIds) })) requireHost(actor, session);
    if (dto.projectIds?.length) await requireSchedulable(this.dataSource.manager, actor, [...new Set(dto.projectIds)], sessionIds);
    const city = organiserCity(actor);
    if (!dto.apply) return present(await this.compute(this.dataSource.manager, sessionIds, dto.projectIds, city), false);
    let computed: ScheduleResult | undefined;
    try {
      return await this.uow.run(async (tx) => {
        // Sorted ids: a fixed lock order, so that two runs over overlapping sessions cannot deadlock.
        for (const id of sessionIds) await tx.manager.query(`SELECT id FROM roadshow_sessions WHERE id = $1 FOR UPDATE`, [id]);
        computed = await this.compute(tx.manager, sessionIds, dto.projectIds, city);
        const sessions = new Map((await tx.manager.getRepository(RoadshowSession).findBy({ id: In(sessionIds) })).map((s) => [s.id, s]));
        // The same lock order as manual edits: sessions first (held FOR UPDATE above), then projects.
        await lockScarce(tx, null, computed.placements.map((p) => p.projectId));
        for (const placement of computed.placements) {
          await tx.manager.query(
            `INSERT INTO roadshow_slots (session_id, project_id, slot_index, starts_at, ends_at, placed_by, explanation, explanation_codes, created_by)
             VALUES ($1, $2, $3, $4, $5, 'scheduler', $6, $7, $8)`,
            [
              placement.sessionId, placement.projectId, placement.slotIndex, new Date(placement.startsAt), new Date(placement.endsAt),
              JSON.stringify([...placement.reasons, ...placement.warnings]), JSON.stringify([...placement.reasonCodes, ...placement.warningCodes]), actor.userId,
            ],
          );
        }
        for (const id of sessionIds) {
          const placed = computed.placements.filter((p) => p.sessionId === id);
          tx.audit({
            action: 'roadshow_session.auto_scheduled',
            subjectType: 'roadshow_session',
            subjectId: id,
            regionCode: sessions.get(id)?.hostCityCode ?? null,
            after: { placed: placed.map((p) => ({ projectId: p.projectId, slotIndex: p.slotIndex })), unplacedInRun: computed.unplaced.length },
          });
        }
        return present(computed, true);
      });
    } catch (err) {
      // The sessions are locked, so only a change elsewhere (a project placed in another session
      // between reading and writing) can collide: nothing was written; the run can be repeated.
      const constraint = violatedConstraint(err);
      if (computed && constraint) throw DomainError.conflict('A concurrent slot change collided with this run; nothing was written, run the scheduler again', { constraint });
      throw err;
    }
  }

  /** Reads the scheduler's input and runs it. */
  async compute(manager: EntityManager, sessionIds: string[], projectIds?: string[], city: string | null = null): Promise<ScheduleResult> {
    const sessions = await manager.getRepository(RoadshowSession).findBy({ id: In(sessionIds) });
    if (sessions.length !== sessionIds.length) throw DomainError.notFound('Session');
    sessions.forEach(assertEditable);
    const occupied = (await manager.query(`SELECT session_id, slot_index, project_id FROM roadshow_slots WHERE session_id = ANY ($1::uuid[])`, [sessionIds])) as {
      session_id: string;
      slot_index: number;
      project_id: string;
    }[];
    const audience = (await manager.query(
      `SELECT r.session_id, industry, count(*)::int AS n FROM roadshow_rsvps r JOIN investor_profiles ip ON ip.organization_id = r.organization_id,
              unnest(ip.focus_industries) AS industry
        WHERE r.session_id = ANY ($1::uuid[]) AND r.status = 'confirmed' GROUP BY r.session_id, industry`,
      [sessionIds],
    )) as { session_id: string; industry: string; n: number }[];
    const input: SchedulerSession[] = sessions.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.getTime(),
      endsAt: s.endsAt.getTime(),
      slotMinutes: slotMinutesOf(s),
      themeIndustries: s.themeIndustries,
      occupiedSlotIndices: occupied.filter((o) => o.session_id === s.id).map((o) => o.slot_index),
      presentProjectIds: occupied.filter((o) => o.session_id === s.id).map((o) => o.project_id),
      audienceFocus: Object.fromEntries(audience.filter((a) => a.session_id === s.id).map((a) => [a.industry, a.n])),
    }));
    const rows = (await manager.query(`${INTEREST_SQL} AND ($3::text IS NULL OR ${CITY_PROJECT_SQL('p', '$3', '$4::uuid[]')})`, [
      SCHEDULABLE_STATUSES,
      projectIds?.length ? projectIds : null,
      city,
      sessionIds,
    ])) as {
      id: string;
      industry: string;
      availability: { from: string; to: string }[];
      submitted_at: string;
      interest: string;
    }[];
    const busy = (await manager.query(
      `SELECT s.project_id, s.starts_at, s.ends_at FROM roadshow_slots s JOIN roadshow_sessions x ON x.id = s.session_id
        WHERE s.project_id = ANY ($1::uuid[]) AND x.status <> 'cancelled'`,
      [rows.map((r) => r.id)],
    )) as { project_id: string; starts_at: Date; ends_at: Date }[];
    const busyOf = new Map<string, { from: number; to: number }[]>();
    for (const b of busy) busyOf.set(b.project_id, [...(busyOf.get(b.project_id) ?? []), { from: b.starts_at.getTime(), to: b.ends_at.getTime() }]);
    const projects: SchedulerProject[] = rows.map((r) => ({
      id: r.id,
      industry: r.industry,
      availability: r.availability.map((w) => ({ from: Date.parse(w.from), to: Date.parse(w.to) })),
      busy: busyOf.get(r.id) ?? [],
      interest: Number(r.interest),
      submittedAt: Math.round(Number(r.submitted_at)),
    }));
    return schedule(input, projects, { minGapMinutes: MIN_GAP_BETWEEN_SLOTS_MINUTES });
  }
}

function present(result: ScheduleResult, applied: boolean): ScheduleResultDto {
  return {
    applied,
    placements: result.placements.map((p) => ({ ...p, startsAt: new Date(p.startsAt).toISOString(), endsAt: new Date(p.endsAt).toISOString() })),
    unplaced: result.unplaced,
    stats: result.stats,
  };
}
