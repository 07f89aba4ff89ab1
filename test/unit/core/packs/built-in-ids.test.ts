/**
 * Built-in packs are protected: a pack from outside may not take a built-in pack's id (with
 * a higher version, or through a second "id" key), a copy can be installed under a new id
 * (asPackId, the CLI's --as), the shipped file itself may still be imported by hand, and a
 * removed or replaced built-in pack is restored as shipped from Packs (packs.restoreBuiltIn).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltInPackView } from '../../../../shared/contract.js';
import type { ImportOutcome, PackSummary } from '../../../../shared/domain.js';
import { createCore, type Core } from '../../../../electron/core/core.js';
import { databaseFile } from '../../../../electron/core/data-dir.js';
import { PackService } from '../../../../electron/core/packs/service.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-db.js';
import { REPO_ROOT } from './helpers.js';

const CORE_FILE = path.join(REPO_ROOT, 'resources', 'packs', 'core.json');
const shippedCore = () => JSON.parse(fs.readFileSync(CORE_FILE, 'utf8')) as Record<string, unknown> & { templates: Record<string, unknown>[] };
/** A small, valid pack that claims the id "core" with a higher version. */
function impostor(): Record<string, unknown> {
  const core = shippedCore();
  return { ...core, version: '99.0.0', name: 'Not the core pack', templates: core.templates.slice(0, 1) };
}

let dir: string | undefined;
let core: Core | undefined;
afterEach(() => {
  core?.close();
  core = undefined;
  if (dir) removeTempDir(dir);
  dir = undefined;
});

function start(): Core {
  dir ??= makeTempDir('rf-built-in-ids-');
  core = createCore({ dataDir: dir, shell: 'cli' });
  return core;
}

async function value<T>(c: Core, method: string, input: unknown): Promise<T> {
  const r = await c.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const coreSummary = async (c: Core) => (await value<PackSummary[]>(c, 'library.listPacks', {})).find((p) => p.id === 'core');

describe('built-in pack ids', () => {
  it('a pack with the id "core" and a higher version is refused, naming the id; the core pack stays', async () => {
    const c = start();
    const before = await coreSummary(c);
    expect(before?.templateCount).toBeGreaterThan(100);
    for (const method of ['packs.previewImport', 'packs.applyImport']) {
      const r = await c.dispatch(method, { fileName: 'core.json', content: JSON.stringify(impostor()), ...(method === 'packs.applyImport' ? { force: true } : {}) });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('pack_invalid');
      expect(r.error.message).toContain('"core"');
      expect(r.error.action).toContain('--as NEW_ID');
      expect(r.error.details).toMatchObject({ issues: [{ file: 'core.json', path: 'id', rule: 'built_in_id' }] });
    }
    expect(await coreSummary(c)).toEqual(before);
  });

  it('a second "id" key cannot sneak the id in either', async () => {
    const c = start();
    const text = JSON.stringify({ ...impostor(), id: 'harmless' }).replace('"id":"harmless"', '"id":"harmless","id":"core"');
    const r = await c.dispatch('packs.applyImport', { fileName: 'harmless.json', content: text });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details).toMatchObject({ issues: [{ path: 'id', rule: 'duplicate_key' }] });
  });

  it('the same file installs as a fork under a new id, leaving the built-in pack alone', async () => {
    const c = start();
    const before = await coreSummary(c);
    const preview = await value<{ packId: string; action: string }>(c, 'packs.previewImport', { fileName: 'core.json', content: JSON.stringify(impostor()), asPackId: 'my-core' });
    expect(preview).toMatchObject({ packId: 'my-core', action: 'install' });
    const outcome = await value<ImportOutcome>(c, 'packs.applyImport', { fileName: 'core.json', content: JSON.stringify(impostor()), asPackId: 'my-core' });
    expect(outcome).toMatchObject({ packId: 'my-core', action: 'installed' });
    expect(await coreSummary(c)).toEqual(before);
    // A fork may not be named like a built-in either.
    const r = await c.dispatch('packs.applyImport', { fileName: 'x.json', content: JSON.stringify({ ...impostor(), id: 'x' }), asPackId: 'starter' });
    expect(r.ok).toBe(false);
  });

  it('the shipped file itself (or its export) can still be imported by hand', async () => {
    const c = start();
    const exported = await value<{ content: string }>(c, 'packs.export', { packId: 'core' });
    expect(await value<ImportOutcome>(c, 'packs.applyImport', { fileName: 'core.json', content: exported.content })).toMatchObject({ action: 'unchanged' });
    expect(await value<ImportOutcome>(c, 'packs.applyImport', { fileName: 'core.json', content: fs.readFileSync(CORE_FILE, 'utf8') })).toMatchObject({ action: 'unchanged' });
  });
});

describe('restoring a built-in pack', () => {
  it('brings back a removed one, and it stays at the next start', async () => {
    let c = start();
    await value(c, 'packs.remove', { packId: 'starter' });
    expect(await value<BuiltInPackView[]>(c, 'packs.listBuiltIns', {})).toContainEqual(expect.objectContaining({ id: 'starter', state: 'missing', installedVersion: null }));
    expect(await value<ImportOutcome>(c, 'packs.restoreBuiltIn', { packId: 'starter' })).toMatchObject({ packId: 'starter', action: 'installed' });
    c.close();
    c = start();
    const list = await value<BuiltInPackView[]>(c, 'packs.listBuiltIns', {});
    expect(list.map((p) => [p.id, p.state])).toEqual([
      ['core', 'installed'],
      ['practice', 'installed'],
      ['starter', 'installed'],
    ]);
    expect((await value<PackSummary[]>(c, 'library.listPacks', {})).find((p) => p.id === 'starter')?.builtIn).toBe(true);
  });

  it('replaces a core pack that an older app let another pack overwrite', async () => {
    let c = start();
    const shipped = await coreSummary(c);
    c.close();
    // What the unprotected code did: a higher-version "core" replaced the built-in one.
    const db = new Database(databaseFile(dir!));
    new PackService(db).apply('core.json', JSON.stringify(impostor()));
    db.close();
    c = start();
    expect((await coreSummary(c))?.templateCount).toBe(1);
    expect(await value<BuiltInPackView[]>(c, 'packs.listBuiltIns', {})).toContainEqual(expect.objectContaining({ id: 'core', state: 'changed', installedVersion: '99.0.0' }));
    expect(await value<ImportOutcome>(c, 'packs.restoreBuiltIn', { packId: 'core' })).toMatchObject({ packId: 'core', action: 'downgraded' });
    const restored = await coreSummary(c);
    expect(restored?.templateCount).toBe(shipped?.templateCount);
    expect(restored?.version).toBe(shipped?.version);
  });

  it('refuses an id that is not a built-in pack', async () => {
    const c = start();
    const r = await c.dispatch('packs.restoreBuiltIn', { packId: 'sample-small' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('core, practice, starter') });
  });
});
