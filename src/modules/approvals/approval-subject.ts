import { SetMetadata } from '@nestjs/common';
import type { Actor } from '../../platform/context/actor';
import { Transaction } from '../../platform/database/unit-of-work';
import type { CaseTitleParams } from '../../../packages/shared/case-title';
import { type FindingReason, findingText } from '../../../packages/shared/finding-reasons';

export type FindingOutcome = 'pass' | 'warn' | 'fail';

/** One automatic pre-check result, shown to deciders. */
export interface Finding {
  check: string;
  outcome: FindingOutcome;
  /** English sentences, kept for API clients; a subject that gives `reasonCodes` derives them from the codes. */
  reasons: string[];
  /** The same reasons as codes with parameters, which the portal translates (packages/shared/finding-reasons.ts). */
  reasonCodes?: FindingReason[];
}

/** A finding whose reasons are codes (nulls dropped); its English `reasons` follow from them. */
export function codedFinding(check: string, outcome: FindingOutcome, codes: (FindingReason | null)[]): Finding {
  const reasonCodes = codes.filter((c): c is FindingReason => c !== null);
  return { check, outcome, reasons: reasonCodes.map(findingText), reasonCodes };
}

/** What the approvals engine needs to know about a subject to route and show it. */
export interface SubjectDescription {
  /** The title in 简体; with `titleParams`, from storedCaseTitle (packages/shared/case-title.ts), so every reader gets it in their language. */
  title: string;
  titleParams?: CaseTitleParams;
  applicantOrgId: string | null;
  applicantUserId?: string | null;
  /** The subject's own region (an enterprise's district). */
  regionCode: string;
  /** The top-level region: the city (or Shanghai) that owns the programme. */
  cityCode: string;
  partnerRegionCode?: string | null;
  amountFen?: number | null;
  /** A snapshot of what is being decided; revisions are diffed on it. */
  snapshot: Record<string, unknown>;
}

/** A decision a person is about to record on a review task of the subject's case. */
export interface PendingDecision {
  actor: Actor;
  stageKey: string;
  decision: 'approve' | 'reject' | 'return';
  comment: string | null;
}

export interface CaseRef {
  caseId: string;
  subjectId: string;
  revision: number;
}

/**
 * Implemented by a domain module for each kind of thing that goes through approval
 * (voucher applications, redemption claims, provider admissions, roadshow screenings).
 * Every hook runs inside the engine's transaction, from a queue job, at least once:
 * it must be idempotent. The engine guarantees each outcome hook commits exactly once.
 */
export interface ApprovalSubject {
  describe(tx: Transaction, subjectId: string): Promise<SubjectDescription>;
  precheck(tx: Transaction, subjectId: string): Promise<Finding[]>;
  /** A stage starts (e.g. admission → in_review, or → public_notice for a timer). */
  onStageEntered?(tx: Transaction, ref: CaseRef, stageKey: string): Promise<void>;
  /**
   * A decider is deciding a review task of this case (any route: the approvals inbox or the subject's own). The
   * subject may refuse with a DomainError (e.g. not enough reviews yet, the decider reviewed it) or record its side
   * of the decision; it runs in the decision's transaction, after the engine's own checks.
   */
  beforeDecision?(tx: Transaction, ref: CaseRef, pending: PendingDecision): Promise<void>;
  onApproved(tx: Transaction, ref: CaseRef): Promise<void>;
  onRejected(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void>;
  onReturned(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void>;
  onWithdrawn?(tx: Transaction, ref: CaseRef): Promise<void>;
  /** The applicant resubmitted a returned case (the subject goes back to 'submitted'). */
  onResubmitted?(tx: Transaction, ref: CaseRef): Promise<void>;
}

export const APPROVAL_SUBJECT_METADATA = 'g60:approval-subject';

/** Marks a provider as the ApprovalSubject of a subject type. */
export const ApprovalSubjectHandler = (subjectType: string): ClassDecorator => SetMetadata(APPROVAL_SUBJECT_METADATA, subjectType);
