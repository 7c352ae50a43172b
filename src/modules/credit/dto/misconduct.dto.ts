import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MISCONDUCT_KINDS } from '../misconduct.state';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class EvidenceItemDto {
  @ApiProperty({ description: 'What the evidence shows', example: '同一张发票在两笔订单中使用' }) @IsString() @MinLength(2) @MaxLength(500)
  description: string;

  @ApiPropertyOptional({ description: 'Attachment reference: a document number, archive id or file reference', example: 'JXKJ-2026-0123' })
  @IsOptional() @IsString() @MaxLength(300)
  reference?: string;
}

export class RecordMisconductDto {
  @ApiProperty({ enum: MISCONDUCT_KINDS }) @IsIn(MISCONDUCT_KINDS)
  kind: string;

  @ApiProperty({ minLength: 5, maxLength: 4000 }) @IsString() @MinLength(5) @MaxLength(4000)
  description: string;

  @ApiProperty({ type: [EvidenceItemDto], minItems: 1, maxItems: 20 }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => EvidenceItemDto)
  evidence: EvidenceItemDto[];

  @ApiPropertyOptional({ description: 'The provider concerned' }) @IsOptional() @IsUUID()
  providerId?: string;

  @ApiPropertyOptional({ description: 'The applicant enterprise (or innovation team) concerned' }) @IsOptional() @IsUUID()
  enterpriseId?: string;

  @ApiProperty({ example: '2026-12-01' }) @Matches(DAY, { message: 'periodFrom must be YYYY-MM-DD' })
  periodFrom: string;

  @ApiProperty({ example: '2029-11-30' }) @Matches(DAY, { message: 'periodTo must be YYYY-MM-DD' })
  periodTo: string;
}

export class MisconductDecisionDto {
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class LiftMisconductDto {
  @ApiProperty({ description: 'Why the record is lifted early (e.g. an appeal upheld)', minLength: 5, maxLength: 1000 }) @IsString() @MinLength(5) @MaxLength(1000)
  reason: string;
}

export class MisconductQueryDto {
  @ApiPropertyOptional({ enum: ['pending_confirmation', 'in_force', 'cancelled', 'lifted'] }) @IsOptional() @IsIn(['pending_confirmation', 'in_force', 'cancelled', 'lifted'])
  status?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class MisconductEffectsDto {
  @ApiProperty({ type: [String] }) revokedVoucherIds: string[];
  @ApiProperty({ type: [String] }) cancelledOrderIds: string[];
  @ApiProperty({ type: 'integer', description: 'Unspent voucher money returned to the budget, fen' }) returnedToBudgetFen: number;
  @ApiProperty({ type: 'integer', description: 'Holds released by the cancelled orders, fen' }) releasedHoldsFen: number;
  @ApiProperty({ enum: ['suspended', 'not_active', 'outside_region', 'none'], description: 'What happened to the provider: outside_region = its own region’s admins decide its admission' })
  provider: string;
}

export class MisconductPartyDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() regionCode: string;
}

export class MisconductRecordDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'SX2026-000001' }) number: string;
  @ApiProperty({ description: 'The recording (paying) region' }) regionCode: string;
  @ApiProperty({ enum: MISCONDUCT_KINDS }) kind: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [EvidenceItemDto] }) evidence: EvidenceItemDto[];
  @ApiProperty({ type: MisconductPartyDto, nullable: true }) provider: MisconductPartyDto | null;
  @ApiProperty({ type: MisconductPartyDto, nullable: true }) enterprise: MisconductPartyDto | null;
  @ApiProperty() periodFrom: string;
  @ApiProperty() periodTo: string;
  @ApiProperty({ enum: ['pending_confirmation', 'in_force', 'cancelled', 'lifted'] }) status: string;
  @ApiProperty({ description: 'In force and today within its period: the applicant is barred' }) barringToday: boolean;
  @ApiProperty({ type: 'integer', description: 'Money the record moves (unspent balances and holds), fen; above FOUR_EYES_THRESHOLD_FEN a second approver confirms' }) affectedFen: number;
  @ApiProperty({ type: MisconductEffectsDto, nullable: true }) effects: MisconductEffectsDto | null;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ nullable: true, type: String }) confirmedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) liftedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) liftReason: string | null;
  @ApiProperty() version: number;
}
