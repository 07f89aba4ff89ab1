/**
 * Drafts of packs being authored, one JSON row each. A draft is whatever the teacher has
 * typed so far, so nothing here validates it; only size is limited, like a pack file.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DraftSaved, DraftSummary, DraftView } from '../../../shared/domain.js';
import { PACK_LIMITS } from '../../../shared/packs/schema.js';
import { failure } from '../../../shared/result.js';
import { msg } from '../../../shared/messages.js';
import { nestsDeeperThan } from '../packs/json-text.js';

interface DraftRow {
  id: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export const draftNotFound = (draftId: string) =>
  failure('not_found', msg('core.noDraft', { id: draftId.slice(0, 100) }), { action: msg('core.noDraft.action') });

const textField = (draft: Record<string, unknown>, key: string): string => {
  const value = draft[key];
  return typeof value === 'string' ? value : '';
};

export class DraftStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): DraftSummary[] {
    const rows = this.db.prepare('SELECT * FROM authoring_drafts ORDER BY updated_at DESC, id').all() as DraftRow[];
    return rows.map((row) => {
      const draft = parseBody(row.body);
      return {
        draftId: row.id,
        packId: textField(draft, 'id'),
        name: textField(draft, 'name'),
        version: textField(draft, 'version'),
        templateCount: Array.isArray(draft.templates) ? draft.templates.length : 0,
        updatedAt: row.updated_at,
      };
    });
  }

  get(draftId: string): DraftView {
    const row = this.db.prepare('SELECT * FROM authoring_drafts WHERE id = ?').get(draftId) as DraftRow | undefined;
    if (!row) throw draftNotFound(draftId);
    return { draftId: row.id, draft: parseBody(row.body), createdAt: row.created_at, updatedAt: row.updated_at };
  }

  /** Create (no draftId) or replace a draft. Saving an unknown id is refused, not created. */
  save(draft: Record<string, unknown>, draftId?: string): DraftSaved {
    // A draft arrives as parsed JSON of any shape; a hostile depth would overflow the stack below.
    if (nestsDeeperThan(draft, PACK_LIMITS.maxDepth)) {
      throw failure('invalid_input', msg('core.draftTooDeep', { depth: PACK_LIMITS.maxDepth }), { action: msg('core.draftTooDeep.action') });
    }
    const body = JSON.stringify(draft);
    if (Buffer.byteLength(body, 'utf8') > PACK_LIMITS.maxFileBytes) {
      throw failure('pack_too_large', msg('core.draftTooLarge', { megabytes: PACK_LIMITS.maxFileBytes / (1024 * 1024) }), { action: msg('core.draftTooLarge.action') });
    }
    const at = this.now().toISOString();
    if (draftId === undefined) {
      const id = randomUUID();
      this.db.prepare('INSERT INTO authoring_drafts (id, body, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, body, at, at);
      return { draftId: id, updatedAt: at };
    }
    const changed = this.db.prepare('UPDATE authoring_drafts SET body = ?, updated_at = ? WHERE id = ?').run(body, at, draftId).changes;
    if (changed === 0) throw draftNotFound(draftId);
    return { draftId, updatedAt: at };
  }

  delete(draftId: string): { deleted: boolean } {
    return { deleted: this.db.prepare('DELETE FROM authoring_drafts WHERE id = ?').run(draftId).changes > 0 };
  }
}

/** A stored body is always an object we wrote; a damaged one reads as an empty draft. */
function parseBody(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
