/**
 * Ranked full-text search over installed templates, in one weighted pass: BM25 over every
 * field with per-field weights (BM25F-style, tuned on the dev sets of `npm run quality`), over
 * a Porter-stemmed index. The query is analyzed first (analyze.ts): stop words dropped,
 * phrases of adjacent words, alias phrases and formula features added; in the search box the
 * last word matches as a prefix and unknown words are corrected to the nearest name/tag word.
 * Optional pack/chapter/section/tag filters; a highlighted snippet from the best field.
 *
 * Any word may match (OR): a template holding more of the query's words, rarer ones and in
 * heavier fields ranks higher, and one shared word in a name no longer beats ten in a
 * description. Phrases the user quoted are required.
 */
import type Database from 'better-sqlite3';
import type { MethodParsedInput } from '../../../shared/contract.js';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchHit } from '../../../shared/domain.js';
import { cachedStatement } from '../db/statement-cache.js';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './summary-row.js';
import { FTS_COLUMNS, type FtsColumn } from './fts-document.js';
import { buildRankedQuery, type RankedQuery } from './ranked-query.js';

export type SearchInput = MethodParsedInput<'library.search'>;
/** 'box': what a person types in the Library search (prefix, typos); 'problem': a problem statement or step text. */
export type SearchMode = 'box' | 'problem';

/** BM25 weight per field (tuned on the dev sets; see docs/retrieval.md). */
export const FIELD_WEIGHTS: Record<FtsColumn, number> = { name: 5, tags: 3, description: 2, scope: 1.5, steps: 1, examples: 0.5 };
const SNIPPET_TOKENS = 16;
const TABLE = 'templates_fts';
const HEAD_TABLE = 'templates_head_fts';
type Table = typeof TABLE | typeof HEAD_TABLE;

/**
 * How to read a query when the caller does not say: a problem statement (math, or more than
 * MAX_BOX_WORDS words: pasted or sent by the tutor) is searched as a problem, anything
 * shorter as typed words (prefix for the last word, typo correction).
 */
export const MAX_BOX_WORDS = 8;
export function inferMode(query: string): SearchMode {
  if (/[$\\^=]/.test(query)) return 'problem';
  let words = 0;
  for (const _ of query.matchAll(/\S+/g)) if (++words > MAX_BOX_WORDS) return 'problem';
  return 'box';
}

export function searchTemplates(
  db: Database.Database,
  input: SearchInput,
  mode: SearchMode = 'box',
  weights: Readonly<Record<FtsColumn, number>> = FIELD_WEIGHTS,
): SearchHit[] {
  const query = buildRankedQuery(db, input.query, mode);
  if (query === null) return [];
  return runRanked(db, query, input, weights);
}

/** Runs an already-built query (retrieve.ts builds one from several texts). */
export function runRanked(
  db: Database.Database,
  query: RankedQuery,
  input: Omit<SearchInput, 'query'>,
  weights: Readonly<Record<FtsColumn, number>> = FIELD_WEIGHTS,
): SearchHit[] {
  const ranked = rankRowids(db, query, input, weights);
  if (ranked.length === 0) return [];

  const rowids = ranked.map((r) => r.rowid);
  const details = cachedStatement(db, detailSql(query.hasPrefix)).all({
    match: query.match,
    ids: JSON.stringify(rowids),
    ...(query.hasPrefix ? { lo: Math.min(...rowids), hi: Math.max(...rowids) } : {}),
  }) as DetailRow[];
  const byRowid = new Map(details.map((d) => [d.rowid, d]));
  const hits: SearchHit[] = [];
  for (const { rowid, score } of ranked) {
    const row = byRowid.get(rowid);
    if (!row) continue;
    // The snippet column carries the chosen column's index as its first character.
    const field = FTS_COLUMNS[Number(row.snip[0])] ?? 'description';
    hits.push({ template: toSummary(row), score: -score, snippet: row.snip.slice(1), snippetField: field });
  }
  return hits;
}

/**
 * A word in more templates than this is "common": its matches are too many to rank one by one
 * within the time budget, and its weight in BM25 is small anyway.
 */
export const COMMON_DF = 1_000;

type Ranked = { rowid: number; score: number }[];

/**
 * The one weighted ranking, with the work bounded. FTS5's bm25() counts every match of every
 * query term once per query (for its inverse document frequency), so a term in most of
 * 100,000 templates costs a full pass over its matches. When every word occurs in at most
 * COMMON_DF templates (any library of a few thousand templates, and specific queries in any
 * library) all terms are ranked together. Otherwise the common words (whose BM25 weight is
 * small anyway) and the phrases holding them are left out and the rest ranked; when every
 * word is common, the name/tag index alone is ranked (short fields: a bounded pass). The
 * document counts are read with a LIMIT, so they cost at most COMMON_DF steps per word.
 */
function rankRowids(db: Database.Database, query: RankedQuery, input: Omit<SearchInput, 'query'>, weights: Readonly<Record<FtsColumn, number>>): Ranked {
  const filters = filterParams(input);
  const rank = (match: string, table: Table = TABLE): Ranked =>
    cachedStatement(db, rankingSql(input, weights, table)).all({ ...filters, match, limit: input.limit }) as Ranked;
  const singles = query.terms.filter((t) => t.words.length === 1 && !t.prefix);
  const counts = new Map(singles.map((t) => [t.words[0]!, cappedCount(db, t.expr)]));
  const common = new Set([...counts].filter(([, n]) => n > COMMON_DF).map(([w]) => w));
  if (common.size === 0) return rank(query.match);
  const kept = query.terms.filter((t) => !t.prefix && t.words.every((w) => !common.has(w)) && t.words.some((w) => (counts.get(w) ?? 1) > 0));
  if (kept.length > 0) {
    const optional = kept.map((t) => t.expr).join(' OR ');
    return rank(query.required ? `${query.required} AND (${query.required} OR ${optional})` : optional);
  }
  return rank(query.match, HEAD_TABLE);
}

/** How many templates match a term, counting at most COMMON_DF + 1. */
function cappedCount(db: Database.Database, expr: string): number {
  return (
    cachedStatement(db, `SELECT count(*) AS n FROM (SELECT 1 FROM templates_fts WHERE templates_fts MATCH ? LIMIT ${COMMON_DF + 1})`).get(expr) as { n: number }
  ).n;
}

interface DetailRow extends SummaryRow {
  rowid: number;
  snip: string;
}

function filterParams(input: Omit<SearchInput, 'query'>): Record<string, unknown> {
  return {
    ...(input.packId !== undefined ? { packId: input.packId } : {}),
    ...(input.chapter !== undefined ? { chapter: input.chapter } : {}),
    ...(input.section !== undefined ? { section: input.section } : {}),
    ...(input.tag !== undefined ? { tag: input.tag } : {}),
  };
}

/**
 * Ranks matches and returns only rowid and score: SQLite keeps just the best `limit` rows
 * while scanning, and nothing heavier than bm25() is computed per match. One SQL text per
 * combination of filters, each prepared once per connection.
 */
function rankingSql(input: Omit<SearchInput, 'query'>, weights: Readonly<Record<FtsColumn, number>>, table: Table = TABLE): string {
  const filters = [
    input.packId !== undefined ? 't.pack_id = @packId' : '',
    input.chapter !== undefined ? 't.chapter = @chapter' : '',
    input.section !== undefined ? 't.section = @section' : '',
    input.tag !== undefined ? 'EXISTS (SELECT 1 FROM template_tags g WHERE g.tag = @tag AND g.pack_id = t.pack_id AND g.template_rowid = t.rowid)' : '',
  ].filter(Boolean);
  const columns: readonly FtsColumn[] = table === TABLE ? FTS_COLUMNS : ['name', 'tags'];
  const weightList = columns.map((c) => weights[c].toFixed(2)).join(', ');
  // CROSS JOIN keeps the full-text match as the outer loop; the join exists only to filter.
  const join = filters.length ? ` CROSS JOIN templates t ON t.rowid = ${table}.rowid` : '';
  return `SELECT ${table}.rowid AS rowid, bm25(${table}, ${weightList}) AS score FROM ${table}${join}
    WHERE ${table} MATCH @match${filters.map((f) => ` AND ${f}`).join('')}
    ORDER BY score LIMIT @limit`;
}

/**
 * Summary columns and the best snippet, for the few rows that made the cut. FTS5 can look
 * rows up by rowid, but it re-expands a prefix term (`"tri"*`) on every lookup; for those
 * queries one pass over the matches within the rowid range is far cheaper.
 */
function detailSql(hasPrefix: boolean): string {
  const pick = hasPrefix
    ? `${TABLE}.rowid BETWEEN @lo AND @hi AND +${TABLE}.rowid IN (SELECT value FROM json_each(@ids))`
    : `${TABLE}.rowid IN (SELECT value FROM json_each(@ids))`;
  return `SELECT ${TABLE}.rowid AS rowid, ${SUMMARY_COLUMNS}, ${bestSnippetSql()} AS snip
    FROM ${TABLE} CROSS JOIN templates t ON t.rowid = ${TABLE}.rowid
    WHERE ${TABLE} MATCH @match AND ${pick}`;
}

/** The first column, in weight order, whose snippet holds a highlighted match. */
function bestSnippetSql(): string {
  const marker = (ch: string) => `char(${ch.charCodeAt(0)})`;
  const snippet = (col: number) =>
    `snippet(${TABLE}, ${col}, ${marker(HIGHLIGHT_START)}, ${marker(HIGHLIGHT_END)}, '…', ${SNIPPET_TOKENS})`;
  const byWeight = FTS_COLUMNS.map((c, i) => ({ c, i })).sort((a, b) => FIELD_WEIGHTS[b.c] - FIELD_WEIGHTS[a.c]);
  const branches = byWeight.map(({ i }) => `WHEN instr(${snippet(i)}, ${marker(HIGHLIGHT_START)}) > 0 THEN '${i}' || ${snippet(i)}`);
  const fallback = FTS_COLUMNS.indexOf('description');
  return `CASE ${branches.join(' ')} ELSE '${fallback}' || ${snippet(fallback)} END`;
}
