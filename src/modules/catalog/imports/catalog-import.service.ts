import { Inject, Injectable, Logger } from '@nestjs/common';
import { CsvError, parse } from 'csv-parse';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../platform/config/app-config';
import { Actor, actorCoversRegion, Role } from '../../../platform/context/actor';
import { DATABASE_URL } from '../../../platform/database/database.tokens';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { domainErrorFromDatabase } from '../../../platform/errors/pg-errors';
import { OrganizationsService } from '../../organizations/organizations.service';
import { CatalogImportSummaryDto } from './dto/catalog-import.dto';
import { copyField, ImportColumn, ImportRow, readHeader, RowProblem, validateRecord } from './catalog-import.rows';
import { CatalogImportSlots } from './catalog-import.slots';
import { CatalogImportsService } from './catalog-imports.service';
import { CatalogService, searchFields } from '../catalog.service';
import { arrayLiteral } from '../search-tokens';

/** Default largest CSV accepted by one import (the whole Shanghai catalogue is about 60 MB); CATALOG_IMPORT_MAX_BYTES sets it. */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
/** Progress (rows, bytes, errors) is written every this many records. */
export const IMPORT_PROGRESS_EVERY = 5_000;
/** Problems kept per import; rows_invalid still counts every invalid row. */
export const IMPORT_ERROR_LIMIT = 100_000;
/** New providers one partner import may create (each is one audit row of the final transaction). */
export const IMPORT_MAX_NEW_PROVIDERS = 2_000;
/** A running import with no progress for this long died with its process. */
const ABANDONED_AFTER = '15 minutes';

const STAGING_COLUMNS = `import_id, row_number, provider_id, region_code, service_code, name, category, unit_price_fen, unit,
  lead_time_days, instrument_name, instrument_model, description, search_text, search_tokens`;

interface ProviderLookup {
  id: string;
  kind: string;
  regionCode: string;
  admissionStatus: string | null;
}

type ImportMode = { kind: 'provider'; uscc: string; provider: ProviderLookup } | { kind: 'partner' };

interface ImportState {
  id: string;
  rowsTotal: number;
  rowsValid: number;
  rowsInvalid: number;
  problemsKept: number;
  pendingProblems: { rowNumber: number; field: string; message: string }[];
  /** provider_uscc + service_code → first row number, to refuse duplicates within one file. */
  seen: Map<string, number>;
  providers: Map<string, ProviderLookup | null>;
  /** Providers a partner import creates: USCC → the id they will get and the name of their first valid row. */
  newProviders: Map<string, { id: string; name: string }>;
}

/**
 * Bulk catalogue import (批量导入): the CSV request body is streamed through csv-parse, every row is
 * validated, valid rows are COPYed into the unlogged staging table and invalid ones reported
 * per row and field. One transaction then creates missing providers (partner admins) and
 * upserts the services. Progress is written every IMPORT_PROGRESS_EVERY rows.
 * At most CATALOG_IMPORT_CONCURRENCY imports run at once in the whole deployment (each holds one
 * dedicated COPY connection); more are refused with 503 and Retry-After before anything is written
 * (docs/security.md, "Bounded work").
 */
@Injectable()
export class CatalogImportService {
  private readonly logger = new Logger(CatalogImportService.name);
  private readonly slots: CatalogImportSlots;
  private readonly maxBytes: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly catalog: CatalogService,
    private readonly imports: CatalogImportsService,
    private readonly organizations: OrganizationsService,
    config: AppConfig,
  ) {
    this.slots = new CatalogImportSlots(dataSource, config.CATALOG_IMPORT_CONCURRENCY);
    this.maxBytes = config.CATALOG_IMPORT_MAX_BYTES;
  }

  async import(actor: Actor, req: Request): Promise<CatalogImportSummaryDto> {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'text/csv') {
      throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the catalogue as a raw text/csv request body', { contentType: contentType || null });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.maxBytes) throw new DomainError(ErrorCode.PayloadTooLarge, `The CSV is larger than ${this.maxBytes} bytes`, { maxBytes: this.maxBytes });
    const mode = await this.importMode(actor);
    await this.failAbandoned();
    const id = randomUUID();
    // Busy: 503 + Retry-After, and no import row is written.
    const slot = await this.slots.acquire(id);
    try {
      return await this.run(actor, mode, req, id);
    } finally {
      await slot.release();
    }
  }

  private async run(actor: Actor, mode: ImportMode, req: Request, id: string): Promise<CatalogImportSummaryDto> {
    await this.dataSource.query(
      `INSERT INTO catalog_imports (id, actor_user_id, actor_organization_id, actor_role, region_code) VALUES ($1, $2, $3, $4, $5)`,
      [id, actor.userId, actor.organizationId, actor.role, actor.regionCode],
    );
    const state: ImportState = {
      id, rowsTotal: 0, rowsValid: 0, rowsInvalid: 0, problemsKept: 0, pendingProblems: [], seen: new Map(), providers: new Map(), newProviders: new Map(),
    };
    const counter = new ByteCounter(this.maxBytes);
    try {
      const started = Date.now();
      await this.stage(actor, mode, req, counter, state);
      await this.flushProgress(state, counter.bytes);
      const staged = Date.now();
      await this.finish(actor, state, counter.bytes);
      this.logger.log({ importId: id, rows: state.rowsTotal, bytes: counter.bytes, stageMs: staged - started, upsertMs: Date.now() - staged }, 'catalogue import completed');
    } catch (err) {
      const error = this.fatalError(err, id);
      await this.markFailed(state, counter.bytes, error.message).catch((e) => this.logger.error({ err: e }, 'could not mark import failed'));
      throw error;
    }
    return this.imports.summary(id);
  }

  /** Who may import what: a provider's admins their own catalogue, a partner admin its region's providers. */
  private async importMode(actor: Actor): Promise<ImportMode> {
    if (actor.role === Role.PartnerAdmin) return { kind: 'partner' };
    if (actor.role !== Role.ProviderUser || !actor.isOrgAdmin) throw DomainError.forbidden('Only a provider’s organisation admins or a partner admin import catalogues');
    const [org] = (await this.dataSource.query(`SELECT id, kind, uscc, region_code, admission_status FROM read_organizations WHERE id = $1`, [actor.organizationId])) as {
      id: string;
      kind: string;
      uscc: string | null;
      region_code: string;
      admission_status: string | null;
    }[];
    if (!org?.uscc || org.admission_status !== 'active') {
      throw DomainError.rule('Only admitted (active) providers may list services', { admissionStatus: org?.admission_status ?? null });
    }
    return { kind: 'provider', uscc: org.uscc, provider: { id: org.id, kind: org.kind, regionCode: org.region_code, admissionStatus: org.admission_status } };
  }

  /** Streams request → byte counter → CSV parser → validation → COPY into catalog_import_rows. */
  private async stage(actor: Actor, mode: ImportMode, req: Request, counter: ByteCounter, state: ImportState): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'g60-catalog-import' });
    await client.connect();
    try {
      const copy = client.query(copyFrom(`COPY catalog_import_rows (${STAGING_COLUMNS}) FROM STDIN`));
      const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, max_record_size: 1_000_000 });
      await pipeline(req, counter, parser, (records: AsyncIterable<string[]>) => this.copyLines(actor, mode, records, counter, state), copy);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Validates each record; yields COPY text for valid rows in ~64 KB chunks. */
  private async *copyLines(actor: Actor, mode: ImportMode, records: AsyncIterable<string[]>, counter: ByteCounter, state: ImportState): AsyncGenerator<string> {
    let header: Map<ImportColumn, number> | undefined;
    let chunk = '';
    let recordNumber = 0;
    for await (const record of records) {
      recordNumber += 1;
      if (!header) {
        const read = readHeader(record);
        if ('problem' in read) throw DomainError.invalid('header', read.problem);
        header = read.index;
        continue;
      }
      state.rowsTotal += 1;
      const { row, problems } = validateRecord(record, header, (c) => this.catalog.isCategory(c));
      if (row) problems.push(...(await this.checkProvider(actor, mode, row, state)));
      if (row && problems.length === 0) problems.push(...this.checkDuplicate(row, recordNumber, state));
      if (!row || problems.length) {
        state.rowsInvalid += 1;
        this.keepProblems(state, recordNumber, problems);
      } else {
        state.rowsValid += 1;
        chunk += this.copyLine(state.id, recordNumber, row, this.providerOf(actor, mode, row, state));
        if (chunk.length >= 65_536) {
          yield chunk;
          chunk = '';
        }
      }
      if (state.rowsTotal % IMPORT_PROGRESS_EVERY === 0) await this.flushProgress(state, counter.bytes);
    }
    if (!header) throw DomainError.invalid('header', 'The CSV is empty: a header row is required');
    if (chunk) yield chunk;
  }

  /** The provider a valid row goes to: known, or (partner import) a new one whose id is chosen now. */
  private providerOf(actor: Actor, mode: ImportMode, row: ImportRow, state: ImportState): { id: string; regionCode: string } {
    if (mode.kind === 'provider') return mode.provider;
    const known = state.providers.get(row.providerUscc);
    if (known) return known;
    let created = state.newProviders.get(row.providerUscc);
    if (!created) {
      created = { id: randomUUID(), name: row.providerName };
      state.newProviders.set(row.providerUscc, created);
    }
    return { id: created.id, regionCode: actor.regionCode };
  }

  private copyLine(importId: string, rowNumber: number, r: ImportRow, provider: { id: string; regionCode: string }): string {
    const search = searchFields(r);
    return `${[
      importId, rowNumber, provider.id, provider.regionCode, r.serviceCode, r.name, r.category, r.unitPriceFen, r.unit, r.leadTimeDays,
      r.instrumentName, r.instrumentModel, r.description, search.text, arrayLiteral(search.tokens),
    ].map(copyField).join('\t')}\n`;
  }

  /** The provider named by a row must be the importer's own, or (partner admin) one of its region's admitted providers, or new. */
  private async checkProvider(actor: Actor, mode: ImportMode, row: ImportRow, state: ImportState): Promise<RowProblem[]> {
    const problem = (message: string) => [{ field: 'provider_uscc', message }];
    if (mode.kind === 'provider') return row.providerUscc === mode.uscc ? [] : problem(`must be your own organisation’s USCC (${mode.uscc})`);
    if (!state.providers.has(row.providerUscc)) {
      const [org] = (await this.dataSource.query(`SELECT id, kind, region_code, admission_status FROM read_organizations WHERE uscc = $1`, [row.providerUscc])) as {
        id: string;
        kind: string;
        region_code: string;
        admission_status: string | null;
      }[];
      state.providers.set(row.providerUscc, org ? { id: org.id, kind: org.kind, regionCode: org.region_code, admissionStatus: org.admission_status } : null);
    }
    const org = state.providers.get(row.providerUscc);
    if (org === null || org === undefined) {
      if (!state.newProviders.has(row.providerUscc) && state.newProviders.size >= IMPORT_MAX_NEW_PROVIDERS) {
        return problem(`more than ${IMPORT_MAX_NEW_PROVIDERS} new providers in one import; split the file`);
      }
      return [];
    }
    if (org.kind !== 'provider') return problem('belongs to an organisation that is not a provider');
    if (!actorCoversRegion(actor, org.regionCode)) return problem(`belongs to a provider of another region (${org.regionCode})`);
    if (org.admissionStatus !== 'active') return problem(`belongs to a provider that is not admitted (admission status ${org.admissionStatus})`);
    return [];
  }

  private checkDuplicate(row: ImportRow, rowNumber: number, state: ImportState): RowProblem[] {
    const key = `${row.providerUscc}\t${row.serviceCode}`;
    const first = state.seen.get(key);
    if (first !== undefined) return [{ field: 'service_code', message: `repeats row ${first} (same provider and service code)` }];
    state.seen.set(key, rowNumber);
    return [];
  }

  private keepProblems(state: ImportState, rowNumber: number, problems: RowProblem[]): void {
    for (const p of problems) {
      if (state.problemsKept >= IMPORT_ERROR_LIMIT) return;
      state.problemsKept += 1;
      state.pendingProblems.push({ rowNumber, field: p.field, message: p.message });
    }
  }

  /** Progress is bookkeeping outside the import's transaction, so readers see it while the upload runs. */
  private async flushProgress(state: ImportState, bytes: number): Promise<void> {
    const problems = state.pendingProblems.splice(0);
    if (problems.length) {
      await this.dataSource.query(
        `INSERT INTO catalog_import_errors (import_id, row_number, field, message)
         SELECT $1, unnest($2::int[]), unnest($3::text[]), unnest($4::text[])`,
        [state.id, problems.map((p) => p.rowNumber), problems.map((p) => p.field), problems.map((p) => p.message)],
      );
    }
    await this.dataSource.query(
      `UPDATE catalog_imports SET rows_total = $2, rows_valid = $3, rows_invalid = $4, bytes = $5, updated_at = now() WHERE id = $1`,
      [state.id, state.rowsTotal, state.rowsValid, state.rowsInvalid, bytes],
    );
  }

  /** One transaction: create the partner's new providers, upsert every staged row, close the import. */
  private async finish(actor: Actor, state: ImportState, bytes: number): Promise<void> {
    await this.uow.run(async (tx) => {
      const fresh = [...state.newProviders].map(([uscc, p]) => ({ id: p.id, uscc, name: p.name }));
      const created = await this.organizations.createImportedProviders(tx.manager, fresh, actor.regionCode);
      for (const p of created) {
        tx.audit({
          action: 'organization.provider.imported',
          subjectType: 'organization',
          subjectId: p.id,
          organizationId: p.id,
          regionCode: p.regionCode,
          after: { kind: 'provider', name: p.name, uscc: p.uscc, regionCode: p.regionCode, admissionStatus: 'active', importId: state.id },
        });
      }
      const [counts] = (await tx.manager.query(
        `WITH upserted AS (
           INSERT INTO catalog_services AS s (provider_id, code, name, category, unit_price_fen, unit, lead_time_days, instrument_name,
                                              instrument_model, description, region_code, search_text, search_tokens)
           SELECT r.provider_id, r.service_code, r.name, r.category, r.unit_price_fen, r.unit, r.lead_time_days, r.instrument_name,
                  r.instrument_model, r.description, r.region_code, r.search_text, array_to_tsvector(r.search_tokens)
             FROM catalog_import_rows r
            WHERE r.import_id = $1
           ON CONFLICT (provider_id, code) DO UPDATE
              SET name = EXCLUDED.name, category = EXCLUDED.category, unit_price_fen = EXCLUDED.unit_price_fen, unit = EXCLUDED.unit,
                  lead_time_days = EXCLUDED.lead_time_days, instrument_name = EXCLUDED.instrument_name,
                  instrument_model = EXCLUDED.instrument_model, description = EXCLUDED.description, search_text = EXCLUDED.search_text,
                  search_tokens = EXCLUDED.search_tokens, status = 'active', withdrawn_at = NULL, version = s.version + 1, updated_at = now()
            WHERE (s.name, s.category, s.unit_price_fen, s.unit, s.lead_time_days, s.instrument_name, s.instrument_model, s.description, s.status)
                  IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.category, EXCLUDED.unit_price_fen, EXCLUDED.unit, EXCLUDED.lead_time_days,
                                    EXCLUDED.instrument_name, EXCLUDED.instrument_model, EXCLUDED.description, 'active')
           RETURNING (xmax = 0) AS inserted)
         SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted`,
        [state.id],
      )) as { inserted: number; updated: number }[];
      await tx.manager.query(`DELETE FROM catalog_import_rows WHERE import_id = $1`, [state.id]);
      await tx.manager.query(
        `UPDATE catalog_imports SET status = 'completed', rows_total = $2, rows_valid = $3, rows_invalid = $4, rows_inserted = $5, rows_updated = $6,
                providers_created = $7, bytes = $8, updated_at = now(), finished_at = now()
          WHERE id = $1`,
        [state.id, state.rowsTotal, state.rowsValid, state.rowsInvalid, counts.inserted, counts.updated, created.length, bytes],
      );
      tx.audit({
        action: 'catalog.import.completed',
        subjectType: 'catalog_import',
        subjectId: state.id,
        organizationId: actor.organizationId,
        regionCode: actor.regionCode,
        after: {
          rowsTotal: state.rowsTotal, rowsValid: state.rowsValid, rowsInvalid: state.rowsInvalid, rowsInserted: counts.inserted,
          rowsUpdated: counts.updated, providersCreated: created.length, bytes,
        },
      });
    });
  }

  private async markFailed(state: ImportState, bytes: number, message: string): Promise<void> {
    await this.flushProgress(state, bytes).catch(() => undefined);
    await this.dataSource.query(
      `UPDATE catalog_imports SET status = 'failed', error_message = $2, bytes = $3, updated_at = now(), finished_at = now() WHERE id = $1 AND status = 'running'`,
      [state.id, message.slice(0, 1000), bytes],
    );
    await this.dataSource.query(`DELETE FROM catalog_import_rows WHERE import_id = $1`, [state.id]);
  }

  /** Imports whose process died mid-way: fail them and drop their staged rows. */
  private async failAbandoned(): Promise<void> {
    const [rows] = (await this.dataSource.query(
      `UPDATE catalog_imports SET status = 'failed', error_message = 'abandoned: no progress for ${ABANDONED_AFTER}', finished_at = now()
        WHERE status = 'running' AND updated_at < now() - interval '${ABANDONED_AFTER}' RETURNING id`,
    )) as [{ id: string }[], number];
    const ids = rows.map((r) => r.id);
    if (ids.length) await this.dataSource.query(`DELETE FROM catalog_import_rows WHERE import_id = ANY($1::uuid[])`, [ids]);
  }

  /** What the client gets for an import that could not finish; the import id rides along. */
  private fatalError(err: unknown, importId: string): DomainError {
    if (err instanceof DomainError) return new DomainError(err.code, err.message, { importId, ...(Array.isArray(err.details) ? { problems: err.details } : err.details) });
    if (err instanceof CsvError) return new DomainError(ErrorCode.ValidationFailed, `The CSV could not be parsed: ${err.message}`, { importId, csvCode: err.code });
    const fromDb = domainErrorFromDatabase(err);
    if (fromDb) return new DomainError(fromDb.code, fromDb.message, { importId });
    const code = (err as { code?: string }).code;
    if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      return new DomainError(ErrorCode.ValidationFailed, 'The upload ended before the CSV was complete', { importId });
    }
    this.logger.error({ err, importId }, 'catalogue import failed');
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
    if (this.bytes > this.max) callback(new DomainError(ErrorCode.PayloadTooLarge, `The CSV is larger than ${this.max} bytes`));
    else callback(null, chunk);
  }
}
