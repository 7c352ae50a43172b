import { createHash } from 'node:crypto';
import { SearchQuery, textRuns } from '../search-tokens';

/**
 * What the external search engine indexes of a service, and the queries that find it (docs/catalog-search.md,
 * "An external search engine"). The engine never sees Chinese: we hand it tokens of our own, so its tokenizer and
 * character tables cannot disagree with PostgreSQL's search, and both find exactly the same services.
 *
 * - a Han character → `h` + its code point in hex (光 → h5149); a run of them stays in order, so a phrase of
 *   tokens is a contiguous run of characters;
 * - a word of other scripts (already NFKC and lower case) → `w` + the word when it is ASCII letters and digits,
 *   else `v` + a hash of it; a word is matched whole, as in PostgreSQL;
 * - after every run the separator `zz`, so a phrase never spans two runs (光谱 分析 does not hold 谱分);
 * - for the name only, a third field of every substring of its words (`s…`, or `u` + a hash): a service is a
 *   name match (tier 1) when its name holds each keyword as a substring (`LIKE '%kw%'` in PostgreSQL).
 *
 * The name is the first field of search_text (up to ` | `), the body the rest: what PostgreSQL reads for the tiers.
 */
export const RUN_END = 'zz';

/** Substrings of a word longer than this are not indexed; a query word longer than this is searched by PostgreSQL. */
export const MAX_SUBSTRING = 32;

const ASCII_WORD = /^[a-z0-9]{1,40}$/;
const hashed = (prefix: string, text: string) => prefix + createHash('sha1').update(text).digest('hex').slice(0, 39);

function wordToken(word: string): string {
  return ASCII_WORD.test(word) ? `w${word}` : hashed('v', word);
}

function substringToken(sub: string): string {
  return ASCII_WORD.test(sub) ? `s${sub}` : hashed('u', sub);
}

function hanTokens(run: string): string[] {
  return Array.from(run, (c) => `h${c.codePointAt(0)!.toString(16)}`);
}

/** Tokens of one field of normalised text, runs in order, each followed by RUN_END. */
export function fieldTokens(normalized: string): string {
  const out: string[] = [];
  for (const run of textRuns(normalized)) {
    if (run.kind === 'word') out.push(wordToken(run.text));
    else out.push(...hanTokens(run.text));
    out.push(RUN_END);
  }
  return out.join(' ');
}

/** Every distinct substring (at most MAX_SUBSTRING long) of the words of the name, as tokens. */
export function nameSubstringTokens(normalizedName: string): string {
  const out = new Set<string>();
  for (const run of textRuns(normalizedName)) {
    if (run.kind !== 'word') continue;
    const cs = Array.from(run.text);
    for (let i = 0; i < cs.length; i++) {
      for (let j = i + 1; j <= Math.min(cs.length, i + MAX_SUBSTRING); j++) out.add(substringToken(cs.slice(i, j).join('')));
    }
  }
  return [...out].join(' ');
}

/** The engine's fields of a service from its search_text (NFKC, lower case, fields joined by ' | '). */
export function engineFields(searchText: string): { name: string; body: string; namesub: string } {
  const cut = searchText.indexOf(' | ');
  const name = cut < 0 ? searchText : searchText.slice(0, cut);
  const body = cut < 0 ? '' : searchText.slice(cut + 3);
  return { name: fieldTokens(name), body: fieldTokens(body), namesub: nameSubstringTokens(name) };
}

export interface EngineMatch {
  /** Every text match (tiers 1 and 2). */
  all: string;
  /** Text matches whose name holds every keyword (tier 1). */
  tier1: string;
  /** Text matches whose name does not (tier 2). */
  tier2: string;
}

/**
 * The engine's full-text expressions for a query, or null when the engine cannot answer it exactly (a word longer
 * than MAX_SUBSTRING: its name test needs substrings the index does not hold), and PostgreSQL searches instead.
 * Tokens are [a-z0-9] only, so nothing in them needs escaping in the engine's query language.
 */
export function engineMatch(query: SearchQuery): EngineMatch | null {
  const text: string[] = [];
  const inName: string[] = [];
  const inNameWords: string[] = [];
  for (const run of query.runs) {
    if (run.kind === 'word') {
      if (Array.from(run.text).length > MAX_SUBSTRING) return null;
      text.push(wordToken(run.text));
      inNameWords.push(substringToken(run.text));
      continue;
    }
    const tokens = hanTokens(run.text);
    const term = tokens.length === 1 ? tokens[0] : `"${tokens.join(' ')}"`;
    text.push(term);
    inName.push(term);
  }
  const all = `(@(name,body) ${text.join(' ')})`;
  const name = [inName.length ? `(@name ${inName.join(' ')})` : '', inNameWords.length ? `(@namesub ${inNameWords.join(' ')})` : ''].filter(Boolean).join(' ');
  return { all, tier1: `${all} ${name}`, tier2: `${all} -(${name})` };
}
