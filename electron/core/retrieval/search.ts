/**
 * Ranked full-text search over installed templates: BM25 with per-field weights, the last
 * word matched as a prefix, optional pack/chapter/section/tag filters, and a highlighted
 * snippet from the best-matching field. All words must match first; if that finds fewer
 * than `limit` templates, templates matching any word fill the rest.
 */
import type Database from 'better-sqlite3';
import type { MethodParsedInput } from '../../../shared/contract.js';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchHit } from '../../../shared/domain.js';
import { cachedStatement } from '../db/statement-cache.js';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../library/template-rows.js';
import { FTS_COLUMNS, type FtsColumn } from './fts-document.js';
import { buildFtsQuery } from './fts-query.js';

export type SearchInput = MethodParsedInput<'library.search'>;

/** BM25 weight per FTS column, in column order: a name match counts most, examples least. */
export const FIELD_WEIGHTS: Record<FtsColumn, number> = { name: 10, tags: 6, description: 3, scope: 2, steps: 1, examples: 0.5 };
const RANK_FUNCTION = `bm25(${FTS_COLUMNS.map((c) => FIELD_WEIGHTS[c].toFixed(1)).join(', ')})`;
const SNIPPET_TOKENS = 16;
/** Shown when no field holds a highlighted match (only possible with odd tokenizer edge cases). */
const FALLBACK_FIELD = FTS_COLUMNS.indexOf('description');

export function searchTemplates(db: Database.Database, input: SearchInput): SearchHit[] {
  const allWords = buildFtsQuery(input.query, 'all');
  if (allWords === null) return [];
  const limit = input.limit;
  const statement = cachedStatement(db, searchSql(input));
  const params = filterParams(input);

  const hits = runQuery(statement, { ...params, match: allWords, limit });
  if (hits.length >= limit) return hits.map((h) => h.hit);

  const anyWord = buildFtsQuery(input.query, 'any');
  if (anyWord === null || anyWord === allWords) return hits.map((h) => h.hit);
  const seen = new Set(hits.map((h) => h.rowid));
  for (const extra of runQuery(statement, { ...params, match: anyWord, limit: limit + hits.length })) {
    if (hits.length >= limit) break;
    if (!seen.has(extra.rowid)) hits.push(extra);
  }
  return hits.map((h) => h.hit);
}

interface HitRow extends SummaryRow {
  rowid: number;
  rank: number;
  snip: string;
}

function runQuery(statement: Database.Statement, params: Record<string, unknown>): { rowid: number; hit: SearchHit }[] {
  return (statement.all(params) as HitRow[]).map((row) => {
    // The snippet column carries the chosen field's index as its first character.
    const field = FTS_COLUMNS[Number(row.snip[0])] ?? 'description';
    return {
      rowid: row.rowid,
      hit: { template: toSummary(row), score: -row.rank, snippet: row.snip.slice(1), snippetField: field },
    };
  });
}

function filterParams(input: SearchInput): Record<string, unknown> {
  return {
    rank: RANK_FUNCTION,
    ...(input.packId !== undefined ? { packId: input.packId } : {}),
    ...(input.chapter !== undefined ? { chapter: input.chapter } : {}),
    ...(input.section !== undefined ? { section: input.section } : {}),
    ...(input.tag !== undefined ? { tag: input.tag } : {}),
  };
}

/**
 * One SQL text per combination of filters (at most 16), each prepared once per connection.
 * `ORDER BY rank` is handed to FTS5 itself, so SQLite stops after `limit` rows and the
 * snippet expressions run only for the rows returned. CROSS JOIN keeps FTS as the outer loop.
 */
function searchSql(input: SearchInput): string {
  const filters = [
    input.packId !== undefined ? 't.pack_id = @packId' : '',
    input.chapter !== undefined ? 't.chapter = @chapter' : '',
    input.section !== undefined ? 't.section = @section' : '',
    input.tag !== undefined ? 'EXISTS (SELECT 1 FROM template_tags g WHERE g.template_rowid = t.rowid AND g.tag = @tag)' : '',
  ].filter(Boolean);
  return `SELECT templates_fts.rowid AS rowid, ${SUMMARY_COLUMNS}, rank, ${bestSnippetSql()} AS snip
    FROM templates_fts CROSS JOIN templates t ON t.rowid = templates_fts.rowid
    WHERE templates_fts MATCH @match AND rank MATCH @rank${filters.map((f) => ` AND ${f}`).join('')}
    ORDER BY rank LIMIT @limit`;
}

/** The first field, in weight order, whose snippet holds a highlighted match. */
function bestSnippetSql(): string {
  const marker = (ch: string) => `char(${ch.charCodeAt(0)})`;
  const snippet = (col: number) =>
    `snippet(templates_fts, ${col}, ${marker(HIGHLIGHT_START)}, ${marker(HIGHLIGHT_END)}, '…', ${SNIPPET_TOKENS})`;
  const order = FTS_COLUMNS.map((c, i) => ({ c, i })).sort((a, b) => FIELD_WEIGHTS[b.c] - FIELD_WEIGHTS[a.c]);
  const branches = order.map(({ i }) => `WHEN instr(${snippet(i)}, ${marker(HIGHLIGHT_START)}) > 0 THEN '${i}' || ${snippet(i)}`);
  return `CASE ${branches.join(' ')} ELSE '${FALLBACK_FIELD}' || ${snippet(FALLBACK_FIELD)} END`;
}
