/**
 * Remembers the window's size and place between runs (a small JSON file in userData) and
 * restores them only when they still land on a connected display, so a window last seen on
 * an unplugged monitor never opens off-screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Rectangle } from 'electron';
import { MIN_SIZE } from './window-options.js';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';

/** How much of the window (its top strip, where the title bar is) must be on a display. */
const MIN_VISIBLE = { width: 120, height: 40 };

const isFiniteInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseState(raw: unknown): WindowState | null {
  if (!raw || typeof raw !== 'object') return null;
  const { bounds, maximized } = raw as { bounds?: Partial<Rectangle>; maximized?: unknown };
  if (!bounds || ![bounds.x, bounds.y, bounds.width, bounds.height].every(isFiniteInt)) return null;
  const b = bounds as Rectangle;
  if (b.width < MIN_SIZE.width || b.height < MIN_SIZE.height) return null;
  return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: maximized === true };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** True when the window's title strip overlaps one display's work area enough to grab it. */
export function isOnVisibleDisplay(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  const titleStrip = { x: bounds.x, y: bounds.y, width: bounds.width, height: MIN_VISIBLE.height };
  return workAreas.some((area) => {
    const o = overlap(titleStrip, area);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
}

/** The saved state if it is readable and visible on one of `workAreas`; otherwise null. */
export function loadWindowState(userDataDir: string, workAreas: readonly Rectangle[]): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(userDataDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return null; // first run, or a damaged file: default size is the right answer either way
  }
  const state = parseState(raw);
  return state && isOnVisibleDisplay(state.bounds, workAreas) ? state : null;
}

export function saveWindowState(userDataDir: string, state: WindowState): void {
  const file = path.join(userDataDir, WINDOW_STATE_FILE);
  try {
    fs.mkdirSync(userDataDir, { recursive: true });
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    // Losing the window position is harmless; never block closing the app over it.
  }
}

/** The subset of BrowserWindow this module needs. */
export interface TrackedWindow {
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  on(event: 'close', listener: () => void): unknown;
}

/** Save the bounds when the window closes (normal bounds, so a maximized window restores sanely). */
export function trackWindowState(win: TrackedWindow, userDataDir: string): void {
  win.on('close', () => saveWindowState(userDataDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
}
