import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsFen, Trim } from '../../../platform/validation/validation';

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

export class PolicyTierDto {
  @ApiProperty({ example: 'priority', description: 'Stable code of the tier within the programme' }) @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'code must be lower-case letters, digits and _ (up to 40), starting with a letter' })
  code: string;

  @ApiProperty({ example: '重点企业' }) @IsString() @MinLength(1) @MaxLength(60)
  nameZh: string;

  @ApiProperty({ example: 'Priority enterprise' }) @IsString() @MinLength(1) @MaxLength(100)
  nameEn: string;

  @ApiProperty({ description: 'Basis points of the order amount (5000 = 50 %)', minimum: 0, maximum: 10_000 }) @IsInt() @Min(0) @Max(10_000)
  ratioBp: number;

  @ApiProperty({ type: [String], description: 'Verified qualification kinds (GET /qualification-kinds), any one of which selects the tier; empty: every applicant' })
  @IsArray() @ArrayMaxSize(20) @Matches(/^[a-z][a-z0-9_]{1,39}$/, { each: true, message: 'each qualification must be a qualification kind code' })
  qualifications: string[];

  @ApiPropertyOptional({ type: [String], enum: ['enterprise', 'team'], description: 'Applicant kinds the tier is for; absent or empty: every kind' })
  @IsOptional() @IsArray() @ArrayMaxSize(2) @IsIn(['enterprise', 'team'], { each: true })
  applicantKinds?: ('enterprise' | 'team')[];
}

/**
 * The rules of one programme version (docs/policies.md). On creation an absent cap is no cap; on a
 * new version an absent field keeps the previous version's value and null removes it.
 */
export class PolicyFieldsDto {
  @ApiPropertyOptional({ type: [PolicyTierDto], description: 'The programme’s tiers; the most favourable that applies wins' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => PolicyTierDto)
  tiers?: PolicyTierDto[];

  @ApiPropertyOptional({ type: TierRatiosDto, description: 'Shorthand for tiers named default / tech_sme / specialised_sme / high_tech' })
  @IsOptional() @ValidateNested() @Type(() => TierRatiosDto)
  ratioBpByTier?: TierRatiosDto;

  @IsOptional() @IsFen({ min: 1, nullable: true, required: false, description: 'Most one application (and so one voucher) may be worth; null or absent: no cap' })
  perApplicationCapFen?: number | null;

  @IsOptional() @IsFen({ min: 1, nullable: true, required: false, description: 'Cap per enterprise per programme year; null or absent: no cap' })
  annualCapEnterpriseFen?: number | null;

  @IsOptional() @IsFen({ min: 1, nullable: true, required: false, description: 'Cap per innovation team per programme year; null or absent: no cap' })
  annualCapTeamFen?: number | null;

  @IsOptional() @IsFen({ min: 1, nullable: true, required: false, description: 'Cap per actual-controller group (同一实际控制人) per programme year; null or absent: no cap' })
  annualCapGroupFen?: number | null;

  @IsOptional() @IsFen({ nullable: true, required: false, description: 'Orders under this amount are covered in full (still within caps); null or absent: none' })
  fullCoverageThresholdFen?: number | null;

  @ApiPropertyOptional({ enum: ['below', 'at_or_below'], description: 'How the threshold is written in the policy: below (低于) or at or below (不超过); default at_or_below' })
  @IsOptional() @IsIn(['below', 'at_or_below'])
  fullCoverageComparison?: 'below' | 'at_or_below';

  @ApiPropertyOptional({ type: String, example: '2026-03-01', nullable: true, description: 'First day applications are taken (Asia/Shanghai)' })
  @IsOptional() @Matches(DATE, { message: 'opensOn must be YYYY-MM-DD' })
  opensOn?: string | null;

  @ApiPropertyOptional({ type: String, example: '2026-11-30', nullable: true, description: 'Last day applications are taken (Asia/Shanghai)' })
  @IsOptional() @Matches(DATE, { message: 'closesOn must be YYYY-MM-DD' })
  closesOn?: string | null;
}

export class CreateProgramDto extends PolicyFieldsDto {
  @ApiProperty({ example: '330400' }) @Matches(/^\d{6}$/)
  issuingRegionCode: string;

  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100)
  year: number;

  @ApiProperty({ example: '2026年嘉兴市科技创新券' }) @IsString() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Jiaxing S&T Innovation Vouchers 2026', description: 'For English readers; without one, English pages show `name`' })
  @IsOptional() @Trim() @IsString() @MinLength(2) @MaxLength(200)
  nameEn?: string;

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

/** A draft is edited in place: every field optional, policy fields as on a new version. */
export class UpdateDraftProgramDto extends PolicyFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'For English readers' }) @IsOptional() @Trim() @IsString() @MinLength(2) @MaxLength(200)
  nameEn?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(DATE, { message: 'useBy must be YYYY-MM-DD' })
  useBy?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(DATE, { message: 'redeemBy must be YYYY-MM-DD' })
  redeemBy?: string;

  @ApiPropertyOptional({ enum: ['provider_redeems', 'enterprise_redeems'] }) @IsOptional() @IsIn(['provider_redeems', 'enterprise_redeems'])
  redemptionMode?: 'provider_redeems' | 'enterprise_redeems';

  @ApiPropertyOptional({ enum: ['monthly', 'quarterly'] }) @IsOptional() @IsIn(['monthly', 'quarterly'])
  settlementCycle?: 'monthly' | 'quarterly';

  @IsOptional() @IsFen({ min: 1, required: false, description: 'Total budget, fen (a draft only; an open programme is topped up)' })
  budgetFen?: number;
}

export class CreateVersionDto extends PolicyFieldsDto {
  @ApiProperty({ example: '2026-07-01', description: 'First day (Asia/Shanghai) the version applies to new applications and issuance; today or later' })
  @Matches(DATE, { message: 'effectiveFrom must be YYYY-MM-DD' })
  effectiveFrom: string;

  @ApiProperty({ example: '2026年7月起提高专精特新企业补助比例' }) @IsString() @MinLength(2) @MaxLength(1000)
  note: string;
}

export class TopUpDto {
  @IsFen({ min: 1, description: 'Added to the programme budget, fen' })
  amountFen: number;

  @ApiProperty({ example: '市财政追加预算（嘉财教〔2026〕88号）' }) @IsString() @MinLength(2) @MaxLength(500)
  reason: string;
}

export class ProgramQueryDto {
  @ApiPropertyOptional({ enum: ['draft', 'open', 'closed'] }) @IsOptional() @IsIn(['draft', 'open', 'closed'])
  status?: string;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;
}

export class FullCoverageDto {
  @ApiProperty() thresholdFen: number;
  @ApiProperty({ enum: ['below', 'at_or_below'] }) comparison: string;
}

export class PolicyDto {
  @ApiProperty({ type: [PolicyTierDto] }) tiers: PolicyTierDto[];
  @ApiProperty({ nullable: true, type: Number }) perApplicationCapFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) annualCapEnterpriseFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) annualCapTeamFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) annualCapGroupFen: number | null;
  @ApiProperty({ nullable: true, type: FullCoverageDto }) fullCoverage: FullCoverageDto | null;
  @ApiProperty({ nullable: true, type: String }) opensOn: string | null;
  @ApiProperty({ nullable: true, type: String }) closesOn: string | null;
}

/** A programme's English name, in any state: words for readers, not policy (no new version). */
export class ProgramEnglishNameDto {
  @ApiProperty({ nullable: true, type: String, example: 'Jiaxing S&T Innovation Vouchers 2026', description: 'null removes it (English pages then show the Chinese name)' })
  @IsDefined({ message: 'nameEn is required (null removes it)' }) @ValidateIf((_o, v) => v !== null) @Trim() @IsString() @MinLength(2) @MaxLength(200)
  nameEn: string | null;
}

export class ProgramDto {
  @ApiProperty() id: string;
  @ApiProperty() issuingRegionCode: string;
  @ApiProperty() year: number;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, description: 'For English readers; null: show `name`' }) nameEn: string | null;
  @ApiProperty({ description: 'The version in effect today (Asia/Shanghai)' }) policyVersion: number;
  @ApiProperty({ description: 'The newest version, possibly effective later' }) latestPolicyVersion: number;
  @ApiProperty({ type: PolicyDto, description: 'The rules in effect today' }) policy: PolicyDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Ratio of each tier of the policy in effect, by tier code' }) ratioBpByTier: Record<string, number>;
  @ApiProperty({ nullable: true, type: Number }) perApplicationCapFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) annualCapEnterpriseFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) annualCapTeamFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) annualCapGroupFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) fullCoverageThresholdFen: number | null;
  @ApiProperty({ nullable: true, enum: ['below', 'at_or_below'] }) fullCoverageComparison: string | null;
  @ApiProperty() useBy: string;
  @ApiProperty() redeemBy: string;
  @ApiProperty() redemptionMode: string;
  @ApiProperty() settlementCycle: string;
  @ApiProperty() budgetFen: number;
  @ApiProperty({ enum: ['draft', 'open', 'closed'] }) status: string;
  @ApiProperty() version: number;
}

export class PolicyChangeDto {
  @ApiProperty({ example: 'annualCapGroupFen' }) field: string;
  @ApiProperty({ nullable: true, description: 'Value in the previous version (JSON)' }) before: unknown;
  @ApiProperty({ nullable: true, description: 'Value in this version (JSON)' }) after: unknown;
}

export class ProgramVersionDto {
  @ApiProperty() versionNo: number;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: PolicyDto }) policy: PolicyDto;
  @ApiProperty({ type: [PolicyChangeDto], description: 'What changed from the previous version (empty for the first)' }) changes: PolicyChangeDto[];
  @ApiProperty({ description: 'In effect today' }) current: boolean;
}

export class TopUpRecordDto {
  @ApiProperty() id: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: string;
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
