import { ApiProperty } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const IMPORT_STATUSES = ['uploading', 'queued', 'validating', 'merging', 'completed', 'rejected', 'failed'] as const;
export const IMPORT_CHANGE_KINDS = ['added', 'changed', 'withdrawn', 'unchanged'] as const;
export type ImportChangeKind = (typeof IMPORT_CHANGE_KINDS)[number];

export class CatalogImportErrorDto {
  @ApiProperty({ description: 'The row a spreadsheet shows the record on (the header is row 1)' }) rowNumber: number;
  @ApiProperty({ example: 'unit_price_fen', description: 'Column, or "row" for the record as a whole' }) field: string;
  @ApiProperty() message: string;
}

export class CatalogImportDto {
  @ApiProperty() id: string;
  @ApiProperty({
    enum: IMPORT_STATUSES,
    description:
      'The phase: uploading (the API streams the file into staging), queued, validating, merging (batches commit one after another), then ' +
      'completed; rejected (invalid rows and invalidRows = reject: nothing merged) or failed (errorMessage says how far a merge got)',
  })
  status: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: string;
  @ApiProperty({ enum: ['reject', 'skip'], description: 'reject: any invalid row rejects the whole file; skip: valid rows are merged, invalid ones reported' })
  invalidRows: string;
  @ApiProperty({ description: 'Listed services of the file’s providers that the file does not name are withdrawn' }) withdrawMissing: boolean;
  @ApiProperty({ description: 'Data rows received so far' }) rowsTotal: number;
  @ApiProperty({ description: 'Known once validated' }) rowsValid: number;
  @ApiProperty({ description: 'Rows with at least one problem (known once validated)' }) rowsInvalid: number;
  @ApiProperty({ description: 'Valid rows merged so far' }) rowsMerged: number;
  @ApiProperty({ description: 'New services' }) rowsInserted: number;
  @ApiProperty({ description: 'Existing services changed (or listed again)' }) rowsUpdated: number;
  @ApiProperty({ description: 'Rows equal to their service: nothing written' }) rowsUnchanged: number;
  @ApiProperty({
    description: 'Of the unchanged rows, those of providers whose rows were exactly what the catalogue held for them since their last import (no change by any route since): taken as unchanged without staging or checking them again (docs/catalog-search.md, "Provider marks")',
  })
  rowsSkipped: number;
  @ApiProperty({ description: 'Services withdrawn because the file no longer names them (withdrawMissing)' }) rowsWithdrawn: number;
  @ApiProperty({ description: 'Admitted providers created by a partner admin’s import' }) providersCreated: number;
  @ApiProperty({ description: 'Bytes of the file received so far' }) bytes: number;
  @ApiProperty({ nullable: true, type: String }) errorMessage: string | null;
  @ApiProperty() startedAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CatalogImportOptionsDto {
  @ApiPropertyOptional({
    enum: ['reject', 'skip'],
    default: 'reject',
    description: 'reject (default): a file with any invalid row merges nothing and reports every bad row; skip: merge the valid rows and report the rest',
  })
  @IsOptional()
  @IsIn(['reject', 'skip'])
  invalidRows?: 'reject' | 'skip';

  @ApiPropertyOptional({
    default: false,
    description:
      'The file is the full catalogue of each provider it names: their listed services whose code it does not name are withdrawn (下架). ' +
      'Orders already placed keep referring to a withdrawn service.',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  withdrawMissing?: boolean;
}

export class CatalogImportErrorsQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class CatalogImportChangesQueryDto extends CatalogImportErrorsQueryDto {
  @ApiProperty({ enum: IMPORT_CHANGE_KINDS }) @IsIn(IMPORT_CHANGE_KINDS)
  kind: ImportChangeKind;
}

export class CatalogImportChangeDto {
  @ApiProperty({ enum: IMPORT_CHANGE_KINDS }) kind: string;
  @ApiProperty() serviceId: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The file’s row (null for a withdrawn service, which the file does not name)' }) rowNumber: number | null;
  @ApiProperty() providerId: string;
  @ApiProperty() providerName: string;
  @ApiProperty() code: string;
  @ApiProperty({ description: 'The service’s name now' }) name: string;
  @ApiProperty() unitPriceFen: number;
  @ApiProperty({ enum: ['active', 'withdrawn'] }) status: string;
}

export class CatalogImportChangeCountsDto {
  @ApiProperty() added: number;
  @ApiProperty() changed: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty() unchanged: number;
}

export class CatalogImportChangesDto {
  @ApiProperty({ type: CatalogImportChangeCountsDto, description: 'Counts of every kind, for the whole import' }) counts: CatalogImportChangeCountsDto;
  @ApiProperty({ type: [CatalogImportChangeDto] }) items: CatalogImportChangeDto[];
  @ApiProperty({ description: 'More of this kind after this page' }) hasMore: boolean;
}

export class CatalogImportTemplateQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' }) @IsOptional() @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

export class CatalogImportListQueryDto {
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
