import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../platform/database/money';
import type { OrderStatus } from './order.state';

/** 服务订单: a catalogue service bought with a voucher's subsidy held until redemption. */
@Entity('service_orders')
export class ServiceOrder {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() number: string;
  @Column() programId: string;
  @Column() voucherId: string;
  @Column() enterpriseId: string;
  @Column() providerId: string;
  @Column() serviceId: string;
  @Column() quantity: number;
  @Column({ type: 'bigint', transformer: fenTransformer }) unitPriceFen: number;
  @Column({ type: 'bigint', transformer: fenTransformer }) contractAmountFen: number;
  @Column() ratioBp: number;
  @Column({ type: 'uuid', nullable: true }) recognitionAgreementId: string | null;
  @Column({ type: 'bigint', transformer: fenTransformer }) subsidyHeldFen: number;
  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer }) actualAmountFen: number | null;
  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer }) subsidyFinalFen: number | null;
  @Column({ type: 'text' }) status: OrderStatus;
  @Column({ type: 'text', nullable: true }) reportNumber: string | null;
  @Column({ type: 'date', nullable: true }) deliveredOn: string | null;
  @Column({ type: 'date' }) orderedOn: string;
  @Column({ type: 'text', nullable: true }) disputeReason: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @Column() version: number;
}
