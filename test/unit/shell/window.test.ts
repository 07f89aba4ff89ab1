import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWindowOptions, DEFAULT_SIZE } from '../../../electron/main/window-options.js';
import {
  isOnVisibleDisplay,
  loadWindowState,
  saveWindowState,
  trackWindowState,
  WINDOW_STATE_FILE,
} from '../../../electron/main/window-state.js';

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-window-'));
  tempDirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window options', () => {
  it('isolates and sandboxes the page and uses our preload', () => {
    const opts = buildWindowOptions({ preloadPath: '/app/out/preload/preload.cjs' });
    expect(opts.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(opts).toMatchObject(DEFAULT_SIZE);
    expect(opts.show).toBe(false);
  });

  it('uses remembered bounds when given', () => {
    const opts = buildWindowOptions({ preloadPath: '/p.cjs', bounds: { x: 10, y: 20, width: 900, height: 700 } });
    expect(opts).toMatchObject({ x: 10, y: 20, width: 900, height: 700 });
  });
});

describe('window state', () => {
  it('restores bounds saved on close when they are on a connected display', () => {
    const dir = tempDir();
    const listeners: Record<string, () => void> = {};
    const win = {
      getNormalBounds: () => ({ x: 100, y: 80, width: 1000, height: 700 }),
      isMaximized: () => true,
      on: (event: 'close', l: () => void) => (listeners[event] = l),
    };
    trackWindowState(win, dir);
    listeners.close!();
    expect(loadWindowState(dir, [laptop])).toEqual({ bounds: { x: 100, y: 80, width: 1000, height: 700 }, maximized: true });
  });

  it('drops bounds from a monitor that is no longer connected', () => {
    const dir = tempDir();
    saveWindowState(dir, { bounds: { x: 2500, y: 100, width: 1000, height: 700 }, maximized: false });
    expect(loadWindowState(dir, [laptop])).toBeNull();
    expect(loadWindowState(dir, [laptop, { x: 1920, y: 0, width: 2560, height: 1440 }])).not.toBeNull();
  });

  it('needs the title strip on screen, not just a corner of the window', () => {
    // Only the bottom of the window peeks in at the top of the display: the title bar is off-screen.
    expect(isOnVisibleDisplay({ x: 100, y: -650, width: 1000, height: 700 }, [laptop])).toBe(false);
    expect(isOnVisibleDisplay({ x: 1850, y: 10, width: 1000, height: 700 }, [laptop])).toBe(false);
    expect(isOnVisibleDisplay({ x: 1700, y: 10, width: 1000, height: 700 }, [laptop])).toBe(true);
  });

  it('ignores a missing or damaged state file and absurd sizes', () => {
    const dir = tempDir();
    expect(loadWindowState(dir, [laptop])).toBeNull();
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{not json');
    expect(loadWindowState(dir, [laptop])).toBeNull();
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), JSON.stringify({ bounds: { x: 0, y: 0, width: 10, height: 10 } }));
    expect(loadWindowState(dir, [laptop])).toBeNull();
  });
});
