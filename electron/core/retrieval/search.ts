/**
 * Ranked full-text search over installed templates: BM25 with per-field weights, the last
 * word matched as a prefix, optional pack/chapter/section/tag filters, and a highlighted
 * snippet from the best-matching field.
 *
 * Order of results, each pass only filling what the previous ones left of `limit`:
 *   1. all words, matched in name/tags   (small index: fast even for very common words)
 *   2. all words, matched anywhere       (full weighted BM25 over every field)
 *   3. any word,  matched in name/tags
 *   4. any word,  matched anywhere
 * So a template whose title or tags hold every word always comes before one that only
 * mentions them in its steps, and the expensive full-text ranking runs only when needed.
 */
import type Database from 'better-sqlite3';
import type { MethodParsedInput } from '../../../shared/contract.js';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchHit } from '../../../shared/domain.js';
import { cachedStatement } from '../db/statement-cache.js';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './summary-row.js';
import { FTS_COLUMNS, type FtsColumn } from './fts-document.js';
import { buildFtsQuery } from './fts-query.js';

export type SearchInput = MethodParsedInput<'library.search'>;

/** BM25 weight per field: a name match counts most, examples least. */
export const FIELD_WEIGHTS: Record<FtsColumn, number> = { name: 10, tags: 6, description: 3, scope: 2, steps: 1, examples: 0.5 };
const SNIPPET_TOKENS = 16;

interface Index {
  table: 'templates_head_fts' | 'templates_fts';
  /** The table's columns, in its column order. */
  columns: readonly FtsColumn[];
  /** Snippet field when no column shows a highlighted match (tokenizer edge cases). */
  fallback: FtsColumn;
}
const HEAD_INDEX: Index = { table: 'templates_head_fts', columns: ['name', 'tags'], fallback: 'name' };
const FULL_INDEX: Index = { table: 'templates_fts', columns: FTS_COLUMNS, fallback: 'description' };

export function searchTemplates(db: Database.Database, input: SearchInput): SearchHit[] {
  const allWords = buildFtsQuery(input.query, 'all');
  if (allWords === null) return [];
  const anyWord = buildFtsQuery(input.query, 'any');
  const passes: [Index, string][] = [
    [HEAD_INDEX, allWords],
    [FULL_INDEX, allWords],
  ];
  if (anyWord !== null && anyWord !== allWords) passes.push([HEAD_INDEX, anyWord], [FULL_INDEX, anyWord]);

  const filters = filterParams(input);
  const hits: SearchHit[] = [];
  const seen = new Set<number>();
  for (const [index, match] of passes) {
    const wanted = input.limit - hits.length;
    if (wanted <= 0) break;
    const ranked = (
      cachedStatement(db, rankingSql(index, input)).all({ ...filters, match, limit: wanted + seen.size }) as {
        rowid: number;
        score: number;
      }[]
    )
      .filter((r) => !seen.has(r.rowid))
      .slice(0, wanted);
    if (ranked.length === 0) continue;

    const rowids = ranked.map((r) => r.rowid);
    const hasPrefix = match.endsWith('*');
    const details = cachedStatement(db, detailSql(index, hasPrefix)).all({
      match,
      ids: JSON.stringify(rowids),
      ...(hasPrefix ? { lo: Math.min(...rowids), hi: Math.max(...rowids) } : {}),
    }) as DetailRow[];
    const byRowid = new Map(details.map((d) => [d.rowid, d]));
    for (const { rowid, score } of ranked) {
      const row = byRowid.get(rowid);
      if (!row) continue;
      seen.add(rowid);
      // The snippet column carries the chosen column's index as its first character.
      const field = index.columns[Number(row.snip[0])] ?? index.fallback;
      hits.push({ template: toSummary(row), score: -score, snippet: row.snip.slice(1), snippetField: field });
    }
  }
  return hits;
}

interface DetailRow extends SummaryRow {
  rowid: number;
  snip: string;
}

function filterParams(input: SearchInput): Record<string, unknown> {
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
 * index and combination of filters, each prepared once per connection.
 */
function rankingSql(index: Index, input: SearchInput): string {
  const { table } = index;
  const filters = [
    input.packId !== undefined ? 't.pack_id = @packId' : '',
    input.chapter !== undefined ? 't.chapter = @chapter' : '',
    input.section !== undefined ? 't.section = @section' : '',
    input.tag !== undefined ? 'EXISTS (SELECT 1 FROM template_tags g WHERE g.tag = @tag AND g.pack_id = t.pack_id AND g.template_rowid = t.rowid)' : '',
  ].filter(Boolean);
  const weights = index.columns.map((c) => FIELD_WEIGHTS[c].toFixed(1)).join(', ');
  // CROSS JOIN keeps the full-text match as the outer loop; the join exists only to filter.
  const join = filters.length ? ` CROSS JOIN templates t ON t.rowid = ${table}.rowid` : '';
  return `SELECT ${table}.rowid AS rowid, bm25(${table}, ${weights}) AS score FROM ${table}${join}
    WHERE ${table} MATCH @match${filters.map((f) => ` AND ${f}`).join('')}
    ORDER BY score LIMIT @limit`;
}

/**
 * Summary columns and the best snippet, for the few rows that made the cut. FTS5 can look
 * rows up by rowid, but it re-expands a prefix term (`"tri"*`) on every lookup; for those
 * queries one pass over the matches within the rowid range is far cheaper.
 */
function detailSql(index: Index, hasPrefix: boolean): string {
  const { table } = index;
  const pick = hasPrefix
    ? `${table}.rowid BETWEEN @lo AND @hi AND +${table}.rowid IN (SELECT value FROM json_each(@ids))`
    : `${table}.rowid IN (SELECT value FROM json_each(@ids))`;
  return `SELECT ${table}.rowid AS rowid, ${SUMMARY_COLUMNS}, ${bestSnippetSql(index)} AS snip
    FROM ${table} CROSS JOIN templates t ON t.rowid = ${table}.rowid
    WHERE ${table} MATCH @match AND ${pick}`;
}

/** The first column, in weight order, whose snippet holds a highlighted match. */
function bestSnippetSql(index: Index): string {
  const marker = (ch: string) => `char(${ch.charCodeAt(0)})`;
  const snippet = (col: number) =>
    `snippet(${index.table}, ${col}, ${marker(HIGHLIGHT_START)}, ${marker(HIGHLIGHT_END)}, '…', ${SNIPPET_TOKENS})`;
  const byWeight = index.columns.map((c, i) => ({ c, i })).sort((a, b) => FIELD_WEIGHTS[b.c] - FIELD_WEIGHTS[a.c]);
  const branches = byWeight.map(({ i }) => `WHEN instr(${snippet(i)}, ${marker(HIGHLIGHT_START)}) > 0 THEN '${i}' || ${snippet(i)}`);
  const fallback = index.columns.indexOf(index.fallback);
  return `CASE ${branches.join(' ')} ELSE '${fallback}' || ${snippet(fallback)} END`;
}
