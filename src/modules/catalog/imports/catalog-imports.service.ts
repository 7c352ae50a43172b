import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, isPlatformAdmin } from '../../../platform/context/actor';
import { DomainError } from '../../../platform/errors/domain-error';
import { CatalogImportDto, CatalogImportErrorDto, CatalogImportErrorsQueryDto, CatalogImportSummaryDto } from './dto/catalog-import.dto';
import { CatalogImport, CatalogImportError } from '../catalog.entities';
import { toImportDto } from '../catalog.mapper';

/** Reading imports: progress while one runs, the caller's history, and the per-row error report. */
@Injectable()
export class CatalogImportsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, limit = 20): Promise<CatalogImportDto[]> {
    const rows = await this.dataSource.getRepository(CatalogImport).find({ where: { actorUserId: actor.userId }, order: { startedAt: 'DESC' }, take: limit });
    return rows.map(toImportDto);
  }

  async get(actor: Actor, id: string): Promise<CatalogImportDto> {
    return toImportDto(await this.readable(actor, id));
  }

  async errors(actor: Actor, id: string, query: CatalogImportErrorsQueryDto): Promise<CatalogImportErrorDto[]> {
    await this.readable(actor, id);
    return this.errorRows(id, query.limit ?? 100, query.offset ?? 0);
  }

  /** The final answer of POST /catalog/imports. */
  async summary(id: string): Promise<CatalogImportSummaryDto> {
    const row = await this.dataSource.getRepository(CatalogImport).findOneByOrFail({ id });
    return { ...toImportDto(row), errorSample: await this.errorRows(id, 20, 0) };
  }

  private async errorRows(id: string, limit: number, offset: number): Promise<CatalogImportErrorDto[]> {
    const rows = await this.dataSource.getRepository(CatalogImportError).find({ where: { importId: id }, order: { rowNumber: 'ASC', id: 'ASC' }, take: limit, skip: offset });
    return rows.map((e) => ({ rowNumber: e.rowNumber, field: e.field, message: e.message }));
  }

  /** Its importer, the importer's organisation, and the platform see an import; others get 404. */
  private async readable(actor: Actor, id: string): Promise<CatalogImport> {
    const row = await this.dataSource.getRepository(CatalogImport).findOneBy({ id });
    if (!row || !(isPlatformAdmin(actor) || row.actorUserId === actor.userId || row.actorOrganizationId === actor.organizationId)) {
      throw DomainError.notFound('Import');
    }
    return row;
  }
}
