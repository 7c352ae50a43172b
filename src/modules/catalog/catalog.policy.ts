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

  /** The issuing city's approver, the partner region's partner admin, or the platform. */
  canManage(actor: Actor, a: AgreementRegions): boolean {
    if (isPlatformAdmin(actor)) return true;
    if (actor.role === Role.Approver) return actorCoversRegion(actor, a.issuingRegionCode);
    if (actor.role === Role.PartnerAdmin) return actorCoversRegion(actor, a.partnerRegionCode);
    return false;
  },
};
