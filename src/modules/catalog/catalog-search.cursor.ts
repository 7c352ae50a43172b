import { createHash } from 'node:crypto';
import { DomainError } from '../../platform/errors/domain-error';
import { CatalogSearchQueryDto } from './dto/catalog-service.dto';

/**
 * Where a page of catalogue search ended (keyset pagination). Opaque to clients: base64url of a small
 * JSON object. `tier` and `id` for keyword searches (order: tier, id), `name` and `id` without a keyword
 * (order: name, id); `search` fingerprints the query and filters, so a cursor of another search is refused.
 */
export interface SearchCursor {
  search: string;
  tier: number | null;
  id: string;
  name: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A short fingerprint of what decides the result set and its order. */
export function searchFingerprint(query: CatalogSearchQueryDto): string {
  const key = [query.q?.trim() ?? '', query.category ?? '', query.regionCode ?? '', query.providerId ?? '', query.recognisedOnly ? 1 : 0];
  return createHash('sha256').update(JSON.stringify(key)).digest('base64url').slice(0, 12);
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([1, cursor.search, cursor.tier, cursor.id, cursor.name])).toString('base64url');
}

/** The cursor the client sent back, checked against this search; 400 with field `cursor` when it is not one of ours. */
export function decodeCursor(raw: string, query: CatalogSearchQueryDto): SearchCursor {
  const bad = () => DomainError.invalid('cursor', 'cursor must be a nextCursor value returned by this search');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || parsed[0] !== 1) throw bad();
  const [, search, tier, id, name] = parsed as unknown[];
  const keyword = !!query.q?.trim();
  if (typeof search !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw bad();
  if (keyword ? !(tier === 0 || tier === 1 || tier === 2) || name !== null : tier !== null || typeof name !== 'string' || name.length > 200) throw bad();
  if (search !== searchFingerprint(query)) throw DomainError.invalid('cursor', 'cursor belongs to another search (q or filters changed); start again without it');
  return { search, tier: tier as number | null, id, name: name as string | null };
}
