/**
 * One pack import (or removal) at a time per library. Two CLI imports on one data folder
 * used to race for SQLite's write lock and the loser failed with "database is locked" (an
 * internal error); the app's own import froze the host for the busy timeout, then failed
 * the same way. Now each takes this lock first: a CLI import prints that it is waiting and
 * starts when the other is done (or with --no-wait stops at once with a clear message); the
 * app waits without holding its event loop.
 *
 * The lock is an exclusive lock on a small SQLite file next to the library, held by an open
 * transaction: the operating system drops it when the process ends, even on kill -9, so a
 * crashed import never leaves a stale lock behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { failure } from '../../../shared/result.js';
import { msg } from '../../../shared/messages.js';
import { ensureDataDir } from '../data-dir.js';
import { isBusy } from './busy.js';

/** Next to library.sqlite, named after it so the data folder holds only library.sqlite* files. */
export const IMPORT_LOCK_FILE = 'library.sqlite.import-lock';
export const IMPORT_LOCK_OWNER_FILE = 'library.sqlite.import-lock.owner';
const OWNER_FILE = IMPORT_LOCK_OWNER_FILE;

/** Locks this process holds, by lock file: taking one again (the CLI, then the core it runs) just nests. */
const heldHere = new Map<string, number>();

export interface ImportLockOptions {
  /** What this process is doing, shown to a process that waits ("import pack.json"). */
  command: string;
  /** False: refuse at once if another import holds the lock. */
  wait: boolean;
  /** Give up waiting after this long (default 30 minutes). */
  maxWaitMs?: number;
  pollMs?: number;
  /** Called once, when this process starts waiting. */
  onWait?: (holder: string) => void;
}

export interface ImportLock {
  release(): void;
}

export async function acquireImportLock(dataDir: string, opts: ImportLockOptions): Promise<ImportLock> {
  // A clear data_dir_unusable error (not "EEXIST mkdir") when the folder is a file or not writable.
  ensureDataDir(dataDir);
  const file = path.join(dataDir, IMPORT_LOCK_FILE);
  const key = path.resolve(file);
  const nested = heldHere.get(key);
  if (nested) {
    heldHere.set(key, nested + 1);
    let done = false;
    return {
      release: () => {
        if (done) return;
        done = true;
        heldHere.set(key, heldHere.get(key)! - 1);
      },
    };
  }
  const db = new Database(file);
  try {
    fs.chmodSync(file, 0o600);
    // Nothing is ever written to it, so no journal mode to set (that would need the lock).
    db.pragma('busy_timeout = 0');
  } catch (err) {
    db.close();
    throw err;
  }
  const started = Date.now();
  const maxWaitMs = opts.maxWaitMs ?? 30 * 60_000;
  let waiting = false;
  for (;;) {
    try {
      db.exec('BEGIN EXCLUSIVE');
      break;
    } catch (err) {
      if (!isBusy(err)) {
        db.close();
        throw err;
      }
    }
    const holder = readOwner(dataDir);
    if (!opts.wait) {
      db.close();
      throw failure('forbidden', msg('core.importRunning', { holder }), {
        action: msg('core.importRunning.action'),
        details: { dataDir },
      });
    }
    if (Date.now() - started > maxWaitMs) {
      db.close();
      throw failure('forbidden', msg('core.importStillRunning', { holder, count: Math.round(maxWaitMs / 60_000) }), {
        action: msg('core.importStillRunning.action'),
        details: { dataDir },
      });
    }
    if (!waiting) {
      waiting = true;
      opts.onWait?.(holder);
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 200));
  }
  const owner = path.join(dataDir, OWNER_FILE);
  try {
    fs.writeFileSync(owner, JSON.stringify({ pid: process.pid, command: opts.command, since: new Date().toISOString() }), { mode: 0o600 });
  } catch {
    // Only informs a waiting process; the lock itself is held.
  }
  heldHere.set(key, 1);
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      heldHere.delete(key);
      try {
        if (readOwnerPid(dataDir) === process.pid) fs.rmSync(owner, { force: true });
      } finally {
        db.close(); // ends the transaction: the lock is free
      }
    },
  };
}

function readOwnerPid(dataDir: string): number | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dataDir, OWNER_FILE), 'utf8')) as { pid?: number }).pid ?? null;
  } catch {
    return null;
  }
}

function readOwner(dataDir: string): string {
  try {
    const o = JSON.parse(fs.readFileSync(path.join(dataDir, OWNER_FILE), 'utf8')) as { pid?: unknown; command?: unknown; since?: unknown };
    if (typeof o.pid === 'number' && typeof o.command === 'string' && typeof o.since === 'string') {
      return `process ${o.pid}: ${o.command.slice(0, 200)}, since ${o.since}`;
    }
  } catch {
    // No owner file (yet): say what we know.
  }
  return 'another process';
}

/** Run `run` holding the library's import lock, waiting (without blocking) for another import to end. */
export async function withImportLock<T>(dataDir: string, command: string, run: () => T | Promise<T>, opts: { maxWaitMs?: number } = {}): Promise<T> {
  const lock = await acquireImportLock(dataDir, { command, wait: true, ...opts });
  try {
    return await run();
  } finally {
    lock.release();
  }
}
