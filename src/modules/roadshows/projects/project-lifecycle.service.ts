import { Injectable } from '@nestjs/common';
import { Transaction } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { FindingReason, findingText } from '../../../../packages/shared/finding-reasons';
import { RoadshowProject } from '../shared/roadshow.entities';
import { PROJECT_STATES, ProjectEvent } from '../shared/roadshow.state';

/**
 * A timeline note: a person's words as written, or a note the server writes as a code (its English text is stored
 * beside it for API clients; the portal shows the code in the reader's language).
 */
export type ProjectNote = string | FindingReason | null;

/**
 * The one place a project changes stage: the state table decides, the row is updated, and the
 * timeline gets a timestamped entry and the audit trail an event, in the caller's transaction.
 */
@Injectable()
export class ProjectLifecycle {
  async lock(tx: Transaction, id: string): Promise<RoadshowProject> {
    const project = await tx.manager.getRepository(RoadshowProject).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!project) throw DomainError.notFound('Project');
    return project;
  }

  /** Applies `event` (409 ILLEGAL_TRANSITION when the table does not allow it) and returns the updated project. */
  async apply(tx: Transaction, project: RoadshowProject, event: ProjectEvent, noteOrCode: ProjectNote, actorUserId: string | null): Promise<RoadshowProject> {
    const to = PROJECT_STATES.next(project.status, event);
    const note = noteOrCode === null || typeof noteOrCode === 'string' ? noteOrCode : findingText(noteOrCode);
    await tx.manager.query(
      `UPDATE roadshow_projects SET status = $2, status_changed_at = clock_timestamp(), version = version + 1, updated_at = now(),
              decision_reason = CASE WHEN $3::text IS NOT NULL AND $2 IN ('rejected', 'returned', 'screened') THEN $3 ELSE decision_reason END
        WHERE id = $1`,
      [project.id, to, note],
    );
    await this.record(tx, project.id, event, project.status, to, noteOrCode, actorUserId);
    tx.audit({
      action: `roadshow_project.${event}`,
      subjectType: 'roadshow_project',
      subjectId: project.id,
      organizationId: project.enterpriseId,
      regionCode: project.regionCode,
      before: { status: project.status },
      after: { status: to, note },
    });
    return tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id: project.id });
  }

  /** Applies `event` only when the table allows it now: for automatic steps that may already have happened. */
  async applyIfAllowed(tx: Transaction, project: RoadshowProject, event: ProjectEvent, note: ProjectNote, actorUserId: string | null): Promise<RoadshowProject> {
    return PROJECT_STATES.can(project.status, event) ? this.apply(tx, project, event, note, actorUserId) : project;
  }

  async record(tx: Transaction, projectId: string, event: string, from: string | null, to: string, note: ProjectNote, actorUserId: string | null): Promise<void> {
    const coded = note !== null && typeof note !== 'string';
    await tx.manager.query(
      `INSERT INTO roadshow_project_events (project_id, event, from_status, to_status, note, note_code, actor_user_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [projectId, event, from, to, coded ? findingText(note) : note, coded ? JSON.stringify(note) : null, actorUserId],
    );
  }
}
