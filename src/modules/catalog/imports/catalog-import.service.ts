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
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { domainErrorFromDatabase } from '../../../platform/errors/pg-errors';
import { JobName } from '../../../platform/queue/queue.registry';
import { CatalogImportDto, CatalogImportOptionsDto } from './dto/catalog-import.dto';
import { ImportBlocks, ProviderMark, UploadBlock } from './catalog-import.blocks';
import { csvRecordBatches, FileRecord, formatOfMediaType, ImportFormat, IMPORT_MEDIA_TYPES, xlsxRecords } from './catalog-import.files';
import { CopyText, ImportColumn, isCanonicalHeader, readHeader, STAGING_COLUMNS, stagingLine } from './catalog-import.rows';
import { dropStaged } from './catalog-import.job';
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
  private readonly holdBytes: number;
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
    this.holdBytes = config.CATALOG_IMPORT_HOLD_BYTES;
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
      const progress: UploadProgress = { rows: 0, headerFields: 0, blocks: [] };
      try {
        await this.stage(actor, id, format, req, counter, progress);
        const skipped = progress.blocks.reduce((n, b) => n + (b.skipped ? b.rows : 0), 0);
        await this.uow.run(async (tx) => {
          await this.saveBlocks(tx, id, progress.blocks);
          await tx.manager.query(
            `UPDATE catalog_imports SET status = 'queued', rows_total = $2, bytes = $3, header_fields = $4, rows_skipped = $5, updated_at = now()
              WHERE id = $1 AND status = 'uploading'`,
            [id, progress.rows, counter.bytes, progress.headerFields, skipped],
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

  /** request → byte counter → CSV or XLSX records → COPY text → catalog_import_lines (except the blocks that match their provider's mark). */
  private async stage(actor: Actor, id: string, format: ImportFormat, req: Request, counter: ByteCounter, progress: UploadProgress): Promise<void> {
    const marks = await this.goodMarks(actor);
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'g60-catalog-import' });
    await client.connect();
    try {
      const copy = client.query(copyFrom(`COPY catalog_import_lines (${STAGING_COLUMNS}) FROM STDIN`));
      const records = format === 'csv' ? csvRecordBatches : (input: Readable) => oneByOne(xlsxRecords(input));
      await pipeline(req, counter, (source: AsyncIterable<Buffer>) => this.copyLines(id, records(Readable.from(source)), counter, progress, marks), copy);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * The good marks (catalog_provider_marks, docs/catalog-search.md "Provider marks") of the providers this import
   * could write without a problem of the provider itself: admitted providers, the caller's own organisation for a
   * provider's import, the region scope's for a partner's. A block of another provider is never skipped, so its rows
   * meet every rule of validation.
   */
  private async goodMarks(actor: Actor): Promise<Map<string, ProviderMark>> {
    const own = actor.role === Role.PartnerAdmin ? null : actor.organizationId;
    const rows = (await this.dataSource.query(
      `SELECT o.uscc, m.provider_id, m.mark_hash, m.mark_rows
         FROM catalog_provider_marks m JOIN read_organizations o ON o.id = m.provider_id
        WHERE m.mark_version = m.version AND o.kind = 'provider' AND o.admission_status = 'active' AND o.uscc IS NOT NULL
          AND ($1::uuid IS NULL OR o.id = $1::uuid) AND ($1::uuid IS NOT NULL OR o.region_code = ANY ($2::text[]))`,
      [own, actor.regionScope],
    )) as { uscc: string; provider_id: string; mark_hash: Buffer; mark_rows: number }[];
    return new Map(rows.map((r) => [r.uscc, { providerId: r.provider_id, hash: r.mark_hash, rows: r.mark_rows }]));
  }

  /**
   * The file's blocks, in the transaction that queues the import. A skipped block takes its services from the mark it
   * matched; if another import replaced that mark since the upload began, its rows are nowhere: 409, upload again.
   */
  private async saveBlocks(tx: Transaction, id: string, blocks: UploadBlock[]): Promise<void> {
    if (blocks.length === 0) return;
    const [saved] = (await tx.manager.query(
      `WITH b AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb)
           AS b(first_row int, last_row int, uscc text, rows int, block_hash text, single boolean, skipped boolean, provider_id uuid, row_numbers int[])),
       ins AS (
         INSERT INTO catalog_import_blocks (import_id, first_row, last_row, uscc, rows, block_hash, single, skipped, provider_id, row_numbers, service_ids)
         SELECT $1, b.first_row, b.last_row, b.uscc, b.rows, decode(b.block_hash, 'hex'), b.single, b.skipped, b.provider_id,
                CASE WHEN b.skipped THEN coalesce(b.row_numbers, ARRAY(SELECT generate_series(b.first_row, b.last_row))) END, m.mark_service_ids
           FROM b LEFT JOIN catalog_provider_marks m ON b.skipped AND m.provider_id = b.provider_id AND m.mark_hash = decode(b.block_hash, 'hex')
          WHERE NOT b.skipped OR m.provider_id IS NOT NULL
         RETURNING 1)
       SELECT (SELECT count(*) FROM ins)::int AS saved`,
      [id, JSON.stringify(blocks.map((b) => ({
        first_row: b.firstRow, last_row: b.lastRow, uscc: b.uscc, rows: b.rows, block_hash: b.hash.toString('hex'), single: b.single, skipped: b.skipped,
        // A block without empty or note lines inside (most) sends no row numbers: they are first_row..last_row.
        provider_id: b.providerId, row_numbers: b.rowNumbers && b.lastRow - b.firstRow + 1 === b.rows ? null : b.rowNumbers,
      })))],
    )) as { saved: number }[];
    if (saved.saved !== blocks.length) {
      throw DomainError.conflict('A provider’s catalogue was imported again while this file was uploaded: upload it again', { importId: id });
    }
  }

  /** The header, then every record as a COPY line, in ~64 KB chunks; progress every IMPORT_PROGRESS_EVERY records. */
  private async *copyLines(id: string, batches: AsyncIterable<FileRecord[]>, counter: ByteCounter, progress: UploadProgress, marks: ReadonlyMap<string, ProviderMark>): AsyncGenerator<Buffer> {
    let header: Map<ImportColumn, number> | undefined;
    let canonical = false;
    let usccs: UsccReader | undefined;
    const text = new CopyText(id);
    const writeLine = (record: FileRecord) => {
      // Most lines of a catalogue need no quotes, escapes or trimming: their bytes go to COPY with tabs for commas, never decoded.
      if (canonical && record.bytes !== undefined && text.plain(record.rowNumber, record.bytes)) return;
      const { fields, openEnded } = record;
      const padded = openEnded && fields.length < header!.size ? [...fields, ...new Array<string>(header!.size - fields.length).fill('')] : fields;
      text.text(stagingLine(id, record.rowNumber, padded, header!));
    };
    const blocks = new ImportBlocks(marks, text, writeLine, this.holdBytes);
    for await (const batch of batches) {
      for (const record of batch) {
        if (!header) {
          const read = readHeader(record.fields);
          if ('problem' in read) throw DomainError.invalid('header', read.problem);
          header = read.index;
          canonical = isCanonicalHeader(header);
          usccs = new UsccReader(header, canonical);
          progress.headerFields = header.size;
          continue;
        }
        progress.rows += 1;
        blocks.next(usccs!.read(record), record);
        writeLine(record);
        blocks.wrote(record);
        const ready = blocks.flushable();
        if (ready >= 65_536) {
          yield text.take(ready);
          blocks.taken(ready);
        }
        if (progress.rows % IMPORT_PROGRESS_EVERY === 0) {
          await this.dataSource.query(`UPDATE catalog_imports SET rows_total = $2, bytes = $3, updated_at = now() WHERE id = $1`, [id, progress.rows, counter.bytes]);
        }
      }
    }
    if (!header) throw DomainError.invalid('header', 'The file is empty: a header row is required');
    progress.blocks = blocks.finish();
    if (text.length) yield text.take();
  }

  private async markFailed(id: string, rows: number, bytes: number, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE catalog_imports SET status = 'failed', error_message = $2, rows_total = $3, bytes = $4, updated_at = now(), finished_at = now()
        WHERE id = $1 AND status = 'uploading'`,
      [id, message.slice(0, 1000), rows, bytes],
    );
    await dropStaged(this.dataSource.manager, [id]);
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

async function* oneByOne<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  for await (const item of items) yield [item];
}

interface UploadProgress {
  rows: number;
  headerFields: number;
  blocks: UploadBlock[];
}

/**
 * The provider USCC of each record as it is staged (trimmed, without NUL characters). A quote-free line under the
 * canonical header is read up to its first comma, without splitting the rest, and decoded only when those bytes differ
 * from the line before's (a file's rows come provider by provider).
 */
class UsccReader {
  private lastBytes: Buffer | null = null;
  private lastValue = '';

  constructor(
    private readonly header: Map<ImportColumn, number>,
    private readonly canonical: boolean,
  ) {}

  read(record: FileRecord): string {
    if (!(this.canonical && record.bytes !== undefined)) return staged(record.fields[this.header.get('provider_uscc')!] ?? '');
    const bytes = record.bytes;
    const comma = bytes.indexOf(0x2c);
    const end = comma < 0 ? bytes.length : comma;
    const last = this.lastBytes;
    if (last && last.length === end && bytes.compare(last, 0, end, 0, end) === 0) return this.lastValue;
    this.lastBytes = Buffer.from(bytes.subarray(0, end));
    return (this.lastValue = staged(bytes.toString('utf8', 0, end)));
  }
}

function staged(value: string): string {
  const trimmed = value.trim();
  return trimmed.includes('\u0000') ? trimmed.replace(/\u0000/g, '') : trimmed;
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
