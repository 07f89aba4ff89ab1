/**
 * Persists validated packs: preview what an import would change, apply it in one
 * transaction, remove a pack, and export it back to the exact pack it was imported from.
 */
import type Database from 'better-sqlite3';
import type { ChangeKind, ImportOutcome, ImportPreview } from '../../../shared/domain.js';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type PackV1 } from '../../../shared/packs/schema.js';
import { failure } from '../../../shared/result.js';
import { msg } from '../../../shared/messages.js';
import { cachedStatement } from '../db/statement-cache.js';
import { canonicalPackMeta } from './canonical.js';
import { countChanges, planImport, type ImportPlan } from './import-plan.js';
import type { EncodedTemplate } from './template-encoding.js';
import { toPackTemplate, type FullRow, type PackRow } from '../library/template-rows.js';
import { TemplateWriter } from './template-writer.js';
import { readPackProblems, writePracticeProblems } from '../practice/practice-repo.js';

/** Longest list of template ids per change kind shown in a preview. */
export const PREVIEW_CHANGES_PER_KIND = 100;

export function getInstalledVersion(db: Database.Database, packId: string): string | null {
  const row = cachedStatement(db, 'SELECT version FROM packs WHERE id = ?').get(packId) as { version: string } | undefined;
  return row?.version ?? null;
}

/** `encoded`: the templates already encoded off the main thread (see off-thread.ts), if they were. */
export function previewPack(db: Database.Database, pack: PackV1, sourceFormat: string, warnings: string[] = [], encoded?: EncodedTemplate[]): ImportPreview {
  const plan = planImport(db, pack, encoded);
  const counts = countChanges(plan);
  return {
    packId: pack.id,
    name: pack.name,
    version: pack.version,
    installedVersion: plan.installedVersion,
    action: plan.action,
    sourceFormat,
    counts: {
      ...counts,
      templates: pack.templates.length,
      chapters: pack.topics.length,
      sections: pack.topics.reduce((n, t) => n + t.sections.length, 0),
    },
    changes: listChanges(plan),
    warnings: [...warnings, ...planWarnings(pack, plan)],
  };
}

export function applyPack(
  db: Database.Database,
  pack: PackV1,
  opts: { sourceFormat: string; force?: boolean; builtIn?: boolean; encoded?: EncodedTemplate[] },
): ImportOutcome {
  // IMMEDIATE: plan and write under one write lock, so a concurrent import can't slip between.
  return db
    .transaction((): ImportOutcome => {
      const plan = planImport(db, pack, opts.encoded);
      const counts = countChanges(plan);
      if (plan.action === 'same') return { packId: pack.id, version: pack.version, action: 'unchanged', counts };
      if (plan.action === 'downgrade' && !opts.force) {
        throw failure(
          'pack_older_version',
          msg('core.olderVersion', { name: pack.name, installed: plan.installedVersion ?? '', version: pack.version }),
          {
            action: msg('core.olderVersion.action'),
            details: { packId: pack.id, installedVersion: plan.installedVersion, version: pack.version },
          },
        );
      }
      writePack(db, pack, plan, opts);
      const action = plan.action === 'install' ? 'installed' : plan.action === 'downgrade' ? 'downgraded' : 'updated';
      return { packId: pack.id, version: pack.version, action, counts };
    })
    .immediate();
}

export function removePack(db: Database.Database, packId: string): { packId: string; removedTemplates: number } {
  return db
    .transaction(() => {
      if (getInstalledVersion(db, packId) === null) throw packNotFound(packId);
      return { packId, removedTemplates: new TemplateWriter(db).deletePack(packId) };
    })
    .immediate();
}

export function exportPack(db: Database.Database, packId: string): PackV1 {
  const read = db.transaction(() => {
    const row = cachedStatement(db, 'SELECT * FROM packs WHERE id = ?').get(packId) as PackRow | undefined;
    if (!row) throw packNotFound(packId);
    const templates = cachedStatement(db, 'SELECT * FROM templates WHERE pack_id = ? ORDER BY position').all(packId) as FullRow[];
    return { row, templates, problems: readPackProblems(db, packId) };
  });
  const { row, templates, problems } = read();
  const meta = canonicalPackMeta({
    ...(row.schema_url !== null ? { $schema: row.schema_url } : {}),
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    id: row.id,
    version: row.version,
    name: row.name,
    language: row.language,
    authors: JSON.parse(row.authors) as string[],
    license: row.license,
    ...(row.attribution !== null ? { attribution: row.attribution } : {}),
    description: row.description,
    topics: JSON.parse(row.topics) as PackV1['topics'],
  });
  return { ...meta, templates: templates.map(toPackTemplate), ...(problems.length > 0 ? { problems } : {}) };
}


const UPSERT_PACK = `INSERT INTO packs (id, version, name, language, authors, license, attribution, description, topics,
    schema_url, source_format, imported_at, built_in, content_hash)
  VALUES (@id, @version, @name, @language, @authors, @license, @attribution, @description, @topics,
    @schemaUrl, @sourceFormat, @importedAt, @builtIn, @contentHash)
  ON CONFLICT (id) DO UPDATE SET version = excluded.version, name = excluded.name, language = excluded.language,
    authors = excluded.authors, license = excluded.license, attribution = excluded.attribution,
    description = excluded.description, topics = excluded.topics, schema_url = excluded.schema_url,
    source_format = excluded.source_format, imported_at = excluded.imported_at, built_in = excluded.built_in,
    content_hash = excluded.content_hash`;

// An UPSERT, never INSERT OR REPLACE: replacing the pack row would cascade-delete its templates.
function writePack(db: Database.Database, pack: PackV1, plan: ImportPlan, opts: { sourceFormat: string; builtIn?: boolean }) {
  cachedStatement(db, UPSERT_PACK).run({
    id: pack.id,
    version: pack.version,
    name: pack.name,
    language: pack.language,
    authors: JSON.stringify(pack.authors),
    license: pack.license,
    attribution: pack.attribution ?? null,
    description: pack.description,
    topics: JSON.stringify(canonicalPackMeta(pack).topics),
    schemaUrl: pack.$schema ?? null,
    sourceFormat: opts.sourceFormat,
    importedAt: new Date().toISOString(),
    builtIn: opts.builtIn ? 1 : 0,
    contentHash: plan.packHash,
  });
  writePracticeProblems(db, pack.id, pack.problems ?? []);
  const writer = new TemplateWriter(db);
  for (const gone of plan.removed) writer.delete(gone.rowid);
  for (const t of plan.templates) {
    if (t.kind === 'added') writer.insert(pack.id, t.template, t.encoded, t.placement);
    else if (t.kind === 'changed') writer.update(t.existing!.rowid, pack.id, t.template, t.encoded, t.placement);
    else if (t.existing!.position !== t.placement.position || t.existing!.topicPos !== t.placement.topicPos) {
      writer.move(t.existing!.rowid, t.placement);
    }
  }
  writer.finish();
}

function listChanges(plan: ImportPlan): ImportPreview['changes'] {
  const shown: Record<ChangeKind, number> = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  const changes: ImportPreview['changes'] = [];
  const add = (kind: ChangeKind, templateId: string, name: string) => {
    if (shown[kind]++ < PREVIEW_CHANGES_PER_KIND) changes.push({ kind, templateId, name });
  };
  // Unchanged templates are only counted: listing them tells the reader nothing.
  for (const t of plan.templates) if (t.kind !== 'unchanged') add(t.kind, t.template.id, t.template.name);
  for (const r of plan.removed) add('removed', r.templateId, r.name);
  return changes;
}

function planWarnings(pack: PackV1, plan: ImportPlan): string[] {
  const warnings: string[] = [];
  if (plan.sameVersionNewContent) {
    warnings.push(
      `Version ${pack.version} is already installed but its content differs from this file; importing replaces it (the pack author may have forgotten to raise the version).`,
    );
  }
  if (plan.action === 'downgrade') {
    warnings.push(`This file holds version ${pack.version}, older than the installed ${plan.installedVersion}.`);
  }
  return warnings;
}

const packNotFound = (packId: string) =>
  failure('not_found', msg('core.noPack', { id: packId }), { action: msg('core.noPackInstalled.action') });
