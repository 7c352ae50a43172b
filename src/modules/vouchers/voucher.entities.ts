import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../platform/database/money';
import type { FindingReason } from '../../../packages/shared/finding-reasons';
import type { ApplicationStatus, VoucherStatus } from './voucher.state';

/** 创新券申领 */
@Entity('voucher_applications')
export class VoucherApplication {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() number: string;
  @Column() programId: string;
  @Column() enterpriseId: string;
  @Column() applicantUserId: string;
  @Column({ type: 'bigint', transformer: fenTransformer }) requestedFen: number;
  @Column() purpose: string;
  @Column({ type: 'text' }) status: ApplicationStatus;
  @Column({ type: 'text', nullable: true }) rejectionReason: string | null;
  /** The refusal as a code, when the server refused (issuance); null for a decider's own words. */
  @Column({ type: 'jsonb', nullable: true }) rejectionReasonCode: FindingReason | null;
  @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  @Column({ type: 'uuid', nullable: true }) voucherId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @Column() version: number;
}

/** 创新券 */
@Entity('vouchers')
export class Voucher {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() number: string;
  @Column() programId: string;
  @Column() enterpriseId: string;
  @Column() applicationId: string;
  /** The actual-controller group it was committed under (同一实际控制人); its usage stays with that group. */
  @Column({ type: 'uuid', nullable: true }) controllerGroupId: string | null;
  @Column({ type: 'bigint', transformer: fenTransformer }) faceValueFen: number;
  /** What of it has gone back to the budget (expiry, revocation, recovered claw-backs): it no longer counts against a cap. */
  @Column({ type: 'bigint', transformer: fenTransformer }) releasedFen: number;
  /** The policy version it was issued under: its tiers and threshold price its orders (docs/policies.md). */
  @Column() programVersion: number;
  /** Whose annual cap it counts against: the enterprise's or the innovation team's. */
  @Column({ type: 'text' }) applicantKind: 'enterprise' | 'team';
  @Column({ type: 'date' }) useBy: string;
  @Column({ type: 'date' }) redeemBy: string;
  @Column({ type: 'text' }) status: VoucherStatus;
  @Column() availableAccountId: string;
  @Column() heldAccountId: string;
  @Column({ type: 'timestamptz' }) issuedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column() version: number;
}
