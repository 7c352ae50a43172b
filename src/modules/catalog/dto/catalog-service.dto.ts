import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsFen } from '../../../platform/validation/validation';

/** A provider's item code: letters, digits and . _ / - (e.g. SH-XRF-001). */
export const SERVICE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
export const CATEGORY_PATTERN = /^[a-z][a-z_]{1,40}$/;

export class ServiceCategoryDto {
  @ApiProperty({ example: 'analysis' }) code: string;
  @ApiProperty({ example: '分析测试' }) name: string;
  @ApiProperty({ example: 'Analysis' }) nameEn: string;
}

export class CatalogServiceDto {
  @ApiProperty() id: string;
  @ApiProperty() providerId: string;
  @ApiProperty({ example: '上海谱瑞分析测试技术有限公司' }) providerName: string;
  @ApiProperty({ example: 'XRF-001', description: 'The provider’s own item code, unique per provider' }) code: string;
  @ApiProperty({ example: 'X射线荧光光谱分析' }) name: string;
  @ApiProperty({ example: 'analysis', description: 'GET /api/v1/catalog/categories' }) category: string;
  @ApiProperty({ type: 'integer', description: 'Unit price in fen (分)' }) unitPriceFen: number;
  @ApiProperty({ example: '样品' }) unit: string;
  @ApiProperty({ type: 'integer' }) leadTimeDays: number;
  @ApiProperty({ nullable: true, type: String }) instrumentName: string | null;
  @ApiProperty({ nullable: true, type: String }) instrumentModel: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ description: 'The provider’s region' }) regionCode: string;
  @ApiProperty({ enum: ['active', 'withdrawn'] }) status: string;
  @ApiProperty({ description: 'Optimistic-lock version; send it back as expectedVersion' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: 'integer', description: 'How many ratings (评价) the service has' }) ratingCount: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Average score 1–5, rounded to one decimal; null without ratings' }) ratingAverage: number | null;
}

export class CreateCatalogServiceDto {
  @ApiProperty({ example: 'XRF-001' }) @IsString() @Matches(SERVICE_CODE_PATTERN, { message: 'code must be 1-64 letters, digits or . _ / -' })
  code: string;

  @ApiProperty({ example: 'X射线荧光光谱分析' }) @IsString() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'analysis' }) @IsString() @Matches(CATEGORY_PATTERN)
  category: string;

  @IsFen({ min: 1, description: 'Unit price in fen (分), integer > 0' })
  unitPriceFen: number;

  @ApiProperty({ example: '样品' }) @IsString() @MinLength(1) @MaxLength(20)
  unit: string;

  @ApiProperty({ example: 5, minimum: 0, maximum: 365 }) @IsInt() @Min(0) @Max(365)
  leadTimeDays: number;

  @ApiPropertyOptional({ example: 'X射线荧光光谱仪' }) @IsOptional() @IsString() @MaxLength(200)
  instrumentName?: string;

  @ApiPropertyOptional({ example: 'ZSX Primus IV' }) @IsOptional() @IsString() @MaxLength(100)
  instrumentModel?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  description?: string;
}

/** Only the fields sent change; null clears an optional field. The item code is fixed. */
export class UpdateCatalogServiceDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(CATEGORY_PATTERN)
  category?: string;

  @IsOptional() @IsFen({ min: 1, required: false, description: 'Unit price in fen (分), integer > 0' })
  unitPriceFen?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(20)
  unit?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 365 }) @IsOptional() @IsInt() @Min(0) @Max(365)
  leadTimeDays?: number;

  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(200)
  instrumentName?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(100)
  instrumentModel?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ description: 'Optimistic lock: the version you saw' }) @IsOptional() @IsInt() @Min(1)
  expectedVersion?: number;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CatalogSearchQueryDto {
  @ApiPropertyOptional({ description: 'Keywords; Chinese works from one character (光, 光谱, 电感耦合等离子体)' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 'analysis' }) @IsOptional() @IsString() @Matches(CATEGORY_PATTERN)
  category?: string;

  @ApiPropertyOptional({ example: '310000', description: 'Provider region, including the regions under it' })
  @IsOptional() @Matches(/^\d{6}$/)
  regionCode?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  providerId?: string;

  @ApiPropertyOptional({ description: 'Only services the caller’s issuing city recognises today: local providers, or an agreement in force' })
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  recognisedOnly?: boolean;

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    default: 0, maximum: 10000, deprecated: true,
    description: 'Deprecated: use cursor. Skips this many results of the same order (each page costs more the further it is); not with cursor',
  })
  // 10,000 as before cursors: the lab's own services page still pages a large catalogue by offset.
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10000)
  offset?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page of the same search (opaque); the page after it' })
  @IsOptional() @IsString() @MaxLength(400) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor value returned by this search' })
  cursor?: string;
}

export class SearchFacetCountDto {
  @ApiProperty({ description: 'Category code, region code or provider id' }) value: string;
  @ApiPropertyOptional({ description: 'The provider’s name (provider facet only)' }) label?: string;
  @ApiProperty({ description: 'Matches with this value; rounded to two significant digits when the facets are approximate' }) count: number;
}

export class CatalogSearchFacetsDto {
  @ApiProperty({ description: 'Counts estimated from a sample of the matches (large result sets) rather than counted' }) approximate: boolean;
  @ApiProperty({ type: [SearchFacetCountDto], description: 'By category, most matches first' }) category: SearchFacetCountDto[];
  @ApiProperty({ type: [SearchFacetCountDto], description: 'By the provider’s region, most matches first' }) region: SearchFacetCountDto[];
  @ApiProperty({ type: [SearchFacetCountDto], description: 'The providers with most matches (at most 10)' }) provider: SearchFacetCountDto[];
}

export class CatalogSearchResultDto {
  @ApiProperty({ type: [CatalogServiceDto] }) items: CatalogServiceDto[];
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
  @ApiProperty({ description: 'Another page follows' }) hasMore: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
  @ApiProperty({ description: 'Matches of the whole search (all pages); an estimate, rounded to two significant digits, when totalApproximate' }) total: number;
  @ApiProperty({ description: 'total is an estimate ("about 26,000 results")' }) totalApproximate: boolean;
  @ApiProperty({ type: CatalogSearchFacetsDto }) facets: CatalogSearchFacetsDto;
}
