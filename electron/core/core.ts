/**
 * The app's core, as plain Node: opens the library database, installs the built-in packs,
 * and answers every contract method through one dispatcher. Shells (browser host, Electron
 * IPC, CLI) create one Core and carry `dispatch` and `onEvent` to the renderer.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { StreamEvent } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import { databaseFile, defaultResourcesDir } from './data-dir.js';
import { openDatabase } from './db/database.js';
import { createDispatcher, type Handlers } from './dispatcher.js';
import { EventBus } from './events.js';
import { Library } from './library/library.js';
import { PackService } from './packs/service.js';
import { Settings } from './settings.js';

export interface CoreOptions {
  dataDir: string;
  /** Defaults to the repository's resources/ folder. */
  resourcesDir?: string;
  shell: 'browser' | 'electron' | 'cli';
  /** Skip installing built-in packs (tests that want an empty library). */
  skipBuiltIns?: boolean;
  /** Where unexpected internal errors are reported (defaults to stderr). */
  logError?: (err: unknown) => void;
}

export interface Core {
  dispatch: (method: string, input: unknown) => Promise<Result<unknown>>;
  onEvent(listener: (e: StreamEvent) => void): () => void;
  close(): void;
  readonly dataDir: string;
}

const REMOVED_BUILT_INS = 'packs.removedBuiltIns';
const appVersion = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export function createCore(opts: CoreOptions): Core {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(databaseFile(opts.dataDir));
  const events = new EventBus();
  const library = new Library(db);
  const packs = new PackService(db);
  const settings = new Settings(db);

  if (!opts.skipBuiltIns) {
    const removed = new Set(settings.get<string[]>(REMOVED_BUILT_INS, []));
    packs.installBuiltIns(opts.resourcesDir ?? defaultResourcesDir(), removed);
  }

  const handlers: Handlers = {
    'app.info': () => {
      const installed = library.listPacks();
      return {
        version: appVersion,
        dataDir: opts.dataDir,
        packCount: installed.length,
        templateCount: installed.reduce((n, p) => n + p.templateCount, 0),
        shell: opts.shell === 'electron' ? 'electron' : 'browser',
      };
    },
    'library.listPacks': () => library.listPacks(),
    'library.topicTree': ({ packId }) => library.topicTree(packId),
    'library.listTemplates': (input) => library.listTemplates(input),
    'library.search': (input) => library.search(input),
    'library.getTemplate': ({ id }) => library.getTemplate(id),
    'library.tags': ({ packId }) => library.tags(packId),
    'packs.previewImport': ({ fileName, content }) => packs.preview(fileName, content),
    'packs.applyImport': ({ fileName, content, force }) => {
      const outcome = packs.apply(fileName, content, { force });
      // A teacher who imports a built-in pack again by hand wants it back for good.
      const removed = settings.get<string[]>(REMOVED_BUILT_INS, []);
      if (removed.includes(outcome.packId)) settings.set(REMOVED_BUILT_INS, removed.filter((id) => id !== outcome.packId));
      return outcome;
    },
    'packs.remove': ({ packId }) => {
      const wasBuiltIn = library.listPacks().some((p) => p.id === packId && p.builtIn);
      const result = packs.remove(packId);
      if (wasBuiltIn) {
        const removed = new Set(settings.get<string[]>(REMOVED_BUILT_INS, []));
        settings.set(REMOVED_BUILT_INS, [...removed.add(packId)]);
      }
      return result;
    },
    'packs.export': ({ packId }) => packs.export(packId),
    'requests.cancel': () => ({ cancelled: false }),
  };

  const dispatch = createDispatcher(handlers, {
    onInternalError: opts.logError ?? ((err) => console.error('[core] internal error:', err)),
  });

  return {
    dispatch,
    onEvent: (l) => events.on(l),
    close: () => db.close(),
    dataDir: opts.dataDir,
  };
}
