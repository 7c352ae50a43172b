/**
 * Chinese keyword search without a segmenter (中文检索). PostgreSQL's 'simple' parser treats a run
 * of Han characters as one word, so '光谱' would never match '红外光谱分析'. We index n-grams
 * instead: every Han character (unigram, for 1-character queries) and every overlapping pair
 * (bigram, for everything longer), plus whole words of other scripts (ICP-MS → icp, ms).
 * A query of n ≥ 2 Han characters becomes its n-1 bigrams ANDed; a contiguous, case-insensitive
 * LIKE recheck on the lower-cased search_text then drops rows that hold the bigrams apart. See docs/catalog-search.md.
 *
 * Both sides are built here: the index with array_to_tsvector(tokens) and the query as a
 * tsquery literal of the same tokens. PostgreSQL's parser never runs, so the two always agree
 * (and the import skips to_tsvector's parser, its slowest step).
 */

export type TextRun = { kind: 'han' | 'word'; text: string };

const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** 'han' for Han characters, 'word' for letters and digits of other scripts, null for separators. */
function classify(cp: number): 'han' | 'word' | null {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) ? 'word' : null;
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf)) return 'han'; // the common CJK blocks, without a regex
  const ch = String.fromCodePoint(cp);
  if (HAN.test(ch)) return 'han';
  return LETTER_OR_DIGIT.test(ch) ? 'word' : null;
}

/** Full-width to half-width (ＩＣＰ → ICP, （ → (), then lower case: what both sides of a match see. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Maximal runs of Han characters, and of letters/digits of other scripts. Anything else separates. */
export function textRuns(normalized: string): TextRun[] {
  const runs: TextRun[] = [];
  let kind: TextRun['kind'] | null = null;
  let start = 0;
  for (let i = 0; i < normalized.length; ) {
    const cp = normalized.codePointAt(i)!;
    const next = classify(cp);
    if (next !== kind) {
      if (kind) runs.push({ kind, text: normalized.slice(start, i) });
      kind = next;
      start = i;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (kind) runs.push({ kind, text: normalized.slice(start) });
  return runs;
}

/**
 * The text kept for the LIKE recheck (NFKC, lower case, so LIKE is case-insensitive): the searchable fields, normalised, joined by ' | '. Patterns
 * are runs of letters, digits or Han characters only, so no match can span two fields.
 */
export function searchText(fields: (string | null | undefined)[]): string {
  return normalizeSearchText(fields.filter((f): f is string => !!f && f.length > 0).join(' | '));
}

/** Code points of a run (CJK extension B+ characters are surrogate pairs). */
function chars(run: string): string[] {
  return SURROGATE.test(run) ? Array.from(run) : run.split('');
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Index tokens of an already normalised searchable text, for array_to_tsvector (which drops
 * duplicates, so we do not: a Set here doubled the import's tokenising time).
 */
export function indexTokens(normalized: string): string[] {
  const tokens: string[] = [];
  for (const run of textRuns(normalized)) {
    if (run.kind === 'word') {
      tokens.push(run.text);
      continue;
    }
    const cs = chars(run.text);
    for (let i = 0; i < cs.length; i++) {
      tokens.push(cs[i]);
      if (i + 1 < cs.length) tokens.push(cs[i] + cs[i + 1]);
    }
  }
  return tokens;
}

export interface SearchQuery {
  /** A tsquery literal: the query's bigrams (its unigram for a 1-character run) and words, ANDed. */
  tsquery: string;
  /**
   * The contiguous recheck (LIKE '%run%' on the lower-cased search_text), only for Han runs of three or more
   * characters: the tokens of a 1- or 2-character Han run or of a word already match exactly that run.
   */
  patterns: string[];
  /** Every run as a LIKE pattern: a service whose name holds all of them is a name match (tier 1). */
  keywords: string[];
  /** The distinct characters of all runs: the name's character index narrows name matches with them. */
  chars: string[];
  /** What the user typed, trimmed and normalised: equal to a service's normalised name or lower-cased code → exact match (tier 0). */
  exact: string;
  /** Its runs in order (an external search engine builds its own query from them). */
  runs: TextRun[];
}

/** Turns what a user typed into index tokens and recheck patterns; null when nothing searchable remains. */
export function buildSearchQuery(q: string): SearchQuery | null {
  const exact = normalizeSearchText(q.trim());
  const runs = textRuns(exact);
  if (runs.length === 0) return null;
  const tokens = new Set<string>();
  const patterns = new Set<string>();
  const keywords = new Set<string>();
  const letters = new Set<string>();
  for (const run of runs) {
    keywords.add(run.text);
    const cs = chars(run.text);
    for (const c of cs) letters.add(c);
    if (run.kind === 'word') {
      tokens.add(run.text);
      continue;
    }
    if (cs.length === 1) tokens.add(cs[0]);
    if (cs.length > 2) patterns.add(run.text);
    for (let i = 0; i + 1 < cs.length; i++) tokens.add(cs[i] + cs[i + 1]);
  }
  return { tsquery: tsqueryLiteral([...tokens]), patterns: [...patterns].map(likePattern), keywords: [...keywords].map(likePattern), chars: [...letters], exact, runs };
}

/** 'a' & 'b': quoted lexemes are taken verbatim by the tsquery input function. */
export function tsqueryLiteral(tokens: string[]): string {
  return tokens.map((t) => `'${t.replace(/['\\]/g, (c) => (c === "'" ? "''" : '\\\\'))}'`).join(' & ');
}

/**
 * A PostgreSQL array literal of index tokens (for COPY), every element quoted so that a word like
 * "null" stays a word. Tokens hold only letters, digits and Han characters, so nothing needs escaping.
 */
export function arrayLiteral(tokens: string[]): string {
  return tokens.length ? `{"${tokens.join('","')}"}` : '{}';
}

/** '%text%' with LIKE's wildcards escaped (runs hold only letters and digits, but stay safe). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
