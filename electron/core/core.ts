/**
 * The app's core, as plain Node: opens the library database, installs the built-in packs,
 * and answers every contract method through one dispatcher. Shells (browser host, Electron
 * IPC, CLI) create one Core and carry `dispatch` and `onEvent` to the renderer.
 */
import { createRequire } from 'node:module';
import type { StreamEvent } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import { createAuthoringHandlers } from './authoring/handlers.js';
import { AuthoringService, type ApplyImport } from './authoring/service.js';
import { databaseFile, defaultResourcesDir, ensureDataDir } from './data-dir.js';
import { withImportLock } from './db/import-lock.js';
import { openDatabaseWithRecovery } from './db/recovery.js';
import { createDispatcher, type Handlers } from './dispatcher.js';
import { EventBus } from './events.js';
import { Library } from './library/library.js';
import { ModelClient } from './model/index.js';
import { ModelSettingsService } from './model-settings/model-settings.js';
import { createFileSecretStore, type SecretStore } from './model-settings/secret-store.js';
import { Navigator } from './navigator/navigator.js';
import { PackService } from './packs/service.js';
import { PracticeRepo } from './practice/practice-repo.js';
import { SessionStore } from './sessions/store.js';
import { RemovedBuiltIns, Settings } from './settings.js';
import { createTutorHandlers } from './tutor/handlers.js';
import { Tutor } from './tutor/tutor.js';

export interface CoreOptions {
  dataDir: string;
  /** Defaults to the repository's resources/ folder. */
  resourcesDir?: string;
  shell: 'browser' | 'electron' | 'cli';
  /** Skip installing built-in packs (tests that want an empty library). */
  skipBuiltIns?: boolean;
  /** Where unexpected internal errors are reported (defaults to stderr). */
  logError?: (err: unknown) => void;
  /** Where API keys are kept; defaults to an owner-only file in the data dir (Electron passes safeStorage). */
  secretStore?: SecretStore;
  /** The model client (tests pass one with short timeouts). */
  modelClient?: ModelClient;
  /** Model endpoints from the environment (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** A better-sqlite3 build for another ABI (Electron's), when the shell prepared one. */
  nativeBinding?: string;
}

export interface Core {
  dispatch: (method: string, input: unknown) => Promise<Result<unknown>>;
  onEvent(listener: (e: StreamEvent) => void): () => void;
  close(): void;
  readonly dataDir: string;
}

const appVersion = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export function createCore(opts: CoreOptions): Core {
  // A folder, writable, owner-only (0700 whatever the umask); otherwise a clear data_dir_unusable error.
  ensureDataDir(opts.dataDir);
  // A damaged file is moved aside and replaced by a fresh one; app.info tells the user.
  const { db, recovery } = openDatabaseWithRecovery(databaseFile(opts.dataDir), { nativeBinding: opts.nativeBinding });
  const events = new EventBus();
  const library = new Library(db);
  const packs = new PackService(db, opts.resourcesDir ?? defaultResourcesDir());
  const settings = new Settings(db);
  const client = opts.modelClient ?? new ModelClient();
  const models = new ModelSettingsService(settings, opts.secretStore ?? createFileSecretStore(opts.dataDir), opts.env ?? process.env);
  const practice = new PracticeRepo(db);
  const tutor = new Tutor({
    store: new SessionStore(db),
    library,
    client,
    models,
    events,
    practice,
    navigator: new Navigator({ library, client }),
  });

  const removedBuiltIns = new RemovedBuiltIns(settings);
  if (!opts.skipBuiltIns) packs.installBuiltIns(removedBuiltIns.all());

  const applyImport: ApplyImport = (fileName, content, force) => {
    const outcome = packs.apply(fileName, content, { force });
    // A teacher who imports a built-in pack again by hand wants it back for good.
    removedBuiltIns.forget(outcome.packId);
    return outcome;
  };
  const authoring = new AuthoringService(db, applyImport);

  const handlers: Handlers = {
    'app.info': () => {
      const installed = library.listPacks();
      return {
        version: appVersion,
        dataDir: opts.dataDir,
        packCount: installed.length,
        templateCount: installed.reduce((n, p) => n + p.templateCount, 0),
        shell: opts.shell === 'electron' ? 'electron' : 'browser',
        ...(recovery ? { recovery } : {}),
      };
    },
    'library.listPacks': () => library.listPacks(),
    'library.topicTree': ({ packId }) => library.topicTree(packId),
    'library.listTemplates': (input) => library.listTemplates(input),
    'library.search': (input) => library.search(input),
    'library.getTemplate': ({ id }) => library.getTemplate(id),
    'library.tags': ({ packId }) => library.tags(packId),
    // Files from outside are parsed and checked on a worker thread with a time budget.
    'packs.previewImport': ({ fileName, content, asPackId }) => packs.previewOffThread(fileName, content, { asPackId }),
    // Pack writes wait (without holding the event loop) for a CLI import on the same library.
    'packs.applyImport': ({ fileName, content, force, asPackId }) =>
      withImportLock(opts.dataDir, `app import ${fileName}`, async () => {
        const outcome = await packs.applyOffThread(fileName, content, { force, asPackId });
        removedBuiltIns.forget(outcome.packId);
        return outcome;
      }),
    'packs.remove': ({ packId }) =>
      withImportLock(opts.dataDir, `app remove ${packId}`, () => {
        const wasBuiltIn = library.listPacks().some((p) => p.id === packId && p.builtIn);
        const result = packs.remove(packId);
        if (wasBuiltIn) removedBuiltIns.add(packId);
        return result;
      }),
    'packs.export': ({ packId }) => packs.export(packId),
    'packs.listBuiltIns': () => packs.listBuiltIns(),
    'packs.restoreBuiltIn': ({ packId }) =>
      withImportLock(opts.dataDir, `app restore ${packId}`, () => {
        const outcome = packs.restoreBuiltIn(packId);
        removedBuiltIns.forget(packId);
        return outcome;
      }),
    ...createTutorHandlers({ tutor, models, client, practice }),
    ...createAuthoringHandlers(authoring),
  };

  const dispatch = createDispatcher(handlers, {
    onInternalError: opts.logError ?? ((err) => console.error('[core] internal error:', err)),
  });

  return {
    dispatch,
    onEvent: (l) => events.on(l),
    close: () => {
      // Keep what running streams have shown, stop them, then close the file.
      tutor.shutdown();
      packs.close();
      db.close();
    },
    dataDir: opts.dataDir,
  };
}
