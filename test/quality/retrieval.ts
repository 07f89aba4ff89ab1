/**
 * Retrieval figures (R@1, R@5, MRR) on the dev sets over the built-in packs, and on the honest
 * ReasonFlux self-retrieval when ../shared/reference is present.
 *
 *   npx tsx test/quality/retrieval.ts      (or through `npm run quality`)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../electron/core/db/database.js';
import { applyPack } from '../../electron/core/packs/pack-store.js';
import { parsePackFile } from '../../electron/core/packs/parse.js';
import { retrieveForProblem } from '../../electron/core/retrieval/retrieve.js';
import { searchTemplates } from '../../electron/core/retrieval/search.js';
import { HOMONYM_SET, PROBLEM_SET, TYPO_SET } from './dev-sets.js';
import { formatFigures, measure, type Judged } from './metrics.js';
import { openReasonFluxSelfRetrieval } from './reasonflux-self.js';

const PACKS_DIR = path.resolve(import.meta.dirname, '../../resources/packs');
type Log = (line: string) => void;

/** A throwaway database holding every built-in pack (templates and practice problems). */
export function openBuiltIns(): { db: Database.Database; practiceSet: Judged[]; close(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-quality-builtins-'));
  const db = openDatabase(path.join(dir, 'library.sqlite'));
  const practiceSet: Judged[] = [];
  for (const file of fs.readdirSync(PACKS_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const { pack } = parsePackFile(file, fs.readFileSync(path.join(PACKS_DIR, file), 'utf8'));
    applyPack(db, pack, { sourceFormat: 'native', builtIn: true });
    for (const p of pack.problems ?? []) {
      const relevant = [...new Set(p.steps.map((st) => st.templateId).filter((id): id is string => typeof id === 'string'))];
      if (relevant.length) practiceSet.push({ query: p.problem, relevant });
    }
  }
  return {
    db,
    practiceSet,
    close: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const rankers = {
  /** The Library search box. */
  box: (db: Database.Database) => (q: string) => searchTemplates(db, { query: q, limit: 10 }).map((h) => h.template.id),
  /** One text search of the problem (no topic tree). */
  text: (db: Database.Database) => (q: string) => searchTemplates(db, { query: q, limit: 10 }, 'problem').map((h) => h.template.id),
  /** The navigator's candidates and the offline suggestions with no navigator words (text only). */
  fused: (db: Database.Database) => (q: string) => retrieveForProblem(db, { problem: q, k: 10 }).map((c) => c.template.id),
  /**
   * Fused with a perfect navigator's category: the chapter and section titles of the first
   * relevant template given as the navigator's words (an upper bound for the topic-tree and
   * hint lists, not a figure a real navigator reaches).
   */
  oracleCategory: (db: Database.Database, set: readonly Judged[]) => {
    const topic = cachedTopics(db);
    const byQuery = new Map(set.map((j) => [j.query, j.relevant[0]!]));
    return (q: string) => {
      const t = topic.get(byQuery.get(q) ?? '');
      return retrieveForProblem(db, { problem: q, k: 10, hints: t ? [t.chapter, t.section] : [] }).map((c) => c.template.id);
    };
  },
};

function cachedTopics(db: Database.Database): Map<string, { chapter: string; section: string }> {
  const rows = db.prepare("SELECT pack_id || '/' || template_id AS id, chapter, section FROM templates").all() as { id: string; chapter: string; section: string }[];
  return new Map(rows.map((r) => [r.id, r]));
}

export function printBuiltInRetrieval(log: Log = console.log): void {
  const lib = openBuiltIns();
  try {
    const { db } = lib;
    log(`problems (${PROBLEM_SET.length}, written for the built-in packs)`);
    log(`  text search      ${formatFigures(measure(PROBLEM_SET, rankers.text(db)))}`);
    const fused = measure(PROBLEM_SET, rankers.fused(db));
    log(`  suggestions      ${formatFigures(fused)}`);
    log(`  + oracle category ${formatFigures(measure(PROBLEM_SET, rankers.oracleCategory(db, PROBLEM_SET)))}`);
    for (const m of fused.misses) log(`    miss: ${m.query.slice(0, 70)} → want ${m.relevant.join(' | ')}; got ${rankers.fused(db)(m.query).slice(0, 3).join(', ')}`);
    log(`practice problems (${lib.practiceSet.length}, from practice.json: the templates its worked steps use)`);
    log(`  text search      ${formatFigures(measure(lib.practiceSet, rankers.text(db)))}`);
    log(`  + oracle category ${formatFigures(measure(lib.practiceSet, rankers.oracleCategory(db, lib.practiceSet)))}`);
    const typo = measure(TYPO_SET, rankers.box(db));
    log(`typos in the search box (${TYPO_SET.length})  ${formatFigures(typo)}`);
    for (const m of typo.misses) log(`    miss: ${m.query} → got ${rankers.box(db)(m.query).slice(0, 3).join(', ')}`);
    const homonyms = measure(HOMONYM_SET, rankers.box(db));
    const misled = HOMONYM_SET.filter((h) => h.notFirst.includes(rankers.box(db)(h.query)[0] ?? ''));
    log(`homonyms in the search box (${HOMONYM_SET.length})  ${formatFigures(homonyms)}; wrong sense first: ${misled.length}`);
    for (const h of misled) log(`    misled: ${h.query} → ${rankers.box(db)(h.query)[0]}`);
    const solve = rankers.fused(db)('Solve $x^2+5x+6=0$');
    log(`"Solve $x^2+5x+6=0$" suggests first: ${solve.slice(0, 3).join(', ')}`);
  } finally {
    lib.close();
  }
}

export function printReasonFluxSelfRetrieval(log: Log = console.log): void {
  const lib = openReasonFluxSelfRetrieval();
  if ('skipped' in lib) {
    log(`skipped: ReasonFlux self-retrieval: ${lib.skipped}`);
    return;
  }
  try {
    log(`ReasonFlux v1 library, examples removed from the index, each template's example problem as the query (${lib.set.length})`);
    log(`  text search      ${formatFigures(measure(lib.set, rankers.text(lib.db)))}`);
    log(`  + oracle category ${formatFigures(measure(lib.set, rankers.oracleCategory(lib.db, lib.set)))}`);
  } finally {
    lib.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printBuiltInRetrieval();
  printReasonFluxSelfRetrieval();
}
