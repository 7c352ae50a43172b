import { REASON_CODES } from '../reason-codes';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

/** An instant with an explicit offset ('…Z' or '…+08:00'): never a wall-clock time of the server's zone. */
export function IsInstant(description = 'ISO 8601 instant with offset, e.g. 2026-03-10T09:30:00+08:00') {
  return applyDecorators(
    ApiProperty({ type: String, format: 'date-time', description, example: '2026-03-10T09:30:00+08:00' }),
    IsISO8601({ strict: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: '$property must carry a UTC offset (Z or ±hh:mm)' }),
  );
}

export class PageQueryDto {
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

/** A stable reason code with its parameters; the portal words it in the reader's language (shared/reason-codes.ts). */
export class ReasonCodeDto {
  @ApiProperty({ enum: REASON_CODES }) code: string;
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] }, example: { industry: 'new_materials' } })
  params: Record<string, string | number>;
}

export class WarningDto {
  @ApiProperty({ enum: ['theme_mismatch', 'short_gap', 'outside_availability'] }) code: string;
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] }, description: 'Parameters of the code, for the wording' })
  params: Record<string, string | number>;
  @ApiProperty({ deprecated: true, description: 'English wording of code + params; words the code in the reader’s language instead' }) message: string;
}
