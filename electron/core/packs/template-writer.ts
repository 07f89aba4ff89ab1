/**
 * Writes template rows together with their tag rows and full-text entries, so the three
 * never drift apart. Callers wrap a batch of calls in one transaction and end it with
 * finish(), which indexes the text of every row written (in rowid ranges, one statement each).
 *
 * The full-text indexes read their text from the templates_text view (external content), so
 * an index entry is removed while the row still holds the text it was indexed with, and added
 * only after the row holds its new text.
 */
import type Database from 'better-sqlite3';
import type { PackTemplateV1 } from '../../../shared/packs/schema.js';
import { cachedStatement } from '../db/statement-cache.js';
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
// Tag rows are keyed by tag first; the row's stored tags say which ones to remove.
const DELETE_TAGS = `DELETE FROM template_tags WHERE template_rowid = @rowid
  AND pack_id = (SELECT pack_id FROM templates WHERE rowid = @rowid)
  AND tag IN (SELECT value FROM json_each((SELECT tags FROM templates WHERE rowid = @rowid)))`;
const TEXT_COLUMNS = 'name, tags, description, scope, steps, examples';
const INDEX_TEXT = `INSERT INTO templates_fts (rowid, ${TEXT_COLUMNS})
  SELECT rowid, ${TEXT_COLUMNS} FROM templates_text WHERE rowid BETWEEN ? AND ?`;
const INDEX_HEAD_TEXT = `INSERT INTO templates_head_fts (rowid, name, tags)
  SELECT rowid, name, tags FROM templates_text WHERE rowid BETWEEN ? AND ?`;
// External content: FTS5 reads the row's current text to know which entries to remove.
const DELETE_FTS = 'DELETE FROM templates_fts WHERE rowid = ?';
const DELETE_HEAD_FTS = 'DELETE FROM templates_head_fts WHERE rowid = ?';

/** `INSERT OR IGNORE` of many tag rows in one statement (a tag listed twice is stored once). */
const insertTagsSql = (count: number) =>
  `INSERT OR IGNORE INTO template_tags (tag, pack_id, template_rowid) VALUES ${Array(count).fill('(?, ?, ?)').join(', ')}`;
/** Tag rows per INSERT statement (3 parameters each, far below SQLite's parameter limit). */
const TAG_ROWS_PER_STATEMENT = 256;

/** Rowids per (tag, pack), so only the distinct tags are sorted, not every tag row. */
interface TagGroup {
  tag: string;
  packId: string;
  rowids: number[];
}
const byTagKey = (a: TagGroup, b: TagGroup) =>
  a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : a.packId < b.packId ? -1 : a.packId > b.packId ? 1 : 0;

export class TemplateWriter {
  /** Rows written since the last finish(), whose text still has to be indexed. */
  private unindexed: number[] = [];
  /** Tag rows of those rows, written in key order by finish() (appends, not random inserts). */
  private pendingTags = new Map<string, TagGroup>();

  constructor(private readonly db: Database.Database) {}

  insert(packId: string, t: PackTemplateV1, row: EncodedTemplate, at: Placement): number {
    const { lastInsertRowid } = this.stmt(INSERT_TEMPLATE).run(
      packId, row.templateId, at.position, at.topicPos, row.chapter, row.section, row.name, row.type, row.tags,
      row.description, row.scope, row.steps, row.examples, row.license, row.attribution, row.contentHash,
    );
    const rowid = Number(lastInsertRowid);
    this.queueTags(rowid, packId, t);
    this.unindexed.push(rowid);
    return rowid;
  }

  update(rowid: number, packId: string, t: PackTemplateV1, row: EncodedTemplate, at: Placement): void {
    this.deleteText(rowid); // before the row changes: the index entries are found from its old text
    this.stmt(DELETE_TAGS).run({ rowid }); // likewise: the old tag rows are found from the old tags
    // pack_id and template_id stay: a template never moves between packs or ids.
    this.stmt(UPDATE_TEMPLATE).run(
      at.position, at.topicPos, row.chapter, row.section, row.name, row.type, row.tags, row.description,
      row.scope, row.steps, row.examples, row.license, row.attribution, row.contentHash, rowid,
    );
    this.queueTags(rowid, packId, t);
    this.unindexed.push(rowid);
  }

  /** The template's content is unchanged but the pack reordered it. */
  move(rowid: number, at: Placement): void {
    this.stmt(UPDATE_PLACEMENT).run(at.position, at.topicPos, rowid);
  }

  delete(rowid: number): void {
    this.deleteText(rowid);
    this.stmt(DELETE_TAGS).run({ rowid });
    this.stmt(DELETE_TEMPLATE).run(rowid);
  }

  /** Removes a whole pack: its full-text entries and tag rows first, then the rows. */
  deletePack(packId: string): number {
    this.stmt('DELETE FROM template_tags WHERE pack_id = ?').run(packId);
    this.stmt('DELETE FROM templates_fts WHERE rowid IN (SELECT rowid FROM templates WHERE pack_id = ?)').run(packId);
    this.stmt('DELETE FROM templates_head_fts WHERE rowid IN (SELECT rowid FROM templates WHERE pack_id = ?)').run(packId);
    const removed = this.stmt('DELETE FROM templates WHERE pack_id = ?').run(packId).changes;
    this.stmt('DELETE FROM packs WHERE id = ?').run(packId);
    return removed;
  }

  /** Index the text and write the tags of every row inserted or updated so far; call before the transaction ends. */
  finish(): void {
    this.flushTags();
    const rowids = this.unindexed.sort((a, b) => a - b);
    this.unindexed = [];
    // A fresh install writes consecutive rowids: one statement indexes the whole pack.
    for (let start = 0; start < rowids.length; ) {
      let end = start;
      while (end + 1 < rowids.length && rowids[end + 1] === rowids[end]! + 1) end++;
      this.stmt(INDEX_TEXT).run(rowids[start], rowids[end]);
      this.stmt(INDEX_HEAD_TEXT).run(rowids[start], rowids[end]);
      start = end + 1;
    }
  }

  private queueTags(rowid: number, packId: string, t: PackTemplateV1): void {
    for (const tag of t.tags) {
      const key = `${packId}\u0000${tag}`;
      let group = this.pendingTags.get(key);
      if (!group) this.pendingTags.set(key, (group = { tag, packId, rowids: [] }));
      group.rowids.push(rowid);
    }
  }

  private flushTags(): void {
    const groups = [...this.pendingTags.values()].sort(byTagKey);
    this.pendingTags.clear();
    const params: unknown[] = [];
    const write = () => {
      this.stmt(insertTagsSql(params.length / 3)).run(params);
      params.length = 0;
    };
    for (const { tag, packId, rowids } of groups) {
      // Inserted in rowid order already, except after updates.
      rowids.sort((a, b) => a - b);
      for (const rowid of rowids) {
        params.push(tag, packId, rowid);
        if (params.length === TAG_ROWS_PER_STATEMENT * 3) write();
      }
    }
    if (params.length > 0) write();
  }

  private deleteText(rowid: number): void {
    this.stmt(DELETE_FTS).run(rowid);
    this.stmt(DELETE_HEAD_FTS).run(rowid);
  }

  private stmt(sql: string): Database.Statement {
    return cachedStatement(this.db, sql);
  }
}
