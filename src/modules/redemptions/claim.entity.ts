import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../platform/database/money';
import type { ClaimStatus } from './claim.state';

/** 兑付申请: the voucher portion of a confirmed order, claimed by the provider (通兑) or the enterprise (通用). */
@Entity('redemption_claims')
export class RedemptionClaim {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() number: string;
  @Column() orderId: string;
  @Column() programId: string;
  @Column() voucherId: string;
  @Column() claimantOrgId: string;
  @Column() payeeOrgId: string;
  @Column({ type: 'text' }) mode: 'provider_redeems' | 'enterprise_redeems';
  @Column({ type: 'bigint', transformer: fenTransformer }) amountFen: number;
  @Column() contractNo: string;
  @Column() invoiceNo: string;
  @Column() invoiceNoNormalized: string;
  @Column() paymentProof: string;
  @Column() reportNo: string;
  @Column({ type: 'text' }) status: ClaimStatus;
  @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  @Column({ type: 'text', nullable: true }) rejectionReason: string | null;
  @Column({ type: 'uuid', nullable: true }) submittedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) paidAt: Date | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @Column() version: number;
}

/** Invoice numbers compare without spaces, hyphens or case: 'inv-001 ' and 'INV001' are one invoice. */
export function normalizeInvoice(invoiceNo: string): string {
  return invoiceNo.toUpperCase().replace(/[\s\-_.]/g, '');
}
