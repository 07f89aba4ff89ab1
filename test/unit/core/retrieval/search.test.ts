import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { applyPack } from '../../../../electron/core/packs/pack-store.js';
import { searchTemplates, type SearchInput } from '../../../../electron/core/retrieval/search.js';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../../shared/domain.js';
import { makePack, makeTemplate } from '../helpers/make-pack.js';

let dir: string;
let db: Database.Database;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-search-'));
  db = openDatabase(path.join(dir, 'library.sqlite'));
  const algebra = makePack({ id: 'algebra-pack', name: 'Algebra' }, 0);
  algebra.templates = [
    makeTemplate(0, { id: 'steps-only', name: 'Completing the square', steps: ['Rewrite so the discriminant test applies.', 'Solve.'] }),
    makeTemplate(1, { id: 'named', name: 'Discriminant test for real roots', chapter: 'Algebra', section: 'Equations' }),
    makeTemplate(2, { id: 'tagged', name: 'Sign of a quadratic', tags: ['discriminant', 'sign'], chapter: 'Algebra', section: 'Inequalities' }),
    makeTemplate(3, {
      id: 'vieta',
      name: "Vieta's formulas",
      description: 'Relate the sum of roots and the product of roots to the coefficients.',
      chapter: 'Geometry',
      section: 'Circles',
    }),
    makeTemplate(4, {
      id: 'long-text',
      name: 'Telescoping sums',
      description: `${'Cancel matching terms in consecutive pairs. '.repeat(30)}Then the telescoping remainder is all that is left.`,
    }),
    makeTemplate(5, { id: 'accents', name: 'Théorème de Pythagore', tags: ['géométrie'] }),
  ];
  applyPack(db, algebra, { sourceFormat: 'native' });
  applyPack(db, makePack({ id: 'other-pack', name: 'Other' }, 3), { sourceFormat: 'native' });
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const search = (query: string, extra: Partial<SearchInput> = {}) => searchTemplates(db, { query, limit: 50, ...extra });
const ids = (query: string, extra: Partial<SearchInput> = {}) => search(query, extra).map((h) => h.template.id);

describe('searchTemplates', () => {
  it('ranks a name match above a tag match above a steps-only match', () => {
    expect(ids('discriminant')).toEqual(['algebra-pack/named', 'algebra-pack/tagged', 'algebra-pack/steps-only']);
    const [first, second] = search('discriminant');
    expect(first!.score).toBeGreaterThan(0);
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('matches the last word as a prefix while it is being typed', () => {
    expect(ids('vie')).toEqual(['algebra-pack/vieta']);
    expect(ids('telesc')).toEqual(['algebra-pack/long-text']);
    expect(ids('vieta formu')).toEqual(['algebra-pack/vieta']);
  });

  it('folds case and accents', () => {
    expect(ids('THEOREME pythagore')).toEqual(['algebra-pack/accents']);
    // The tag "géométrie" first; the templates filed under the chapter "Geometry" follow (the
    // chapter and section are searchable now, and "geometrie" and "geometry" share a stem).
    expect(ids('geometrie')[0]).toBe('algebra-pack/accents');
  });

  it('returns a snippet with highlight markers from the best field', () => {
    const [named] = search('discriminant');
    expect(named!.snippetField).toBe('name');
    expect(named!.snippet).toBe(`${HIGHLIGHT_START}Discriminant${HIGHLIGHT_END} test for real roots`);

    const [tagged] = search('sign', { tag: 'discriminant' });
    expect(tagged!.snippetField).toBe('name');

    const [stepsOnly] = search('rewrite');
    expect(stepsOnly!.snippetField).toBe('steps');
    expect(stepsOnly!.snippet).toContain(`${HIGHLIGHT_START}Rewrite${HIGHLIGHT_END}`);

    const [vieta] = search('product coefficients');
    expect(vieta!.snippetField).toBe('description');
    expect(vieta!.snippet).toContain(`${HIGHLIGHT_START}product${HIGHLIGHT_END}`);
  });

  it('keeps snippets of long fields short and centred on the match', () => {
    const [hit] = search('remainder');
    expect(hit!.snippetField).toBe('description');
    expect(hit!.snippet).toContain(`${HIGHLIGHT_START}remainder${HIGHLIGHT_END}`);
    expect(hit!.snippet.startsWith('…')).toBe(true);
    expect(hit!.snippet.length).toBeLessThan(200);
  });

  it('puts templates matching every word first, then fills with templates matching any word', () => {
    const hits = ids('sum roots square');
    expect(hits.length).toBeGreaterThanOrEqual(2);
    // "Completing the square" (square) and Vieta (sum, roots) each hold only some of the words.
    expect(hits).toEqual(expect.arrayContaining(['algebra-pack/steps-only', 'algebra-pack/vieta']));
    const all = ids('sum of roots product');
    expect(all[0]).toBe('algebra-pack/vieta');
  });

  it('never repeats a template and respects the limit', () => {
    const hits = ids('template number plain description', { limit: 4 });
    expect(hits).toHaveLength(4);
    expect(new Set(ids('template number plain description')).size).toBe(ids('template number plain description').length);
  });

  it('matches quoted phrases as phrases', () => {
    expect(ids('"sum of roots"')).toEqual(['algebra-pack/vieta']);
    expect(ids('"roots of sum"')).toEqual([]);
  });

  it('filters by pack, chapter, section and tag', () => {
    expect(ids('template number', { packId: 'other-pack' }).every((id) => id.startsWith('other-pack/'))).toBe(true);
    expect(ids('template number', { packId: 'other-pack' })).toHaveLength(3);
    expect(ids('discriminant', { chapter: 'Algebra' })).toEqual(['algebra-pack/named', 'algebra-pack/tagged', 'algebra-pack/steps-only']);
    expect(ids('discriminant', { chapter: 'Algebra', section: 'Inequalities' })).toEqual(['algebra-pack/tagged']);
    expect(ids('discriminant', { tag: 'sign' })).toEqual(['algebra-pack/tagged']);
    expect(ids('discriminant', { packId: 'other-pack' })).toEqual([]);
  });

  it('returns TemplateSummary objects only', () => {
    const [hit] = search('vieta');
    expect(hit!.template).toEqual({
      id: 'algebra-pack/vieta',
      packId: 'algebra-pack',
      templateId: 'vieta',
      name: "Vieta's formulas",
      type: 'method',
      chapter: 'Geometry',
      section: 'Circles',
      tags: ['tag-3', 'common'],
    });
  });

  it('returns [] for an empty or unsearchable query, and never throws on operator soup', () => {
    expect(search('')).toEqual([]);
    expect(search('   ')).toEqual([]);
    expect(search('*** ^^^ :::')).toEqual([]);
    for (const q of ['AND', 'OR NOT', 'NEAR(discriminant', '"unbalanced', '-discriminant', 'name:vieta', 'x^2 + 1', '😀', '三角形']) {
      expect(() => search(q)).not.toThrow();
    }
    expect(ids('NEAR(discriminant')).toContain('algebra-pack/named');
  });
});
