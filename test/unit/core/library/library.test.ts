import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { Library } from '../../../../electron/core/library/library.js';
import { applyPack } from '../../../../electron/core/packs/pack-store.js';
import { failureOf } from '../helpers/failure-of.js';
import { makePack, makeTemplate } from '../helpers/make-pack.js';
import { libraryFile, makeTempDir, removeTempDir } from '../helpers/temp-db.js';

let dir: string;
let db: Database.Database;
let library: Library;

// Topics deliberately not in alphabetical order, and templates not in topic order.
const topics = [
  { chapter: 'Number theory', sections: ['Primes', 'Divisibility'] },
  { chapter: 'Algebra', sections: ['Quadratics', 'Empty section'] },
];

beforeAll(() => {
  dir = makeTempDir('rf-library-');
  db = openDatabase(libraryFile(dir));
  library = new Library(db);
  const pack = makePack({ id: 'zeta-pack', name: 'Zeta pack', version: '2.1.0', topics }, 0);
  pack.templates = [
    makeTemplate(0, { id: 'quad-a', chapter: 'Algebra', section: 'Quadratics', tags: ['algebra', 'roots'] }),
    makeTemplate(1, { id: 'div-a', chapter: 'Number theory', section: 'Divisibility', tags: ['gcd'] }),
    makeTemplate(2, { id: 'prime-a', chapter: 'Number theory', section: 'Primes', tags: ['primes', 'roots'] }),
    makeTemplate(3, { id: 'quad-b', chapter: 'Algebra', section: 'Quadratics', tags: ['algebra'], license: 'CC0-1.0' }),
    makeTemplate(4, { id: 'prime-b', chapter: 'Number theory', section: 'Primes', tags: ['primes'] }),
  ];
  applyPack(db, pack, { sourceFormat: 'native' });
  applyPack(db, makePack({ id: 'alpha-pack', name: 'Alpha pack' }, 2), { sourceFormat: 'buffer-of-thoughts', builtIn: true });
});
afterAll(() => {
  db.close();
  removeTempDir(dir);
});

describe('Library', () => {
  it('lists installed packs by name with counts and provenance', () => {
    const packs = library.listPacks();
    expect(packs.map((p) => [p.id, p.templateCount, p.sourceFormat, p.builtIn])).toEqual([
      ['alpha-pack', 2, 'buffer-of-thoughts', true],
      ['zeta-pack', 5, 'native', false],
    ]);
    expect(packs[1]).toMatchObject({ version: '2.1.0', language: 'en', authors: ['Test Author'], license: 'CC-BY-4.0' });
    expect(Number.isNaN(Date.parse(packs[1]!.importedAt))).toBe(false);
  });

  it('builds the topic tree in the pack’s own topics order, with counts and empty sections', () => {
    expect(library.topicTree('zeta-pack')).toEqual({
      packId: 'zeta-pack',
      chapters: [
        { title: 'Number theory', sections: [{ title: 'Primes', templateCount: 2 }, { title: 'Divisibility', templateCount: 1 }] },
        { title: 'Algebra', sections: [{ title: 'Quadratics', templateCount: 2 }, { title: 'Empty section', templateCount: 0 }] },
      ],
    });
    expect(failureOf(() => library.topicTree('missing')).error.code).toBe('not_found');
  });

  it('places templates filed under topics the pack did not list at the end of the tree, counted by title', () => {
    // The parser refuses such packs; the store still copes (applyPack takes a PackV1 as is).
    const strayDb = openDatabase(':memory:');
    try {
      const pack = makePack({ id: 'stray-pack', topics }, 0);
      pack.templates = [
        makeTemplate(0, { id: 'a', chapter: 'Algebra', section: 'Quadratics' }),
        makeTemplate(1, { id: 'b', chapter: 'Algebra', section: 'Unlisted B' }),
        makeTemplate(2, { id: 'c', chapter: 'Algebra', section: 'Unlisted A' }),
        makeTemplate(3, { id: 'd', chapter: 'Zoo chapter', section: 'Z' }),
        makeTemplate(4, { id: 'e', chapter: 'Extra chapter', section: 'E' }),
        makeTemplate(5, { id: 'f', chapter: 'Extra chapter', section: 'E' }),
      ];
      applyPack(strayDb, pack, { sourceFormat: 'native' });
      expect(new Library(strayDb).topicTree('stray-pack').chapters).toEqual([
        { title: 'Number theory', sections: [{ title: 'Primes', templateCount: 0 }, { title: 'Divisibility', templateCount: 0 }] },
        {
          title: 'Algebra',
          sections: [
            { title: 'Quadratics', templateCount: 1 },
            { title: 'Empty section', templateCount: 0 },
            { title: 'Unlisted A', templateCount: 1 },
            { title: 'Unlisted B', templateCount: 1 },
          ],
        },
        { title: 'Extra chapter', sections: [{ title: 'E', templateCount: 2 }] },
        { title: 'Zoo chapter', sections: [{ title: 'Z', templateCount: 1 }] },
      ]);
    } finally {
      strayDb.close();
    }
  });

  it('lists templates in topics order, then pack position, with paging and a total', () => {
    const all = library.listTemplates({ packId: 'zeta-pack', offset: 0, limit: 200 });
    expect(all.total).toBe(5);
    expect(all.items.map((t) => t.templateId)).toEqual(['prime-a', 'prime-b', 'div-a', 'quad-a', 'quad-b']);
    const page = library.listTemplates({ packId: 'zeta-pack', offset: 1, limit: 2 });
    expect(page).toMatchObject({ total: 5 });
    expect(page.items.map((t) => t.templateId)).toEqual(['prime-b', 'div-a']);
  });

  it('filters templates by chapter, section and tag', () => {
    const list = (input: Partial<Parameters<Library['listTemplates']>[0]>) =>
      library.listTemplates({ offset: 0, limit: 200, ...input }).items.map((t) => t.id);
    expect(list({ packId: 'zeta-pack', chapter: 'Number theory' })).toEqual(['zeta-pack/prime-a', 'zeta-pack/prime-b', 'zeta-pack/div-a']);
    expect(list({ packId: 'zeta-pack', chapter: 'Number theory', section: 'Divisibility' })).toEqual(['zeta-pack/div-a']);
    expect(list({ tag: 'roots' })).toEqual(['zeta-pack/prime-a', 'zeta-pack/quad-a']);
    expect(list({ packId: 'alpha-pack', tag: 'roots' })).toEqual([]);
    expect(library.listTemplates({ offset: 0, limit: 3 }).total).toBe(7);
    expect(list({}).slice(0, 2)).toEqual(['alpha-pack/t-0', 'alpha-pack/t-1']);
  });

  it('uses the indexes for browsing (no full scan, no sort step)', () => {
    const plan = (sql: string, ...args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const browse = plan('SELECT * FROM templates t WHERE t.pack_id = ? ORDER BY t.pack_id, t.topic_pos, t.position LIMIT 50', 'x');
    expect(browse).toMatch(/USING INDEX templates_browse/);
    expect(browse).not.toMatch(/TEMP B-TREE/);
    const chapter = plan('SELECT * FROM templates t WHERE t.pack_id = ? AND t.chapter = ? ORDER BY t.pack_id, t.topic_pos, t.position LIMIT 50', 'x', 'y');
    expect(chapter).toMatch(/USING INDEX templates_chapter/);
    expect(chapter).not.toMatch(/TEMP B-TREE/);
  });

  it('returns one template in full by its global id', () => {
    const t = library.getTemplate('zeta-pack/quad-b');
    expect(t).toEqual({
      id: 'zeta-pack/quad-b',
      packId: 'zeta-pack',
      templateId: 'quad-b',
      name: 'Template number 3',
      type: 'method',
      chapter: 'Algebra',
      section: 'Quadratics',
      tags: ['algebra'],
      description: 'Plain description of template 3.',
      scope: ['Use when problem 3 appears.'],
      steps: ['First step for 3.', 'Second step for 3.'],
      examples: [{ problem: 'Problem for 3', solution: ['Work 3'], answer: '3' }],
      license: 'CC0-1.0',
    });
    for (const missing of ['zeta-pack/nope', 'nope/quad-b', 'no-slash', '/quad-b']) {
      const err = failureOf(() => library.getTemplate(missing));
      expect(err.error.code).toBe('not_found');
      expect(err.error.message).toMatch(/^No template/);
      expect(err.error.action).toBeTruthy();
    }
  });

  it('finds a template by id or returns null, without throwing, for existence checks', () => {
    expect(library.findTemplate('zeta-pack/quad-b')).toEqual(library.getTemplate('zeta-pack/quad-b'));
    for (const missing of ['zeta-pack/nope', 'nope/quad-b', 'no-slash', '/quad-b', '', 'zeta-pack/']) {
      expect(library.findTemplate(missing)).toBeNull();
    }
  });

  it('counts tags overall and per pack, most used first', () => {
    expect(library.tags('zeta-pack')).toEqual([
      { tag: 'algebra', count: 2 },
      { tag: 'primes', count: 2 },
      { tag: 'roots', count: 2 },
      { tag: 'gcd', count: 1 },
    ]);
    const overall = library.tags();
    expect(overall.map((t) => t.tag).slice(0, 5)).toEqual(['algebra', 'common', 'primes', 'roots', 'gcd']);
    expect(overall.find((t) => t.tag === 'common')).toEqual({ tag: 'common', count: 2 }); // from alpha-pack
    expect(overall.reduce((n, t) => n + t.count, 0)).toBe(7 + 4); // zeta tags + alpha's two per template
  });

  it('searches through the same ranked search', () => {
    expect(library.search({ query: 'template number', packId: 'alpha-pack', limit: 10 }).map((h) => h.template.id)).toEqual([
      'alpha-pack/t-0',
      'alpha-pack/t-1',
    ]);
  });
});
