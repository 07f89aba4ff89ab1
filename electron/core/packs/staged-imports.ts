/**
 * Imports waiting for the teacher's "Apply": a preview parses and checks a pack file once and
 * leaves the result here under an unguessable id; applying takes it back by that id, so the
 * file is never read or parsed a second time and what lands is exactly what was previewed.
 *
 * Bounded three ways, because a staged pack can be large and a renderer may never apply it:
 * entries expire (30 minutes by default), at most `maxEntries` are held, and their source text
 * together stays under `maxTotalChars` (the oldest go first). An id is single-use: taking it
 * removes the entry, so two clicks on Apply cannot import twice. An id that is unknown, used,
 * expired or pushed out gets `import_expired`, which says to preview the file again.
 */
import { randomUUID } from 'node:crypto';
import { PACK_LIMITS } from '../../../shared/packs/schema.js';
import { msg } from '../../../shared/messages.js';
import { failure, type AppFailure } from '../../../shared/result.js';

export const STAGED_IMPORT_TTL_MS = 30 * 60_000;
export const STAGED_IMPORT_MAX_ENTRIES = 8;

export interface StagedImportsOptions {
  /** Milliseconds clock (tests pass their own). */
  now?: () => number;
  ttlMs?: number;
  maxEntries?: number;
  /** Sum of the staged files' text lengths; by default one file of the largest size allowed. */
  maxTotalChars?: number;
  newId?: () => string;
}

interface Entry<T> {
  value: T;
  createdAt: number;
  size: number;
}

export function importExpired(importId: string, ttlMs: number): AppFailure {
  return failure('import_expired', msg('core.importExpired', { minutes: Math.round(ttlMs / 60_000) }), {
    action: msg('core.importExpired.action'),
    details: { importId: importId.slice(0, 100) },
  });
}

export class StagedImports<T> {
  /** Insertion order is age order: the first entry is the oldest. */
  private readonly entries = new Map<string, Entry<T>>();
  private totalChars = 0;
  private readonly now: () => number;
  private readonly newId: () => string;
  readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxTotalChars: number;

  constructor(opts: StagedImportsOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.newId = opts.newId ?? randomUUID;
    this.ttlMs = opts.ttlMs ?? STAGED_IMPORT_TTL_MS;
    this.maxEntries = Math.max(1, opts.maxEntries ?? STAGED_IMPORT_MAX_ENTRIES);
    this.maxTotalChars = opts.maxTotalChars ?? PACK_LIMITS.maxFileBytes;
  }

  /** Hold `value` (`size`: its source text's length) and return its new id. */
  stage(value: T, size = 0): string {
    this.dropExpired();
    // Make room first; the new entry itself is always kept, even when it alone is over the budget.
    for (const [id, entry] of this.entries) {
      if (this.entries.size < this.maxEntries && this.totalChars + size <= this.maxTotalChars) break;
      this.remove(id, entry);
    }
    let id = this.newId();
    while (this.entries.has(id)) id = this.newId();
    this.entries.set(id, { value, createdAt: this.now(), size });
    this.totalChars += size;
    return id;
  }

  /** The staged value, removed so the id cannot be used again; `import_expired` when it is not held. */
  take(importId: string): T {
    this.dropExpired();
    const entry = this.entries.get(importId);
    if (!entry) throw importExpired(importId, this.ttlMs);
    this.remove(importId, entry);
    return entry.value;
  }

  /** Forget a staged import (the teacher cancelled); false when it was not held. */
  discard(importId: string): boolean {
    const entry = this.entries.get(importId);
    if (!entry) return false;
    this.remove(importId, entry);
    return true;
  }

  get size(): number {
    this.dropExpired();
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.totalChars = 0;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (now - entry.createdAt >= this.ttlMs) this.remove(id, entry);
    }
  }

  private remove(id: string, entry: Entry<T>): void {
    this.entries.delete(id);
    this.totalChars -= entry.size;
  }
}
