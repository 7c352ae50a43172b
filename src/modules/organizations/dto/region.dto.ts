import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { REGION_KINDS, RegionKind } from '../organization.entity';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class RegionDto {
  @ApiProperty({ description: 'GB/T 2260 code, 6 digits' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: REGION_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: String, description: 'The division it lies in (a city’s province, a district’s city); null for a province' }) parentCode: string | null;
  @ApiProperty() isG60: boolean;
  @ApiProperty() isPartner: boolean;
  @ApiProperty({ description: 'Its science bureau issues voucher programmes' }) issuing: boolean;
}

/** Without any filter GET /regions answers the regions the platform serves, unpaged, as it always did. */
export class RegionQueryDto {
  @ApiPropertyOptional({ description: 'Only the regions directly under this one; "none" for the provinces and municipalities' })
  @IsOptional() @Matches(/^(\d{6}|none)$/, { message: 'parent must be a 6-digit code or "none"' })
  parent?: string;

  @ApiPropertyOptional({ description: 'Code starts with, or Chinese or English name contains' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean()
  issuing?: boolean;

  @ApiPropertyOptional({ enum: REGION_KINDS }) @IsOptional() @IsIn(REGION_KINDS)
  kind?: RegionKind;

  @ApiPropertyOptional({ description: 'Search the whole GB/T 2260 list even without another filter' }) @IsOptional() @Transform(toBoolean) @IsBoolean()
  all?: boolean;

  @ApiPropertyOptional({ default: 100, description: 'With a filter: page size' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class CreateRegionDto {
  @ApiProperty({ example: '330483', description: 'GB/T 2260 code, 6 digits, not yet in the list' }) @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code: string;

  @ApiProperty({ example: '桐乡市' }) @IsString() @MinLength(2) @MaxLength(50)
  name: string;

  @ApiPropertyOptional({ description: 'Defaults to the Chinese name' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  nameEn?: string;

  @ApiProperty({ enum: REGION_KINDS }) @IsIn(REGION_KINDS)
  kind: RegionKind;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Required except for a province or municipality' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'parentCode must be 6 digits' })
  parentCode?: string;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean()
  issuing?: boolean;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean()
  isG60?: boolean;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean()
  isPartner?: boolean;
}

export class UpdateRegionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  nameEn?: string;

  @ApiPropertyOptional({ description: 'Its science bureau issues voucher programmes (not a province)' }) @IsOptional() @IsBoolean()
  issuing?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  isG60?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  isPartner?: boolean;
}
