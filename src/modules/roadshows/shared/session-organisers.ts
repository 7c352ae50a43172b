import { Actor, isPlatformAdmin, Role } from '../../../platform/context/actor';
import { DomainError } from '../../../platform/errors/domain-error';
import type { RoadshowSession } from './roadshow.entities';

/**
 * Who organises roadshows (docs/domain.md, "The nine-city alliance"): the roadshow centre's platform admins, for
 * every session (the alliance-wide organiser), and each G60 city's roadshow organisers (路演联盟城市组织方), for
 * the sessions their city hosts and, once the city accepted the invitation, co-hosts. The one place that decides
 * it: LiveAccess (live pages), the sessions, venues, series, referrals and statistics all ask here.
 */
export const ORGANISER_ROLES = [Role.PlatformAdmin, Role.RoadshowOrganiser];

/** The city a roadshow organiser acts for (its organisation's region), or null for anyone else. */
export function organiserCity(actor: Actor): string | null {
  return actor.role === Role.RoadshowOrganiser ? actor.regionCode : null;
}

/** The session's host side: the platform admin, or an organiser of the host city. Edits, publishes, schedules, invites. */
export function hostsSession(actor: Actor, session: Pick<RoadshowSession, 'hostCityCode'>): boolean {
  return isPlatformAdmin(actor) || (organiserCity(actor) !== null && organiserCity(actor) === session.hostCityCode);
}

/** An organiser of this session: the host side, or an organiser of a co-host city that accepted. Moderates, reads its statistics. */
export function organisesSession(actor: Actor, session: Pick<RoadshowSession, 'hostCityCode' | 'coHostCityCodes'>): boolean {
  const city = organiserCity(actor);
  return hostsSession(actor, session) || (city !== null && session.coHostCityCodes.includes(city));
}

/** 403 unless the actor hosts the session (a guessed id of another city's session is refused the same way). */
export function requireHost(actor: Actor, session: Pick<RoadshowSession, 'hostCityCode'>): void {
  if (!hostsSession(actor, session)) throw DomainError.forbidden('Only the host city’s organisers (or the platform) may change this session');
}

/** 403 unless the actor acts for `cityCode` (the platform admin acts for every city). */
export function requireCity(actor: Actor, cityCode: string, what: string): void {
  if (isPlatformAdmin(actor)) return;
  if (organiserCity(actor) !== cityCode) throw DomainError.forbidden(`Only ${cityCode}’s roadshow organisers may ${what}`);
}
