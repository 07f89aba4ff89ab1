/**
 * The full-text view and indexes over the real ReasonFlux v1 library (420 templates): the view
 * gives exactly the text of ftsDocument and FTS5's integrity-check passes. The same check on
 * our own library in that format: test/unit/core/retrieval/fts-text.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database.js';
import { parsePackFile } from '../../../electron/core/packs/parse.js';
import { applyPack } from '../../../electron/core/packs/pack-store.js';
import { ftsDocument } from '../../../electron/core/retrieval/fts-document.js';
import { referenceFile } from '../reference-dir.js';

let dir: string;
let db: Database.Database;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-fts-reference-'));
  db = openDatabase(path.join(dir, 'library.sqlite'));
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('templates_text view over the ReasonFlux library (real reference file)', () => {
  it('matches ftsDocument for every one of its 420 templates, with consistent indexes', () => {
    const { pack } = parsePackFile('template_library.json', fs.readFileSync(referenceFile('template_library.json'), 'utf8'));
    expect(pack.templates).toHaveLength(420);
    applyPack(db, pack, { sourceFormat: 'reasonflux-v1' });
    const stmt = db.prepare(
      'SELECT v.* FROM templates_text v JOIN templates t ON t.rowid = v.rowid WHERE t.pack_id = ? AND t.template_id = ?',
    );
    const viewText = pack.templates.map((t) => {
      const { rowid: _rowid, ...text } = stmt.get(pack.id, t.id) as Record<string, unknown>;
      return text;
    });
    expect(viewText).toEqual(pack.templates.map((t) => ftsDocument(t)));
    for (const fts of ['templates_fts', 'templates_head_fts']) {
      expect(() => db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('integrity-check')`).run()).not.toThrow();
    }
  });
});
