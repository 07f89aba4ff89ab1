/**
 * Grounding figures on the id/name corpus (grounding-corpus.ts) over the built-in packs:
 * how many entries were tied to a template other than the right one (must be 0), how many
 * near-misses were recovered, and how many near-misses were left without a template.
 *
 *   npx tsx test/quality/grounding.ts          (or call printGroundingFigures() from the quality script)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../electron/core/db/database.js';
import { Library } from '../../electron/core/library/library.js';
import { groundSteps, type GroundingNote } from '../../electron/core/navigator/ground.js';
import { applyPack } from '../../electron/core/packs/pack-store.js';
import { parsePackFile } from '../../electron/core/packs/parse.js';
import type { TrajectoryStep } from '../../shared/trajectory.js';
import { GROUNDING_CORPUS, type CorpusEntry } from './grounding-corpus.js';

const PACKS_DIR = path.resolve(import.meta.dirname, '../../resources/packs');
const BUILT_INS = ['core.json', 'starter.json'];

export interface BuiltInLibrary {
  db: Database.Database;
  library: Library;
  close(): void;
}

/** A throwaway database holding the built-in template packs. */
export function openBuiltInLibrary(): BuiltInLibrary {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-grounding-'));
  const db = openDatabase(path.join(dir, 'library.sqlite'));
  for (const file of BUILT_INS) {
    const { pack } = parsePackFile(file, fs.readFileSync(path.join(PACKS_DIR, file), 'utf8'));
    applyPack(db, pack, { sourceFormat: 'native', builtIn: true });
  }
  return {
    db,
    library: new Library(db),
    close: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface GroundingOutcome {
  entry: CorpusEntry;
  got: string | null;
  note: GroundingNote;
}

export interface GroundingFigures {
  entries: number;
  /** Tied to a template that is not the expected one (including any tie where none was expected). */
  wrongTies: number;
  nearMisses: number;
  recovered: number;
  /** Near-misses left without a template (safe, but a lost match). */
  unrecovered: number;
  absent: number;
  /** Absent techniques and invented ids correctly left without a template. */
  absentUntied: number;
  outcomes: GroundingOutcome[];
}

/** Grounds each corpus entry as a one-step plan; candidates are what retrieval offers for the step (as in planning). */
export function measureGrounding(library: Library, corpus: readonly CorpusEntry[] = GROUNDING_CORPUS): GroundingFigures {
  const outcomes: GroundingOutcome[] = [];
  for (const entry of corpus) {
    const step: TrajectoryStep = {
      index: 1,
      title: entry.title,
      goal: entry.goal,
      templateId: entry.as === 'id' ? entry.written : null,
      ...(entry.as === 'name' ? { templateName: entry.written } : {}),
      produces: '',
    };
    const candidates = library.search({ query: `${entry.title} ${entry.goal}`, limit: 12 }).map((h) => h.template);
    const { steps, notes } = groundSteps(library, [step], candidates);
    outcomes.push({ entry, got: steps[0]!.templateId, note: notes[0]! });
  }
  const right = (o: GroundingOutcome) => o.got === o.entry.expect || (o.got !== null && (o.entry.also ?? []).includes(o.got));
  const near = outcomes.filter((o) => o.entry.expect !== null);
  const absent = outcomes.filter((o) => o.entry.expect === null);
  return {
    entries: outcomes.length,
    wrongTies: outcomes.filter((o) => o.got !== null && !right(o)).length,
    nearMisses: near.length,
    recovered: near.filter(right).length,
    unrecovered: near.filter((o) => o.got === null).length,
    absent: absent.length,
    absentUntied: absent.filter((o) => o.got === null).length,
    outcomes,
  };
}

export const formatGroundingFigures = (f: GroundingFigures): string =>
  `grounding corpus (${f.entries} ids/names): wrong ties ${f.wrongTies}; near-misses recovered ${f.recovered}/${f.nearMisses} ` +
  `(${f.unrecovered} left without a template); absent techniques left untied ${f.absentUntied}/${f.absent}`;

/** Prints the figures (and every wrong tie and lost near-miss); returns them for callers that assert. */
export function printGroundingFigures(log: (line: string) => void = console.log): GroundingFigures {
  const lib = openBuiltInLibrary();
  try {
    const figures = measureGrounding(lib.library);
    log(formatGroundingFigures(figures));
    for (const o of figures.outcomes) {
      if (o.got !== null && o.got !== o.entry.expect && !(o.entry.also ?? []).includes(o.got)) log(`  WRONG  ${o.entry.written} → ${o.got} (${o.note.how}, expected ${o.entry.expect ?? 'none'})`);
    }
    for (const o of figures.outcomes) {
      if (o.got === null && o.entry.expect !== null) log(`  lost   ${o.entry.written} (expected ${o.entry.expect})`);
    }
    return figures;
  } finally {
    lib.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) printGroundingFigures();
