/**
 * The desktop app for real: start Electron on the built shell, import a pack through the
 * menu, open one of its templates. Runs only where the Electron binary exists; elsewhere it
 * is reported as skipped with the reason (this machine cannot download Electron).
 *
 * A second part runs everywhere: real Chromium loads the renderer exactly as the desktop
 * shell serves it (the app:// handler's files and CSP header) with the bundled preload
 * providing window.api, carried through the real IPC adapter to a real core, and a pack
 * imported the way the File menu does it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { createCore, type Core } from '../../electron/core/core.js';
import { bundleElectron, bundleOptions } from '../../electron/build/bundle.js';
import { findElectronBinary } from '../../electron/build/electron-binary.js';
import { ensureElectronSqlite } from '../../electron/build/native-sqlite.js';
import { EVENT_CHANNEL } from '../../electron/common/ipc-channels.js';
import { APP_ORIGIN, createAppProtocolHandler } from '../../electron/main/app-protocol.js';
import { importPackFromDialog } from '../../electron/main/import-pack.js';
import { shellCommandEvent } from '../../electron/main/shell-commands.js';
import { DEV_ENV } from '../../electron/main/app-paths.js';
import { registerIpcHandlers, type InvokeEvent, type IpcWindow } from '../../electron/main/ipc.js';
import { MENU_IDS } from '../../electron/main/menu.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
// RF_E2E_STATIC_DIR: a private renderer build, as for the browser-host e2e tests.
const rendererDir = process.env.RF_E2E_STATIC_DIR ? path.resolve(process.env.RF_E2E_STATIC_DIR) : path.join(repoRoot, 'dist/renderer');
const PACK_FILE = path.join(repoRoot, 'test/fixtures/packs/valid-small.json');
const binary = findElectronBinary(path.join(repoRoot, 'node_modules', 'electron'));
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

async function importPackAndOpenTemplate(page: Page): Promise<void> {
  const preview = page.getByRole('region', { name: 'Preview of valid-small.json' });
  await expect(preview).toBeVisible();
  await preview.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByRole('status')).toContainText('Installed Small sample pack');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
  await page.getByRole('searchbox', { name: 'Search templates' }).fill('arithmetic sequence');
  await page.getByRole('listbox', { name: 'Templates' }).getByRole('option', { name: /Sum of an arithmetic sequence/ }).click();
  const detail = page.getByRole('region', { name: 'Template details' });
  await expect(detail.getByRole('heading', { name: 'Sum of an arithmetic sequence' })).toBeVisible();
}

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.ok, `Electron binary not available: ${binary.ok ? '' : binary.reason}`);
  test.skip(binary.ok && noDisplay, 'Electron needs a display: run the e2e tests under xvfb-run');

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    if (!binary.ok) return;
    test.setTimeout(20 * 60_000); // a first run may compile the database module for Electron
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
    const { mainFile } = await bundleElectron(repoRoot);
    const native = await ensureElectronSqlite({ root: repoRoot, electronVersion: binary.version });
    if (!native.ok) throw new Error(`The database module could not be prepared for Electron: ${native.reason}`);
    userData = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-electron-smoke-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
    app = await electron.launch({
      executablePath: binary.executable,
      // Chromium refuses to run as root with its sandbox on (CI containers run as root).
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainFile],
      env: { ...env, [DEV_ENV.userDataDir]: userData, [DEV_ENV.sqliteBinding]: native.file },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) fs.rmSync(userData, { recursive: true, force: true });
  });

  test('the window is locked down and reaches the core only through window.api', async () => {
    expect(page.url()).toBe('app://renderer/index.html');
    const facts = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown> & {
        api: { app: { info(i: object): Promise<{ ok: boolean; value?: { shell: string } }> } };
      };
      const info = await w.api.app.info({});
      let fetchBlocked = false;
      try {
        await fetch('https://example.com/');
      } catch {
        fetchBlocked = true;
      }
      return { hasRequire: typeof w.require, hasProcess: typeof w.process, shell: info.value?.shell, fetchBlocked, apiKeys: Object.keys(w.api).sort() };
    });
    expect(facts).toMatchObject({ hasRequire: 'undefined', hasProcess: 'undefined', shell: 'electron', fetchBlocked: true });
    expect(facts.apiKeys).toContain('onEvent');
    expect(facts.apiKeys).not.toContain('invoke');
  });

  test('import a pack from the menu, then open one of its templates', async () => {
    // The native file dialog cannot be driven, so it answers with our fixture.
    await app.evaluate(
      ({ dialog, Menu }, { file, id }) => {
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [file] })) as typeof dialog.showOpenDialog;
        Menu.getApplicationMenu()?.getMenuItemById(id)?.click();
      },
      { file: PACK_FILE, id: MENU_IDS.importPack },
    );
    await importPackAndOpenTemplate(page);
  });
});

test.describe('desktop renderer in Chromium (no Electron binary needed)', () => {
  // Chromium cannot open app:// URLs, so the same handler answers on a stand-in origin.
  const STAND_IN = 'http://renderer.test';
  let core: Core;
  let dataDir: string;
  let preloadCode: string;
  const mainFrame = { url: `${APP_ORIGIN}/index.html` };
  const channelHandlers = new Map<string, (event: InvokeEvent, input: unknown) => Promise<unknown>>();

  test.beforeAll(async () => {
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-desktop-renderer-'));
    core = createCore({ dataDir, shell: 'electron', logError: () => {} });
    const outfile = path.join(dataDir, 'preload.cjs');
    await build({ ...bundleOptions(repoRoot).preload, outfile, sourcemap: false, logLevel: 'silent' });
    preloadCode = fs.readFileSync(outfile, 'utf8');
    const win: IpcWindow = {
      isDestroyed: () => false,
      webContents: { mainFrame, send: () => {}, isDestroyed: () => false, once: () => {} },
    };
    registerIpcHandlers(
      { handle: (channel, listener) => void channelHandlers.set(channel, listener), removeHandler: (c) => void channelHandlers.delete(c) },
      core.dispatch,
      () => win,
    );
  });

  test.afterAll(() => {
    core?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('runs under the desktop CSP with the bundled preload as its only door', async ({ page }) => {
    const handler = createAppProtocolHandler(fs.realpathSync(rendererDir));
    const remoteRequests: string[] = [];
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (!url.startsWith(`${STAND_IN}/`)) {
        remoteRequests.push(url);
        return route.abort();
      }
      const res = await handler(new Request(APP_ORIGIN + url.slice(STAND_IN.length)));
      await route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
    });
    // IPC carried by a page binding from the page's main frame (ipc.test.ts covers refusals).
    await page.exposeBinding('__rfIpcInvoke', (_source, channel: string, input: unknown) => {
      const h = channelHandlers.get(channel);
      if (!h) throw new Error(`no handler on ${channel}`);
      return h({ senderFrame: mainFrame }, input);
    });
    // Run the preload bundle as Electron would, with a require that knows only 'electron'.
    await page.addInitScript(`(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
      const electron = {
        contextBridge: { exposeInMainWorld: (key, value) => Object.defineProperty(window, key, { value: Object.freeze(value) }) },
        ipcRenderer: {
          invoke: (channel, input) => window.__rfIpcInvoke(channel, input),
          on: (channel, l) => (listeners[channel] ??= new Set()).add(l),
          removeListener: (channel, l) => listeners[channel]?.delete(l),
        },
      };
      const listeners = {};
      // What webContents.send does: the main process talking to the preload's listeners.
      window.__rfMainSend = (channel, payload) => listeners[channel]?.forEach((l) => l({ sender: 'ipc internals' }, payload));
      const require = (name) => { if (name !== 'electron') throw new Error('cannot require ' + name); return electron; };
      const module = { exports: {} };
      (function (require, module, exports) { ${preloadCode} })(require, module, module.exports);
    })();`);

    await page.goto(`${STAND_IN}/index.html`);
    await expect(page.getByRole('heading', { name: 'ReasonFlux Tutor', level: 1 })).toBeVisible();
    const blocked = await page.evaluate(async () => {
      try {
        await fetch('/index.html');
        return false;
      } catch {
        return true;
      }
    });
    expect(blocked, "connect-src 'none' stops fetch, even to the page's own origin").toBe(true);
    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    // Only the deliberate fetch above may be blocked: anything else (an eval probe, an inline
    // script) means the page needs something the desktop CSP forbids.
    expect(violations.filter((v) => !v.startsWith('connect-src'))).toEqual([]);
    expect(remoteRequests).toEqual([]);
    // (page.evaluate itself bypasses the CSP, so the checks go through the DOM.)
    const inlineRan = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(inlineRan, 'inline scripts are blocked').toBe(false);

    // File → Import pack…: the main side previews the chosen file through the core and sends only the preview.
    const outcome = await importPackFromDialog({
      chooseFile: async () => ({ canceled: false, filePaths: [PACK_FILE] }),
      previewFile: (filePath) => core.previewPackFile(filePath),
      send: (command) =>
        void page.evaluate(([channel, event]) => (window as unknown as { __rfMainSend(c: unknown, e: unknown): void }).__rfMainSend(channel, event), [
          EVENT_CHANNEL,
          shellCommandEvent(command),
        ] as const),
    });
    expect(outcome).toBe('sent');
    await importPackAndOpenTemplate(page);
  });
});
