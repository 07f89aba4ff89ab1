import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { Library } from '../../../../electron/core/library/library.js';
import {
  applyPack,
  exportPack,
  getInstalledVersion,
  previewPack,
  removePack,
} from '../../../../electron/core/packs/pack-store.js';
import { failureOf } from '../helpers/failure-of.js';
import { makePack, makeProblem, makeTemplate } from '../helpers/make-pack.js';
import { libraryFile, makeTempDir, removeTempDir } from '../helpers/temp-db.js';

let dir: string;
let file: string;
let db: Database.Database;
beforeEach(() => {
  dir = makeTempDir('rf-store-');
  file = libraryFile(dir);
  db = openDatabase(file);
});
afterEach(() => {
  if (db.open) db.close();
  removeTempDir(dir);
});

const native = { sourceFormat: 'native' };

/** Every row of every table the store writes, for before/after comparisons. */
function snapshot(d: Database.Database) {
  const all = (sql: string) => d.prepare(sql).all();
  return {
    packs: all('SELECT * FROM packs ORDER BY id'),
    templates: all('SELECT * FROM templates ORDER BY rowid'),
    tags: all('SELECT * FROM template_tags ORDER BY template_rowid, tag'),
    fts: all('SELECT rowid, * FROM templates_fts ORDER BY rowid'),
    head: all('SELECT rowid, * FROM templates_head_fts ORDER BY rowid'),
  };
}

const rowidsById = (d: Database.Database) =>
  Object.fromEntries(
    (d.prepare('SELECT template_id, rowid FROM templates ORDER BY rowid').all() as { template_id: string; rowid: number }[]).map((r) => [
      r.template_id,
      r.rowid,
    ]),
  );

describe('previewPack', () => {
  it('describes a fresh install without writing anything', () => {
    const preview = previewPack(db, makePack({}, 5), 'native', ['note from the parser']);
    expect(preview).toMatchObject({
      packId: 'test-pack',
      version: '1.0.0',
      installedVersion: null,
      action: 'install',
      sourceFormat: 'native',
      counts: { added: 5, changed: 0, removed: 0, unchanged: 0, templates: 5, chapters: 2, sections: 4 },
      warnings: ['note from the parser'],
    });
    expect(preview.changes.map((c) => c.templateId)).toEqual(['t-0', 't-1', 't-2', 't-3', 't-4']);
    expect(db.prepare('SELECT count(*) AS n FROM packs').get()).toEqual({ n: 0 });
  });

  it('classifies templates of an update as added, changed, removed and unchanged', () => {
    applyPack(db, makePack({}, 4), native);
    const next = makePack({ version: '1.1.0' }, 4);
    next.templates[1] = makeTemplate(1, { description: 'A better description.' });
    next.templates.splice(2, 1); // t-2 removed
    next.templates.push(makeTemplate(9));
    const preview = previewPack(db, next, 'native');
    expect(preview.action).toBe('update');
    expect(preview.installedVersion).toBe('1.0.0');
    expect(preview.counts).toMatchObject({ added: 1, changed: 1, removed: 1, unchanged: 2 });
    expect(preview.changes).toEqual([
      { kind: 'changed', templateId: 't-1', name: 'Template number 1' },
      { kind: 'added', templateId: 't-9', name: 'Template number 9' },
      { kind: 'removed', templateId: 't-2', name: 'Template number 2' },
    ]);
  });

  it('says "same" for an identical pack and "downgrade" for an older one', () => {
    applyPack(db, makePack({ version: '2.0.0' }), native);
    expect(previewPack(db, makePack({ version: '2.0.0' }), 'native').action).toBe('same');
    const older = previewPack(db, makePack({ version: '2.0.0-beta.1' }), 'native');
    expect(older.action).toBe('downgrade');
    expect(older.warnings.join(' ')).toMatch(/older than the installed 2\.0\.0/);
  });

  it('warns when the version is the same but the content differs', () => {
    applyPack(db, makePack(), native);
    const edited = makePack();
    edited.templates[0] = makeTemplate(0, { name: 'Renamed without a version bump' });
    const preview = previewPack(db, edited, 'native');
    expect(preview.action).toBe('update');
    expect(preview.warnings.join(' ')).toMatch(/already installed but its content differs/);
  });
});

describe('applyPack', () => {
  it('installs a pack: rows, tags and both full-text indexes', () => {
    const outcome = applyPack(db, makePack({}, 6), { sourceFormat: 'reasonflux-v1', builtIn: true });
    expect(outcome).toEqual({
      packId: 'test-pack',
      version: '1.0.0',
      action: 'installed',
      counts: { added: 6, changed: 0, removed: 0, unchanged: 0 },
    });
    expect(getInstalledVersion(db, 'test-pack')).toBe('1.0.0');
    expect(db.prepare('SELECT count(*) AS n FROM templates').get()).toEqual({ n: 6 });
    expect(db.prepare('SELECT count(*) AS n FROM template_tags').get()).toEqual({ n: 12 });
    expect(db.prepare('SELECT count(*) AS n FROM templates_fts').get()).toEqual({ n: 6 });
    expect(db.prepare('SELECT count(*) AS n FROM templates_head_fts').get()).toEqual({ n: 6 });
    const [summary] = new Library(db).listPacks();
    expect(summary).toMatchObject({ id: 'test-pack', templateCount: 6, sourceFormat: 'reasonflux-v1', builtIn: true });
  });

  it('applying the same version and content again writes nothing at all', () => {
    applyPack(db, makePack(), native);
    const before = snapshot(db);
    const changesBefore = db.prepare('SELECT total_changes() AS n').get();
    const outcome = applyPack(db, makePack(), { sourceFormat: 'native', builtIn: true });
    expect(outcome.action).toBe('unchanged');
    expect(outcome.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 6 });
    expect(db.prepare('SELECT total_changes() AS n').get()).toEqual(changesBefore);
    expect(snapshot(db)).toEqual(before);
  });

  it('updates in place: unchanged rows keep their rowid and bytes, changed ones are rewritten, removed ones go', () => {
    applyPack(db, makePack({}, 4), native);
    const idsBefore = rowidsById(db);
    const unchangedRowBefore = db.prepare("SELECT * FROM templates WHERE template_id = 't-0'").get();

    const next = makePack({ version: '1.1.0' }, 4);
    next.templates[1] = makeTemplate(1, { name: 'Completing the square', tags: ['algebra'] });
    next.templates.splice(2, 1);
    next.templates.push(makeTemplate(7));
    const outcome = applyPack(db, next, native);
    expect(outcome).toMatchObject({ action: 'updated', version: '1.1.0', counts: { added: 1, changed: 1, removed: 1, unchanged: 2 } });

    const idsAfter = rowidsById(db);
    expect(idsAfter['t-0']).toBe(idsBefore['t-0']);
    expect(idsAfter['t-1']).toBe(idsBefore['t-1']);
    expect(idsAfter['t-2']).toBeUndefined();
    expect(db.prepare("SELECT * FROM templates WHERE template_id = 't-0'").get()).toEqual(unchangedRowBefore);
    expect(db.prepare('SELECT tag FROM template_tags WHERE template_rowid = ?').all(idsAfter['t-1'])).toEqual([{ tag: 'algebra' }]);
    // The full-text indexes follow: the new name is found, the removed template is not.
    const library = new Library(db);
    expect(library.search({ query: 'completing square', limit: 10 }).map((h) => h.template.templateId)).toEqual(['t-1']);
    expect(library.search({ query: 'Template number 2', limit: 10 }).map((h) => h.template.templateId)).not.toContain('t-2');
    expect(db.prepare('SELECT count(*) AS n FROM templates_fts').get()).toEqual({ n: 4 });
    expect(db.prepare('SELECT count(*) AS n FROM templates_head_fts').get()).toEqual({ n: 4 });
    expect(getInstalledVersion(db, 'test-pack')).toBe('1.1.0');
  });

  it('follows a reordering of templates and topics without counting it as a change', () => {
    applyPack(db, makePack({}, 4), native);
    const next = makePack({ version: '1.0.1', topics: [...makePack().topics].reverse() }, 4);
    next.templates.reverse();
    const outcome = applyPack(db, next, native);
    expect(outcome.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 4 });
    expect(exportPack(db, 'test-pack')).toEqual(next);
    const listed = new Library(db).listTemplates({ packId: 'test-pack', offset: 0, limit: 10 }).items.map((t) => t.chapter);
    expect(listed).toEqual(['Geometry', 'Geometry', 'Algebra', 'Algebra']);
  });

  it('refuses an older version with pack_older_version unless forced', () => {
    applyPack(db, makePack({ version: '1.2.0' }), native);
    const before = snapshot(db);
    const older = makePack({ version: '1.10.0-rc.1' }); // numeric compare: 1.10 > 1.2, so this is newer
    expect(previewPack(db, older, 'native').action).toBe('update');

    const downgrade = makePack({ version: '1.1.9' }, 3);
    const err = failureOf(() => applyPack(db, downgrade, native));
    expect(err.error.code).toBe('pack_older_version');
    expect(err.error.action).toBe('Use --force (or tick "Replace with older version") to install it anyway.');
    expect(snapshot(db)).toEqual(before);

    const forced = applyPack(db, downgrade, { sourceFormat: 'native', force: true });
    expect(forced).toMatchObject({ action: 'downgraded', version: '1.1.9', counts: { removed: 3, unchanged: 3 } });
    expect(getInstalledVersion(db, 'test-pack')).toBe('1.1.9');
  });

  it('a failure in the middle of an apply leaves every row and the file bytes unchanged', () => {
    applyPack(db, makePack({}, 5), native);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = snapshot(db);
    const bytesBefore = fs.readFileSync(file);

    // An update whose 4th template collides with the 1st on the UNIQUE(pack_id, template_id)
    // key: the pack row, two template rows and their index entries are already written when it throws.
    const bad = makePack({ version: '2.0.0' }, 5);
    bad.templates[1] = makeTemplate(1, { name: 'changed before the failure' });
    bad.templates[3] = makeTemplate(3, { id: 't-new' });
    bad.templates[4] = makeTemplate(4, { id: 't-new', name: 'duplicate id' });
    expect(() => applyPack(db, bad, native)).toThrow(/UNIQUE/);

    expect(snapshot(db)).toEqual(before);
    expect(getInstalledVersion(db, 'test-pack')).toBe('1.0.0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(file).equals(bytesBefore)).toBe(true);
  });

  it('a failing fresh install leaves nothing behind', () => {
    const bad = makePack({ id: 'broken-pack' }, 3);
    bad.templates.push(makeTemplate(0)); // t-0 twice
    expect(() => applyPack(db, bad, native)).toThrow();
    expect(getInstalledVersion(db, 'broken-pack')).toBeNull();
    expect(snapshot(db)).toEqual({ packs: [], templates: [], tags: [], fts: [], head: [] });
  });

  it('imports 20,000 templates in one go', () => {
    const big = makePack({ id: 'big-pack' }, 20_000);
    const outcome = applyPack(db, big, native);
    expect(outcome.counts.added).toBe(20_000);
    expect(db.prepare('SELECT count(*) AS n FROM templates_fts').get()).toEqual({ n: 20_000 });
    const library = new Library(db);
    expect(library.search({ query: 'template number 19999', limit: 5 })[0]!.template.templateId).toBe('t-19999');
    expect(library.listTemplates({ packId: 'big-pack', offset: 19_990, limit: 50 }).items).toHaveLength(10);
  });
});

describe('removePack', () => {
  it('removes the pack with its templates, tags and full-text entries, and leaves other packs alone', () => {
    applyPack(db, makePack({}, 4), native);
    applyPack(db, makePack({ id: 'other-pack' }, 2), native);
    expect(removePack(db, 'test-pack')).toEqual({ packId: 'test-pack', removedTemplates: 4 });
    expect(getInstalledVersion(db, 'test-pack')).toBeNull();
    expect(db.prepare('SELECT DISTINCT pack_id FROM templates').all()).toEqual([{ pack_id: 'other-pack' }]);
    expect(db.prepare('SELECT DISTINCT pack_id FROM template_tags').all()).toEqual([{ pack_id: 'other-pack' }]);
    expect(db.prepare('SELECT count(*) AS n FROM templates_fts').get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT count(*) AS n FROM templates_head_fts').get()).toEqual({ n: 2 });
    expect(new Library(db).search({ query: 'template', limit: 50 }).every((h) => h.template.packId === 'other-pack')).toBe(true);
  });

  it('reports an unknown pack as not_found', () => {
    const err = failureOf(() => removePack(db, 'nope'));
    expect(err.error.code).toBe('not_found');
    expect(err.error.action).toBeTruthy();
  });
});

describe('exportPack', () => {
  it('gives back exactly the imported pack, key order included, and re-importing it changes nothing', () => {
    const pack = makePack(
      { $schema: 'https://example.invalid/pack-v1.schema.json', attribution: 'Adapted from class notes', license: 'CC-BY-SA-4.0' },
      3,
    );
    pack.templates[0] = makeTemplate(0, { license: 'CC0-1.0', attribution: 'Written by a teacher', tags: [] });
    pack.templates[2] = makeTemplate(2, { examples: [] });
    applyPack(db, pack, native);

    const exported = exportPack(db, 'test-pack');
    expect(JSON.stringify(exported)).toBe(JSON.stringify(pack));
    expect(applyPack(db, exported, native).action).toBe('unchanged');
  });

  it('orders keys like the schema even when the source file did not', () => {
    const pack = makePack({}, 2);
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const shuffled = reversed({
      ...pack,
      topics: pack.topics.map(reversed),
      templates: pack.templates.map((t) => reversed({ ...t, examples: t.examples.map(reversed) })),
    });
    expect(Object.keys(shuffled)[0]).toBe('templates');
    applyPack(db, shuffled, native);
    expect(JSON.stringify(exportPack(db, 'test-pack'))).toBe(JSON.stringify(pack));
  });

  it('reports an unknown pack as not_found', () => {
    expect(failureOf(() => exportPack(db, 'nope')).error.code).toBe('not_found');
  });
});

describe('practice problems', () => {
  const problemIds = (d: Database.Database, packId: string) =>
    (d.prepare('SELECT problem_id FROM practice_problems WHERE pack_id = ? ORDER BY position').all(packId) as { problem_id: string }[]).map(
      (r) => r.problem_id,
    );

  it('are stored with the pack, exported exactly, and removed with it', () => {
    const pack = makePack({ problems: [makeProblem(1), makeProblem(2, { answerCheck: 'manual' })] }, 2);
    applyPack(db, pack, native);
    expect(problemIds(db, 'test-pack')).toEqual(['p-1', 'p-2']);
    const exported = exportPack(db, 'test-pack');
    expect(JSON.stringify(exported)).toBe(JSON.stringify(pack));
    expect(applyPack(db, exported, native).action).toBe('unchanged');
    removePack(db, 'test-pack');
    expect(problemIds(db, 'test-pack')).toEqual([]);
  });

  it('a change in problems alone is an update, and replaces the stored problems', () => {
    applyPack(db, makePack({ problems: [makeProblem(1)] }), native);
    const next = makePack({ version: '1.0.1', problems: [makeProblem(3), makeProblem(1)] });
    expect(previewPack(db, next, 'native').action).toBe('update');
    expect(applyPack(db, next, native)).toMatchObject({ action: 'updated', counts: { unchanged: 6 } });
    expect(problemIds(db, 'test-pack')).toEqual(['p-3', 'p-1']);
  });

  it('a pack of problems only (no templates, no topics) installs and round-trips', () => {
    const pack = makePack({ id: 'drills', topics: [], templates: [], problems: [makeProblem(1, { steps: [{ ...makeProblem(1).steps[0]!, templateId: 'test-pack/t-0' }] })] });
    expect(applyPack(db, pack, native).action).toBe('installed');
    expect(JSON.stringify(exportPack(db, 'drills'))).toBe(JSON.stringify(pack));
    expect(new Library(db).topicTree('drills')).toEqual({ packId: 'drills', chapters: [] });
  });

  it('a pack without problems exports without a problems key', () => {
    applyPack(db, makePack(), native);
    expect('problems' in exportPack(db, 'test-pack')).toBe(false);
  });
});
