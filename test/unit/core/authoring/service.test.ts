/** Authoring service on a real SQLite file: drafts survive reopening, validation, export, install. */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthoringService } from '../../../../electron/core/authoring/service.js';
import { createCore } from '../../../../electron/core/core.js';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { Library } from '../../../../electron/core/library/library.js';
import { exportPack } from '../../../../electron/core/packs/pack-store.js';
import { parsePackFile } from '../../../../electron/core/packs/parse.js';
import { PackService } from '../../../../electron/core/packs/service.js';
import { failureOf } from '../helpers/failure-of.js';
import { makePack, makeTemplate } from '../helpers/make-pack.js';
import { libraryFile, makeTempDir, removeTempDir } from '../helpers/temp-db.js';

let dir: string;
let file: string;
let db: Database.Database;
let service: AuthoringService;

const open = () => {
  db = openDatabase(file);
  const packs = new PackService(db);
  service = new AuthoringService(db, (fileName, content, force) => packs.apply(fileName, content, { force }));
};

beforeEach(() => {
  dir = makeTempDir('rf-authoring-');
  file = libraryFile(dir);
  open();
});
afterEach(() => {
  if (db.open) db.close();
  removeTempDir(dir);
});

const asDraft = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('drafts', () => {
  it('saves, lists, reads back after reopening the file, replaces and deletes', () => {
    const first = service.drafts.save({ id: 'half-done', name: 'Half done', templates: [{ name: 'x' }] });
    const second = service.drafts.save({ name: '' });
    expect(first.draftId).not.toBe(second.draftId);

    db.close();
    open();
    expect(service.drafts.get(first.draftId).draft).toEqual({ id: 'half-done', name: 'Half done', templates: [{ name: 'x' }] });
    const summary = service.drafts.list().find((d) => d.draftId === first.draftId);
    expect(summary).toMatchObject({ packId: 'half-done', name: 'Half done', templateCount: 1 });
    expect(service.drafts.list()).toHaveLength(2);

    service.drafts.save({ id: 'half-done', name: 'Renamed' }, first.draftId);
    expect(service.drafts.get(first.draftId).draft.name).toBe('Renamed');

    expect(service.drafts.delete(first.draftId)).toEqual({ deleted: true });
    expect(service.drafts.delete(first.draftId)).toEqual({ deleted: false });
    expect(failureOf(() => service.drafts.get(first.draftId)).error.code).toBe('not_found');
    expect(service.drafts.list().map((d) => d.draftId)).toEqual([second.draftId]);
  });

  it('refuses to save over a draft that does not exist', () => {
    expect(failureOf(() => service.drafts.save({}, 'gone')).error.code).toBe('not_found');
    expect(service.drafts.list()).toEqual([]);
  });
});

describe('validation', () => {
  it('reports every problem with the path of the field', () => {
    const pack = asDraft(makePack({}, 2));
    const templates = pack.templates as Record<string, unknown>[];
    templates[0]!.steps = [];
    templates[1]!.id = 'Not An Id';
    pack.version = 'one';
    const { draftId } = service.drafts.save(pack);
    const result = service.validate(draftId);
    expect(result.ok).toBe(false);
    const paths = result.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['version', 'templates[0].steps', 'templates[1].id']));
    expect(result.issues.find((i) => i.path === 'templates[0].steps')!.message).toMatch(/non-empty list/);
  });

  it('passes a valid draft and advises on step counts outside 3 to 7', () => {
    const { draftId } = service.drafts.save(asDraft(makePack({}, 2)));
    const result = service.validate(draftId);
    expect(result).toMatchObject({ ok: true, issues: [] });
    // makeTemplate gives 2 steps each.
    expect(result.warnings.filter((w) => /has 2 steps/.test(w))).toHaveLength(2);
  });

  it('reports an empty draft as issues, not as an error', () => {
    const { draftId } = service.drafts.save({});
    const result = service.validate(draftId);
    expect(result.ok).toBe(false);
    expect(result.issues.length).toBeGreaterThan(0);
  });
});

describe('export and install', () => {
  it('refuses to export an invalid draft and lists why', () => {
    const pack = asDraft(makePack({}, 1));
    (pack.templates as Record<string, unknown>[])[0]!.steps = [''];
    const { draftId } = service.drafts.save(pack);
    const err = failureOf(() => service.export(draftId)).error;
    expect(err.code).toBe('pack_invalid');
    expect((err.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain('templates[0].steps[0]');
    expect(err.action).toMatch(/validate again/);
  });

  it('exports a file the pack parser accepts, equal to the draft', () => {
    const pack = makePack({ id: 'my-pack', version: '2.1.0' }, 3);
    const { draftId } = service.drafts.save(asDraft(pack));
    const exported = service.export(draftId);
    expect(exported.fileName).toBe('my-pack-2.1.0.json');
    const parsed = parsePackFile(exported.fileName, exported.content);
    expect(parsed.sourceFormat).toBe('native');
    expect(parsed.pack).toEqual(pack);
  });

  it('installs a draft into the library, where search finds it', () => {
    const pack = makePack({ id: 'authored' }, 1);
    pack.templates[0] = makeTemplate(0, { name: 'Completing the square', description: 'Rewrite $x^2+bx$ as a square.' });
    const { draftId } = service.drafts.save(asDraft(pack));
    expect(service.install(draftId)).toMatchObject({ packId: 'authored', action: 'installed' });
    const hits = new Library(db).search({ query: 'completing square', limit: 5 });
    expect(hits.map((h) => h.template.id)).toContain('authored/t-0');
    // The same draft again changes nothing.
    expect(service.install(draftId).action).toBe('unchanged');
  });

  it('starts a draft from an installed pack that round-trips exactly', () => {
    const pack = makePack({ id: 'installed', attribution: 'Written for the test' }, 4);
    const packs = new PackService(db);
    packs.apply('installed.json', JSON.stringify(pack));
    const view = service.fromPack('installed');
    expect(view.draft).toEqual(asDraft(exportPack(db, 'installed')));
    expect(view.draft).toEqual(asDraft(pack));
    expect(JSON.parse(service.export(view.draftId).content)).toEqual(asDraft(pack));
    expect(failureOf(() => service.fromPack('missing')).error.code).toBe('not_found');
  });
});

describe('through the core dispatcher', () => {
  it('wires every authoring method and validates its input', async () => {
    const dataDir = path.join(dir, 'core');
    const core = createCore({ dataDir, shell: 'cli', skipBuiltIns: true });
    try {
      const saved = await core.dispatch('authoring.saveDraft', { draft: asDraft(makePack({ id: 'via-core' }, 1)) });
      expect(saved.ok).toBe(true);
      const draftId = (saved as { value: { draftId: string } }).value.draftId;
      expect(await core.dispatch('authoring.validateDraft', { draftId })).toMatchObject({ ok: true, value: { ok: true } });
      expect(await core.dispatch('authoring.installDraft', { draftId })).toMatchObject({ ok: true, value: { action: 'installed' } });
      expect(await core.dispatch('library.listPacks', {})).toMatchObject({ ok: true, value: [{ id: 'via-core' }] });
      expect(await core.dispatch('authoring.saveDraft', { draft: 'not an object' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await core.dispatch('authoring.deleteDraft', { draftId })).toEqual({ ok: true, value: { deleted: true } });
    } finally {
      core.close();
    }
  });
});
