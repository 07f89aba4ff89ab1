/**
 * Where the shell finds its parts. The main bundle lives at <appRoot>/out/main/main.mjs, both
 * in a checkout and inside the packaged app.asar, so every path is relative to that root.
 */
import path from 'node:path';

export interface AppPaths {
  appRoot: string;
  preload: string;
  rendererDir: string;
  resourcesDir: string;
}

export function appPaths(appRoot: string): AppPaths {
  return {
    appRoot,
    preload: path.join(appRoot, 'out', 'preload', 'preload.cjs'),
    rendererDir: path.join(appRoot, 'dist', 'renderer'),
    resourcesDir: path.join(appRoot, 'resources'),
  };
}

/**
 * Development-only settings passed by `npm start` (electron/launch.ts) and the smoke test.
 * A packaged app ignores them: its native module is rebuilt by the packager and its data
 * folder is always the OS default.
 */
export const DEV_ENV = {
  /** better_sqlite3.node built for Electron's ABI (see electron/build/native-sqlite.ts). */
  sqliteBinding: 'RF_ELECTRON_SQLITE_BINDING',
  /** A throwaway profile folder, e.g. for the Playwright smoke test. */
  userDataDir: 'RF_ELECTRON_USER_DATA',
} as const;

export function devSetting(name: keyof typeof DEV_ENV, isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (isPackaged) return undefined;
  const value = env[DEV_ENV[name]];
  return value ? path.resolve(value) : undefined;
}
