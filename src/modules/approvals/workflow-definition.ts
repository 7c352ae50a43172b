import { Role } from '../../platform/context/actor';
import { DomainError, FieldProblem, ErrorCode } from '../../platform/errors/domain-error';

/** Where the deciders of a stage sit, relative to the case's subject. */
export type RegionScope = 'subject_district' | 'subject_city' | 'partner_region' | 'platform';
export const REGION_SCOPES: RegionScope[] = ['subject_district', 'subject_city', 'partner_region', 'platform'];

export type StageKind = 'precheck' | 'review' | 'timer';

export interface StageSla {
  /** Time allowed for the decision. */
  durationSeconds: number;
  /** A reminder goes out at this fraction of the duration (0 < f < 1). */
  remindAtFraction: number;
  /** When overdue, this role (in the same region scope, or its parent city) may decide too, and is told. */
  escalateToRole?: Role;
}

export interface StageDefinition {
  key: string;
  name: string;
  /** English name for English readers; the Chinese `name` is shown where there is none. */
  nameEn?: string;
  kind: StageKind;
  /** review: who decides. */
  deciderRoles?: Role[];
  regionScope?: RegionScope;
  /** review: N-of-M, the number of distinct approvals needed. */
  requiredApprovals?: number;
  sla?: StageSla;
  /** timer: how long it runs (e.g. the 7-day public notice, 公示期). */
  timerSeconds?: number;
  /** timer: an objection stops the timer and opens an objection review. */
  objectionsStop?: boolean;
}

export interface WorkflowDefinitionData {
  key: string;
  name: string;
  nameEn?: string;
  subjectType: string;
  stages: StageDefinition[];
  autoApproveBelowFen?: number | null;
}

/**
 * Checks a definition beyond field types: every review has deciders and a scope, timers have
 * a duration, keys are unique, and an SLA's reminder falls inside it.
 */
export function validateDefinition(def: Pick<WorkflowDefinitionData, 'stages' | 'autoApproveBelowFen'>): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  def.stages.forEach((stage, i) => {
    const at = `stages[${i}]`;
    if (seen.has(stage.key)) problems.push({ field: `${at}.key`, message: `duplicate stage key "${stage.key}"` });
    seen.add(stage.key);
    if (stage.kind === 'review') {
      if (!stage.deciderRoles?.length) problems.push({ field: `${at}.deciderRoles`, message: 'a review stage needs at least one decider role' });
      if (!stage.regionScope) problems.push({ field: `${at}.regionScope`, message: 'a review stage needs a region scope' });
      if (stage.requiredApprovals !== undefined && stage.requiredApprovals < 1) problems.push({ field: `${at}.requiredApprovals`, message: 'must be at least 1' });
      if (stage.timerSeconds !== undefined) problems.push({ field: `${at}.timerSeconds`, message: 'only timer stages have a timer' });
    } else if (stage.kind === 'timer') {
      if (!stage.timerSeconds || stage.timerSeconds <= 0) problems.push({ field: `${at}.timerSeconds`, message: 'a timer stage needs a positive duration' });
      if (stage.objectionsStop) {
        const previousReview = def.stages.slice(0, i).reverse().find((s) => s.kind === 'review');
        if (!previousReview) problems.push({ field: `${at}.objectionsStop`, message: 'objections are reviewed by the deciders of an earlier review stage; there is none' });
      }
      if (stage.deciderRoles?.length) problems.push({ field: `${at}.deciderRoles`, message: 'a timer stage has no deciders' });
    } else if (stage.kind === 'precheck') {
      if (stage.deciderRoles?.length) problems.push({ field: `${at}.deciderRoles`, message: 'a pre-check stage runs automatically and has no deciders' });
    }
    if (stage.sla) {
      if (stage.kind !== 'review') problems.push({ field: `${at}.sla`, message: 'only review stages have an SLA' });
      if (!(stage.sla.remindAtFraction > 0 && stage.sla.remindAtFraction < 1)) problems.push({ field: `${at}.sla.remindAtFraction`, message: 'must be between 0 and 1' });
    }
  });
  if (!def.stages.some((s) => s.kind === 'review') && def.autoApproveBelowFen == null) {
    problems.push({ field: 'stages', message: 'a workflow needs at least one review stage' });
  }
  if (problems.length > 0) {
    throw new DomainError(ErrorCode.ValidationFailed, problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
}

const DAY = 24 * 3600;

/** The definitions every deployment starts with (version 1; admins publish new versions). */
export const SEEDED_DEFINITIONS: WorkflowDefinitionData[] = [
  {
    key: 'voucher_application',
    name: '创新券申领审批',
    nameEn: 'Innovation voucher application approval',
    subjectType: 'voucher_application',
    stages: [
      { key: 'precheck', name: '自动预审', nameEn: 'Automatic pre-check', kind: 'precheck' },
      { key: 'district_review', name: '区县科技局初审', nameEn: 'District S&T bureau first review', kind: 'review', deciderRoles: [Role.Reviewer], regionScope: 'subject_district', sla: { durationSeconds: 3 * DAY, remindAtFraction: 0.5, escalateToRole: Role.Approver } },
      { key: 'city_approval', name: '市科技局审批', nameEn: 'City S&T bureau approval', kind: 'review', deciderRoles: [Role.Approver], regionScope: 'subject_city', sla: { durationSeconds: 5 * DAY, remindAtFraction: 0.6, escalateToRole: Role.PlatformAdmin } },
    ],
  },
  {
    key: 'redemption_claim',
    name: '创新券兑付审批',
    nameEn: 'Innovation voucher redemption approval',
    subjectType: 'redemption_claim',
    autoApproveBelowFen: 100_000,
    stages: [
      { key: 'precheck', name: '自动预审', nameEn: 'Automatic pre-check', kind: 'precheck' },
      { key: 'district_review', name: '区县科技局审核', nameEn: 'District S&T bureau review', kind: 'review', deciderRoles: [Role.Reviewer], regionScope: 'subject_district', sla: { durationSeconds: 5 * DAY, remindAtFraction: 0.6, escalateToRole: Role.Approver } },
      { key: 'city_approval', name: '市科技局审批', nameEn: 'City S&T bureau approval', kind: 'review', deciderRoles: [Role.Approver], regionScope: 'subject_city', sla: { durationSeconds: 5 * DAY, remindAtFraction: 0.6, escalateToRole: Role.PlatformAdmin } },
    ],
  },
  {
    key: 'provider_admission',
    name: '服务机构入驻审核',
    nameEn: 'Service provider admission review',
    subjectType: 'provider_admission',
    stages: [
      { key: 'precheck', name: '资质自动核验', nameEn: 'Automatic qualification check', kind: 'precheck' },
      { key: 'admission_review', name: '入驻审核', nameEn: 'Admission review', kind: 'review', deciderRoles: [Role.Approver, Role.PartnerAdmin], regionScope: 'subject_city', sla: { durationSeconds: 5 * DAY, remindAtFraction: 0.6, escalateToRole: Role.PlatformAdmin } },
      { key: 'public_notice', name: '公示（7天）', nameEn: 'Public notice (7 days)', kind: 'timer', timerSeconds: 7 * DAY, objectionsStop: true },
    ],
  },
  {
    key: 'roadshow_screening',
    name: '路演项目筛选',
    nameEn: 'Roadshow project screening',
    subjectType: 'roadshow_project',
    stages: [
      // Completeness (deck, team, region) checked before experts spend time on it: findings only, never a verdict.
      { key: 'precheck', name: '材料自动预审', nameEn: 'Automatic materials pre-check', kind: 'precheck' },
      // The project's own G60 city's organisers decide, the centre (platform admin) any (docs/domain.md, "Roadshow review chain").
      { key: 'screening', name: '项目筛选', nameEn: 'Project screening', kind: 'review', deciderRoles: [Role.PlatformAdmin, Role.RoadshowOrganiser], regionScope: 'subject_city', sla: { durationSeconds: 7 * DAY, remindAtFraction: 0.5 } },
    ],
  },
];
