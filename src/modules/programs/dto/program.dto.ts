import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsFen } from '../../../platform/validation/validation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class TierRatiosDto {
  @ApiProperty({ description: 'Basis points (5000 = 50%) for enterprises without a listed tier' }) @IsInt() @Min(0) @Max(10_000)
  default: number;

  @ApiPropertyOptional({ description: '科技型中小企业' }) @IsOptional() @IsInt() @Min(0) @Max(10_000)
  tech_sme?: number;

  @ApiPropertyOptional({ description: '专精特新' }) @IsOptional() @IsInt() @Min(0) @Max(10_000)
  specialised_sme?: number;

  @ApiPropertyOptional({ description: '高新技术企业' }) @IsOptional() @IsInt() @Min(0) @Max(10_000)
  high_tech?: number;
}

export class CreateProgramDto {
  @ApiProperty({ example: '330400' }) @Matches(/^\d{6}$/)
  issuingRegionCode: string;

  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100)
  year: number;

  @ApiProperty({ example: '2026年嘉兴市科技创新券' }) @IsString() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiProperty({ type: TierRatiosDto }) @IsDefined() @ValidateNested() @Type(() => TierRatiosDto)
  ratioBpByTier: TierRatiosDto;

  @IsFen({ min: 1, description: 'Most one application (and so one voucher) may be worth, fen' })
  perApplicationCapFen: number;

  @IsFen({ min: 1, description: 'Annual cap per enterprise, fen' })
  annualCapEnterpriseFen: number;

  @IsFen({ min: 1, description: 'Annual cap per actual-controller group (同一实际控制人), fen' })
  annualCapGroupFen: number;

  @IsFen({ description: 'Orders up to this amount are covered in full (still within caps), fen' })
  fullCoverageThresholdFen: number;

  @ApiProperty({ example: '2026-12-31' }) @Matches(DATE, { message: 'useBy must be YYYY-MM-DD' })
  useBy: string;

  @ApiProperty({ example: '2027-03-31' }) @Matches(DATE, { message: 'redeemBy must be YYYY-MM-DD' })
  redeemBy: string;

  @ApiProperty({ enum: ['provider_redeems', 'enterprise_redeems'], description: '通兑: the provider claims; 通用: the enterprise pays in full and claims' })
  @IsIn(['provider_redeems', 'enterprise_redeems'])
  redemptionMode: 'provider_redeems' | 'enterprise_redeems';

  @ApiProperty({ enum: ['monthly', 'quarterly'] }) @IsIn(['monthly', 'quarterly'])
  settlementCycle: 'monthly' | 'quarterly';

  @IsFen({ min: 1, description: 'Total budget, fen' })
  budgetFen: number;
}

export class ProgramQueryDto {
  @ApiPropertyOptional({ enum: ['draft', 'open', 'closed'] }) @IsOptional() @IsIn(['draft', 'open', 'closed'])
  status?: string;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;
}

export class ProgramDto {
  @ApiProperty() id: string;
  @ApiProperty() issuingRegionCode: string;
  @ApiProperty() year: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: TierRatiosDto }) ratioBpByTier: Record<string, number>;
  @ApiProperty() perApplicationCapFen: number;
  @ApiProperty() annualCapEnterpriseFen: number;
  @ApiProperty() annualCapGroupFen: number;
  @ApiProperty() fullCoverageThresholdFen: number;
  @ApiProperty() useBy: string;
  @ApiProperty() redeemBy: string;
  @ApiProperty() redemptionMode: string;
  @ApiProperty() settlementCycle: string;
  @ApiProperty() budgetFen: number;
  @ApiProperty({ enum: ['draft', 'open', 'closed'] }) status: string;
  @ApiProperty() version: number;
}

export class BudgetDto {
  @ApiProperty() programId: string;
  @ApiProperty({ description: 'Appropriated budget' }) budgetFen: number;
  @ApiProperty({ description: 'Not yet committed to any voucher' }) availableFen: number;
  @ApiProperty({ description: 'Committed to vouchers and not spent (voucher balances)' }) committedFen: number;
  @ApiProperty({ description: 'Held for orders in progress' }) heldFen: number;
  @ApiProperty({ description: 'Captured by approved claims, awaiting settlement' }) payableFen: number;
  @ApiProperty({ description: 'Paid out in settlement' }) paidFen: number;
  @ApiProperty({ description: 'Clawed back, still to be recovered' }) clawbackReceivableFen: number;
  @ApiProperty({ description: 'Sum of every entry of the programme: always 0' }) ledgerSumFen: number;
  @ApiProperty() vouchersIssued: number;
}

export class CloseProgramDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}
