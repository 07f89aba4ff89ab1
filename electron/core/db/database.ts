/**
 * Opens (or creates) the app's SQLite database and brings its schema up to date. A file
 * written by a newer app version is refused before anything touches it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { failure } from '../../../shared/result.js';
import { OWNER_ONLY_DIR, prepareDatabaseFile } from '../data-dir.js';
import { SCHEMA_VERSION, runMigrations } from './migrations.js';

const IN_MEMORY = ':memory:';

export interface OpenDatabaseOptions {
  /** A better_sqlite3.node built for another runtime's ABI (the Electron shell in development). */
  nativeBinding?: string;
}

export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Database.Database {
  const onDisk = file !== IN_MEMORY && file !== '';
  if (onDisk) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: OWNER_ONLY_DIR });
    // Owner-only (0600) whatever the umask; SQLite gives its -wal/-shm/-journal files the same mode.
    prepareDatabaseFile(file);
  }

  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    // Read-only check first: setting journal_mode would already rewrite the header.
    const fileVersion = readUserVersion(db, file);
    if (fileVersion > SCHEMA_VERSION) {
      throw failure(
        'db_newer_version',
        `This library was written by a newer version of ReasonFlux Tutor (data version ${fileVersion}; this app understands up to ${SCHEMA_VERSION}), so it was left untouched.`,
        { action: 'Update the app, or start with a different data folder.', details: { file, fileVersion, appVersion: SCHEMA_VERSION } },
      );
    }
    if (onDisk) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // A large import grows the WAL to its size; without a limit the file keeps that size
    // while any connection stays open. After each checkpoint it is cut back to 8 MB.
    db.pragma('journal_size_limit = 8388608');
    // Bulk imports of large packs rebuild many FTS pages; a larger page cache keeps them in memory.
    db.pragma('cache_size = -32768');
    runMigrations(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function readUserVersion(db: Database.Database, file: string): number {
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw failure('db_corrupt', 'The library file is damaged or is not a ReasonFlux Tutor library.', {
        action: 'Move the file away (or choose a different data folder) and re-import your packs.',
        details: { file },
      });
    }
    throw err;
  }
}
