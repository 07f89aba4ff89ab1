/**
 * Writes template rows together with their tag rows and full-text entries, so the three
 * never drift apart. Callers wrap a batch of calls in one transaction.
 */
import type Database from 'better-sqlite3';
import type { PackTemplateV1 } from '../../../shared/packs/schema.js';
import { cachedStatement } from '../db/statement-cache.js';
import { ftsDocument } from '../retrieval/fts-document.js';
import type { EncodedTemplate } from './template-encoding.js';

/** Where a template sits in its pack: array index and (chapter, section) index in topics. */
export interface Placement {
  position: number;
  topicPos: number;
}

const TEMPLATE_COLUMNS = `pack_id, template_id, position, topic_pos, chapter, section, name, type, tags,
  description, scope, steps, examples, license, attribution, content_hash`;

// Positional parameters: binding an array is measurably cheaper than named ones over 100,000 rows.
const INSERT_TEMPLATE = `INSERT INTO templates (${TEMPLATE_COLUMNS}) VALUES (${Array(16).fill('?').join(', ')})`;
const UPDATE_TEMPLATE = `UPDATE templates SET position = ?, topic_pos = ?, chapter = ?, section = ?, name = ?, type = ?,
  tags = ?, description = ?, scope = ?, steps = ?, examples = ?, license = ?, attribution = ?, content_hash = ?
  WHERE rowid = ?`;
const UPDATE_PLACEMENT = 'UPDATE templates SET position = ?, topic_pos = ? WHERE rowid = ?';
const DELETE_TEMPLATE = 'DELETE FROM templates WHERE rowid = ?';
// OR IGNORE: a tag listed twice on one template is stored once.
const INSERT_TAG = 'INSERT OR IGNORE INTO template_tags (template_rowid, pack_id, tag) VALUES (?, ?, ?)';
const DELETE_TAGS = 'DELETE FROM template_tags WHERE template_rowid = ?';
const INSERT_FTS = `INSERT INTO templates_fts (rowid, name, tags, description, scope, steps, examples)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;
const DELETE_FTS = 'DELETE FROM templates_fts WHERE rowid = ?';
const INSERT_HEAD_FTS = 'INSERT INTO templates_head_fts (rowid, name, tags) VALUES (?, ?, ?)';
const DELETE_HEAD_FTS = 'DELETE FROM templates_head_fts WHERE rowid = ?';

export class TemplateWriter {
  constructor(private readonly db: Database.Database) {}

  insert(packId: string, t: PackTemplateV1, row: EncodedTemplate, at: Placement): number {
    const { lastInsertRowid } = this.stmt(INSERT_TEMPLATE).run(
      packId, row.templateId, at.position, at.topicPos, row.chapter, row.section, row.name, row.type, row.tags,
      row.description, row.scope, row.steps, row.examples, row.license, row.attribution, row.contentHash,
    );
    const rowid = Number(lastInsertRowid);
    this.writeTagsAndText(rowid, packId, t);
    return rowid;
  }

  update(rowid: number, packId: string, t: PackTemplateV1, row: EncodedTemplate, at: Placement): void {
    // pack_id and template_id stay: a template never moves between packs or ids.
    this.stmt(UPDATE_TEMPLATE).run(
      at.position, at.topicPos, row.chapter, row.section, row.name, row.type, row.tags, row.description,
      row.scope, row.steps, row.examples, row.license, row.attribution, row.contentHash, rowid,
    );
    this.stmt(DELETE_TAGS).run(rowid);
    this.deleteText(rowid);
    this.writeTagsAndText(rowid, packId, t);
  }

  /** The template's content is unchanged but the pack reordered it. */
  move(rowid: number, at: Placement): void {
    this.stmt(UPDATE_PLACEMENT).run(at.position, at.topicPos, rowid);
  }

  delete(rowid: number): void {
    this.deleteText(rowid);
    this.stmt(DELETE_TEMPLATE).run(rowid); // tag rows go by ON DELETE CASCADE
  }

  /** Removes a whole pack: its full-text entries first, then the rows (templates and tags cascade). */
  deletePack(packId: string): number {
    this.stmt('DELETE FROM templates_fts WHERE rowid IN (SELECT rowid FROM templates WHERE pack_id = ?)').run(packId);
    this.stmt('DELETE FROM templates_head_fts WHERE rowid IN (SELECT rowid FROM templates WHERE pack_id = ?)').run(packId);
    const removed = this.stmt('DELETE FROM templates WHERE pack_id = ?').run(packId).changes;
    this.stmt('DELETE FROM packs WHERE id = ?').run(packId);
    return removed;
  }

  private writeTagsAndText(rowid: number, packId: string, t: PackTemplateV1): void {
    const insertTag = this.stmt(INSERT_TAG);
    for (const tag of t.tags) insertTag.run(rowid, packId, tag);
    const text = ftsDocument(t);
    this.stmt(INSERT_FTS).run(rowid, text.name, text.tags, text.description, text.scope, text.steps, text.examples);
    this.stmt(INSERT_HEAD_FTS).run(rowid, text.name, text.tags);
  }

  private deleteText(rowid: number): void {
    this.stmt(DELETE_FTS).run(rowid);
    this.stmt(DELETE_HEAD_FTS).run(rowid);
  }

  private stmt(sql: string): Database.Statement {
    return cachedStatement(this.db, sql);
  }
}
