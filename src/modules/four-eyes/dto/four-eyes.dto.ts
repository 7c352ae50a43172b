import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FOUR_EYES_KINDS } from '../four-eyes.state';

const STATUSES = ['pending', 'confirmed', 'cancelled'] as const;

export class FourEyesQueryDto {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: FOUR_EYES_KINDS }) @IsOptional() @IsIn(FOUR_EYES_KINDS)
  kind?: string;
}

export class FourEyesDecisionDto {
  @ApiPropertyOptional({ description: 'Why it was confirmed or cancelled' }) @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class FourEyesPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
}

export class FourEyesRequestDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: FOUR_EYES_KINDS }) kind: string;
  @ApiProperty({ description: 'The voucher or claim' }) subjectId: string;
  @ApiProperty({ description: 'Its number (券号 / 兑付单号)' }) subjectNumber: string;
  @ApiProperty() programId: string;
  @ApiProperty({ description: 'The paying (issuing) region' }) regionCode: string;
  @ApiProperty({ description: 'Roles whose holders in the paying region may confirm' }) deciderRoles: string[];
  @ApiProperty({ description: 'Money the action moves, in fen, when requested' }) amountFen: number;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ type: FourEyesPersonDto }) requestedBy: FourEyesPersonDto;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: FourEyesPersonDto }) decidedBy: FourEyesPersonDto | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
  @ApiProperty() version: number;
}
