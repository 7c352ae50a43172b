import { Actor, actorCoversRegion, hasRegionalView, isPlatformAdmin, Role } from '../../platform/context/actor';
import { Organization } from './organization.entity';

/** Object-level rules for organisations. Callers turn a `false` on reads into 404. */
export const OrganizationPolicy = {
  canRead(actor: Actor, org: Pick<Organization, 'id' | 'regionCode'>): boolean {
    if (isPlatformAdmin(actor) || actor.organizationId === org.id) return true;
    return hasRegionalView(actor) && actorCoversRegion(actor, org.regionCode);
  },

  /** Its own org admins and the platform manage an organisation's profile and users. */
  canManage(actor: Actor, org: Pick<Organization, 'id'>): boolean {
    return isPlatformAdmin(actor) || (actor.organizationId === org.id && actor.isOrgAdmin);
  },

  /** Admission is decided by the provider's own region: the city approver or the partner admin. */
  canDecideAdmission(actor: Actor, provider: Pick<Organization, 'id' | 'regionCode'>): boolean {
    if (actor.organizationId === provider.id) return false;
    if (isPlatformAdmin(actor)) return true;
    return [Role.Approver, Role.PartnerAdmin].includes(actor.role) && actorCoversRegion(actor, provider.regionCode);
  },

  canLinkControllerGroup(actor: Actor, enterprise: Pick<Organization, 'id' | 'regionCode'>): boolean {
    if (OrganizationPolicy.canManage(actor, enterprise)) return true;
    return [Role.Reviewer, Role.Approver, Role.PartnerAdmin].includes(actor.role) && actorCoversRegion(actor, enterprise.regionCode);
  },
};

/** Which roles a user of each kind of organisation may hold. */
export const ROLES_BY_ORGANIZATION: Record<string, Role[]> = {
  enterprise: [Role.EnterpriseUser],
  provider: [Role.ProviderUser],
  investor: [Role.Investor],
  'agency:district': [Role.Reviewer, Role.Finance],
  'agency:city': [Role.Approver, Role.Reviewer, Role.Finance],
  'agency:partner': [Role.PartnerAdmin, Role.Reviewer, Role.Approver],
  'agency:platform': [Role.PlatformAdmin],
};

export function rolesFor(org: Pick<Organization, 'kind' | 'agencyLevel'>): Role[] {
  return ROLES_BY_ORGANIZATION[org.kind === 'agency' ? `agency:${org.agencyLevel}` : org.kind] ?? [];
}
