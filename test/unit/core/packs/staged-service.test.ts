/**
 * Staged import through the pack service on a real SQLite file and the real worker checker:
 * preview holds the checked pack under an id, apply writes exactly that (the file is read and
 * parsed once), ids are single use and expire, and a failed preview holds nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { PackChecker } from '../../../../electron/core/packs/off-thread.js';
import { exportPack, getInstalledVersion } from '../../../../electron/core/packs/pack-store.js';
import { PackService, type PackCheck } from '../../../../electron/core/packs/service.js';
import { STAGED_IMPORT_TTL_MS } from '../../../../electron/core/packs/staged-imports.js';
import { makePack, makeTemplate } from '../helpers/make-pack.js';
import { libraryFile, makeTempDir, removeTempDir } from '../helpers/temp-db.js';
import { asyncFailureOf } from './helpers.js';

const realChecker = new PackChecker();
afterAll(() => realChecker.close());

/** The real off-thread checker, counting how often a file is parsed and validated. */
function countingChecker(): PackCheck & { parses: string[] } {
  const parses: string[] = [];
  return {
    parses,
    check: (fileName, content, opts) => {
      parses.push(fileName);
      return realChecker.check(fileName, content, opts);
    },
    close: () => {},
  };
}

let dir: string;
let db: Database.Database;
let checker: ReturnType<typeof countingChecker>;
let t: number;
let service: PackService;

beforeEach(() => {
  dir = makeTempDir('rf-staged-');
  db = openDatabase(libraryFile(dir));
  checker = countingChecker();
  t = 5_000_000;
  service = new PackService(db, undefined, { checker, staging: { now: () => t, maxEntries: 3 } });
});
afterEach(() => {
  service.close();
  db.close();
  removeTempDir(dir);
});

const text = (overrides: Parameters<typeof makePack>[0] = {}, count = 4) => JSON.stringify(makePack(overrides, count));

describe('staged pack import', () => {
  it('previews with an import id and writes nothing until applied; apply writes without parsing again', async () => {
    const preview = await service.stageImport('algebra.json', text({ id: 'algebra' }));
    expect(preview).toMatchObject({ packId: 'algebra', action: 'install', version: '1.0.0', counts: { templates: 4, added: 4 } });
    expect(typeof preview.importId).toBe('string');
    expect(getInstalledVersion(db, 'algebra')).toBeNull();
    expect(checker.parses).toEqual(['algebra.json']);

    const outcome = await service.applyStaged(preview.importId);
    expect(outcome).toMatchObject({ packId: 'algebra', version: '1.0.0', action: 'installed', counts: { added: 4 } });
    expect(getInstalledVersion(db, 'algebra')).toBe('1.0.0');
    expect(checker.parses).toEqual(['algebra.json']); // parsed once, at preview
  }, 60_000);

  it('applies what was previewed even when the file on disk changed in between', async () => {
    const file = path.join(dir, 'geometry.json');
    fs.writeFileSync(file, text({ id: 'geometry', name: 'Geometry as previewed' }, 3));
    const preview = await service.stageFile(file);
    expect(preview).toMatchObject({ fileName: 'geometry.json', packId: 'geometry', name: 'Geometry as previewed', counts: { templates: 3 } });

    // The teacher edits the file after looking at the preview: a newer version, other templates.
    fs.writeFileSync(file, text({ id: 'geometry', name: 'Geometry edited later', version: '2.0.0', templates: [makeTemplate(9)] }, 1));
    await service.applyStaged(preview.importId);

    const installed = exportPack(db, 'geometry');
    expect(installed).toMatchObject({ name: 'Geometry as previewed', version: '1.0.0' });
    expect(installed.templates.map((tpl) => tpl.id)).toEqual(['t-0', 't-1', 't-2']);
    expect(checker.parses).toEqual(['geometry.json']);
  }, 60_000);

  it('takes an id once: a second apply is import_expired and changes nothing', async () => {
    const preview = await service.stageImport('a.json', text({ id: 'once' }));
    await service.applyStaged(preview.importId);
    // Another pack version lands meanwhile; the used id must not bring 1.0.0 back.
    const v2 = await service.stageImport('a.json', text({ id: 'once', version: '2.0.0' }));
    await service.applyStaged(v2.importId);
    const error = await asyncFailureOf(() => service.applyStaged(preview.importId, { force: true }));
    expect(error.code).toBe('import_expired');
    expect(error.action).toMatch(/again/);
    expect(getInstalledVersion(db, 'once')).toBe('2.0.0');
  }, 60_000);

  it('refuses an unknown or expired id with import_expired, nothing written', async () => {
    expect((await asyncFailureOf(() => service.applyStaged('no-such-import'))).code).toBe('import_expired');
    const preview = await service.stageImport('late.json', text({ id: 'late' }));
    t += STAGED_IMPORT_TTL_MS;
    const error = await asyncFailureOf(() => service.applyStaged(preview.importId));
    expect(error.code).toBe('import_expired');
    expect(error.message).toContain('older than 30 minutes');
    expect(getInstalledVersion(db, 'late')).toBeNull();
  }, 60_000);

  it('holds at most the configured number of previews', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await service.stageImport(`p${i}.json`, text({ id: `bounded-${i}` }))).importId);
    expect((await asyncFailureOf(() => service.applyStaged(ids[0]!))).code).toBe('import_expired');
    for (const id of ids.slice(1)) await service.applyStaged(id);
    expect([1, 2, 3].map((i) => getInstalledVersion(db, `bounded-${i}`))).toEqual(['1.0.0', '1.0.0', '1.0.0']);
  }, 60_000);

  it('keeps the import under the id the preview was made for (asPackId), and force reaches the write', async () => {
    await service.applyStaged((await service.stageImport('f.json', text({ id: 'forked', version: '3.0.0' }))).importId);
    const copy = await service.stageImport('f.json', text({ id: 'forked', version: '1.0.0' }), { asPackId: 'my-fork' });
    expect(copy).toMatchObject({ packId: 'my-fork', action: 'install' });
    await service.applyStaged(copy.importId);
    expect(getInstalledVersion(db, 'my-fork')).toBe('1.0.0');

    const older = await service.stageImport('f.json', text({ id: 'forked', version: '1.0.0' }));
    expect(older.action).toBe('downgrade');
    expect((await asyncFailureOf(() => service.applyStaged(older.importId))).code).toBe('pack_older_version');
    // That id is used up by the refused write; a fresh preview with force replaces it.
    const again = await service.stageImport('f.json', text({ id: 'forked', version: '1.0.0' }));
    expect(await service.applyStaged(again.importId, { force: true })).toMatchObject({ action: 'downgraded' });
    expect(getInstalledVersion(db, 'forked')).toBe('1.0.0');
  }, 60_000);

  it('holds nothing for a file that is not a valid pack', async () => {
    const error = await asyncFailureOf(() => service.stageImport('bad.json', '{"id": "broken"'));
    expect(error.code).toBe('pack_unreadable');
    const missing = await asyncFailureOf(() => service.stageFile(path.join(dir, 'gone.json')));
    expect(missing).toMatchObject({ code: 'pack_unreadable', message: expect.stringContaining('gone.json') });
  }, 60_000);

  it('writes through the lock it is given, after taking the id', async () => {
    const preview = await service.stageImport('locked.json', text({ id: 'locked' }));
    const labels: string[] = [];
    const outcome = await service.applyStaged(preview.importId, {}, async (label, write) => {
      labels.push(label);
      // While the write waits for the lock the id is already used: a double click cannot import twice.
      expect((await asyncFailureOf(() => service.applyStaged(preview.importId))).code).toBe('import_expired');
      return write();
    });
    expect(outcome.action).toBe('installed');
    expect(labels).toEqual(['app import locked.json']);
  }, 60_000);

  it('forgets a discarded preview', async () => {
    const preview = await service.stageImport('d.json', text({ id: 'dropped' }));
    expect(service.discardStaged(preview.importId)).toBe(true);
    expect(service.discardStaged(preview.importId)).toBe(false);
    expect((await asyncFailureOf(() => service.applyStaged(preview.importId))).code).toBe('import_expired');
  }, 60_000);
});
