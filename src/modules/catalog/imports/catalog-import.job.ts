import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../../platform/config/app-config';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { JobContext, JobHandler } from '../../../platform/queue/job-handler.decorator';
import { JOB_SPECS, JobName, JobPayload } from '../../../platform/queue/queue.registry';
import { CatalogImportMerge, ImportToMerge } from './catalog-import.merge';
import { CatalogImportSlots } from './catalog-import.slots';
import { CatalogImportValidation } from './catalog-import.validation';

/** Statuses an import leaves only by finishing or failing. */
export const UNFINISHED_IMPORT_STATUSES = ['uploading', 'queued', 'validating', 'merging'] as const;
/** How often a running job shows it is alive (updated_at) and renews its slot. */
const HEARTBEAT_MS = 15_000;

interface ImportRecord {
  id: string;
  status: string;
  actor_role: string;
  actor_organization_id: string;
  region_code: string;
  actor_region_scope: string[];
  header_fields: number | null;
  invalid_rows: 'reject' | 'skip';
  withdraw_missing: boolean;
  merged_through: number;
  rows_total: number;
  rows_invalid: number;
}

/**
 * The worker's part of an import (JobName.RunCatalogImport): validate the staged file set-wise,
 * then reject it (any invalid row, unless the import asked to skip them) or merge it in bounded
 * batches, withdraw what it asked to withdraw, and close it. Delivery is at least once and a worker
 * may die anywhere: each step re-reads the import and is idempotent (validation starts over;
 * the merge resumes after catalog_imports.merged_through, which moves in each batch's transaction).
 * After the last attempt the import is marked failed, saying how far the merge got.
 */
@Injectable()
export class CatalogImportJob {
  private readonly logger = new Logger(CatalogImportJob.name);
  private readonly batchRows: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly validation: CatalogImportValidation,
    private readonly merge: CatalogImportMerge,
    private readonly slots: CatalogImportSlots,
    config: AppConfig,
  ) {
    this.batchRows = config.CATALOG_IMPORT_BATCH_ROWS;
  }

  @JobHandler(JobName.RunCatalogImport)
  async run(payload: JobPayload<JobName.RunCatalogImport>, context: JobContext): Promise<{ status: string }> {
    const id = payload.importId;
    const heartbeat = setInterval(() => void this.beat(id), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      return await this.process(id);
    } catch (err) {
      if (context.attempt >= (JOB_SPECS[JobName.RunCatalogImport].options.attempts ?? 1)) {
        await this.fail(id, err).catch((e) => this.logger.error({ err: e, importId: id }, 'could not mark the import failed'));
      }
      throw err;
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async process(id: string): Promise<{ status: string }> {
    let imp = await this.load(id);
    if (!imp || !(UNFINISHED_IMPORT_STATUSES as readonly string[]).includes(imp.status) || imp.status === 'uploading') return { status: imp?.status ?? 'missing' };
    await this.slots.renew(id);
    // The staging tables are unlogged: after a PostgreSQL crash the file is gone and nothing may be merged from it.
    // Its rows are the staged lines and the skipped blocks' rows (docs/catalog-search.md, "Provider marks").
    const [{ staged }] = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM catalog_import_lines WHERE import_id = $1)
              + (SELECT coalesce(sum(rows), 0) FROM catalog_import_blocks WHERE import_id = $1 AND skipped) AS staged`,
      [id],
    )) as { staged: string }[];
    if (Number(staged) !== imp.rows_total) {
      await failImports(this.dataSource, [id], `The uploaded file is no longer staged (${staged} of ${imp.rows_total} rows; PostgreSQL restarted?): upload it again`);
      await this.slots.release([id]);
      return { status: 'failed' };
    }
    if (imp.status === 'queued' || imp.status === 'validating') {
      await this.dataSource.query(`UPDATE catalog_imports SET status = 'validating', updated_at = now() WHERE id = $1 AND status IN ('queued', 'validating')`, [id]);
      // The planner's idea of the staging table is otherwise the previous import's (or none): a sample
      // of 3,000 rows (migration 1764900290000), tens of milliseconds, keeps every join of the file sane.
      await this.dataSource.query(`ANALYZE catalog_import_lines`);
      const started = Date.now();
      const invalid = await this.validation.validate({
        id, actorRole: imp.actor_role, actorOrganizationId: imp.actor_organization_id, regionCode: imp.region_code, regionScope: imp.actor_region_scope,
        headerFields: imp.header_fields ?? 0,
      });
      this.logger.log({ importId: id, rows: imp.rows_total, invalid, ms: Date.now() - started }, 'catalogue import validated');
      if (invalid > 0 && imp.invalid_rows === 'reject') {
        await this.close(imp, 'rejected', { rowsInvalid: invalid });
        return { status: 'rejected' };
      }
      await this.dataSource.query(
        `UPDATE catalog_imports SET status = 'merging', rows_valid = rows_total - $2, rows_invalid = $2, updated_at = now() WHERE id = $1 AND status = 'validating'`,
        [id, invalid],
      );
      imp = (await this.load(id))!;
    }
    const target: ImportToMerge = {
      id, actorOrganizationId: imp.actor_organization_id, regionCode: imp.region_code, mergedThrough: imp.merged_through, withdrawMissing: imp.withdraw_missing,
    };
    const started = Date.now();
    await this.merge.createProviders(target);
    await this.merge.recordSkipped(target);
    const last = await this.merge.lastRow(id);
    for (let after = imp.merged_through; after < last; after = Math.min(last, after + this.batchRows)) {
      await this.merge.mergeBatch(target, after, Math.min(last, after + this.batchRows), imp.rows_invalid > 0);
    }
    if (imp.withdraw_missing) while ((await this.merge.withdrawBatch(target, this.batchRows)) === this.batchRows);
    // Fresh planner statistics for search right away, not when autovacuum's analyze threshold is next reached, when the
    // import changed enough of the catalogue to move them (docs/catalog-search.md, "After an import").
    const [{ changed, reltuples }] = (await this.dataSource.query(
      `SELECT (i.rows_inserted + i.rows_updated + i.rows_withdrawn)::int AS changed, c.reltuples::float8 AS reltuples
         FROM catalog_imports i, pg_class c WHERE i.id = $1 AND c.oid = 'catalog_services'::regclass`,
      [id],
    )) as { changed: number; reltuples: number }[];
    if (needsAnalyze(changed, reltuples)) await this.dataSource.query(`ANALYZE catalog_services`);
    await this.close(imp, 'completed', {});
    this.logger.log({ importId: id, rows: imp.rows_total, ms: Date.now() - started }, 'catalogue import merged');
    return { status: 'completed' };
  }

  private async load(id: string): Promise<ImportRecord | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT id, status, actor_role, actor_organization_id, region_code, actor_region_scope, header_fields, invalid_rows, withdraw_missing, merged_through, rows_total, rows_invalid
         FROM catalog_imports WHERE id = $1`,
      [id],
    )) as ImportRecord[];
    return row;
  }

  private async beat(id: string): Promise<void> {
    try {
      await this.dataSource.query(`UPDATE catalog_imports SET updated_at = now() WHERE id = $1 AND status IN ('queued', 'validating', 'merging')`, [id]);
      await this.slots.renew(id);
    } catch (err) {
      this.logger.warn({ err: String(err), importId: id }, 'import heartbeat failed');
    }
  }

  /** Completed or rejected: the staged file is dropped, the slot freed, and the outcome audited with the counts. */
  private async close(imp: ImportRecord, status: 'completed' | 'rejected', counts: { rowsInvalid?: number }): Promise<void> {
    await this.uow.run(async (tx) => {
      const [[row]] = (await tx.manager.query(
        `UPDATE catalog_imports
            SET status = $2, rows_invalid = coalesce($3, rows_invalid), rows_valid = rows_total - coalesce($3, rows_invalid), updated_at = now(), finished_at = now()
          WHERE id = $1 AND status IN ('validating', 'merging')
          RETURNING rows_total, rows_valid, rows_invalid, rows_inserted, rows_updated, rows_unchanged, rows_withdrawn, providers_created, bytes`,
        [imp.id, status, counts.rowsInvalid ?? null],
      )) as [Record<string, number | string>[], number];
      if (!row) return;
      await dropStaged(tx.manager, [imp.id]);
      tx.audit({
        action: `catalog.import.${status}`,
        subjectType: 'catalog_import',
        subjectId: imp.id,
        organizationId: imp.actor_organization_id,
        regionCode: imp.region_code,
        after: {
          rowsTotal: row.rows_total, rowsValid: row.rows_valid, rowsInvalid: row.rows_invalid, rowsInserted: row.rows_inserted, rowsUpdated: row.rows_updated,
          rowsUnchanged: row.rows_unchanged, rowsWithdrawn: row.rows_withdrawn, providersCreated: row.providers_created, bytes: Number(row.bytes),
        },
      });
    });
    await this.slots.release([imp.id]);
  }

  /** The last attempt failed: the import says so, and how far its merge got (those batches stay merged). */
  private async fail(id: string, err: unknown): Promise<void> {
    const imp = await this.load(id);
    if (!imp || !(UNFINISHED_IMPORT_STATUSES as readonly string[]).includes(imp.status)) return;
    const reason = err instanceof Error ? err.message : String(err);
    const message =
      imp.status === 'merging' && imp.merged_through > 1
        ? `The merge failed after rows 2-${imp.merged_through} were merged (those changes stay in the catalogue; import the file again to finish): ${reason}`
        : `The import failed before anything was merged: ${reason}`;
    await failImports(this.dataSource, [id], message);
    await this.slots.release([id]);
  }
}

/**
 * Marks unfinished imports failed with `message` (only those without progress for `staleAfterMs`,
 * when given) and drops what they staged. Returns the ids it failed.
 */
export async function failImports(dataSource: DataSource, ids: string[], message: string, staleAfterMs?: number): Promise<string[]> {
  if (ids.length === 0) return [];
  const [rows] = (await dataSource.query(
    `UPDATE catalog_imports SET status = 'failed', error_message = $2, updated_at = now(), finished_at = now()
      WHERE id = ANY($1::uuid[]) AND status = ANY($3::text[])
        AND ($4::double precision IS NULL OR updated_at < now() - make_interval(secs => $4::double precision / 1000))
      RETURNING id`,
    [ids, message.slice(0, 1000), UNFINISHED_IMPORT_STATUSES, staleAfterMs ?? null],
  )) as [{ id: string }[], number];
  const failed = rows.map((r) => r.id);
  if (failed.length) await dropStaged(dataSource.manager, failed);
  return failed;
}

/** What an import staged and worked out, gone once it ended: its lines, blocks and providers. */
export async function dropStaged(manager: EntityManager, ids: string[]): Promise<void> {
  await manager.query(
    `WITH lines AS (DELETE FROM catalog_import_lines WHERE import_id = ANY($1::uuid[])),
          blocks AS (DELETE FROM catalog_import_blocks WHERE import_id = ANY($1::uuid[]))
     DELETE FROM catalog_import_providers WHERE import_id = ANY($1::uuid[])`,
    [ids],
  );
}

/**
 * Whether an import that changed `changed` services should analyse catalog_services now: the rule autovacuum applies
 * with its defaults (50 rows plus a tenth of the table since the last analyse), or the table never analysed. Below it
 * the statistics barely move, and ANALYZE samples up to 30,000 whole rows with their search columns: about a second at
 * 200,000 services, a fifth of re-importing an unchanged file.
 */
export function needsAnalyze(changed: number, reltuples: number): boolean {
  return reltuples < 0 || changed > 50 + 0.1 * reltuples;
}
