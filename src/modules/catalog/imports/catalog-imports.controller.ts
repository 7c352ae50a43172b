import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { SkipIdempotency } from '../../../platform/idempotency/skip-idempotency.decorator';
import { CatalogImportDto, CatalogImportErrorDto, CatalogImportErrorsQueryDto, CatalogImportListQueryDto, CatalogImportSummaryDto } from './dto/catalog-import.dto';
import { IMPORT_COLUMNS } from './catalog-import.rows';
import { CatalogImportService, IMPORT_MAX_BYTES } from './catalog-import.service';
import { CatalogImportsService } from './catalog-imports.service';

@ApiTags('catalog')
@Controller('catalog/imports')
export class CatalogImportsController {
  constructor(
    private readonly importer: CatalogImportService,
    private readonly imports: CatalogImportsService,
  ) {}

  @Post()
  @Roles(Role.ProviderUser, Role.PartnerAdmin)
  // The body is a stream, not JSON: an Idempotency-Key could not tell two files apart. Re-running a file is harmless (upsert).
  @SkipIdempotency()
  @ApiOperation({
    summary: 'Bulk-import services from a raw text/csv body (streamed, up to CATALOG_IMPORT_MAX_BYTES, default 200 MB; larger → 413)',
    description:
      `Header: ${IMPORT_COLUMNS.join(',')} (the last three optional). A provider’s org admins import their own catalogue; ` +
      'a partner admin imports for its region’s providers and creates missing ones as admitted providers. Invalid rows are ' +
      'reported per row and field and do not stop the import. Progress: GET /api/v1/catalog/imports/{id}. Other content types: 415. ' +
      'At most CATALOG_IMPORT_CONCURRENCY imports run at once across the deployment; when all are busy: 503 with Retry-After.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: IMPORT_MAX_BYTES } })
  @ApiCreatedResponse({ type: CatalogImportSummaryDto })
  create(@CurrentActor() actor: Actor, @Req() req: Request): Promise<CatalogImportSummaryDto> {
    return this.importer.import(actor, req);
  }

  @Get()
  @Roles(Role.ProviderUser, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'The caller’s imports, newest first' })
  @ApiOkResponse({ type: [CatalogImportDto] })
  list(@CurrentActor() actor: Actor, @Query() query: CatalogImportListQueryDto): Promise<CatalogImportDto[]> {
    return this.imports.list(actor, query.limit);
  }

  @Get(':id')
  @Roles(Role.ProviderUser, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'One import, with its progress while it runs' })
  @ApiOkResponse({ type: CatalogImportDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CatalogImportDto> {
    return this.imports.get(actor, id);
  }

  @Get(':id/errors')
  @Roles(Role.ProviderUser, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'The rows an import refused: row number, field and message' })
  @ApiOkResponse({ type: [CatalogImportErrorDto] })
  errors(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: CatalogImportErrorsQueryDto): Promise<CatalogImportErrorDto[]> {
    return this.imports.errors(actor, id, query);
  }
}
