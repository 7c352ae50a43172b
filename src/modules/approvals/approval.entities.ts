import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../platform/database/money';
import type { CaseStatus, TaskStatus } from './approval-case.state';
import type { StageDefinition } from './workflow-definition';

@Entity('workflow_definitions')
export class WorkflowDefinition {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() key: string;
  @Column() version: number;
  @Column() name: string;
  @Column({ type: 'text', nullable: true }) nameEn: string | null;
  @Column() subjectType: string;
  @Column({ type: 'jsonb' }) stages: StageDefinition[];
  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer }) autoApproveBelowFen: number | null;
  @Column() isActive: boolean;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}

/** 审批案件: one per subject; a returned case is revised and resubmitted into the same case. */
@Entity('approval_cases')
export class ApprovalCase {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() definitionId: string;
  @Column() subjectType: string;
  @Column() subjectId: string;
  @Column() title: string;
  /** The title's values (numbers and names): the portal and e-mails word the title in the reader's language (packages/shared/case-title.ts); null on cases opened before them. */
  @Column({ type: 'jsonb', nullable: true }) titleParams: Record<string, string> | null;
  @Column({ type: 'uuid', nullable: true }) applicantOrgId: string | null;
  @Column({ type: 'uuid', nullable: true }) applicantUserId: string | null;
  @Column() regionCode: string;
  @Column() cityCode: string;
  @Column({ type: 'text', nullable: true }) partnerRegionCode: string | null;
  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer }) amountFen: number | null;
  @Column({ type: 'text' }) status: CaseStatus;
  @Column() currentStage: number;
  @Column({ type: 'timestamptz' }) stageEnteredAt: Date;
  @Column() revision: number;
  @Column({ type: 'text', nullable: true }) outcome: 'approved' | 'rejected' | 'returned' | 'withdrawn' | null;
  @Column({ type: 'timestamptz', nullable: true }) outcomeAppliedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) timerDueAt: Date | null;
  @Column({ type: 'jsonb' }) snapshot: Record<string, unknown>;
  @Column() version: number;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
}

@Entity('approval_tasks')
export class ApprovalTask {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() caseId: string;
  @Column() revision: number;
  @Column() stageIndex: number;
  @Column() stageKey: string;
  @Column() stageName: string;
  /** The stage's English name as the definition had it when the task was made; null when it had none. */
  @Column({ type: 'text', nullable: true }) stageNameEn: string | null;
  @Column({ type: 'text' }) kind: 'review' | 'objection_review';
  @Column({ type: 'text', array: true }) deciderRoles: string[];
  @Column({ type: 'text', nullable: true }) regionCode: string | null;
  @Column() requiredApprovals: number;
  @Column() approvals: number;
  @Column({ type: 'text' }) status: TaskStatus;
  @Column({ type: 'uuid', nullable: true }) claimedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) claimedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) remindedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
  @Column({ type: 'text', nullable: true }) escalatedToRole: string | null;
  @Column({ type: 'uuid', nullable: true }) objectionId: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
}
