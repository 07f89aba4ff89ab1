/**
 * Another process (a teacher's CLI import) can hold the database's write lock for seconds.
 * These helpers let a writer wait a bounded time for it and recognise "still locked", so
 * callers can keep the write for later instead of failing or holding the event loop.
 */
import type Database from 'better-sqlite3';

/** The wait every connection gets by default (see database.ts). */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** True for SQLITE_BUSY / SQLITE_LOCKED and their extended codes (e.g. SQLITE_BUSY_SNAPSHOT). */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/** Run `fn` with this connection waiting at most `ms` for a lock, then restore its wait. */
export function withBusyTimeout<T>(db: Database.Database, ms: number, fn: () => T): T {
  const before = db.pragma('busy_timeout', { simple: true }) as number;
  if (before === ms) return fn();
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
  try {
    return fn();
  } finally {
    db.pragma(`busy_timeout = ${before}`);
  }
}
