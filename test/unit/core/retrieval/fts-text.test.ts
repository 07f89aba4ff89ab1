/**
 * The full-text indexes read their text from the templates_text view (external content), so
 * that view must produce exactly the text ftsDocument describes, and the indexes must stay
 * consistent with it through install, update and removal (FTS5's own integrity-check).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { parsePackFile } from '../../../../electron/core/packs/parse.js';
import { applyPack, removePack } from '../../../../electron/core/packs/pack-store.js';
import { ftsDocument } from '../../../../electron/core/retrieval/fts-document.js';
import { searchTemplates } from '../../../../electron/core/retrieval/search.js';
import type { PackV1 } from '../../../../shared/packs/schema.js';
import { makePack, makeTemplate } from '../helpers/make-pack.js';

/** Our own library in the ReasonFlux v1 format (test/fixtures/formats/README.md). */
const reasonfluxFile = path.resolve(import.meta.dirname, '../../../fixtures/formats/reasonflux-library.json');

let dir: string;
let db: Database.Database;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-fts-text-'));
  db = openDatabase(path.join(dir, 'library.sqlite'));
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function viewTextOf(pack: PackV1) {
  const stmt = db.prepare(
    'SELECT v.* FROM templates_text v JOIN templates t ON t.rowid = v.rowid WHERE t.pack_id = ? AND t.template_id = ?',
  );
  return pack.templates.map((t) => {
    const { rowid: _rowid, ...text } = stmt.get(pack.id, t.id) as Record<string, unknown>;
    return text;
  });
}

function expectIndexesConsistent() {
  for (const fts of ['templates_fts', 'templates_head_fts']) {
    expect(() => db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('integrity-check')`).run()).not.toThrow();
  }
}

describe('templates_text view', () => {
  it('gives exactly the text of ftsDocument, including empty tags, several examples and odd characters', () => {
    const pack = makePack({ id: 'text-pack' }, 0);
    pack.templates = [
      makeTemplate(0, { id: 'no-tags', tags: [] }),
      makeTemplate(1, {
        id: 'rich',
        tags: ['algèbre', 'x, y', '三角形'],
        scope: ['first line\nsecond line', '$x^2$ "quoted"'],
        steps: ['Step with \\frac{1}{2}', 'Tab\there', 'Emoji 🙂'],
        examples: [
          { problem: 'P1', solution: ['a', 'b'], answer: '1' },
          { problem: 'P2 $\\sqrt{2}$', solution: ['only'], answer: 'two\nlines' },
        ],
      }),
    ];
    applyPack(db, pack, { sourceFormat: 'native' });
    expect(viewTextOf(pack)).toEqual(pack.templates.map((t) => ftsDocument(t)));
    expectIndexesConsistent();
  });

  it('matches ftsDocument for every template of a library imported from the ReasonFlux format', () => {
    const { pack } = parsePackFile('template_library.json', fs.readFileSync(reasonfluxFile, 'utf8'));
    expect(pack.templates).toHaveLength(18);
    applyPack(db, pack, { sourceFormat: 'reasonflux-v1' });
    expect(viewTextOf(pack)).toEqual(pack.templates.map((t) => ftsDocument(t)));
    expectIndexesConsistent();
    const hits = searchTemplates(db, { query: 'telescoping', limit: 10, packId: pack.id });
    expect(hits.map((h) => h.template.name)).toEqual(['Telescoping a Sum of Differences', 'Telescoping a Sum of Differences']);
  });

  it('keeps the indexes consistent through changed, removed and reordered templates and pack removal', () => {
    const pack = makePack({ id: 'churn-pack' }, 30);
    applyPack(db, pack, { sourceFormat: 'native' });
    const next: PackV1 = {
      ...pack,
      version: '1.1.0',
      templates: pack.templates
        .slice(5)
        .map((t, i) => (i % 4 === 0 ? { ...t, name: `Zanzibar ${t.name}`, tags: ['walrus', ...t.tags] } : t))
        .reverse(),
    };
    applyPack(db, next, { sourceFormat: 'native' });
    expectIndexesConsistent();
    const hits = searchTemplates(db, { query: 'zanzibar', limit: 50, packId: 'churn-pack' });
    expect(hits).toHaveLength(7); // templates 5, 9, … 29 of the first version were renamed
    expect(hits.map((h) => h.template.templateId).sort()).toEqual(
      next.templates.filter((t) => t.name.startsWith('Zanzibar')).map((t) => t.id).sort(),
    );
    expect(searchTemplates(db, { query: 'walrus', limit: 50 })).toHaveLength(hits.length);
    removePack(db, 'churn-pack');
    expectIndexesConsistent();
    expect(searchTemplates(db, { query: 'zanzibar', limit: 50 })).toEqual([]);
  });
});
