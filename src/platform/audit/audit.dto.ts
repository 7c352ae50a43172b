import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  subjectType?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  subjectId?: string;

  @ApiPropertyOptional({ description: 'Exact action, or a prefix ending in * (e.g. provider.admission.*)' })
  @IsOptional() @IsString() @MaxLength(100) @Matches(/^[a-z0-9_.]+\*?$/)
  action?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional() @IsOptional() @IsISO8601()
  from?: string;

  @ApiPropertyOptional() @IsOptional() @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ description: 'Return events with seq below this (paging backwards)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  beforeSeq?: number;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class AuditEventDto {
  @ApiProperty() seq: number;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: String }) actorOrganizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty() action: string;
  @ApiProperty() subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty({ nullable: true, type: Object }) before: unknown;
  @ApiProperty({ nullable: true, type: Object }) after: unknown;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty() hash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as beforeSeq for the next page' }) nextBeforeSeq: number | null;
}

export class AuditVerificationDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() checked: number;
  @ApiProperty({ nullable: true, type: Number }) headSeq: number | null;
  @ApiProperty({ type: [Object], description: 'Each broken link: seq and what is wrong' })
  problems: { seq: number; problem: string }[];
}
