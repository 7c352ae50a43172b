import { ApiProperty } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class CatalogImportErrorDto {
  @ApiProperty({ description: 'CSV record number; the header is record 1, so this is the spreadsheet row' }) rowNumber: number;
  @ApiProperty({ example: 'unit_price_fen', description: 'CSV column, or "row" for the record as a whole' }) field: string;
  @ApiProperty() message: string;
}

export class CatalogImportDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status: string;
  @ApiProperty() rowsTotal: number;
  @ApiProperty() rowsValid: number;
  @ApiProperty() rowsInvalid: number;
  @ApiProperty({ description: 'New services (known once completed)' }) rowsInserted: number;
  @ApiProperty({ description: 'Existing services updated (known once completed)' }) rowsUpdated: number;
  @ApiProperty({ description: 'Admitted providers created by a partner admin’s import' }) providersCreated: number;
  @ApiProperty({ description: 'Bytes of CSV read so far' }) bytes: number;
  @ApiProperty({ nullable: true, type: String }) errorMessage: string | null;
  @ApiProperty() startedAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

export class CatalogImportSummaryDto extends CatalogImportDto {
  @ApiProperty({ type: [CatalogImportErrorDto], description: 'The first problems; GET …/errors has them all' }) errorSample: CatalogImportErrorDto[];
}

export class CatalogImportErrorsQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class CatalogImportListQueryDto {
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
