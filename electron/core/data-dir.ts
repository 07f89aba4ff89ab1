/** Where the app keeps its database when no shell says otherwise (browser host, CLI). */
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'reasonflux-tutor';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.RF_DATA_DIR) return path.resolve(env.RF_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), APP_DIR_NAME);
}

export const databaseFile = (dataDir: string) => path.join(dataDir, 'library.sqlite');

/** The repository's resources/ folder (built-in packs, JSON Schema). */
export const defaultResourcesDir = () => path.resolve(import.meta.dirname, '..', '..', 'resources');
