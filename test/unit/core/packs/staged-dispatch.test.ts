/**
 * Staged import through the core's dispatcher, as the renderer and the browser host call it:
 * packs.previewImport answers with an importId, packs.applyImport takes that id (and only that,
 * or a whole file in one step), the id is single use, packs.discardImport drops it, and a
 * built-in pack imported back by id is no longer remembered as removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltInPackView, StagedImportPreview } from '../../../../shared/contract.js';
import type { ImportOutcome, PackSummary } from '../../../../shared/domain.js';
import { createCore, type Core } from '../../../../electron/core/core.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-db.js';
import { REPO_ROOT } from './helpers.js';

const SAMPLE = fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/packs/valid-small.json'), 'utf8');
const STARTER = fs.readFileSync(path.join(REPO_ROOT, 'resources/packs/starter.json'), 'utf8');

let dir: string | undefined;
let core: Core | undefined;
afterEach(() => {
  core?.close();
  core = undefined;
  if (dir) removeTempDir(dir);
  dir = undefined;
});

function start(opts: { skipBuiltIns?: boolean } = {}): Core {
  core?.close();
  dir ??= makeTempDir('rf-staged-dispatch-');
  core = createCore({ dataDir: dir, shell: 'browser', ...opts });
  return core;
}

async function value<T>(c: Core, method: string, input: unknown): Promise<T> {
  const r = await c.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const packIds = async (c: Core) => (await value<PackSummary[]>(c, 'library.listPacks', {})).map((p) => p.id);

describe('staged import through the dispatcher', () => {
  it('previews with an id, applies by that id once, and says to preview again after', async () => {
    const c = start({ skipBuiltIns: true });
    const preview = await value<StagedImportPreview>(c, 'packs.previewImport', { fileName: 'valid-small.json', content: SAMPLE });
    expect(preview).toMatchObject({ packId: 'sample-small', action: 'install', counts: { templates: 3 } });
    expect(preview.importId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await packIds(c)).toEqual([]);

    const outcome = await value<ImportOutcome>(c, 'packs.applyImport', { importId: preview.importId });
    expect(outcome).toMatchObject({ packId: 'sample-small', action: 'installed', counts: { added: 3 } });
    expect(await packIds(c)).toEqual(['sample-small']);

    const again = await c.dispatch('packs.applyImport', { importId: preview.importId });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error.code).toBe('import_expired');
    expect(again.error.action).toMatch(/choose the pack file again/i);
  }, 60_000);

  it('refuses an id it never gave, and input that mixes an id with a file, or has neither', async () => {
    const c = start({ skipBuiltIns: true });
    expect(await c.dispatch('packs.applyImport', { importId: 'made-up' })).toMatchObject({ ok: false, error: { code: 'import_expired' } });
    const preview = await value<StagedImportPreview>(c, 'packs.previewImport', { fileName: 'valid-small.json', content: SAMPLE });
    for (const input of [
      { importId: preview.importId, fileName: 'valid-small.json', content: SAMPLE },
      { importId: preview.importId, asPackId: 'other-id' },
      { force: true },
      { fileName: 'valid-small.json' },
      { importId: '' },
    ]) {
      const r = await c.dispatch('packs.applyImport', input);
      expect(r, JSON.stringify(Object.keys(input))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const mixed = await c.dispatch('packs.applyImport', { importId: preview.importId, fileName: 'a.json', content: '{}' });
    expect(!mixed.ok && mixed.error.message).toContain('give importId (from packs.previewImport), or fileName and content');
    // None of those refusals used the id up.
    expect(await value<ImportOutcome>(c, 'packs.applyImport', { importId: preview.importId, force: false })).toMatchObject({ action: 'installed' });
  }, 60_000);

  it('still imports a whole file in one step (the CLI)', async () => {
    const c = start({ skipBuiltIns: true });
    expect(await value<ImportOutcome>(c, 'packs.applyImport', { fileName: 'valid-small.json', content: SAMPLE })).toMatchObject({ action: 'installed' });
  }, 60_000);

  it('drops a preview on discard, so it cannot be applied', async () => {
    const c = start({ skipBuiltIns: true });
    const preview = await value<StagedImportPreview>(c, 'packs.previewImport', { fileName: 'valid-small.json', content: SAMPLE });
    expect(await value(c, 'packs.discardImport', { importId: preview.importId })).toEqual({ discarded: true });
    expect(await value(c, 'packs.discardImport', { importId: preview.importId })).toEqual({ discarded: false });
    expect(await c.dispatch('packs.applyImport', { importId: preview.importId })).toMatchObject({ ok: false, error: { code: 'import_expired' } });
    expect(await packIds(c)).toEqual([]);
  }, 60_000);

  it('a removed built-in pack imported back by id stays installed after a restart', async () => {
    let c = start();
    await value(c, 'packs.remove', { packId: 'starter' });
    c = start();
    expect(await packIds(c)).not.toContain('starter');
    const preview = await value<StagedImportPreview>(c, 'packs.previewImport', { fileName: 'starter.json', content: STARTER });
    expect(preview).toMatchObject({ packId: 'starter', action: 'install' });
    await value(c, 'packs.applyImport', { importId: preview.importId });
    c = start();
    expect(await packIds(c)).toContain('starter');
    const starter = (await value<BuiltInPackView[]>(c, 'packs.listBuiltIns', {})).find((p) => p.id === 'starter');
    expect(starter?.state).toBe('installed');
  }, 60_000);
});
