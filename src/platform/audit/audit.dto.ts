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

  @ApiPropertyOptional({ description: 'Return events with id below this (paging backwards: pass nextBeforeId)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  beforeId?: number;

  @ApiPropertyOptional({ deprecated: true, description: 'Only sealed events with seq below this; page with beforeId instead' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  beforeSeq?: number;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class AuditEventDto {
  @ApiProperty({ description: 'Insertion order; the list is newest first by id' }) id: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Place in the hash chain; null until the sealer has chained the event (normally within a second)' })
  seq: number | null;
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
  @ApiProperty({ nullable: true, type: String, description: 'Null until sealed' }) hash: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as beforeId for the next page' }) nextBeforeId: number | null;
  @ApiProperty({ nullable: true, type: Number, deprecated: true, description: 'The seq of the page’s last event when there is a next page (null when that event is not sealed yet); page with nextBeforeId' })
  nextBeforeSeq: number | null;
}

export class AuditUnsealedDto {
  @ApiProperty({ description: 'Events written but not chained yet (their writer, or an older transaction, is still running)' }) count: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Milliseconds since the oldest of them was written' }) oldestAgeMs: number | null;
}

export class AuditVerificationDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() checked: number;
  @ApiProperty({ nullable: true, type: Number }) headSeq: number | null;
  @ApiProperty({ type: [Object], description: 'Each broken link: seq and what is wrong' })
  problems: { seq: number; problem: string }[];
  @ApiProperty({ type: AuditUnsealedDto, description: 'Counted, not verified, and not a problem' }) unsealed: AuditUnsealedDto;
}
