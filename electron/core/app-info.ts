/** The contract's app.info: the app's version, its data folder and library, and any recovery at start. */
import { createRequire } from 'node:module';
import type { Handlers } from './dispatcher.js';
import type { RecoveryNotice } from './db/recovery.js';
import type { Library } from './library/library.js';

const appVersion = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export interface AppInfoDeps {
  library: Library;
  dataDir: string;
  shell: 'browser' | 'electron' | 'cli';
  /** Set when the library file was damaged at start and replaced by a fresh one. */
  recovery: RecoveryNotice | null;
}

export function createAppHandlers({ library, dataDir, shell, recovery }: AppInfoDeps): Pick<Handlers, 'app.info'> {
  return {
    'app.info': () => {
      const installed = library.listPacks();
      return {
        version: appVersion,
        dataDir,
        packCount: installed.length,
        templateCount: installed.reduce((n, p) => n + p.templateCount, 0),
        shell: shell === 'electron' ? 'electron' : 'browser',
        ...(recovery ? { recovery } : {}),
      };
    },
  };
}
