import { EntityManager } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { organiserCity } from '../shared/session-organisers';

/** SQL: the project was submitted in the city or in a district or county directly under it. */
export const CITY_OWN_PROJECT_SQL = (project: string, city: string) =>
  `(${project}.region_code = ${city} OR EXISTS (SELECT 1 FROM read_regions rr WHERE rr.code = ${project}.region_code AND rr.parent_code = ${city}))`;

/**
 * Which projects a city's organisers may schedule (docs/domain.md, "The nine-city alliance"): the city's own
 * (submitted in the city or a district or county directly under it) and those another city referred to it and it
 * accepted, for one of `sessionIds` or for its next session. The platform schedules any screened project.
 */
export const CITY_PROJECT_SQL = (project: string, city: string, sessions: string) => `(
  ${CITY_OWN_PROJECT_SQL(project, city)}
  OR EXISTS (SELECT 1 FROM roadshow_referrals f WHERE f.project_id = ${project}.id AND f.to_city_code = ${city} AND f.status = 'accepted'
               AND (f.session_id IS NULL OR f.session_id = ANY (${sessions}))))`;

/** 403 unless every project is one the actor's city may schedule into `sessionIds`. */
export async function requireSchedulable(manager: EntityManager, actor: Actor, projectIds: string[], sessionIds: string[]): Promise<void> {
  const city = organiserCity(actor);
  if (!city || projectIds.length === 0) return;
  const rows = (await manager.query(`SELECT p.id FROM roadshow_projects p WHERE p.id = ANY ($1::uuid[]) AND ${CITY_PROJECT_SQL('p', '$2', '$3::uuid[]')}`, [
    projectIds,
    city,
    sessionIds,
  ])) as { id: string }[];
  const allowed = new Set(rows.map((r) => r.id));
  const refused = projectIds.filter((id) => !allowed.has(id));
  if (refused.length > 0) {
    throw new DomainError(ErrorCode.Forbidden, 'A city schedules its own projects and those referred to it that it accepted', { projectIds: refused });
  }
}
