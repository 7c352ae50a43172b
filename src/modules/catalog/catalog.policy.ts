import { Actor, actorCoversRegion, hasRegionalView, isPlatformAdmin, Role } from '../../platform/context/actor';

/** Object-level rules of the catalogue. Callers turn a `false` on reads into 404. */
export const CatalogPolicy = {
  /** A provider's own org admins keep its catalogue. */
  canManageService(actor: Actor, providerId: string): boolean {
    return actor.role === Role.ProviderUser && actor.isOrgAdmin && actor.organizationId === providerId;
  },

  /** Listed services of admitted providers are open to every signed-in user; the rest only to the owner and its regional admins. */
  canReadService(actor: Actor, service: { providerId: string; regionCode: string; status: string }, providerAdmission: string | null): boolean {
    if (service.status === 'active' && providerAdmission === 'active') return true;
    if (isPlatformAdmin(actor) || actor.organizationId === service.providerId) return true;
    return hasRegionalView(actor) && actorCoversRegion(actor, service.regionCode);
  },
};

type AgreementRegions = { issuingRegionCode: string; partnerRegionCode: string };

/** 互认协议 belong to the two regions they join. */
export const AgreementPolicy = {
  /** The admins of either region see it. */
  canRead(actor: Actor, a: AgreementRegions): boolean {
    if (isPlatformAdmin(actor)) return true;
    if (![Role.Approver, Role.PartnerAdmin].includes(actor.role)) return false;
    return actorCoversRegion(actor, a.issuingRegionCode) || actorCoversRegion(actor, a.partnerRegionCode);
  },

  /**
   * Proposes and edits drafts, proposes amendments, terminates: the issuing city's approver, the
   * partner region's partner admin, or the platform. None of this binds anyone: only signatures do.
   */
  canManage(actor: Actor, a: AgreementRegions): boolean {
    if (isPlatformAdmin(actor)) return true;
    if (actor.role === Role.Approver) return actorCoversRegion(actor, a.issuingRegionCode);
    if (actor.role === Role.PartnerAdmin) return actorCoversRegion(actor, a.partnerRegionCode);
    return false;
  },

  /**
   * The side a person signs for: the issuing region's approver signs what spends its budget (the
   * whole terms); the partner region's partner admin signs its part. Nobody else, not even the
   * platform, signs (docs/security.md, "Recognition agreements").
   */
  signingSide(actor: Actor, a: AgreementRegions): AgreementSide | null {
    if (actor.role === Role.Approver && actor.regionScope.includes(a.issuingRegionCode)) return 'issuing';
    if (actor.role === Role.PartnerAdmin && actor.regionScope.includes(a.partnerRegionCode)) return 'partner';
    return null;
  },
};

export type AgreementSide = 'issuing' | 'partner';
