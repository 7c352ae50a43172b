/** Response shapes of the API this area reads (src/modules/{approvals,programs,settlement,catalog,organizations}/dto). */

export interface Task {
  id: string;
  caseId: string;
  caseTitle: string;
  subjectType: string;
  subjectId: string;
  revision: number;
  stageIndex: number;
  stageKey: string;
  stageName: string;
  kind: 'review' | 'objection_review';
  deciderRoles: string[];
  regionCode: string | null;
  requiredApprovals: number;
  approvals: number;
  status: string;
  claimedBy: string | null;
  dueAt: string | null;
  overdue: boolean;
  escalatedToRole: string | null;
  amountFen: number | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface BatchDecisionResult {
  taskId: string;
  ok: boolean;
  status?: number;
  code?: string;
  message?: string;
}

export interface Case {
  id: string;
  title: string;
  definitionKey: string;
  definitionVersion: number;
  subjectType: string;
  subjectId: string;
  status: string;
  currentStage: number;
  currentStageKey: string | null;
  revision: number;
  outcome: string | null;
  outcomeAppliedAt: string | null;
  applicantOrgId: string | null;
  regionCode: string;
  amountFen: number | null;
  timerDueAt: string | null;
  createdAt: string;
  closedAt: string | null;
}

export interface Finding {
  check: string;
  outcome: 'pass' | 'warn' | 'fail';
  reasons: string[];
  revision: number;
  stageIndex: number;
}

export interface Revision {
  revision: number;
  snapshot: Record<string, unknown>;
  diff: { path: string; before: unknown; after: unknown }[];
  note: string | null;
  createdAt: string;
}

export interface DecisionRecord {
  taskId: string;
  revision: number;
  stageIndex: number;
  deciderUserId: string;
  decision: string;
  comment: string | null;
  at: string;
}

export interface TimelineEntry {
  at: string;
  action: string;
  actorUserId: string | null;
  actorRole: string | null;
  details: unknown;
}

export interface CaseDetail {
  case: Case;
  tasks: Task[];
  decisions: DecisionRecord[];
  findings: Finding[];
  revisions: Revision[];
  timeline: TimelineEntry[];
}

export interface Program {
  id: string;
  issuingRegionCode: string;
  year: number;
  name: string;
  ratioBpByTier: Record<string, number>;
  perApplicationCapFen: number;
  annualCapEnterpriseFen: number;
  annualCapGroupFen: number;
  fullCoverageThresholdFen: number;
  useBy: string;
  redeemBy: string;
  redemptionMode: string;
  settlementCycle: string;
  budgetFen: number;
  status: string;
  version: number;
}

export interface Budget {
  programId: string;
  budgetFen: number;
  availableFen: number;
  committedFen: number;
  heldFen: number;
  payableFen: number;
  paidFen: number;
  clawbackReceivableFen: number;
  ledgerSumFen: number;
  vouchersIssued: number;
}

export interface SettlementBatch {
  id: string;
  number: string;
  programId: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  totalFen: number;
  itemCount: number;
  paymentReference: string | null;
  closedAt: string | null;
  approvedAt: string | null;
  paidAt: string | null;
  reconciledAt: string | null;
  /** Four eyes (docs/security.md): who took each step; closedBy is null when the cut-off closed it. */
  closedBy: Person | null;
  approvedBy: Person | null;
  paidBy: Person | null;
  version: number;
}

export interface Person {
  id: string;
  displayName: string;
}

/** A revocation or claw-back above the four-eyes threshold, waiting for (or decided by) a second person. */
export interface FourEyesRequest {
  id: string;
  kind: 'voucher_revocation' | 'claim_claw_back';
  subjectId: string;
  subjectNumber: string;
  programId: string;
  regionCode: string;
  deciderRoles: string[];
  amountFen: number;
  reason: string;
  status: 'pending' | 'confirmed' | 'cancelled';
  requestedBy: Person;
  requestedAt: string;
  decidedBy: Person | null;
  decidedAt: string | null;
  decisionNote: string | null;
  version: number;
}

export interface StatementRow {
  key: string;
  name: string;
  uscc: string | null;
  regionCode: string;
  claims: number;
  amountFen: number;
  amountYuan: string;
}

export interface Statement {
  batch: SettlementBatch;
  by: 'payee' | 'partner_region';
  rows: StatementRow[];
  totalFen: number;
}

export interface Agreement {
  id: string;
  issuingRegionCode: string;
  partnerRegionCode: string;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  ratioOverrideBp: number | null;
  perOrderCapFen: number | null;
  /** draft → partially_signed → in_force → superseded | terminated; or withdrawn. */
  status: string;
  terminatedOn: string | null;
  supersededOn: string | null;
  inForceToday: boolean;
  lineageId: string;
  versionNo: number;
  supersedesId: string | null;
  /** What a signature binds: the exact terms of this version. */
  termsHash: string;
  inForceSince: string | null;
  migrated: boolean;
  providerCount: number;
  serviceCount: number;
  version: number;
  createdAt: string;
}

export interface AgreementSignature {
  side: 'issuing' | 'partner';
  regionCode: string;
  signedBy: string;
  signerName: string;
  signerRole: string;
  termsHash: string;
  signedAt: string;
  voidedAt: string | null;
  voidReason: string | null;
}

export interface AgreementDetail extends Agreement {
  providers: { providerId: string; name: string; regionCode: string; serviceIds: string[] }[];
  signatures: AgreementSignature[];
  versions: { id: string; versionNo: number; status: string; effectiveFrom: string; effectiveTo: string | null; supersededOn: string | null; terminatedOn: string | null }[];
  /** The side the reader signs for, if any. */
  mySide: 'issuing' | 'partner' | null;
}

export interface Organization {
  id: string;
  kind: string;
  name: string;
  uscc: string | null;
  regionCode: string;
  status: string;
  admissionStatus: string | null;
  providerKind: string | null;
  accreditations: string[];
  agencyLevel: string | null;
  publicNoticeEndsAt: string | null;
  version: number;
  createdAt: string;
}

export type { Region } from '../../app/regions';
