/**
 * Works out what importing a pack would do, without writing: install, update, same or
 * downgrade, and per template whether it is added, changed, removed or unchanged.
 * Per-template content hashes decide; template ids tie old and new rows together.
 */
import type Database from 'better-sqlite3';
import type { ChangeKind } from '../../../shared/domain.js';
import type { PackTemplateV1, PackV1 } from '../../../shared/packs/schema.js';
import { cachedStatement } from '../db/statement-cache.js';
import { topicIndex } from '../library/topic-slots.js';
import { hashPack } from './canonical.js';
import { encodeTemplate, type EncodedTemplate } from './template-encoding.js';
import { compareSemver } from './semver.js';
import type { Placement } from './template-writer.js';

export type PlanAction = 'install' | 'update' | 'same' | 'downgrade';

export interface InstalledTemplate {
  rowid: number;
  contentHash: string;
  position: number;
  topicPos: number;
}

export interface PlannedTemplate {
  template: PackTemplateV1;
  encoded: EncodedTemplate;
  placement: Placement;
  kind: Exclude<ChangeKind, 'removed'>;
  /** The existing row, for changed and unchanged templates. */
  existing?: InstalledTemplate;
}

export interface ImportPlan {
  action: PlanAction;
  installedVersion: string | null;
  packHash: string;
  /** Same version number as installed, but the content differs. */
  sameVersionNewContent: boolean;
  templates: PlannedTemplate[];
  removed: { templateId: string; rowid: number; name: string }[];
}

/** `encoded`: the templates already encoded (the pack checker's worker thread does it), in order. */
export function planImport(db: Database.Database, pack: PackV1, encoded: EncodedTemplate[] = pack.templates.map(encodeTemplate)): ImportPlan {
  const packHash = hashPack(pack, encoded.map((e) => e.contentHash));
  const installed = cachedStatement(db, 'SELECT version, content_hash FROM packs WHERE id = ?').get(pack.id) as
    | { version: string; content_hash: string }
    | undefined;

  const existing = installed ? loadInstalledTemplates(db, pack.id) : new Map<string, InstalledTemplate & { name: string }>();
  const topicPositions = topicIndex(pack);
  const templates: PlannedTemplate[] = pack.templates.map((template, position) => {
    const row = encoded[position]!;
    const placement = { position, topicPos: topicPositions(template.chapter, template.section) };
    const old = existing.get(template.id);
    if (!old) return { template, encoded: row, placement, kind: 'added' };
    existing.delete(template.id);
    return { template, encoded: row, placement, kind: old.contentHash === row.contentHash ? 'unchanged' : 'changed', existing: old };
  });
  const removed = [...existing].map(([templateId, row]) => ({ templateId, rowid: row.rowid, name: row.name }));

  let action: PlanAction = 'install';
  let sameVersionNewContent = false;
  if (installed) {
    const order = compareSemver(pack.version, installed.version);
    if (order > 0) action = 'update';
    else if (order < 0) action = 'downgrade';
    else if (installed.content_hash === packHash) action = 'same';
    else {
      action = 'update';
      sameVersionNewContent = true;
    }
  }
  return { action, installedVersion: installed?.version ?? null, packHash, sameVersionNewContent, templates, removed };
}

function loadInstalledTemplates(db: Database.Database, packId: string) {
  const rows = cachedStatement(
    db,
    'SELECT rowid, template_id, content_hash, position, topic_pos, name FROM templates WHERE pack_id = ?',
  ).all(packId) as { rowid: number; template_id: string; content_hash: string; position: number; topic_pos: number; name: string }[];
  return new Map(
    rows.map((r) => [
      r.template_id,
      { rowid: r.rowid, contentHash: r.content_hash, position: r.position, topicPos: r.topic_pos, name: r.name },
    ]),
  );
}

export function countChanges(plan: ImportPlan): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { added: 0, changed: 0, removed: plan.removed.length, unchanged: 0 };
  for (const t of plan.templates) counts[t.kind]++;
  return counts;
}
