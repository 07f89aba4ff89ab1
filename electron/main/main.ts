/**
 * The Electron main process, read top to bottom: each setupX() does one thing. The app's
 * work all happens in the plain-Node core; this file only opens a locked-down window and
 * carries the contract to it over IPC.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell } from 'electron';
import type { AppError } from '../../shared/result.js';
import { createCore, type Core, type CoreOptions, type SecretStore } from '../core/core.js';
import { APP_INDEX_URL, APP_SCHEME, appSchemePrivileges, createAppProtocolHandler } from './app-protocol.js';
import { appPaths, devSetting } from './app-paths.js';
import { importPackFromDialog, PACK_FILE_FILTERS } from './import-pack.js';
import { forwardEvents, registerIpcHandlers } from './ipc.js';
import { buildMenuTemplate, DOCS_URL } from './menu.js';
import { applyNavigationPolicy, openExternalIfSafe } from './navigation-policy.js';
import { applyPermissionPolicy } from './permissions.js';
import { createSecretStore } from './secret-store.js';
import { sendShellCommand } from './shell-commands.js';
import { setupSingleInstance } from './single-instance.js';
import { buildWindowOptions, PRODUCT_NAME } from './window-options.js';
import { loadWindowState, trackWindowState } from './window-state.js';

const paths = appPaths(path.resolve(import.meta.dirname, '..', '..'));
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
const getWindow = () => mainWindow;

setupPrivilegedScheme();
setupAppIdentity();
if (setupSingleInstance(app, getWindow)) {
  setupContentsSecurity();
  setupLifecycle();
}

function setupPrivilegedScheme(): void {
  // Must happen before 'ready'.
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  app.enableSandbox();
}

function setupAppIdentity(): void {
  app.setName(PRODUCT_NAME);
  const dataDir = devSetting('userDataDir', app.isPackaged) ?? path.join(app.getPath('appData'), PRODUCT_NAME);
  app.setPath('userData', dataDir);
}

function setupContentsSecurity(): void {
  app.on('web-contents-created', (_event, contents) => applyNavigationPolicy(contents, (url) => shell.openExternal(url)));
}

function setupLifecycle(): void {
  app.whenReady().then(start).catch((err: unknown) => failStartup(err));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });
}

async function start(): Promise<void> {
  applyPermissionPolicy(session.defaultSession);
  setupAppProtocol();
  core = setupCore(createSecretStore({ safeStorage, userDataDir: app.getPath('userData') }));
  registerIpcHandlers(ipcMain, core.dispatch, getWindow);
  setupMenu();
  createMainWindow();
}

function setupAppProtocol(): void {
  const rendererDir = fs.realpathSync(paths.rendererDir);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}

function setupCore(secretStore: SecretStore): Core {
  const options: CoreOptions = {
    dataDir: app.getPath('userData'),
    resourcesDir: paths.resourcesDir,
    shell: 'electron',
    // API keys encrypted with safeStorage instead of the core's plain file.
    secretStore,
    // The Electron-ABI build of better-sqlite3 that `npm start` prepared (none when packaged).
    nativeBinding: devSetting('sqliteBinding', app.isPackaged),
  };
  return createCore(options);
}

function setupMenu(): void {
  const template = buildMenuTemplate(
    {
      importPack: () => void importPackFromMenu(),
      openSettings: () => sendShellCommand(mainWindow, { command: 'openSettings' }),
      openDocs: () => openExternalIfSafe(DOCS_URL, (url) => shell.openExternal(url)),
    },
    { platform: process.platform, devTools: !app.isPackaged },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function importPackFromMenu(): Promise<void> {
  const win = mainWindow;
  const current = core;
  if (!win || !current) return;
  // The core reads and checks the file here, in main; only its preview goes to the renderer.
  await importPackFromDialog({
    chooseFile: () => dialog.showOpenDialog(win, { title: 'Import pack', properties: ['openFile'], filters: PACK_FILE_FILTERS }),
    previewFile: (filePath) => current.previewPackFile(filePath),
    send: (command) => sendShellCommand(win, command),
  });
}

function createMainWindow(): void {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const saved = loadWindowState(app.getPath('userData'), workAreas);
  const win = new BrowserWindow(buildWindowOptions({ preloadPath: paths.preload, bounds: saved?.bounds }));
  mainWindow = win;
  if (saved?.maximized) win.maximize();
  trackWindowState(win, app.getPath('userData'));
  if (core) forwardEvents((listener) => core!.onEvent(listener), win);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_INDEX_URL);
}

/** Expected failures (newer database, missing bundle) get a readable box, never a stack. */
function failStartup(err: unknown): void {
  const carried = (err as { error?: AppError } | null)?.error;
  const message = carried?.message ?? 'ReasonFlux Tutor could not start.';
  const action =
    carried?.action ??
    (fs.existsSync(paths.rendererDir) ? 'Restart the app; if it keeps happening, reinstall it.' : 'Run npm start again to rebuild the app.');
  if (!carried) console.error('[main] startup failed:', err);
  dialog.showErrorBox(PRODUCT_NAME, `${message}\n\n${action}`);
  app.exit(1);
}
