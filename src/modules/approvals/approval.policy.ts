import { Actor, actorCoversRegion, hasRegionalView, isPlatformAdmin, Role } from '../../platform/context/actor';
import { ApprovalCase, ApprovalTask } from './approval.entities';

/** Who may act on approval tasks and see cases. Reads that fail become 404. */
export const ApprovalPolicy = {
  /** The roles that may decide a task now: its deciders, plus the escalation role once overdue. */
  decidingRoles(task: Pick<ApprovalTask, 'deciderRoles' | 'escalatedToRole'>): string[] {
    return task.escalatedToRole ? [...task.deciderRoles, task.escalatedToRole] : task.deciderRoles;
  },

  canSeeTask(actor: Actor, task: Pick<ApprovalTask, 'deciderRoles' | 'escalatedToRole' | 'regionCode'>): boolean {
    if (isPlatformAdmin(actor)) return true;
    if (!ApprovalPolicy.decidingRoles(task).includes(actor.role)) return false;
    return task.regionCode !== null && actorCoversRegion(actor, task.regionCode);
  },

  canSeeCase(actor: Actor, kase: Pick<ApprovalCase, 'applicantOrgId' | 'regionCode' | 'cityCode' | 'partnerRegionCode'>, tasks: ApprovalTask[]): boolean {
    if (isPlatformAdmin(actor) || (kase.applicantOrgId !== null && kase.applicantOrgId === actor.organizationId)) return true;
    if (tasks.some((t) => ApprovalPolicy.canSeeTask(actor, t))) return true;
    // Agency roles follow cases of their district; the city sees its districts' cases.
    return hasRegionalView(actor) && actor.role !== Role.PartnerAdmin && actorCoversRegion(actor, kase.regionCode);
  },

  isApplicant(actor: Actor, kase: Pick<ApprovalCase, 'applicantOrgId'>): boolean {
    return kase.applicantOrgId !== null && kase.applicantOrgId === actor.organizationId;
  },
};
