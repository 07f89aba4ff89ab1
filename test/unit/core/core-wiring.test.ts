/** createCore is wiring: its clock port reaches the stores, app.info comes from its own file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';

const dirs: string[] = [];
const cores: Core[] = [];
afterAll(() => {
  for (const c of cores) c.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function newCore(opts: Partial<Parameters<typeof createCore>[0]> = {}): Core {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-core-wiring-'));
  dirs.push(dir);
  const core = createCore({ dataDir: dir, shell: 'browser', skipBuiltIns: true, ...opts });
  cores.push(core);
  return core;
}

describe('createCore', () => {
  it('stamps stored times with the clock it is given', async () => {
    const at = new Date('2031-04-05T06:07:08.000Z');
    const core = newCore({ now: () => at });
    const saved = await core.dispatch('authoring.saveDraft', { draft: { id: 'clock-test', name: 'Clock test' } });
    expect(saved).toEqual({ ok: true, value: { draftId: expect.any(String), updatedAt: at.toISOString() } });
    const listed = await core.dispatch('authoring.listDrafts', {});
    expect(listed).toMatchObject({ ok: true, value: [{ updatedAt: at.toISOString() }] });
  });

  it('uses the system clock when given none', async () => {
    const before = Date.now();
    const saved = await newCore().dispatch('authoring.saveDraft', { draft: { id: 'x' } });
    if (!saved.ok) throw new Error(saved.error.message);
    const t = Date.parse((saved.value as { updatedAt: string }).updatedAt);
    expect(t).toBeGreaterThanOrEqual(before - 1000);
    expect(t).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('answers app.info with the package version, the library counts and the shell (the CLI reads as browser)', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    const cli = newCore({ shell: 'cli' });
    expect(await cli.dispatch('app.info', {})).toEqual({
      ok: true,
      value: { version, dataDir: cli.dataDir, packCount: 0, templateCount: 0, shell: 'browser' },
    });
    const desktop = newCore({ shell: 'electron', skipBuiltIns: false });
    const info = await desktop.dispatch('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { shell: 'electron' } });
    const packs = await desktop.dispatch('library.listPacks', {});
    if (!info.ok || !packs.ok) throw new Error('expected both to answer');
    const list = packs.value as { templateCount: number }[];
    expect(list.length).toBeGreaterThan(0);
    expect(info.value).toMatchObject({ packCount: list.length, templateCount: list.reduce((n, p) => n + p.templateCount, 0) });
  });
});
