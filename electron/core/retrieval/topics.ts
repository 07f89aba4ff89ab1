/**
 * Retrieval over the topic tree (chapter → section → template), as ReasonFlux's navigator
 * narrows a problem to a knowledge category before choosing methods: the query's words are
 * matched against chapter and section titles (stemmed, each title word weighted by how few
 * sections share it), and the best sections give their templates.
 *
 * Bounded: at most MAX_SECTIONS_SCANNED section titles are scored per call (a pack's topics
 * list, read from the packs table), and at most `perSection` templates are read from each of
 * the best `sections` sections through the chapter index.
 */
import type Database from 'better-sqlite3';
import type { PackV1 } from '../../../shared/packs/schema.js';
import { cachedStatement } from '../db/statement-cache.js';
import { STOPWORDS, fold, stem } from './analyze.js';
import { globalTemplateId } from './summary-row.js';

const MAX_SECTIONS_SCANNED = 20_000;
const WORD = /[\p{L}\p{N}]+/gu;
/** A chapter word counts this much of a section word (chapters are broad). */
const CHAPTER_WEIGHT = 0.5;

export interface TopicMatch {
  packId: string;
  chapter: string;
  section: string;
  score: number;
}

const stemsOf = (text: string): string[] => {
  const out: string[] = [];
  for (const m of fold(text).matchAll(WORD)) if (!STOPWORDS.has(m[0]) && m[0].length > 1 && !/^\d+$/.test(m[0])) out.push(stem(m[0]));
  return out;
};

/** Sections whose titles (or their chapter's) share the query's words, best first. */
export function matchTopics(db: Database.Database, queryText: string, opts: { sections?: number } = {}): TopicMatch[] {
  const query = new Set(stemsOf(queryText));
  if (query.size === 0) return [];
  const packs = cachedStatement(db, 'SELECT id, topics FROM packs ORDER BY id').all() as { id: string; topics: string }[];
  const sections: { packId: string; chapter: string; section: string; s: string[]; c: string[] }[] = [];
  for (const p of packs) {
    for (const t of JSON.parse(p.topics) as PackV1['topics']) {
      const c = stemsOf(t.chapter);
      for (const section of t.sections) {
        if (sections.length >= MAX_SECTIONS_SCANNED) break;
        sections.push({ packId: p.id, chapter: t.chapter, section, s: stemsOf(section), c });
      }
    }
  }
  // Inverse section frequency of each title word: "equations" says less than "parabola".
  const df = new Map<string, number>();
  for (const x of sections) for (const w of new Set([...x.s, ...x.c])) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log(1 + sections.length / (df.get(w) ?? 1));
  const scored: TopicMatch[] = [];
  for (const x of sections) {
    let score = 0;
    for (const w of new Set(x.s)) if (query.has(w)) score += idf(w);
    for (const w of new Set(x.c)) if (query.has(w)) score += CHAPTER_WEIGHT * idf(w);
    if (score > 0) scored.push({ packId: x.packId, chapter: x.chapter, section: x.section, score: score / Math.sqrt(1 + x.s.length) });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, opts.sections ?? 4);
}

/**
 * Global template ids of the best-matching sections, section by section; within a section the
 * templates in `preferred` (e.g. the text ranking) come first in that order, then pack order.
 */
export function topicTemplates(
  db: Database.Database,
  queryText: string,
  opts: { sections?: number; perSection?: number; preferred?: readonly string[] } = {},
): string[] {
  const perSection = opts.perSection ?? 8;
  const order = new Map((opts.preferred ?? []).map((id, i) => [id, i]));
  const ids: string[] = [];
  for (const m of matchTopics(db, queryText, opts)) {
    const rows = cachedStatement(
      db,
      `SELECT template_id FROM templates WHERE pack_id = ? AND chapter = ? AND section = ? ORDER BY topic_pos, position LIMIT ${perSection * 4}`,
    ).all(m.packId, m.chapter, m.section) as { template_id: string }[];
    const inSection = rows.map((r) => globalTemplateId(m.packId, r.template_id));
    inSection.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
    ids.push(...inSection.slice(0, perSection));
  }
  return ids;
}
