/**
 * The app's own format needs no conversion: the parsed JSON goes straight to the validator.
 * Kept as an importer so parse.ts treats every format alike.
 */
import type { ImportResult } from './types.js';

export function importNative(data: unknown, opts: { packId?: string } = {}): ImportResult {
  // opts.packId lets a caller install a copy under another id; the file's own id otherwise.
  if (opts.packId && typeof data === 'object' && data !== null && !Array.isArray(data)) {
    return { data: { ...(data as Record<string, unknown>), id: opts.packId }, warnings: [] };
  }
  return { data, warnings: [] };
}
