/**
 * Migration 6 rebuilds the full-text index with the Porter tokenizer and the topic in the
 * scope column: a library written by version 5 must search like a new one afterwards, and
 * writing templates afterwards must keep both indexes consistent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, runMigrations } from '../../../../electron/core/db/migrations.js';
import { applyPack, removePack } from '../../../../electron/core/packs/pack-store.js';
import { searchTemplates } from '../../../../electron/core/retrieval/search.js';
import { makePack, makeTemplate } from '../helpers/make-pack.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-migrate6-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('migration 6 (stemmed index, vocabulary, vectors)', () => {
  it('rebuilds the index of an existing version-5 library, which then searches by stem', () => {
    const db = new Database(path.join(dir, 'v5.sqlite'));
    db.pragma('foreign_keys = ON');
    expect(runMigrations(db, MIGRATIONS.filter((m) => m.version <= 5))).toBe(5);
    const pack = makePack({ id: 'old', name: 'Old' }, 0);
    pack.templates = [
      makeTemplate(0, { id: 'bases', name: 'Change of base', chapter: 'Number Theory', section: 'Number bases' }),
      makeTemplate(1, { id: 'other', name: 'Something else' }),
    ];
    applyPack(db, pack, { sourceFormat: 'native' });
    const ftsRows = () => (db.prepare('SELECT count(*) AS n FROM templates_fts').get() as { n: number }).n;
    expect(ftsRows()).toBe(2);

    expect(runMigrations(db)).toBe(6);
    expect(ftsRows()).toBe(2);
    expect(searchTemplates(db, { query: 'bases', limit: 10 }).map((h) => h.template.id)).toEqual(['old/bases']);
    expect(searchTemplates(db, { query: 'number theory', limit: 10 }).map((h) => h.template.id)[0]).toBe('old/bases');
    for (const fts of ['templates_fts', 'templates_head_fts']) {
      expect(() => db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('integrity-check')`).run()).not.toThrow();
    }

    // Writing after the migration keeps the indexes consistent (removal reads the new view).
    removePack(db, 'old');
    expect(ftsRows()).toBe(0);
    for (const fts of ['templates_fts', 'templates_head_fts']) {
      expect(() => db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('integrity-check')`).run()).not.toThrow();
    }
    db.close();
  });

  it('removes a template\'s vectors with the template', () => {
    const db = new Database(path.join(dir, 'vectors.sqlite'));
    db.pragma('foreign_keys = ON');
    runMigrations(db);
    applyPack(db, makePack({ id: 'v', name: 'V' }, 2), { sourceFormat: 'native' });
    const rowid = (db.prepare('SELECT rowid FROM templates LIMIT 1').get() as { rowid: number }).rowid;
    db.prepare('INSERT INTO template_vectors (template_rowid, model, content_hash, dims, vector) VALUES (?, ?, ?, ?, ?)').run(rowid, 'm', 'h', 1, Buffer.alloc(4));
    removePack(db, 'v');
    expect(db.prepare('SELECT count(*) AS n FROM template_vectors').get()).toEqual({ n: 0 });
    db.close();
  });
});
