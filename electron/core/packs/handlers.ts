/** The contract methods that import, remove, export and restore packs. */
import type { StagedImportPreview } from '../../../shared/contract.js';
import { AppFailure, fail, ok, type Result } from '../../../shared/result.js';
import { withImportLock } from '../db/import-lock.js';
import type { Handlers } from '../dispatcher.js';
import { scrubDeep } from '../util/scrub-secrets.js';
import type { BuiltInPolicy } from './built-in-policy.js';
import type { PackService, RunLocked } from './service.js';

export type PackHandlers = { [M in keyof Handlers as M extends `packs.${string}` ? M : never]: Handlers[M] };

export interface PackHandlerDeps {
  packs: PackService;
  builtIns: BuiltInPolicy;
  /** The data folder, whose import lock pack writes share with a CLI import on the same library. */
  dataDir: string;
}

export function createPackHandlers({ packs, builtIns, dataDir }: PackHandlerDeps): PackHandlers {
  // Pack writes wait (without holding the event loop) for a CLI import on the same library.
  const locked: RunLocked = (label, write) => withImportLock(dataDir, label, write);
  return {
    // Files from outside are parsed and checked on a worker thread with a time budget, once:
    // the checked pack is held under the preview's importId until it is applied or dropped.
    'packs.previewImport': ({ fileName, content, asPackId }) => packs.stageImport(fileName, content, { asPackId }),
    'packs.applyImport': async ({ importId, fileName, content, force, asPackId }) => {
      if (importId !== undefined) return builtIns.imported(await packs.applyStaged(importId, { force }, locked));
      // One step (the CLI): the contract allows this only with both fileName and content.
      const file = { fileName: fileName ?? '', content: content ?? '' };
      return locked(`app import ${file.fileName}`, async () =>
        builtIns.imported(await packs.applyOffThread(file.fileName, file.content, { force, asPackId })),
      );
    },
    'packs.discardImport': ({ importId }) => ({ discarded: packs.discardStaged(importId) }),
    'packs.remove': ({ packId }) => withImportLock(dataDir, `app remove ${packId}`, () => builtIns.remove(packId)),
    'packs.export': ({ packId }) => packs.export(packId),
    'packs.listBuiltIns': () => packs.listBuiltIns(),
    'packs.restoreBuiltIn': ({ packId }) => withImportLock(dataDir, `app restore ${packId}`, () => builtIns.restore(packId)),
  };
}

/** A preview of a file on disk with the file's name: what the desktop menu's "Import pack…" sends the renderer. */
export type PackFilePreview = StagedImportPreview & { fileName: string };

/**
 * For the shells only, never on the wire (a renderer must not name files to read): check a
 * pack file the user picked in a native dialog and hold it for packs.applyImport, as a Result
 * like every contract method's (the same error mapping as the dispatcher's).
 */
export function createPackFilePreview(packs: PackService, onInternalError: (err: unknown) => void) {
  return async (filePath: string): Promise<Result<PackFilePreview>> => {
    try {
      return ok(await packs.stageFile(filePath));
    } catch (err) {
      if (err instanceof AppFailure) return { ok: false, error: scrubDeep(err.error) };
      onInternalError(err);
      return scrubDeep(
        fail('internal', `Something went wrong while checking the pack file: ${err instanceof Error ? err.message : String(err)}`, {
          action: 'Try again; if it keeps happening, restart the app.',
        }),
      );
    }
  };
}
