/**
 * Candidate templates for a problem, as in ReasonFlux: the problem text and the words the
 * navigator named (knowledge category, direction, candidate methods) are searched in the text
 * index and matched against the topic tree (chapter → section → template); optional
 * embedding similarity is one more list. The lists are fused by reciprocal rank (fuse.ts),
 * and K defaults to 12. With no navigator words and no vectors it is the text retrieval of
 * the problem alone (offline suggestions use exactly that).
 */
import type Database from 'better-sqlite3';
import type { TemplateSummary } from '../../../shared/domain.js';
import { cachedStatement } from '../db/statement-cache.js';
import { vectorTopK } from './embeddings.js';
import { fuseRankings, type RankedList } from './fuse.js';
import { searchTemplates } from './search.js';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './summary-row.js';
import { topicTemplates } from './topics.js';

export const DEFAULT_K = 12;
/** Each list contributes this many candidates to the fusion. */
const LIST_DEPTH = 30;
/** Characters of the problem searched (a pasted essay costs what a long problem does). */
const MAX_PROBLEM_CHARS = 4_000;
/** Navigator words: at most this many phrases, each at most this long. */
const MAX_HINTS = 8;
const MAX_HINT_CHARS = 500;
/** How much each retriever counts in the fusion (dev sets: docs/retrieval.md). */
export const LIST_WEIGHTS = { text: 1, hints: 1, topic: 0.5, vector: 1 } as const;

export interface RetrieveInput {
  /** The problem statement (or a step's text). */
  problem: string;
  /** Words the navigator named: knowledge category, specific direction, candidate methods. */
  hints?: readonly string[];
  /** Number of candidates (default 12). */
  k?: number;
  /** The problem's embedding, when an embedding model is configured (see embeddings.ts). */
  vector?: { model: string; query: ArrayLike<number> };
  /** Restrict to one pack. */
  packId?: string;
}

export interface RetrievedCandidate {
  template: TemplateSummary;
  /** Fused reciprocal-rank score. */
  score: number;
  /** 1-based rank in each retriever's list that found it ('text', 'hints', 'hints2', …, 'topic', 'vector'). */
  ranks: Record<string, number>;
}

export function retrieveForProblem(db: Database.Database, input: RetrieveInput): RetrievedCandidate[] {
  const k = input.k ?? DEFAULT_K;
  const problem = input.problem.slice(0, MAX_PROBLEM_CHARS);
  const hintList = (input.hints ?? []).map((h) => h.slice(0, MAX_HINT_CHARS).trim()).filter(Boolean).slice(0, MAX_HINTS);
  const hints = hintList.join('\n');
  const filter = input.packId !== undefined ? { packId: input.packId } : {};
  const summaries = new Map<string, TemplateSummary>();

  const search = (text: string) => {
    if (!text.trim()) return [];
    const hits = searchTemplates(db, { query: text, limit: LIST_DEPTH, ...filter }, 'problem');
    for (const h of hits) summaries.set(h.template.id, h.template);
    return hits.map((h) => h.template.id);
  };

  const lists: RankedList[] = [];
  const text = search(problem);
  lists.push({ ids: text, weight: LIST_WEIGHTS.text, source: 'text' });
  // Each of the navigator's words is its own ranking: a named method that the problem's words
  // miss still comes first in its own list, and agreement between them adds up.
  const hinted: string[] = [];
  hintList.forEach((hint, i) => {
    const ids = search(hint);
    hinted.push(...ids);
    if (ids.length) lists.push({ ids, weight: LIST_WEIGHTS.hints, source: i === 0 ? 'hints' : `hints${i + 1}` });
  });
  // The topic tree is matched against the navigator's words only: matched against a problem's
  // own words it reorders the text ranking for the worse (dev sets: R@5 0.88 → 0.82).
  if (hints) {
    const topic = topicTemplates(db, hints, { preferred: [...hinted, ...text] }).filter(
      (id) => input.packId === undefined || id.startsWith(`${input.packId}/`),
    );
    if (topic.length) lists.push({ ids: topic.slice(0, LIST_DEPTH), weight: LIST_WEIGHTS.topic, source: 'topic' });
  }
  if (input.vector) {
    const { hits } = vectorTopK(db, input.vector.model, input.vector.query, LIST_DEPTH);
    const ids = hits.map((h) => h.id).filter((id) => input.packId === undefined || id.startsWith(`${input.packId}/`));
    if (ids.length) lists.push({ ids, weight: LIST_WEIGHTS.vector, source: 'vector' });
  }

  const fused = fuseRankings(lists, { limit: k });
  const missing = fused.map((f) => f.id).filter((id) => !summaries.has(id));
  for (const s of summariesByIds(db, missing)) summaries.set(s.id, s);
  return fused.flatMap((f) => {
    const template = summaries.get(f.id);
    return template ? [{ template, score: f.score, ranks: f.ranks }] : [];
  });
}

/** Summaries of templates by global id (unknown ids are left out). */
export function summariesByIds(db: Database.Database, ids: readonly string[]): TemplateSummary[] {
  if (ids.length === 0) return [];
  const rows = cachedStatement(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM json_each(?) j CROSS JOIN templates t
     ON t.pack_id = substr(j.value, 1, instr(j.value, '/') - 1) AND t.template_id = substr(j.value, instr(j.value, '/') + 1)`,
  ).all(JSON.stringify(ids)) as SummaryRow[];
  return rows.map(toSummary);
}
