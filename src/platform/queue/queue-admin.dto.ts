import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export const LISTABLE_STATES = ['failed', 'waiting', 'active', 'delayed', 'completed'] as const;

export class JobListQueryDto {
  @ApiPropertyOptional({ enum: LISTABLE_STATES, default: 'failed' })
  @IsOptional() @IsIn(LISTABLE_STATES)
  state?: (typeof LISTABLE_STATES)[number];

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class DiscardJobDto {
  @ApiProperty({ description: 'Why this job will never be run (kept on the outbox row)' })
  @IsString() @MinLength(3) @MaxLength(500)
  reason: string;
}

export class JobSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() queue: string;
  @ApiProperty() state: string;
  @ApiProperty() attemptsMade: number;
  @ApiProperty({ nullable: true, type: String }) failedReason: string | null;
  @ApiProperty({ type: Object }) data: unknown;
  @ApiProperty({ nullable: true, type: String }) timestamp: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedOn: string | null;
}
