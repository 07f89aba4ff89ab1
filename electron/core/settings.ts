/** Small key-value settings kept in the database's `meta` table. */
import type Database from 'better-sqlite3';

export class Settings {
  constructor(private readonly db: Database.Database) {}

  get<T>(key: string, fallback: T): T {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return fallback;
    try {
      return JSON.parse(row.value) as T;
    } catch {
      return fallback;
    }
  }

  set(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }
}

/**
 * Built-in packs the user removed: they stay removed across starts, until the user imports
 * one again by hand.
 */
export class RemovedBuiltIns {
  private static readonly KEY = 'packs.removedBuiltIns';
  constructor(private readonly settings: Settings) {}

  all(): Set<string> {
    return new Set(this.settings.get<string[]>(RemovedBuiltIns.KEY, []));
  }

  add(packId: string): void {
    this.settings.set(RemovedBuiltIns.KEY, [...this.all().add(packId)]);
  }

  forget(packId: string): void {
    const ids = this.all();
    if (ids.delete(packId)) this.settings.set(RemovedBuiltIns.KEY, [...ids]);
  }
}
