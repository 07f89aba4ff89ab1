/**
 * Read side of the template library: installed packs, a pack's topic tree, browsing by
 * topic or tag, one template in full, tag counts, and ranked search.
 */
import type Database from 'better-sqlite3';
import type { MethodParsedInput } from '../../../shared/contract.js';
import type { PackSummary, SearchHit, Template, TemplateSummary, TopicTree } from '../../../shared/domain.js';
import type { PackV1 } from '../../../shared/packs/schema.js';
import { failure } from '../../../shared/result.js';
import { msg } from '../../../shared/messages.js';
import { cachedStatement } from '../db/statement-cache.js';
import { retrieveForProblem, type RetrieveInput, type RetrievedCandidate } from '../retrieval/retrieve.js';
import { inferMode, searchTemplates, type SearchInput } from '../retrieval/search.js';
import { topicAtSlot } from './topic-slots.js';
import { SUMMARY_COLUMNS, toSummary, toTemplate, type FullRow, type PackRow, type SummaryRow } from './template-rows.js';

export type ListTemplatesInput = MethodParsedInput<'library.listTemplates'>;

interface PackListRow extends PackRow {
  template_count: number;
  problem_count: number;
}

export class Library {
  constructor(private readonly db: Database.Database) {}

  listPacks(): PackSummary[] {
    const rows = this.stmt(
      `SELECT p.*, (SELECT count(*) FROM templates t WHERE t.pack_id = p.id) AS template_count,
              (SELECT count(*) FROM practice_problems q WHERE q.pack_id = p.id) AS problem_count
       FROM packs p ORDER BY p.name COLLATE NOCASE, p.id`,
    ).all() as PackListRow[];
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      name: r.name,
      language: r.language,
      authors: JSON.parse(r.authors) as string[],
      license: r.license,
      ...(r.attribution !== null ? { attribution: r.attribution } : {}),
      description: r.description,
      templateCount: r.template_count,
      problemCount: r.problem_count,
      sourceFormat: r.source_format,
      importedAt: r.imported_at,
      builtIn: r.built_in === 1,
    }));
  }

  /** Chapters and sections in the pack's own topics order, with template counts. */
  topicTree(packId: string): TopicTree {
    const pack = this.stmt('SELECT topics FROM packs WHERE id = ?').get(packId) as { topics: string } | undefined;
    if (!pack) throw packNotFound(packId);
    const topics = JSON.parse(pack.topics) as PackV1['topics'];
    const counts = this.topicCounts(packId, topics);
    const countOf = new Map<string, number>();
    for (const c of counts) {
      const key = `${c.chapter}\u0000${c.section}`;
      countOf.set(key, (countOf.get(key) ?? 0) + c.n);
    }

    const chapters: TopicTree['chapters'] = [];
    const byTitle = new Map<string, TopicTree['chapters'][number]>();
    const addSection = (chapterTitle: string, sectionTitle: string) => {
      let chapter = byTitle.get(chapterTitle);
      if (!chapter) {
        chapter = { title: chapterTitle, sections: [] };
        byTitle.set(chapterTitle, chapter);
        chapters.push(chapter);
      }
      if (chapter.sections.some((s) => s.title === sectionTitle)) return;
      const key = `${chapterTitle}\u0000${sectionTitle}`;
      chapter.sections.push({ title: sectionTitle, templateCount: countOf.get(key) ?? 0 });
      countOf.delete(key);
    };
    for (const topic of topics) {
      if (topic.sections.length === 0 && !byTitle.has(topic.chapter)) {
        byTitle.set(topic.chapter, { title: topic.chapter, sections: [] });
        chapters.push(byTitle.get(topic.chapter)!);
      }
      for (const section of topic.sections) addSection(topic.chapter, section);
    }
    // Templates filed under a topic the pack forgot to list still get a place, at the end.
    for (const c of counts) if (countOf.has(`${c.chapter}\u0000${c.section}`)) addSection(c.chapter, c.section);
    return { packId, chapters };
  }

  /**
   * Template count per (chapter, section). Counted per topic_pos from the browse index (no
   * table rows read: grouping by the titles read all of them, ~400 ms over 100,000 templates)
   * and mapped back to titles through the pack's topics; only templates filed under a topic
   * the pack did not list share a slot and are grouped by their titles.
   */
  private topicCounts(packId: string, topics: PackV1['topics']): { chapter: string; section: string; n: number }[] {
    const perSlot = this.stmt(
      'SELECT topic_pos, count(*) AS n FROM templates WHERE pack_id = ? GROUP BY topic_pos',
    ).all(packId) as { topic_pos: number; n: number }[];
    const titleAt = topicAtSlot(topics);
    const counts: { chapter: string; section: string; n: number }[] = [];
    const unlisted: number[] = [];
    for (const { topic_pos, n } of perSlot) {
      const title = titleAt(topic_pos);
      if (title) counts.push({ ...title, n });
      else unlisted.push(topic_pos);
    }
    if (unlisted.length > 0) {
      counts.push(
        ...(this.stmt(
          `SELECT chapter, section, count(*) AS n FROM templates
           WHERE pack_id = ? AND topic_pos IN (SELECT value FROM json_each(?)) GROUP BY chapter, section`,
        ).all(packId, JSON.stringify(unlisted)) as { chapter: string; section: string; n: number }[]),
      );
    }
    return counts;
  }

  /** Templates in browse order: pack, then the pack's topics order, then position in the pack. */
  listTemplates(input: ListTemplatesInput): { total: number; items: TemplateSummary[] } {
    const where = [
      input.packId !== undefined ? 't.pack_id = @packId' : '',
      input.chapter !== undefined ? 't.chapter = @chapter' : '',
      input.section !== undefined ? 't.section = @section' : '',
      input.tag !== undefined
        ? `t.rowid IN (SELECT g.template_rowid FROM template_tags g WHERE g.tag = @tag${input.packId !== undefined ? ' AND g.pack_id = @packId' : ''})`
        : '',
    ].filter(Boolean);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const params = {
      ...(input.packId !== undefined ? { packId: input.packId } : {}),
      ...(input.chapter !== undefined ? { chapter: input.chapter } : {}),
      ...(input.section !== undefined ? { section: input.section } : {}),
      ...(input.tag !== undefined ? { tag: input.tag } : {}),
    };
    const { total } = this.stmt(`SELECT count(*) AS total FROM templates t ${whereSql}`).get(params) as { total: number };
    const rows = this.stmt(
      `SELECT ${SUMMARY_COLUMNS} FROM templates t ${whereSql}
       ORDER BY t.pack_id, t.topic_pos, t.position LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: input.limit, offset: input.offset }) as SummaryRow[];
    return { total, items: rows.map(toSummary) };
  }

  /** One template in full, by its global id `${packId}/${templateId}`. */
  /** The installed template with this global id (`pack/template`), or null when there is none. */
  findTemplate(globalId: string): Template | null {
    const slash = globalId.indexOf('/');
    if (slash <= 0) return null;
    const row = this.stmt('SELECT * FROM templates t WHERE t.pack_id = ? AND t.template_id = ?').get(
      globalId.slice(0, slash),
      globalId.slice(slash + 1),
    ) as FullRow | undefined;
    return row ? toTemplate(row) : null;
  }

  /** Like findTemplate, for callers that need it: a missing template is a `not_found` failure. */
  getTemplate(globalId: string): Template {
    const template = this.findTemplate(globalId);
    if (!template) {
      throw failure('not_found', msg('core.noTemplate', { id: globalId }), { action: msg('core.noTemplate.action') });
    }
    return template;
  }

  /** Tags with the number of templates carrying each, most used first. */
  tags(packId?: string): { tag: string; count: number }[] {
    return packId === undefined
      ? (this.stmt('SELECT tag, count(*) AS count FROM template_tags GROUP BY tag ORDER BY count DESC, tag').all() as {
          tag: string;
          count: number;
        }[])
      : (this.stmt(
          'SELECT tag, count(*) AS count FROM template_tags WHERE pack_id = ? GROUP BY tag ORDER BY count DESC, tag',
        ).all(packId) as { tag: string; count: number }[]);
  }

  /** Ranked search; a problem statement (math, or a long text) is read as one, a few words as typed words. */
  search(input: SearchInput): SearchHit[] {
    return searchTemplates(this.db, input, inferMode(input.query));
  }

  /** Candidates for a problem: text, navigator words, topic tree and optional vectors, fused (retrieval/retrieve.ts). */
  retrieve(input: RetrieveInput): RetrievedCandidate[] {
    return retrieveForProblem(this.db, input);
  }

  private stmt(sql: string): Database.Statement {
    return cachedStatement(this.db, sql);
  }
}

const packNotFound = (packId: string) =>
  failure('not_found', msg('core.noPack', { id: packId }), { action: msg('core.noPack.action') });
