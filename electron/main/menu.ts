/**
 * The application menu: the platform's standard roles plus the app's own entries. Built as a
 * plain template so tests can read it; main.ts turns it into a Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { PRODUCT_NAME } from './window-options.js';

/** Where Help → documentation points (always http/https: it opens in the system browser). */
export const DOCS_URL = 'https://arxiv.org/abs/2502.06772';

export const MENU_IDS = { importPack: 'import-pack', settings: 'settings', docs: 'docs' } as const;

export interface MenuActions {
  importPack(): void;
  openSettings(): void;
  openDocs(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Developer tools only in development builds. */
  devTools: boolean;
}

export function buildMenuTemplate(actions: MenuActions, { platform, devTools }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const importItem: MenuItemConstructorOptions = {
    id: MENU_IDS.importPack,
    label: 'Import pack…',
    accelerator: 'CmdOrCtrl+O',
    click: () => actions.importPack(),
  };
  const settingsItem: MenuItemConstructorOptions = {
    id: MENU_IDS.settings,
    label: isMac ? 'Settings…' : 'Settings',
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.openSettings(),
  };

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: PRODUCT_NAME,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            settingsItem,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: isMac
      ? [importItem, { type: 'separator' }, { role: 'close' }]
      : [importItem, settingsItem, { type: 'separator' }, { role: 'quit' }],
  };

  return [
    ...appMenu,
    fileMenu,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ id: MENU_IDS.docs, label: 'ReasonFlux method (paper)', click: () => actions.openDocs() }],
    },
  ];
}
