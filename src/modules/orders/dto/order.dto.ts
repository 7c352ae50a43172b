import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsFen } from '../../../platform/validation/validation';

export class CreateOrderDto {
  @ApiProperty({ description: 'Catalogue service' }) @IsUUID()
  serviceId: string;

  @ApiProperty({ description: 'The enterprise’s voucher that pays the subsidy' }) @IsUUID()
  voucherId: string;

  @ApiProperty({ minimum: 1, maximum: 10000 }) @IsInt() @Min(1) @Max(10_000)
  quantity: number;
}

export class DeliverOrderDto {
  @ApiProperty({ example: 'SHJC-2026-001234', description: '报告编号' }) @IsString() @MinLength(3) @MaxLength(100)
  reportNumber: string;

  @IsFen({ min: 1, description: 'Actual amount, at most the contract amount, fen' })
  actualAmountFen: number;

  @ApiProperty({ example: '2026-11-20' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deliveredOn must be YYYY-MM-DD' })
  deliveredOn: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(1000)
  reason: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000)
  reason?: string;
}

export const ORDER_STATUSES = ['created', 'accepted', 'declined', 'delivered', 'confirmed', 'disputed', 'claimed', 'settled', 'cancelled', 'rejected'] as const;

export class OrderQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES)
  status?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  voucherId?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class OrderDto {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty() programId: string;
  @ApiProperty() voucherId: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() providerId: string;
  @ApiProperty() serviceId: string;
  @ApiProperty() quantity: number;
  @ApiProperty() unitPriceFen: number;
  @ApiProperty() contractAmountFen: number;
  @ApiProperty({ description: 'Subsidy ratio applied, basis points' }) ratioBp: number;
  @ApiProperty({ nullable: true, type: String, description: 'The recognition agreement that admitted a partner-region provider' }) recognitionAgreementId: string | null;
  @ApiProperty({ description: 'Subsidy currently held on the voucher' }) subsidyHeldFen: number;
  @ApiProperty({ description: 'What the enterprise pays itself (contract or actual amount minus subsidy)' }) enterpriseShareFen: number;
  @ApiProperty({ nullable: true, type: Number }) actualAmountFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) subsidyFinalFen: number | null;
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) reportNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveredOn: string | null;
  @ApiProperty() orderedOn: string;
  @ApiProperty({ nullable: true, type: String }) disputeReason: string | null;
  @ApiProperty({ description: 'What bound the subsidy at ordering' }) subsidyLimitedBy?: string;
  @ApiProperty() version: number;
}

/** What POST /service-orders would compute for the same body now; nothing is held. */
export class OrderQuoteDto {
  @ApiProperty() serviceId: string;
  @ApiProperty() voucherId: string;
  @ApiProperty() serviceName: string;
  @ApiProperty() providerName: string;
  @ApiProperty() unitPriceFen: number;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'unitPriceFen × quantity' }) contractAmountFen: number;
  @ApiProperty({ description: 'Subsidy ratio that would apply, basis points' }) ratioBp: number;
  @ApiProperty({ description: 'Subsidy that ordering would hold on the voucher' }) subsidyFen: number;
  @ApiProperty({ description: 'contractAmountFen − subsidyFen' }) enterpriseShareFen: number;
  @ApiProperty({ description: 'What bound the subsidy: ratio, full_coverage, voucher_balance or agreement_per_order_cap' }) subsidyLimitedBy: string;
  @ApiProperty({ nullable: true, type: String, description: 'The recognition agreement that admits a partner-region provider; null for a local one' }) recognitionAgreementId: string | null;
  @ApiProperty({ description: 'The voucher’s available balance now' }) voucherAvailableFen: number;
}
