import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { SkipIdempotency } from '../../../platform/idempotency/skip-idempotency.decorator';
import {
  CatalogImportChangesDto, CatalogImportChangesQueryDto, CatalogImportDto, CatalogImportErrorDto, CatalogImportErrorsQueryDto, CatalogImportListQueryDto,
  CatalogImportOptionsDto, CatalogImportTemplateQueryDto,
} from './dto/catalog-import.dto';
import { IMPORT_MEDIA_TYPES } from './catalog-import.files';
import { IMPORT_COLUMNS } from './catalog-import.rows';
import { CatalogImportService, IMPORT_MAX_BYTES } from './catalog-import.service';
import { CatalogImportsService } from './catalog-imports.service';

const READERS = [Role.ProviderUser, Role.PartnerAdmin, Role.PlatformAdmin];

@ApiTags('catalog')
@Controller('catalog/imports')
export class CatalogImportsController {
  constructor(
    private readonly importer: CatalogImportService,
    private readonly imports: CatalogImportsService,
  ) {}

  @Post()
  @Roles(Role.ProviderUser, Role.PartnerAdmin)
  @HttpCode(202)
  // The body is a stream, not JSON: an Idempotency-Key could not tell two files apart. Importing a file twice is harmless (the second finds it unchanged).
  @SkipIdempotency()
  @ApiOperation({
    summary: 'Upload a catalogue as a raw text/csv or XLSX body (streamed, up to CATALOG_IMPORT_MAX_BYTES, default 200 MB; larger → 413); answers 202 once it is queued',
    description:
      `Columns: ${IMPORT_COLUMNS.join(',')} (the last three optional; GET …/template has both formats). A provider’s org admins import their own catalogue; ` +
      'a partner admin imports for its region’s providers and creates missing ones as admitted providers. The file is stored in PostgreSQL and ' +
      'a queue job validates it (every problem reported per row and field: GET …/{id}/errors) and merges it in bounded batches. By default any ' +
      'invalid row rejects the whole file (status rejected, nothing merged); invalidRows=skip merges the valid rows. withdrawMissing=true withdraws ' +
      'the named providers’ listed services the file does not name. Progress: GET …/{id}; what changed: GET …/{id}/changes. Other content types: 415. ' +
      'At most CATALOG_IMPORT_CONCURRENCY imports are in flight across the deployment; when all are busy: 503 with Retry-After.',
  })
  @ApiConsumes(IMPORT_MEDIA_TYPES.csv, IMPORT_MEDIA_TYPES.xlsx)
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: IMPORT_MAX_BYTES } })
  @ApiAcceptedResponse({ type: CatalogImportDto })
  create(@CurrentActor() actor: Actor, @Req() req: Request, @Query() options: CatalogImportOptionsDto): Promise<CatalogImportDto> {
    return this.importer.receive(actor, req, options);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The caller’s imports, newest first' })
  @ApiOkResponse({ type: [CatalogImportDto] })
  list(@CurrentActor() actor: Actor, @Query() query: CatalogImportListQueryDto): Promise<CatalogImportDto[]> {
    return this.imports.list(actor, query.limit);
  }

  @Get('template')
  @Roles(Role.ProviderUser, Role.PartnerAdmin)
  @ApiProduces(IMPORT_MEDIA_TYPES.csv, IMPORT_MEDIA_TYPES.xlsx)
  @ApiOperation({ summary: 'The import template: header, one example row and the column notes (CSV: as # lines the import skips; XLSX: a second sheet)' })
  async template(@CurrentActor() actor: Actor, @Query() query: CatalogImportTemplateQueryDto, @Res() res: Response): Promise<void> {
    const format = query.format ?? 'csv';
    const body = await this.imports.template(actor, format);
    res.setHeader('Content-Type', format === 'csv' ? `${IMPORT_MEDIA_TYPES.csv}; charset=utf-8` : IMPORT_MEDIA_TYPES.xlsx);
    res.setHeader('Content-Disposition', `attachment; filename="catalog-template.${format}"`);
    res.send(body);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One import, with its phase and progress (rows, bytes, rows merged) while it runs' })
  @ApiOkResponse({ type: CatalogImportDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CatalogImportDto> {
    return this.imports.get(actor, id);
  }

  @Get(':id/errors')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every problem of the import’s rows: row number, field and message' })
  @ApiOkResponse({ type: [CatalogImportErrorDto] })
  errors(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: CatalogImportErrorsQueryDto): Promise<CatalogImportErrorDto[]> {
    return this.imports.errors(actor, id, query);
  }

  @Get(':id/changes')
  @Roles(...READERS)
  @ApiOperation({ summary: 'What the import did: counts of added / changed / withdrawn / unchanged services and one page of a kind' })
  @ApiOkResponse({ type: CatalogImportChangesDto })
  changes(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: CatalogImportChangesQueryDto): Promise<CatalogImportChangesDto> {
    return this.imports.changes(actor, id, query);
  }
}
