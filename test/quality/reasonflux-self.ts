/**
 * Honest self-retrieval on the ReasonFlux v1 library (third-party data in ../shared/reference,
 * read at run time, never copied): the library is imported with every worked example removed,
 * so a template cannot be found through its own example; each template's example problem is
 * then the query and that template the one right answer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../electron/core/db/database.js';
import { parsePackFile } from '../../electron/core/packs/parse.js';
import { applyPack } from '../../electron/core/packs/pack-store.js';
import { referenceFile, hasReferenceData, REFERENCE_DIR } from '../reference/reference-dir.js';
import type { Judged } from './metrics.js';

export interface SelfRetrievalLibrary {
  db: Database.Database;
  set: Judged[];
  close(): void;
}

/** Null (with the reason) when the reference data is not there. */
export function openReasonFluxSelfRetrieval(): SelfRetrievalLibrary | { skipped: string } {
  if (!hasReferenceData() || !fs.existsSync(referenceFile('template_library.json'))) {
    return { skipped: `${REFERENCE_DIR}/template_library.json not found (third-party data, not part of the repository)` };
  }
  const { pack } = parsePackFile('template_library.json', fs.readFileSync(referenceFile('template_library.json'), 'utf8'));
  const set: Judged[] = [];
  for (const t of pack.templates) {
    const problem = t.examples[0]?.problem.trim();
    if (problem) set.push({ query: problem, relevant: [`${pack.id}/${t.id}`] });
  }
  const stripped = { ...pack, templates: pack.templates.map((t) => ({ ...t, examples: [] })) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-quality-'));
  const db = openDatabase(path.join(dir, 'library.sqlite'));
  applyPack(db, stripped, { sourceFormat: 'reasonflux-v1' });
  return {
    db,
    set,
    close: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
