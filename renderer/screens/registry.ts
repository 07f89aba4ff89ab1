/**
 * The app's screens, in navigation order. Adding a screen (Solve, Settings) is one entry
 * here plus its message key; the App shell derives the navigation from this list.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/translate.js';
import { AuthoringScreen } from './authoring/AuthoringScreen.js';
import { HistoryScreen } from './history/HistoryScreen.js';
import { LibraryScreen } from './library/LibraryScreen.js';
import { PacksScreen } from './packs/PacksScreen.js';
import { SettingsScreen } from './settings/SettingsScreen.js';
import { SolveScreen } from './solve/SolveScreen.js';

export interface ScreenEntry {
  id: string;
  labelKey: MessageKey;
  component: ComponentType;
}

export const SCREENS: ScreenEntry[] = [
  { id: 'library', labelKey: 'nav.library', component: LibraryScreen },
  { id: 'solve', labelKey: 'nav.solve', component: SolveScreen },
  { id: 'history', labelKey: 'nav.history', component: HistoryScreen },
  { id: 'packs', labelKey: 'nav.packs', component: PacksScreen },
  { id: 'author', labelKey: 'nav.author', component: AuthoringScreen },
  { id: 'settings', labelKey: 'nav.settings', component: SettingsScreen },
];
