/**
 * Worker-thread entry: parses and validates pack files (parsePackFile) off the host's event
 * loop. One request at a time: `{ id, fileName, content, packId? }` → `{ id, ok: true, parsed }`
 * or `{ id, ok: false, error }` (an AppError; anything unexpected becomes `internal`).
 * Bundled as out/main/pack-check-worker.mjs; run from source through tsx (see off-thread.ts).
 */
import { parentPort } from 'node:worker_threads';
import { AppFailure } from '../../../shared/result.js';
import { encodeTemplate } from './template-encoding.js';
import { parsePackFile } from './parse.js';

export interface CheckRequest {
  id: number;
  fileName: string;
  /**
   * The file's text as UTF-8 bytes, transferred (not copied): structured-cloning a 24 MB string
   * held the sending thread for over a second, encoding and decoding it takes milliseconds.
   */
  bytes: Uint8Array;
  packId?: string;
}

parentPort?.on('message', (req: CheckRequest) => {
  try {
    const content = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength).toString('utf8');
    const parsed = parsePackFile(req.fileName, content, req.packId ? { packId: req.packId } : {});
    // Encoding (JSON of the list fields and a hash per template) is the rest of an import's
    // CPU work before the database: done here too, so the main thread only compares and writes.
    const encoded = parsed.pack.templates.map(encodeTemplate);
    parentPort!.postMessage({ id: req.id, ok: true, parsed: { ...parsed, encoded } });
  } catch (err) {
    const error =
      err instanceof AppFailure
        ? err.error
        : { code: 'internal', message: `checking the pack failed: ${err instanceof Error ? err.message : String(err)}` };
    parentPort!.postMessage({ id: req.id, ok: false, error });
  }
});

// Loaded: from here on a crash is the check's (memory, a bug), not a worker that cannot start.
parentPort?.postMessage({ ready: true });
