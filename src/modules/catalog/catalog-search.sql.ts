import { RATING_COLUMNS } from './catalog.mapper';
import { SearchQuery } from './search-tokens';

/** Positional parameters of one statement. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The normalised name: the first field of search_text (docs/catalog-search.md, "Order"). */
export const NAME_KEY = `split_part(s.search_text, ' | ', 1)`;

/**
 * The predicates of one search over `catalog_services s`, each written into the statement's own
 * parameters. `scope` holds for every row a search may return: listed, of an admitted provider, and
 * within the filters. With a keyword, a row is a match when it is an exact match (tier 0: normalised
 * name or lower-cased code equal to what was typed) or a text match (tier 1 when its name holds every
 * keyword, else tier 2).
 */
export interface SearchPredicates {
  /**
   * status = 'active', an admitted provider, category / region / provider / recognisedOnly. `keywordIndex`: the statement
   * also asks for the keyword and should find its rows through the keyword index, recognisedOnly included (its form
   * matching the index's second column; recognisedKeysPredicate()).
   */
  scope(p: SqlParams, keywordIndex?: boolean): string;
  /** Null without a keyword. */
  keyword: null | {
    exact(p: SqlParams): string;
    text(p: SqlParams): string;
    name(p: SqlParams): string;
    /** The name's character index (GIN, partial on status = 'active'): a superset of name(). */
    nameChars(p: SqlParams): string;
  };
}

/** Provider admission without a join (a join's hash could reorder the walk): the few providers not admitted, as an array. */
export const ADMITTED = `s.provider_id <> ALL (ARRAY(SELECT o.id FROM read_organizations o WHERE o.kind = 'provider' AND o.admission_status IS DISTINCT FROM 'active'))`;

export function keywordPredicates(search: SearchQuery): NonNullable<SearchPredicates['keyword']> {
  return {
    exact: (p) => `(${NAME_KEY} = ${p.add(search.exact)} OR lower(s.code) = ${p.add(search.exact)})`,
    text: (p) => [`s.search_tokens @@ ${p.add(search.tsquery)}::tsquery`, ...search.patterns.map((x) => `s.search_text LIKE ${p.add(x)}`)].join(' AND '),
    name: (p) => search.keywords.map((x) => `${NAME_KEY} LIKE ${p.add(x)}`).join(' AND '),
    nameChars: (p) => `string_to_array(${NAME_KEY}, NULL) @> ${p.add(search.chars)}::text[]`,
  };
}

/** The columns every search step reads of a match: enough to order it, count it and put it into facets. */
export const HIT_COLUMNS = `s.id, s.category, s.region_code, s.provider_id`;

export interface HitRow {
  id: string;
  tier: number;
  category: string;
  region_code: string;
  provider_id: string;
  /** Set when the step read the whole service (the probe does): the page then needs no second read. */
  name?: string;
}

/**
 * A service row as the page shows it, without a join (a join could reorder a walk): the provider's
 * name and the rating counter by a lookup per row, for the probe's few dozen rows.
 */
export const PROBE_COLUMNS = `s.id, s.provider_id, (SELECT o.name FROM read_organizations o WHERE o.id = s.provider_id) AS provider_name, s.code,
  s.name, s.category, s.unit_price_fen, s.unit, s.lead_time_days, s.instrument_name, s.instrument_model, s.description, s.region_code, s.status,
  s.version, s.created_at, s.updated_at, ${RATING_COLUMNS}`;
