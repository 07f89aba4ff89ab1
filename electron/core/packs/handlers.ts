/** The contract methods that import, remove, export and restore packs. */
import { withImportLock } from '../db/import-lock.js';
import type { Handlers } from '../dispatcher.js';
import type { BuiltInPolicy } from './built-in-policy.js';
import type { PackService } from './service.js';

export type PackHandlers = { [M in keyof Handlers as M extends `packs.${string}` ? M : never]: Handlers[M] };

export interface PackHandlerDeps {
  packs: PackService;
  builtIns: BuiltInPolicy;
  /** The data folder, whose import lock pack writes share with a CLI import on the same library. */
  dataDir: string;
}

export function createPackHandlers({ packs, builtIns, dataDir }: PackHandlerDeps): PackHandlers {
  return {
    // Files from outside are parsed and checked on a worker thread with a time budget.
    'packs.previewImport': ({ fileName, content, asPackId }) => packs.previewOffThread(fileName, content, { asPackId }),
    // Pack writes wait (without holding the event loop) for a CLI import on the same library.
    'packs.applyImport': ({ fileName, content, force, asPackId }) =>
      withImportLock(dataDir, `app import ${fileName}`, async () =>
        builtIns.imported(await packs.applyOffThread(fileName, content, { force, asPackId })),
      ),
    'packs.remove': ({ packId }) => withImportLock(dataDir, `app remove ${packId}`, () => builtIns.remove(packId)),
    'packs.export': ({ packId }) => packs.export(packId),
    'packs.listBuiltIns': () => packs.listBuiltIns(),
    'packs.restoreBuiltIn': ({ packId }) => withImportLock(dataDir, `app restore ${packId}`, () => builtIns.restore(packId)),
  };
}
