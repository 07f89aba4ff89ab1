import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { MIGRATIONS, SCHEMA_VERSION, runMigrations, type Migration } from '../../../../electron/core/db/migrations.js';
import { failureOf } from '../helpers/failure-of.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-db.js';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('rf-db-');
});
afterEach(() => {
  removeTempDir(dir);
});

const tableNames = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('openDatabase', () => {
  it('creates the parent folder and the schema on an empty file, with the intended pragmas', () => {
    const file = path.join(dir, 'nested', 'deeper', 'library.sqlite');
    const db = openDatabase(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(8 * 1024 * 1024);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['packs', 'templates', 'template_tags', 'meta', 'templates_fts', 'templates_head_fts']));
    db.close();
  });

  it('re-opening an up-to-date file changes nothing and keeps its data', () => {
    const file = path.join(dir, 'library.sqlite');
    const first = openDatabase(file);
    first.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('theme', 'dark');
    const schema = first.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    first.close();

    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(again.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
    expect(again.prepare('SELECT value FROM meta WHERE key = ?').get('theme')).toEqual({ value: 'dark' });
    again.close();
  });

  it('works in memory', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a file written by a newer app version and leaves its bytes untouched', () => {
    const file = path.join(dir, 'newer.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future_things (x TEXT); INSERT INTO future_things VALUES (\'keep me\');');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = fs.readFileSync(file);

    const err = failureOf(() => openDatabase(file));
    expect(err.error.code).toBe('db_newer_version');
    expect(err.error.message).toMatch(/newer version of ReasonFlux Tutor/);
    expect(err.error.action).toBe('Update the app, or start with a different data folder.');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('reports a file that is not a database as db_corrupt', () => {
    const file = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(file, 'this is not a database, just some text that is long enough to look like a header'.repeat(20));
    const err = failureOf(() => openDatabase(file));
    expect(err.error.code).toBe('db_corrupt');
    expect(err.error.action).toBeTruthy();
  });
});

describe('runMigrations', () => {
  it('runs every pending step in one transaction: a failing later step leaves the file at its old version', () => {
    const db = new Database(path.join(dir, 'partial.sqlite'));
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, purpose: 'adds a table', up: (d) => d.exec('CREATE TABLE later_table (x)') },
      { version: SCHEMA_VERSION + 2, purpose: 'fails', up: (d) => d.exec('CREATE TABLE packs (duplicate)') },
    ];
    expect(() => runMigrations(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tableNames(db)).toEqual([]);
    db.close();
  });

  it('applies only the steps newer than the stored version', () => {
    const db = new Database(path.join(dir, 'steps.sqlite'));
    expect(runMigrations(db)).toBe(SCHEMA_VERSION);
    const next: Migration[] = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, purpose: 'a later step', up: (d) => d.exec('CREATE TABLE later_step_table (id TEXT PRIMARY KEY)') }];
    expect(runMigrations(db, next)).toBe(SCHEMA_VERSION + 1);
    expect(tableNames(db)).toContain('later_step_table');
    expect(runMigrations(db, next)).toBe(SCHEMA_VERSION + 1); // nothing left to do, no error
    db.close();
  });

  it('numbers migrations strictly increasing from 1', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });
});
