import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importPackFromDialog } from '../../../electron/main/import-pack.js';
import { buildMenuTemplate, DOCS_URL, MENU_IDS } from '../../../electron/main/menu.js';
import { isSafeExternalUrl } from '../../../electron/main/navigation-policy.js';
import { createCore } from '../../../electron/core/core.js';
import type { ShellCommand } from '../../../shared/contract.js';
import { shellCommandEvent } from '../../../electron/main/shell-commands.js';
import { focusWindow, setupSingleInstance } from '../../../electron/main/single-instance.js';
import { parseShellCommand } from '../../../renderer/shell/shell-commands.js';

const SAMPLE_PACK = path.resolve(import.meta.dirname, '../../fixtures/packs/valid-small.json');

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

const actions = () => ({ importPack: vi.fn(), openSettings: vi.fn(), openDocs: vi.fn() });

describe('application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('has the app entries and standard roles on %s', (platform) => {
    const a = actions();
    const items = flatten(buildMenuTemplate(a, { platform, devTools: false }));
    const byId = (id: string) => items.find((i) => i.id === id);
    expect(byId(MENU_IDS.importPack)?.label).toBe('Import pack…');
    expect(byId(MENU_IDS.settings)?.label).toMatch(/^Settings/);
    (byId(MENU_IDS.importPack)!.click as () => void)();
    (byId(MENU_IDS.settings)!.click as () => void)();
    (byId(MENU_IDS.docs)!.click as () => void)();
    expect(a.importPack).toHaveBeenCalledTimes(1);
    expect(a.openSettings).toHaveBeenCalledTimes(1);
    expect(a.openDocs).toHaveBeenCalledTimes(1);
    const roles = items.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'help', 'reload', 'togglefullscreen']));
    expect(roles).toContain(platform === 'darwin' ? 'hide' : 'quit');
    expect(roles).not.toContain('toggleDevTools');
  });

  it('offers developer tools only in development', () => {
    const roles = flatten(buildMenuTemplate(actions(), { platform: 'linux', devTools: true })).map((i) => i.role);
    expect(roles).toContain('toggleDevTools');
  });

  it('points Help at a web page the external-link filter lets through', () => {
    expect(isSafeExternalUrl(DOCS_URL)).toBe(true);
  });
});

describe('Import pack… from the menu', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-menu-import-'));
  const core = createCore({ dataDir: path.join(dir, 'data'), shell: 'electron', skipBuiltIns: true });
  afterAll(() => {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const pick = (file: string) => async () => ({ canceled: false, filePaths: [file] });

  it('previews the chosen file in main and sends the renderer only the preview, which applies by its id', async () => {
    const file = path.join(dir, 'valid-small.json');
    fs.copyFileSync(SAMPLE_PACK, file);
    const send = vi.fn();
    const outcome = await importPackFromDialog({ chooseFile: pick(file), previewFile: (p) => core.previewPackFile(p), send });
    expect(outcome).toBe('sent');
    expect(send).toHaveBeenCalledTimes(1);
    const command = send.mock.calls[0]![0] as Extract<ShellCommand, { command: 'importPack' }>;
    expect(command).toMatchObject({ command: 'importPack', fileName: 'valid-small.json', result: { ok: true, value: { packId: 'sample-small', action: 'install' } } });
    // The file's text does not cross to the renderer (a description is in the file, not in the preview);
    // the command survives the renderer's shape check.
    expect(fs.readFileSync(file, 'utf8')).toContain('Keep an equation true');
    expect(JSON.stringify(command)).not.toContain('Keep an equation true');
    expect(parseShellCommand(shellCommandEvent(command))).toEqual(command);
    if (!command.result.ok) throw new Error('expected a preview');
    expect(command.result.value).not.toHaveProperty('fileName');

    // The teacher edits the file after looking: Apply installs what was previewed, without reading it again.
    fs.writeFileSync(file, '{ not a pack any more');
    const applied = await core.dispatch('packs.applyImport', { importId: command.result.value.importId });
    expect(applied).toMatchObject({ ok: true, value: { packId: 'sample-small', action: 'installed' } });
    const again = await core.dispatch('packs.applyImport', { importId: command.result.value.importId });
    expect(again).toMatchObject({ ok: false, error: { code: 'import_expired' } });
  });

  it('does nothing when the dialog is cancelled', async () => {
    const send = vi.fn();
    const previewFile = vi.fn();
    const outcome = await importPackFromDialog({ chooseFile: async () => ({ canceled: true, filePaths: [] }), previewFile, send });
    expect(outcome).toBe('canceled');
    expect(previewFile).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });

  it('sends the renderer why a file cannot be imported: unreadable, or not a valid pack with its issues', async () => {
    const send = vi.fn();
    const gone = path.join(dir, 'gone.json');
    await importPackFromDialog({ chooseFile: pick(gone), previewFile: (p) => core.previewPackFile(p), send });
    expect(send).toHaveBeenLastCalledWith({
      command: 'importPack',
      fileName: 'gone.json',
      result: { ok: false, error: expect.objectContaining({ code: 'pack_unreadable', message: expect.stringContaining('gone.json') }) },
    });

    const bad = path.join(dir, 'bad-id.json');
    fs.writeFileSync(bad, fs.readFileSync(SAMPLE_PACK, 'utf8').replace('"balance-a-linear-equation"', '"Bad Id!"'));
    await importPackFromDialog({ chooseFile: pick(bad), previewFile: (p) => core.previewPackFile(p), send });
    const last = send.mock.lastCall![0] as Extract<ShellCommand, { command: 'importPack' }>;
    expect(last).toMatchObject({ fileName: 'bad-id.json', result: { ok: false, error: { code: 'pack_invalid' } } });
    expect(parseShellCommand(shellCommandEvent(last))).toEqual(last);
    expect(await core.dispatch('library.listPacks', {})).toMatchObject({ ok: true, value: [expect.objectContaining({ id: 'sample-small' })] });
  });

  it('sends shell commands as their own event variant, tied to no request', () => {
    const a = shellCommandEvent({ command: 'openSettings' });
    expect(a).toEqual({ type: 'shell', command: { command: 'openSettings' } });
    expect(a).not.toHaveProperty('requestId');
    expect(parseShellCommand(a)).toEqual({ command: 'openSettings' });
  });
});

describe('single instance', () => {
  it('quits a second copy and focuses the first one', () => {
    const quit = vi.fn();
    expect(setupSingleInstance({ requestSingleInstanceLock: () => false, on: vi.fn(), quit }, () => null)).toBe(false);
    expect(quit).toHaveBeenCalled();

    let secondInstance: (() => void) | undefined;
    const win = { isDestroyed: () => false, isMinimized: () => true, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    const app = { requestSingleInstanceLock: () => true, on: (_e: 'second-instance', l: () => void) => (secondInstance = l), quit: vi.fn() };
    expect(setupSingleInstance(app, () => win)).toBe(true);
    secondInstance!();
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
    expect(() => focusWindow(null)).not.toThrow();
  });
});
