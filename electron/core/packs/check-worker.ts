/**
 * Worker-thread entry: parses and validates pack files (parsePackFile) off the host's event
 * loop. One request at a time: `{ id, fileName, content, packId? }` → `{ id, ok: true, parsed }`
 * or `{ id, ok: false, error }` (an AppError; anything unexpected becomes `internal`).
 * Bundled as out/main/pack-check-worker.mjs; run from source through tsx (see off-thread.ts).
 */
import { parentPort } from 'node:worker_threads';
import { AppFailure } from '../../../shared/result.js';
import { parsePackFile } from './parse.js';

export interface CheckRequest {
  id: number;
  fileName: string;
  content: string;
  packId?: string;
}

parentPort?.on('message', (req: CheckRequest) => {
  try {
    const parsed = parsePackFile(req.fileName, req.content, req.packId ? { packId: req.packId } : {});
    parentPort!.postMessage({ id: req.id, ok: true, parsed });
  } catch (err) {
    const error =
      err instanceof AppFailure
        ? err.error
        : { code: 'internal', message: `checking the pack failed: ${err instanceof Error ? err.message : String(err)}` };
    parentPort!.postMessage({ id: req.id, ok: false, error });
  }
});
