import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { API_KEY_SCOPES, ApiKeyScope } from '../access.decorators';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'Who the key is for, e.g. 中国浙江网上技术市场3.0', maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, description: 'What the key may read; no scope writes' })
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(API_KEY_SCOPES, { each: true })
  scopes: ApiKeyScope[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, description: 'Requests per minute (default API_KEY_RATE_LIMIT_PER_MINUTE)' })
  @IsOptional() @IsInt() @Min(1) @Max(100000)
  rateLimitPerMinute?: number;
}

export class ApiKeyDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters of the key, to recognise it (the key itself is never shown again)' }) prefix: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes: ApiKeyScope[];
  @ApiProperty() rateLimitPerMinute: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) lastUsedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedAt: string | null;
}

export class ApiKeyCreatedDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key, shown this once: send it as X-Api-Key or Authorization: ApiKey <key>' }) key: string;
}
