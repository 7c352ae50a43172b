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

  /**
   * Actual-controller groups (同一实际控制人) decide whose cap a subsidy counts against, so they are
   * bureau data: only the organisation's own district or city bureau (its partner region's bureau
   * for a Shanghai organisation) links and unlinks. Not the organisation itself (it asks through a
   * change request), not the platform operators (docs/security.md, "Actual-controller groups").
   */
  canLinkControllerGroup(actor: Actor, org: Pick<Organization, 'id' | 'regionCode'>): boolean {
    if (actor.organizationId === org.id || isPlatformAdmin(actor)) return false;
    return CONTROLLER_GROUP_BUREAU_ROLES.includes(actor.role) && actorCoversRegion(actor, org.regionCode);
  },
};

/** The bureau roles that keep actual-controller groups: district reviewers, city approvers, the partner region's admins. */
export const CONTROLLER_GROUP_BUREAU_ROLES: Role[] = [Role.Reviewer, Role.Approver, Role.PartnerAdmin];

/** Which roles a user of each kind of organisation may hold. */
export const ROLES_BY_ORGANIZATION: Record<string, Role[]> = {
  enterprise: [Role.EnterpriseUser],
  provider: [Role.ProviderUser],
  investor: [Role.Investor],
  team: [Role.EnterpriseUser],
  'agency:district': [Role.Reviewer, Role.Finance],
  'agency:city': [Role.Approver, Role.Reviewer, Role.Finance],
  'agency:partner': [Role.PartnerAdmin, Role.Reviewer, Role.Approver],
  'agency:platform': [Role.PlatformAdmin],
  // A G60 city's roadshow organiser organisation (路演联盟城市组织方).
  'agency:roadshow': [Role.RoadshowOrganiser],
};

export function rolesFor(org: Pick<Organization, 'kind' | 'agencyLevel'>): Role[] {
  return ROLES_BY_ORGANIZATION[org.kind === 'agency' ? `agency:${org.agencyLevel}` : org.kind] ?? [];
}
