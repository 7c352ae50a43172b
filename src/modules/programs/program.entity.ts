import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../platform/database/money';

export type RedemptionMode = 'provider_redeems' | 'enterprise_redeems';
export type SettlementCycle = 'monthly' | 'quarterly';
export type ProgramStatus = 'draft' | 'open' | 'closed';

/** 创新券项目: one issuing region and year; its rates and caps are versioned policy data (docs/policies.md). */
@Entity('voucher_programs')
export class VoucherProgram {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() issuingRegionCode: string;
  @Column() year: number;
  @Column() name: string;
  /** For English readers (docs/i18n.md); null: English pages show `name`. */
  @Column({ type: 'text', nullable: true }) nameEn: string | null;
  /** The newest policy version (voucher_program_versions); which one applies depends on the day. */
  @Column() policyVersion: number;
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
