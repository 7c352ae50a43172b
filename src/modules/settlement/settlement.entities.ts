import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../platform/database/money';
import type { BatchStatus } from './settlement.state';

/** 结算批次: one per programme and settlement period (monthly or quarterly). */
@Entity('settlement_batches')
export class SettlementBatch {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() number: string;
  @Column() programId: string;
  @Column({ type: 'date' }) periodStart: string;
  @Column({ type: 'date' }) periodEnd: string;
  @Column({ type: 'text' }) status: BatchStatus;
  @Column({ type: 'bigint', transformer: fenTransformer }) totalFen: number;
  @Column() itemCount: number;
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  /** Who closed it; NULL for the cut-off run and for batches closed before this was recorded. */
  @Column({ type: 'uuid', nullable: true }) closedBy: string | null;
  @Column({ type: 'uuid', nullable: true }) approvedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) paidBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) paidAt: Date | null;
  @Column({ type: 'text', nullable: true }) paymentReference: string | null;
  @Column({ type: 'timestamptz', nullable: true }) reconciledAt: Date | null;
  @Column({ type: 'text', nullable: true }) reconciliationNote: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column() version: number;
}
