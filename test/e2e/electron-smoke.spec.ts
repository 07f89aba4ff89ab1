/**
 * The desktop app for real: start Electron on the built shell, import a pack through the
 * menu, open one of its templates. Runs only where the Electron binary exists; elsewhere it
 * is reported as skipped with the reason (this machine cannot download Electron).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { bundleElectron } from '../../electron/build/bundle.js';
import { findElectronBinary } from '../../electron/build/electron-binary.js';
import { ensureElectronSqlite } from '../../electron/build/native-sqlite.js';
import { DEV_ENV } from '../../electron/main/app-paths.js';
import { MENU_IDS } from '../../electron/main/menu.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const PACK_FILE = path.join(repoRoot, 'test/fixtures/packs/valid-small.json');
const binary = findElectronBinary(path.join(repoRoot, 'node_modules', 'electron'));
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

test.skip(!binary.ok, `Electron binary not available: ${binary.ok ? '' : binary.reason}`);
test.skip(binary.ok && noDisplay, 'Electron needs a display: run the e2e tests under xvfb-run');

let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeAll(async () => {
  if (!binary.ok) return;
  test.setTimeout(20 * 60_000); // a first run may compile the database module for Electron
  if (!fs.existsSync(path.join(repoRoot, 'dist/renderer/index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
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
    const w = window as unknown as Record<string, unknown> & { api: { app: { info(i: object): Promise<{ ok: boolean; value?: { shell: string } }> } } };
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
  const preview = page.getByRole('region', { name: 'Preview of valid-small.json' });
  await expect(preview).toBeVisible();
  await preview.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByRole('status')).toContainText('Installed Small sample pack');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
  await page.getByRole('searchbox', { name: 'Search templates' }).fill('arithmetic sequence');
  await page.getByRole('option', { name: /Sum of an arithmetic sequence/ }).click();
  await expect(page.getByRole('heading', { name: /Sum of an arithmetic sequence/ })).toBeVisible();
});
