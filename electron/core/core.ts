/**
 * The app's core, as plain Node, and its front door: wiring only. It opens the library
 * database, builds the services over it, installs the built-in packs and hands every contract
 * method to one dispatcher; the methods themselves live beside their services (*\/handlers.ts).
 * Its ports: a clock (`now`), the event port shells subscribe to (`onEvent`), the secret
 * store, the model client and the environment. Shells (browser host, Electron IPC, CLI)
 * create one Core and carry `dispatch` and `onEvent` to the renderer.
 */
import type { Dispatch, RequestEvent } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import { createAppHandlers } from './app-info.js';
import { createAuthoringHandlers } from './authoring/handlers.js';
import { AuthoringService, type ApplyImport } from './authoring/service.js';
import { databaseFile, defaultResourcesDir, ensureDataDir } from './data-dir.js';
import { openDatabaseWithRecovery } from './db/recovery.js';
import { createDispatcher, type Handlers } from './dispatcher.js';
import { EventBus } from './events.js';
import { createLibraryHandlers } from './library/handlers.js';
import { Library } from './library/library.js';
import { ModelClient } from './model/index.js';
import { ModelSettingsService } from './model-settings/model-settings.js';
import { createFileSecretStore, type SecretStore } from './model-settings/secret-store.js';
import { Navigator } from './navigator/navigator.js';
import { SemanticRetrieval, templateVectorStore } from './navigator/semantic.js';
import { BuiltInPolicy } from './packs/built-in-policy.js';
import { createPackFilePreview, createPackHandlers, type PackFilePreview } from './packs/handlers.js';
import { PackService } from './packs/service.js';
import { PracticeRepo } from './practice/practice-repo.js';
import { SessionStore } from './sessions/store.js';
import { RemovedBuiltIns, Settings } from './settings.js';
import { createTutorHandlers } from './tutor/handlers.js';
import { Tutor } from './tutor/tutor.js';

// The core's front door: shells (main, host, CLI) import the core only through this file.
export { defaultDataDir } from './data-dir.js';
export { acquireImportLock, type ImportLock } from './db/import-lock.js';
export type { SecretStore } from './model-settings/secret-store.js';
export { PackChecker } from './packs/off-thread.js';
export { readPackFile } from './packs/read-file.js';

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
  /** The clock for stored times (sessions, drafts, a damaged file's backup name); defaults to the system clock. */
  now?: () => Date;
}

export interface Core {
  dispatch: Dispatch;
  /** The event port: every request event (deltas, done, error, cancelled), secrets scrubbed. */
  onEvent(listener: (e: RequestEvent) => void): () => void;
  close(): void;
  readonly dataDir: string;
  /** Desktop shell only: check a pack file picked in a native dialog and hold it for packs.applyImport (never on the wire). */
  previewPackFile(filePath: string): Promise<Result<PackFilePreview>>;
}

export function createCore(opts: CoreOptions): Core {
  // A folder, writable, owner-only (0700 whatever the umask); otherwise a clear data_dir_unusable error.
  ensureDataDir(opts.dataDir);
  // A damaged file is moved aside and replaced by a fresh one; app.info tells the user.
  const now = opts.now ?? (() => new Date());
  const { db, recovery } = openDatabaseWithRecovery(databaseFile(opts.dataDir), { nativeBinding: opts.nativeBinding, now });
  const events = new EventBus();
  const library = new Library(db);
  const packs = new PackService(db, opts.resourcesDir ?? defaultResourcesDir());
  const settings = new Settings(db);
  const client = opts.modelClient ?? new ModelClient();
  const models = new ModelSettingsService(settings, opts.secretStore ?? createFileSecretStore(opts.dataDir), opts.env ?? process.env);
  const practice = new PracticeRepo(db);
  const tutor = new Tutor({
    store: new SessionStore(db, now),
    library,
    client,
    models,
    events,
    practice,
    // Semantic retrieval only when the endpoint embeds (probed once); otherwise text retrieval.
    navigator: new Navigator({ library, client, semantic: new SemanticRetrieval(client, templateVectorStore(db)) }),
    now,
  });

  const builtIns = new BuiltInPolicy(packs, library, new RemovedBuiltIns(settings));
  if (!opts.skipBuiltIns) builtIns.installAtStart();

  const applyImport: ApplyImport = (fileName, content, force) => builtIns.imported(packs.apply(fileName, content, { force }));
  const authoring = new AuthoringService(db, applyImport, now);

  const handlers: Handlers = {
    ...createAppHandlers({ library, dataDir: opts.dataDir, shell: opts.shell, recovery }),
    ...createLibraryHandlers(library),
    ...createPackHandlers({ packs, builtIns, dataDir: opts.dataDir }),
    ...createTutorHandlers({ tutor, models, client, practice }),
    ...createAuthoringHandlers(authoring),
  };

  const onInternalError = opts.logError ?? ((err: unknown) => console.error('[core] internal error:', err));
  const dispatch = createDispatcher(handlers, { onInternalError });

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
    previewPackFile: createPackFilePreview(packs, onInternalError),
  };
}
