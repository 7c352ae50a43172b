import { Actor, isPlatformAdmin } from '../../../platform/context/actor';
import { DomainError } from '../../../platform/errors/domain-error';
import type { RegionsService } from '../../organizations/regions.service';
import { CITY_OWN_PROJECT_SQL } from '../sessions/city-projects';
import { organiserCity } from '../shared/session-organisers';

/**
 * Who screens a roadshow project (docs/domain.md, "Roadshow review chain"): the G60 city it comes from, that is
 * the city its owner submitted it in (the city itself or a district or county directly under it, the same "own
 * project" rule as scheduling: sessions/city-projects.ts), and the centre (platform admin) for every project. A
 * referral to another city's session comes after screening and does not move it. A project outside the nine
 * cities has no screening city: only the centre decides it.
 */
export function screeningCityOf(regions: Pick<RegionsService, 'get'>, regionCode: string): string | null {
  const region = regions.get(regionCode);
  if (region?.isG60) return region.code;
  const parent = region?.parentCode ? regions.get(region.parentCode) : undefined;
  return parent?.isG60 ? parent.code : null;
}

/** The platform admin screens any project; a roadshow organiser those of its own city; nobody else. */
export function screensProject(actor: Actor, regions: Pick<RegionsService, 'get'>, projectRegionCode: string): boolean {
  if (isPlatformAdmin(actor)) return true;
  const city = organiserCity(actor);
  return city !== null && city === screeningCityOf(regions, projectRegionCode);
}

/** 403 unless the actor screens the project of this region. */
export function requireScreener(actor: Actor, regions: Pick<RegionsService, 'get'>, projectRegionCode: string): void {
  if (!screensProject(actor, regions, projectRegionCode)) {
    throw DomainError.forbidden('Only the organisers of the project’s own G60 city (or the roadshow centre) screen it');
  }
}

/** SQL filter on the rounds an organiser sees: the platform admin all, a city organiser its own city's projects. */
export function screeningRoundsFilter(actor: Actor, params: unknown[]): string | null {
  const city = organiserCity(actor);
  if (city === null) return null;
  return `EXISTS (SELECT 1 FROM roadshow_projects p WHERE p.id = project_id AND ${CITY_OWN_PROJECT_SQL('p', `$${params.push(city)}`)})`;
}

