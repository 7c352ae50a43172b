import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MAX_FEN } from '../../../platform/validation/validation';
import { SERVICE_CODE_PATTERN } from '../dto/catalog-service.dto';
import { ImportColumn } from './catalog-import.rows';

/** New providers one partner import may create (each is one audit row of the merge's first transaction). */
export const IMPORT_MAX_NEW_PROVIDERS = 2_000;

/** What validation needs to know of an import. */
export interface ImportToValidate {
  id: string;
  actorRole: string;
  actorOrganizationId: string;
  regionCode: string;
  regionScope: string[];
  headerFields: number;
}

const USCC_MESSAGES = {
  length: 'must be exactly 18 characters',
  lowercase: 'must be upper case',
  charset: 'may contain only digits and the letters A-H J-N P-R T U W-Y',
  check_character: 'has a wrong check character (GB 32100-2015)',
} as const;

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A text column of `min`..`max` characters (0 = optional); a NUL character (removed when staged) is a problem of its own. */
function textRule(column: ImportColumn, min: number, max: number): string {
  const tooShort = min === 1 ? 'is required' : `must be at least ${min} characters`;
  return `CASE WHEN ${sqlString(column)} = ANY (l.nul_columns) THEN 'contains a NUL character'
               WHEN char_length(l.${column}) = 0 AND ${min} = 0 THEN NULL
               WHEN char_length(l.${column}) < ${min} THEN ${sqlString(tooShort)}
               WHEN char_length(l.${column}) > ${max} THEN ${sqlString(`must be at most ${max} characters`)} END`;
}

/**
 * A whole number of at most 16 digits within min..max (checked as text first: the cast never fails).
 * `^[0-9]+$` and a length check rather than `^[0-9]{1,16}$`: PostgreSQL's regex engine runs a
 * bounded repeat as that many states, several times slower (docs/catalog-search.md, "Bulk import").
 */
function integerRule(column: ImportColumn, min: number, max: number, what: string): string {
  const message = sqlString(`must be ${what}`);
  return `CASE WHEN l.${column} !~ '^[0-9]+$' OR char_length(l.${column}) > 16 THEN ${message} WHEN l.${column}::bigint NOT BETWEEN ${min} AND ${max} THEN ${message} END`;
}

/**
 * A pattern ending in a bounded repeat (`…[set]{0,n}$`) as an unbounded one (`…[set]*$`) plus the
 * longest length it allows: the same strings, and several times faster in PostgreSQL (integerRule).
 */
export function unboundedPattern(pattern: RegExp): { source: string; maxLength: number } {
  const match = /^\^(\[[^\]]+\])(\[[^\]]+\])\{0,(\d+)\}\$$/.exec(pattern.source);
  if (!match) throw new Error(`unboundedPattern: unexpected pattern ${pattern.source}`);
  return { source: `^${match[1]}${match[2]}*$`, maxLength: 1 + Number(match[3]) };
}

const SERVICE_CODE_SQL = unboundedPattern(SERVICE_CODE_PATTERN);

/**
 * Set-wise validation of a staged file (catalog_import_lines), a few statements over all its rows
 * instead of a loop in Node: every problem of every row becomes one catalog_import_errors row
 * (row number, field, message: the same rules and words as the single-service API). Re-running it
 * starts over, so a retried job validates the same way.
 */
@Injectable()
export class CatalogImportValidation {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns the number of invalid rows; the import's providers are in catalog_import_providers afterwards. */
  async validate(imp: ImportToValidate): Promise<number> {
    const q = this.dataSource;
    await q.query(`DELETE FROM catalog_import_errors WHERE import_id = $1`, [imp.id]);
    await q.query(`DELETE FROM catalog_import_providers WHERE import_id = $1`, [imp.id]);
    const ownUscc = await this.resolveProviders(imp);
    // Fresh statistics of the USCCs just resolved: with the previous import's, the planner joined every staged row to every provider in a loop.
    await q.query(`ANALYZE catalog_import_providers`);
    await q.query(this.rowProblemsSql(ownUscc), ownUscc === null ? [imp.id, imp.headerFields, imp.regionScope] : [imp.id, imp.headerFields]);
    // The file's rows are read again for the repeats rather than kept in a CTE: an empty set of repeats then costs one aggregate.
    await q.query(
      `WITH dup AS (
         SELECT l.provider_uscc, l.service_code, min(l.row_number) AS first FROM catalog_import_lines l
          WHERE l.import_id = $1 AND NOT EXISTS (SELECT 1 FROM catalog_import_errors e WHERE e.import_id = $1 AND e.row_number = l.row_number)
          GROUP BY l.provider_uscc, l.service_code HAVING count(*) > 1)
       INSERT INTO catalog_import_errors (import_id, row_number, field, message)
       SELECT $1, v.row_number, 'service_code', format('repeats row %s (same provider and service code)', d.first)
         FROM catalog_import_lines v JOIN dup d ON d.provider_uscc = v.provider_uscc AND d.service_code = v.service_code
        WHERE v.import_id = $1 AND v.row_number > d.first
          AND NOT EXISTS (SELECT 1 FROM catalog_import_errors e WHERE e.import_id = $1 AND e.row_number = v.row_number)
        ORDER BY v.row_number`,
      [imp.id],
    );
    const [{ invalid }] = (await q.query(`SELECT count(DISTINCT row_number)::int AS invalid FROM catalog_import_errors WHERE import_id = $1`, [imp.id])) as { invalid: number }[];
    if (invalid > 0) {
      // Providers none of whose rows are valid are neither created nor touched by withdrawal.
      await q.query(
        `DELETE FROM catalog_import_providers WHERE import_id = $1 AND uscc NOT IN (
           SELECT l.provider_uscc FROM catalog_import_lines l
            WHERE l.import_id = $1 AND NOT EXISTS (SELECT 1 FROM catalog_import_errors e WHERE e.import_id = $1 AND e.row_number = l.row_number))`,
        [imp.id],
      );
    }
    return invalid;
  }

  /**
   * The USCCs the file names, once each, with their format problem: a provider's import may name
   * only itself (other USCCs get no provider); a partner import names existing providers (checked
   * per row below) or new ones, which get their id now and the provider_name of their first row that
   * has a usable one. Returns the own USCC of a provider's import.
   */
  private async resolveProviders(imp: ImportToValidate): Promise<string | null> {
    const own =
      imp.actorRole === 'partner_admin'
        ? null
        : ((await this.dataSource.query(`SELECT id, uscc FROM read_organizations WHERE id = $1`, [imp.actorOrganizationId])) as { id: string; uscc: string }[])[0];
    // One pass over the file: each USCC once, with its format problem, its first row (with a usable name) and its provider.
    await this.dataSource.query(
      `WITH named AS (
         SELECT provider_uscc AS uscc, uscc_problem(provider_uscc) AS problem, min(row_number) AS first_row,
                min(row_number) FILTER (WHERE char_length(provider_name) BETWEEN 2 AND 200) AS first_named_row
           FROM catalog_import_lines WHERE import_id = $1 AND field_count = $2 GROUP BY provider_uscc),
       resolved AS (
         SELECT u.uscc, u.problem, u.first_row, u.first_named_row, o.id, o.kind, o.region_code, o.admission_status
           FROM named u LEFT JOIN read_organizations o ON u.problem IS NULL AND o.uscc = u.uscc
          WHERE $4::uuid IS NULL OR o.id IS NULL OR o.id = $4::uuid)
       INSERT INTO catalog_import_providers (import_id, uscc, uscc_problem, provider_id, name, kind, region_code, admission_status, is_new, new_rank)
       SELECT $1, r.uscc, r.problem,
              CASE WHEN r.id IS NOT NULL THEN r.id WHEN r.problem IS NULL AND $4::uuid IS NULL THEN gen_random_uuid() END,
              l.provider_name, r.kind, coalesce(r.region_code, $3), r.admission_status, r.id IS NULL AND r.problem IS NULL AND $4::uuid IS NULL,
              CASE WHEN r.id IS NULL AND r.problem IS NULL AND $4::uuid IS NULL THEN row_number() OVER (PARTITION BY r.id IS NULL AND r.problem IS NULL ORDER BY r.first_row) END
         FROM resolved r
         JOIN catalog_import_lines l ON l.import_id = $1 AND l.row_number = coalesce(r.first_named_row, r.first_row)`,
      [imp.id, imp.headerFields, imp.regionCode, own?.id ?? null],
    );
    return own?.uscc ?? null;
  }

  /**
   * Every rule of one row, in the order of the columns, then the provider rule; a row whose field
   * count differs from the header's gets that one problem only. $1 import, $2 header fields, and for
   * a partner import $3, the importer's region scope.
   */
  private rowProblemsSql(ownUscc: string | null): string {
    const uscc = Object.entries(USCC_MESSAGES)
      .map(([problem, message]) => `WHEN ${sqlString(problem)} THEN ${sqlString(message)}`)
      .join(' ');
    const providerRule =
      ownUscc !== null
        ? `CASE WHEN l.provider_uscc <> ${sqlString(ownUscc)} THEN ${sqlString(`must be your own organisation’s USCC (${ownUscc})`)} END`
        : `CASE WHEN ip.kind IS NOT NULL AND ip.kind <> 'provider' THEN 'belongs to an organisation that is not a provider'
                WHEN NOT ip.is_new AND NOT (ip.region_code = ANY ($3::text[])) THEN format('belongs to a provider of another region (%s)', ip.region_code)
                WHEN NOT ip.is_new AND ip.admission_status IS DISTINCT FROM 'active'
                  THEN format('belongs to a provider that is not admitted (admission status %s)', coalesce(ip.admission_status, 'none'))
                WHEN ip.is_new AND ip.new_rank > ${IMPORT_MAX_NEW_PROVIDERS}
                  THEN ${sqlString(`more than ${IMPORT_MAX_NEW_PROVIDERS} new providers in one import; split the file`)} END`;
    const rules: [ImportColumn | 'row', string][] = [
      ['provider_uscc', `CASE WHEN ip.uscc_problem IS NOT NULL THEN concat(CASE WHEN l.provider_uscc <> '' THEN format('''%s'' ', l.provider_uscc) END, CASE ip.uscc_problem ${uscc} END) END`],
      ['provider_name', textRule('provider_name', 2, 200)],
      ['service_code', `CASE WHEN l.service_code !~ ${sqlString(SERVICE_CODE_SQL.source)} OR char_length(l.service_code) > ${SERVICE_CODE_SQL.maxLength} THEN 'must be 1-64 letters, digits or . _ / - (starting with a letter or digit)' END`],
      ['name', textRule('name', 2, 200)],
      ['category', `CASE WHEN l.category <> ALL (ARRAY(SELECT code FROM service_categories)) THEN CASE WHEN l.category = '' THEN 'is required' ELSE format('unknown category ''%s''', l.category) END END`],
      ['unit_price_fen', integerRule('unit_price_fen', 1, MAX_FEN, `a positive integer number of fen (at most ${MAX_FEN})`)],
      ['unit', textRule('unit', 1, 20)],
      ['lead_time_days', integerRule('lead_time_days', 0, 365, 'an integer from 0 to 365')],
      ['instrument_name', textRule('instrument_name', 0, 200)],
      ['instrument_model', textRule('instrument_model', 0, 100)],
      ['description', textRule('description', 0, 2000)],
      ['provider_uscc', `CASE WHEN ip.uscc_problem IS NULL THEN ${providerRule} END`],
    ];
    // Each row's messages (null where a rule holds); a row passes when none is set (num_nonnulls, no
    // array built), and only the rows that fail build the array of their messages, unnested.
    const fields = ['row', ...rules.map(([field]) => field)];
    const messages = [
      `CASE WHEN l.field_count <> $2 THEN format('has %s fields, the header has %s', l.field_count, $2) END`,
      ...rules.map(([, rule]) => `CASE WHEN l.field_count = $2 THEN ${rule} END`),
    ];
    return `
      WITH checked AS (
        SELECT l.row_number, ARRAY[${messages.join(',\n')}] AS messages
          FROM catalog_import_lines l
          LEFT JOIN catalog_import_providers ip ON ip.import_id = $1 AND ip.uscc = l.provider_uscc
         WHERE l.import_id = $1 AND num_nonnulls(${messages.join(',\n')}) > 0)
      INSERT INTO catalog_import_errors (import_id, row_number, field, message)
      SELECT $1, c.row_number, p.field, p.message
        FROM checked c
        CROSS JOIN LATERAL unnest(${`ARRAY[${fields.map(sqlString).join(', ')}]`}::text[], c.messages) WITH ORDINALITY AS p(field, message, ord)
       WHERE p.message IS NOT NULL
       ORDER BY c.row_number, p.ord`;
  }
}
