import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../platform/database/money';

export type RedemptionMode = 'provider_redeems' | 'enterprise_redeems';
export type SettlementCycle = 'monthly' | 'quarterly';
export type ProgramStatus = 'draft' | 'open' | 'closed';

/** 创新券项目: one issuing region and year; every rate, cap and date is data, never code. */
@Entity('voucher_programs')
export class VoucherProgram {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() issuingRegionCode: string;
  @Column() year: number;
  @Column() name: string;
  /** Basis points per enterprise tier, e.g. {"default": 5000, "high_tech": 6000}. */
  @Column({ type: 'jsonb' }) ratioBpByTier: Record<string, number>;
  @Column({ type: 'bigint', transformer: fenTransformer }) perApplicationCapFen: number;
  @Column({ type: 'bigint', transformer: fenTransformer }) annualCapEnterpriseFen: number;
  @Column({ type: 'bigint', transformer: fenTransformer }) annualCapGroupFen: number;
  @Column({ type: 'bigint', transformer: fenTransformer }) fullCoverageThresholdFen: number;
  @Column({ type: 'date' }) useBy: string;
  @Column({ type: 'date' }) redeemBy: string;
  /** 通兑 (provider_redeems) or 通用 (enterprise_redeems). */
  @Column({ type: 'text' }) redemptionMode: RedemptionMode;
  @Column({ type: 'text' }) settlementCycle: SettlementCycle;
  @Column({ type: 'bigint', transformer: fenTransformer }) budgetFen: number;
  @Column({ type: 'text' }) status: ProgramStatus;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @Column() version: number;
}
