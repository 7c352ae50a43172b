import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FindingReason } from '../../../../packages/shared/finding-reasons';
import type { ChangeRequestStatus } from './controller-group-change.state';

export type ChangeRequestAction = 'join' | 'leave' | 'create';

/** An enterprise's request to join, leave or found an actual-controller group, decided by its bureaus. */
@Entity('controller_group_change_requests')
export class ControllerGroupChangeRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() enterpriseId: string;
  @Column() requestedBy: string;
  @Column({ type: 'text' }) action: ChangeRequestAction;
  /** The enterprise's group when it asked. */
  @Column({ type: 'uuid', nullable: true }) fromGroupId: string | null;
  @Column({ type: 'uuid', nullable: true }) targetGroupId: string | null;
  @Column({ type: 'text', nullable: true }) newGroupName: string | null;
  @Column({ type: 'text', nullable: true }) newControllerName: string | null;
  /** The enterprise's statement (情况说明) and the documents it rests on (references, as on redemption claims). */
  @Column() statement: string;
  @Column({ type: 'text', array: true }) documentRefs: string[];
  @Column({ type: 'text' }) status: ChangeRequestStatus;
  @Column({ type: 'text', nullable: true }) decisionReason: string | null;
  /** The reason as a code when the workflow wrote it (withdrawn by the applicant); null for a decider's own words. */
  @Column({ type: 'jsonb', nullable: true }) decisionReasonCode: FindingReason | null;
  /** The group the enterprise belongs to after an approval (null: none). */
  @Column({ type: 'uuid', nullable: true }) resultingGroupId: string | null;
  @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  @Column() version: number;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
}
