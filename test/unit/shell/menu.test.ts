import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importPackFromDialog } from '../../../electron/main/import-pack.js';
import { buildMenuTemplate, DOCS_URL, MENU_IDS } from '../../../electron/main/menu.js';
import { isSafeExternalUrl } from '../../../electron/main/navigation-policy.js';
import { readPackFile } from '../../../electron/core/packs/read-file.js';
import { SHELL_REQUEST_PREFIX } from '../../../electron/ipc-channels.js';
import { shellCommandEvent } from '../../../electron/main/shell-commands.js';
import { focusWindow, setupSingleInstance } from '../../../electron/main/single-instance.js';

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
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the chosen file in main and asks the renderer to preview it', async () => {
    const file = path.join(dir, 'algebra.json');
    fs.writeFileSync(file, '{"id":"algebra"}');
    const send = vi.fn();
    const showError = vi.fn();
    const outcome = await importPackFromDialog({
      chooseFile: async () => ({ canceled: false, filePaths: [file] }),
      readPackFile,
      send,
      showError,
    });
    expect(outcome).toBe('sent');
    expect(send).toHaveBeenCalledWith({ command: 'importPack', fileName: 'algebra.json', content: '{"id":"algebra"}' });
    expect(showError).not.toHaveBeenCalled();
  });

  it('does nothing when the dialog is cancelled', async () => {
    const send = vi.fn();
    const outcome = await importPackFromDialog({
      chooseFile: async () => ({ canceled: true, filePaths: [] }),
      readPackFile,
      send,
      showError: vi.fn(),
    });
    expect(outcome).toBe('canceled');
    expect(send).not.toHaveBeenCalled();
  });

  it('shows a readable error when the file cannot be read', async () => {
    const send = vi.fn();
    const showError = vi.fn();
    const outcome = await importPackFromDialog({
      chooseFile: async () => ({ canceled: false, filePaths: [path.join(dir, 'gone.json')] }),
      readPackFile,
      send,
      showError,
    });
    expect(outcome).toBe('failed');
    expect(send).not.toHaveBeenCalled();
    expect(showError).toHaveBeenCalledWith(expect.objectContaining({ code: 'pack_unreadable', message: expect.stringContaining('gone.json') }));
  });

  it('sends shell commands as tagged done events on the event stream', () => {
    const a = shellCommandEvent({ command: 'openSettings' });
    const b = shellCommandEvent({ command: 'openSettings' });
    expect(a).toMatchObject({ type: 'done', value: { command: 'openSettings' } });
    expect(a.requestId.startsWith(SHELL_REQUEST_PREFIX)).toBe(true);
    expect(a.requestId).not.toBe(b.requestId);
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
