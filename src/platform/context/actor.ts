/** The roles of docs/domain.md ("Roles"). A user has exactly one. */
export enum Role {
  EnterpriseUser = 'enterprise_user', // 申领企业
  ProviderUser = 'provider_user', // 服务机构
  Reviewer = 'reviewer', // 区县科技局
  Approver = 'approver', // 市科技局
  Finance = 'finance', // 财政局
  PartnerAdmin = 'partner_admin', // e.g. Shanghai platform
  Investor = 'investor',
  PlatformAdmin = 'platform_admin',
  RoadshowOrganiser = 'roadshow_organiser', // G60 城市路演组织方 (a city's organiser of the roadshow alliance)
}

export const ALL_ROLES = Object.values(Role);

export type OrganizationKind = 'enterprise' | 'provider' | 'investor' | 'agency' | 'team';

/** The kinds of organisation that apply for vouchers, order services and claim as the applicant: enterprises and innovation teams (创新团队). */
export const APPLICANT_KINDS: readonly OrganizationKind[] = ['enterprise', 'team'];

/** Who is acting, resolved from a live session on every request. */
export interface Actor {
  userId: string;
  sessionId: string;
  role: Role;
  isOrgAdmin: boolean;
  organizationId: string;
  organizationKind: OrganizationKind;
  regionCode: string;
  /** The actor's region and every region directly under it (a city and its districts). */
  regionScope: string[];
}

export function isPlatformAdmin(actor: Actor): boolean {
  return actor.role === Role.PlatformAdmin;
}

/** Agency-side roles see records by region rather than by owning organisation. */
export function hasRegionalView(actor: Actor): boolean {
  return [Role.Reviewer, Role.Approver, Role.Finance, Role.PartnerAdmin].includes(actor.role);
}

export function actorCoversRegion(actor: Actor, regionCode: string): boolean {
  return isPlatformAdmin(actor) || actor.regionScope.includes(regionCode);
}
