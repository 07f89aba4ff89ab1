/**
 * What the reliability tests compare a library database by: a full dump of the pack tables,
 * the full-text index's row counts and integrity, and SQLite's own integrity check.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createCore, type Core } from '../../../../electron/core/core.js';
import { ModelClient } from '../../../../electron/core/model/index.js';
import { createMemorySecretStore } from '../../../../electron/core/model-settings/secret-store.js';

export const tempDataDir = (prefix = 'rf-rel-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** A real core that never reaches a network: no model endpoints in its environment. */
export function offlineCore(dataDir: string, opts: { skipBuiltIns?: boolean; env?: NodeJS.ProcessEnv; modelClient?: ModelClient } = {}): Core {
  return createCore({
    dataDir,
    shell: 'cli',
    skipBuiltIns: opts.skipBuiltIns ?? false,
    env: opts.env ?? {},
    secretStore: createMemorySecretStore(),
    logError: () => {},
    // No retries or long waits: a model call here can only fail (nothing listens).
    modelClient: opts.modelClient ?? new ModelClient({ maxRetries: 0, firstByteTimeoutMs: 2_000, idleTimeoutMs: 2_000 }),
  });
}

/** Every row that makes up the installed packs, in a stable order (import time left out of nothing). */
export function dumpLibrary(db: Database.Database) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    packs: all('SELECT * FROM packs ORDER BY id'),
    templates: all('SELECT * FROM templates ORDER BY rowid'),
    tags: all('SELECT * FROM template_tags ORDER BY template_rowid, tag'),
    problems: all('SELECT * FROM practice_problems ORDER BY pack_id, problem_id'),
    ftsRows: (db.prepare('SELECT count(*) AS n FROM templates_fts').get() as { n: number }).n,
    headFtsRows: (db.prepare('SELECT count(*) AS n FROM templates_head_fts').get() as { n: number }).n,
    meta: all('SELECT * FROM meta ORDER BY key'),
  };
}

/**
 * Problems found by SQLite's integrity_check and by FTS5's own check of each full-text index,
 * plus any template without exactly one row in each index. Empty when all is well.
 */
export function integrityProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  for (const r of rows) if (r.integrity_check !== 'ok') problems.push(`integrity_check: ${r.integrity_check}`);
  for (const fts of ['templates_fts', 'templates_head_fts']) {
    try {
      db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('integrity-check')`).run();
    } catch (err) {
      problems.push(`${fts} integrity-check: ${(err as Error).message}`);
    }
    // The indexes keep their own copy of the text: their rowids must be exactly the templates'.
    const orphans = db.prepare(`SELECT count(*) AS n FROM ${fts} WHERE rowid NOT IN (SELECT rowid FROM templates)`).get() as { n: number };
    const missing = db.prepare(`SELECT count(*) AS n FROM templates WHERE rowid NOT IN (SELECT rowid FROM ${fts})`).get() as { n: number };
    if (orphans.n || missing.n) problems.push(`${fts}: ${orphans.n} rows without a template, ${missing.n} templates without a row`);
  }
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length) problems.push(`foreign_key_check: ${fk.length} violations`);
  return problems;
}

/** Ids of the packs the app ships (resources/packs/*.json), installed on a fresh start. */
export function builtInPackIds(): string[] {
  const dir = path.resolve(import.meta.dirname, '../../../../resources/packs');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { id: string }).id)
    .sort();
}

export const sha256File = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Open read-write, checkpoint the WAL into the main file, close: the file then holds everything. */
export function checkpointedSha256(file: string): string {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return sha256File(file);
}
