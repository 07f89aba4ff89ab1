/**
 * Start-up recovery from a damaged library file. A file that SQLite calls corrupt (or that is
 * not a database at all) is moved aside, with its -wal and -shm, to
 * `library.sqlite.corrupt-<timestamp>` and the app starts on a fresh database, so a teacher
 * keeps a working app and the damaged bytes for support. A file from a newer app version is
 * never moved: it is refused, untouched, by openDatabase.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppFailure, failure } from '../../../shared/result.js';
import { openDatabase, type OpenDatabaseOptions } from './database.js';

export interface RecoveryNotice {
  /** Where the damaged file now is (absolute path). */
  backupFile: string;
  /** What was wrong, in words a teacher understands. */
  reason: string;
}

export interface OpenWithRecoveryOptions extends OpenDatabaseOptions {
  /** Files at most this big get a full `PRAGMA quick_check` on start (it reads every page). */
  quickCheckMaxBytes?: number;
  now?: () => Date;
}

/**
 * quick_check reads the whole file: about 0.3-0.5 s for a 62 MB library of 30,000 templates on
 * a loaded 2-core machine. Above this size the start-up check reads the header, schema and pack
 * list only (SQLite itself reports a file shorter than its header says as corrupt on first read).
 */
export const QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024;

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function openDatabaseWithRecovery(
  file: string,
  opts: OpenWithRecoveryOptions = {},
): { db: Database.Database; recovery: RecoveryNotice | null } {
  const damage = headerDamage(file) ?? openAndCheck(file, opts);
  if (typeof damage !== 'string') return { db: damage, recovery: null };
  const backupFile = moveAside(file, (opts.now ?? (() => new Date()))(), damage);
  const db = openDatabase(file, opts);
  return {
    db,
    recovery: {
      backupFile,
      reason: `The library file was damaged (${damage}), so it was moved aside and a fresh library was started; the built-in packs were installed again. Re-import your own packs; the damaged file is kept at ${backupFile}.`,
    },
  };
}

/** The open, sound database; or what is wrong with the file. Other failures are thrown. */
function openAndCheck(file: string, opts: OpenWithRecoveryOptions): Database.Database | string {
  try {
    const db = openDatabase(file, opts);
    const damage = findDamage(db, file, opts.quickCheckMaxBytes ?? QUICK_CHECK_MAX_BYTES);
    if (!damage) return db;
    db.close();
    return damage;
  } catch (err) {
    const damage = describeCorruption(err);
    if (!damage) throw err; // db_newer_version, permissions, …: refused as they are
    return damage;
  }
}

/**
 * Null when the file starts like an SQLite database (or is empty/absent). Checked before SQLite
 * opens it: SQLite deletes the -wal and -shm of a file it cannot read, and they belong in the backup.
 */
function headerDamage(file: string): string | null {
  let fd: number;
  try {
    if (fs.statSync(file).isDirectory()) return null; // a folder in its place: openDatabase says so
    fd = fs.openSync(file, 'r');
  } catch {
    return null; // absent or unreadable: openDatabase reports it
  }
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    if (n === 0) return null; // an empty file is a new database
    return n < head.length || !head.equals(SQLITE_MAGIC) ? 'it is not a database file' : null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Null when the open database looks sound; otherwise a short description of the damage. */
function findDamage(db: Database.Database, file: string, quickCheckMaxBytes: number): string | null {
  try {
    const size = fs.statSync(file).size;
    if (size <= quickCheckMaxBytes) {
      const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
      const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
      if (problems.length) return `integrity check: ${problems.join('; ').slice(0, 300)}`;
    } else {
      // Large library: at least read the schema and the pack list.
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      db.prepare('SELECT count(*) FROM packs').get();
    }
    return null;
  } catch (err) {
    const why = describeCorruption(err);
    if (why) return why;
    throw err;
  }
}

function describeCorruption(err: unknown): string | null {
  if (err instanceof AppFailure) return err.error.code === 'db_corrupt' ? 'it is not a readable database' : null;
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))) {
    return err instanceof Error ? err.message : String(code);
  }
  return null;
}

/** Rename the file and its side files; returns the backup's path. Never overwrites a backup. */
function moveAside(file: string, now: Date, damage: string): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let backup = `${file}.corrupt-${stamp}`;
  for (let n = 2; fs.existsSync(backup); n++) backup = `${file}.corrupt-${stamp}-${n}`;
  try {
    fs.renameSync(file, backup);
    for (const suffix of SIDE_FILES) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, backup + suffix);
    }
  } catch (err) {
    throw failure('db_corrupt', `The library file is damaged (${damage}) and could not be moved aside: ${(err as Error).message}`, {
      action: `Move ${path.basename(file)} out of ${path.dirname(file)} by hand (or choose a different data folder), then start the app again.`,
      details: { file },
    });
  }
  return backup;
}
