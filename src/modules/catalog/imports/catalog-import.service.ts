import { Inject, Injectable, Logger } from '@nestjs/common';
import { CsvError } from 'csv-parse';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../platform/config/app-config';
import { Actor, Role } from '../../../platform/context/actor';
import { DATABASE_URL } from '../../../platform/database/database.tokens';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { domainErrorFromDatabase } from '../../../platform/errors/pg-errors';
import { JobName } from '../../../platform/queue/queue.registry';
import { CatalogImportDto, CatalogImportOptionsDto } from './dto/catalog-import.dto';
import { csvRecords, FileRecord, formatOfMediaType, ImportFormat, IMPORT_MEDIA_TYPES, xlsxRecords } from './catalog-import.files';
import { CopyText, ImportColumn, isCanonicalHeader, readHeader, STAGING_COLUMNS, stagingLine } from './catalog-import.rows';
import { CatalogImportSlots } from './catalog-import.slots';
import { CatalogImportsService } from './catalog-imports.service';

/** Default largest file accepted by one import (the whole Shanghai catalogue is about 60 MB as CSV); CATALOG_IMPORT_MAX_BYTES sets it. */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
/** Upload progress (rows, bytes) is written every this many records. */
export const IMPORT_PROGRESS_EVERY = 5_000;

/**
 * Receiving a catalogue file (批量导入, the API's part): the request body (CSV or XLSX) is streamed
 * record by record into catalog_import_lines with COPY over one dedicated connection, raw, with the
 * search text and tokens built on the way. Nothing is validated here beyond the header. Then one
 * transaction marks the import queued, audits it and queues its job (outbox); a worker validates
 * and merges (CatalogImportJob). At most CATALOG_IMPORT_CONCURRENCY imports are in flight in the
 * whole deployment; more are refused with 503 and Retry-After before anything is written.
 */
@Injectable()
export class CatalogImportService {
  private readonly logger = new Logger(CatalogImportService.name);
  private readonly maxBytes: number;
  private readonly handOverSeconds: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly imports: CatalogImportsService,
    private readonly slots: CatalogImportSlots,
    config: AppConfig,
  ) {
    this.maxBytes = config.CATALOG_IMPORT_MAX_BYTES;
    this.handOverSeconds = Math.ceil(config.CATALOG_IMPORT_ABANDONED_AFTER_MS / 1000);
  }

  async receive(actor: Actor, req: Request, options: CatalogImportOptionsDto): Promise<CatalogImportDto> {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const format = formatOfMediaType(contentType);
    if (!format) {
      throw new DomainError(ErrorCode.UnsupportedMediaType, `Send the catalogue as a raw ${IMPORT_MEDIA_TYPES.csv} or ${IMPORT_MEDIA_TYPES.xlsx} request body`, {
        contentType: contentType || null,
      });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.maxBytes) throw new DomainError(ErrorCode.PayloadTooLarge, `The file is larger than ${this.maxBytes} bytes`, { maxBytes: this.maxBytes });
    await this.requireImporter(actor);
    const id = randomUUID();
    // Busy: 503 + Retry-After, and no import row is written.
    const slot = await this.slots.acquire(id);
    let handedOver = false;
    try {
      await this.dataSource.query(
        `INSERT INTO catalog_imports (id, actor_user_id, actor_organization_id, actor_role, region_code, actor_region_scope, format, invalid_rows, withdraw_missing)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, actor.userId, actor.organizationId, actor.role, actor.regionCode, actor.regionScope, format, options.invalidRows ?? 'reject', options.withdrawMissing ?? false],
      );
      const counter = new ByteCounter(this.maxBytes);
      const progress = { rows: 0, headerFields: 0 };
      try {
        await this.stage(id, format, req, counter, progress);
        await this.uow.run(async (tx) => {
          await tx.manager.query(
            `UPDATE catalog_imports SET status = 'queued', rows_total = $2, bytes = $3, header_fields = $4, updated_at = now() WHERE id = $1 AND status = 'uploading'`,
            [id, progress.rows, counter.bytes, progress.headerFields],
          );
          tx.audit({
            action: 'catalog.import.received',
            subjectType: 'catalog_import',
            subjectId: id,
            organizationId: actor.organizationId,
            regionCode: actor.regionCode,
            after: { format, rows: progress.rows, bytes: counter.bytes, invalidRows: options.invalidRows ?? 'reject', withdrawMissing: options.withdrawMissing ?? false },
          });
          tx.enqueue(JobName.RunCatalogImport, { importId: id });
        });
        await slot.handOver(this.handOverSeconds);
        handedOver = true;
      } catch (err) {
        const error = this.uploadError(err, id, format);
        await this.markFailed(id, progress.rows, counter.bytes, error.message).catch((e) => this.logger.error({ err: e }, 'could not mark import failed'));
        throw error;
      }
    } finally {
      if (!handedOver) await slot.release();
    }
    return this.imports.get(actor, id);
  }

  /** A provider's org admins import their own catalogue (admitted providers only); a partner admin its region's providers. */
  private async requireImporter(actor: Actor): Promise<void> {
    if (actor.role === Role.PartnerAdmin) return;
    if (actor.role !== Role.ProviderUser || !actor.isOrgAdmin) throw DomainError.forbidden('Only a provider’s organisation admins or a partner admin import catalogues');
    const [org] = (await this.dataSource.query(`SELECT uscc, admission_status FROM read_organizations WHERE id = $1`, [actor.organizationId])) as {
      uscc: string | null;
      admission_status: string | null;
    }[];
    if (!org?.uscc || org.admission_status !== 'active') {
      throw DomainError.rule('Only admitted (active) providers may list services', { admissionStatus: org?.admission_status ?? null });
    }
  }

  /** request → byte counter → CSV or XLSX records → COPY text → catalog_import_lines. */
  private async stage(id: string, format: ImportFormat, req: Request, counter: ByteCounter, progress: { rows: number; headerFields: number }): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'g60-catalog-import' });
    await client.connect();
    try {
      const copy = client.query(copyFrom(`COPY catalog_import_lines (${STAGING_COLUMNS}) FROM STDIN`));
      const records = format === 'csv' ? csvRecords : xlsxRecords;
      await pipeline(req, counter, (source: AsyncIterable<Buffer>) => this.copyLines(id, records(Readable.from(source)), counter, progress), copy);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** The header, then every record as a COPY line, in ~64 KB chunks; progress every IMPORT_PROGRESS_EVERY records. */
  private async *copyLines(id: string, records: AsyncIterable<FileRecord>, counter: ByteCounter, progress: { rows: number; headerFields: number }): AsyncGenerator<Buffer> {
    let header: Map<ImportColumn, number> | undefined;
    let canonical = false;
    const text = new CopyText(id);
    for await (const record of records) {
      if (!header) {
        const read = readHeader(record.fields);
        if ('problem' in read) throw DomainError.invalid('header', read.problem);
        header = read.index;
        canonical = isCanonicalHeader(header);
        progress.headerFields = header.size;
        continue;
      }
      progress.rows += 1;
      // Most lines of a catalogue need no quotes, escapes or trimming: their bytes go to COPY with tabs for commas, never decoded.
      if (!(canonical && record.bytes !== undefined && text.plain(record.rowNumber, record.bytes))) {
        const { fields, openEnded } = record;
        const padded = openEnded && fields.length < header.size ? [...fields, ...new Array<string>(header.size - fields.length).fill('')] : fields;
        text.text(stagingLine(id, record.rowNumber, padded, header));
      }
      if (text.length >= 65_536) yield text.take();
      if (progress.rows % IMPORT_PROGRESS_EVERY === 0) {
        await this.dataSource.query(`UPDATE catalog_imports SET rows_total = $2, bytes = $3, updated_at = now() WHERE id = $1`, [id, progress.rows, counter.bytes]);
      }
    }
    if (!header) throw DomainError.invalid('header', 'The file is empty: a header row is required');
    if (text.length) yield text.take();
  }

  private async markFailed(id: string, rows: number, bytes: number, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE catalog_imports SET status = 'failed', error_message = $2, rows_total = $3, bytes = $4, updated_at = now(), finished_at = now()
        WHERE id = $1 AND status = 'uploading'`,
      [id, message.slice(0, 1000), rows, bytes],
    );
    await this.dataSource.query(`DELETE FROM catalog_import_lines WHERE import_id = $1`, [id]);
  }

  /** What the client gets for an upload that could not finish; the import id rides along. */
  private uploadError(err: unknown, importId: string, format: ImportFormat): DomainError {
    if (err instanceof DomainError) return new DomainError(err.code, err.message, { importId, ...(Array.isArray(err.details) ? { problems: err.details } : err.details) });
    if (err instanceof CsvError) return new DomainError(ErrorCode.ValidationFailed, `The CSV could not be parsed: ${err.message}`, { importId, csvCode: err.code });
    const fromDb = domainErrorFromDatabase(err);
    if (fromDb) return new DomainError(fromDb.code, fromDb.message, { importId });
    const code = (err as { code?: string }).code;
    if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      return new DomainError(ErrorCode.ValidationFailed, 'The upload ended before the file was complete', { importId });
    }
    if (format === 'xlsx') {
      // exceljs and its unzipper report a damaged or non-XLSX file with plain errors.
      this.logger.warn({ err: String(err), importId }, 'unreadable XLSX');
      return new DomainError(ErrorCode.ValidationFailed, 'The XLSX file could not be read; save it again as an Excel workbook (.xlsx)', { importId });
    }
    this.logger.error({ err, importId }, 'catalogue upload failed');
    return new DomainError(ErrorCode.Internal, 'The import failed', { importId });
  }
}

/** Counts the bytes of the upload and stops it past the limit. */
class ByteCounter extends Transform {
  bytes = 0;

  constructor(private readonly max: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) callback(new DomainError(ErrorCode.PayloadTooLarge, `The file is larger than ${this.max} bytes`, { maxBytes: this.max }));
    else callback(null, chunk);
  }
}
