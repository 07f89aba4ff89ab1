import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { Library } from '../../../../electron/core/library/library.js';
import { applyPack } from '../../../../electron/core/packs/pack-store.js';
import { parsePackFile } from '../../../../electron/core/packs/parse.js';
import { storeTemplateVectors, templatesNeedingVectors, vectorTopK } from '../../../../electron/core/retrieval/embeddings.js';
import { fuseRankings } from '../../../../electron/core/retrieval/fuse.js';
import { retrieveForProblem } from '../../../../electron/core/retrieval/retrieve.js';
import { inferMode } from '../../../../electron/core/retrieval/search.js';
import { matchTopics, topicTemplates } from '../../../../electron/core/retrieval/topics.js';

const PACKS = path.resolve(import.meta.dirname, '../../../../resources/packs');
let dir: string;
let db: Database.Database;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-retrieve-'));
  db = openDatabase(path.join(dir, 'library.sqlite'));
  for (const file of ['core.json', 'starter.json']) {
    const { pack } = parsePackFile(file, fs.readFileSync(path.join(PACKS, file), 'utf8'));
    applyPack(db, pack, { sourceFormat: 'native', builtIn: true });
  }
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ids = (problem: string, extra: Partial<Parameters<typeof retrieveForProblem>[1]> = {}) =>
  retrieveForProblem(db, { problem, ...extra }).map((c) => c.template.id);

describe('fuseRankings', () => {
  it('sums weight / (60 + rank) over the lists, ties in first-seen order', () => {
    const fused = fuseRankings([
      { ids: ['a', 'b', 'c'], source: 'text' },
      { ids: ['c', 'b', 'b'], source: 'topic' },
    ]);
    // c: 1/63 + 1/61 beats b: 1/62 + 1/62 (b's repeat in the second list counts once).
    expect(fused.map((f) => f.id)).toEqual(['c', 'b', 'a']);
    expect(fused[1]!.score).toBeCloseTo(1 / 62 + 1 / 62, 10);
    expect(fused[1]!.ranks).toEqual({ text: 2, topic: 2 });
    expect(fused[0]!.ranks).toEqual({ text: 3, topic: 1 });
    expect(fuseRankings([{ ids: ['x', 'y'] }, { ids: ['y', 'x'] }]).map((f) => f.id)).toEqual(['x', 'y']);
    expect(fuseRankings([{ ids: ['a'], weight: 0.5 }, { ids: ['b'] }]).map((f) => f.id)).toEqual(['b', 'a']);
    expect(fuseRankings([{ ids: ['a', 'b', 'c'] }], { limit: 2 })).toHaveLength(2);
    expect(fuseRankings([])).toEqual([]);
  });
});

describe('retrieveForProblem (offline suggestions and the navigator\'s candidates)', () => {
  it('suggests factoring or the quadratic formula first for a quadratic equation', () => {
    const [first] = ids('Solve $x^2+5x+6=0$');
    expect(['starter/quadratic-formula-discriminant', 'core/sum-product-factoring', 'core/factoring-by-grouping']).toContain(first);
    const viaLibrary = new Library(db).search({ query: 'Solve $x^2+5x+6=0$', limit: 3 }).map((h) => h.template.id);
    expect(viaLibrary[0]).toBe(first);
  });

  it('finds the first-order recurrence template for the ReasonFlux demo problem', () => {
    expect(ids('Given $a_1=3$ and $a_{n+1}=2a_n+5$, find $a_n$.').slice(0, 5)).toContain('core/first-order-recurrence-fixed-point');
  });

  it('returns 12 candidates by default, with the retrievers that found each', () => {
    const got = retrieveForProblem(db, { problem: 'How many positive divisors does 720 have?' });
    expect(got).toHaveLength(12);
    expect(got[0]!.ranks.text).toBe(1);
    expect(new Set(got.map((c) => c.template.id)).size).toBe(12);
  });

  it("fuses the navigator's words and the topic tree with the problem's text", () => {
    const problem = 'Find all $x$ with $x^4 - 5x^2 + 4 = 0$.';
    const hints = ['Intermediate Algebra', 'Substitution and symmetry', 'substitution to reduce the degree'];
    const got = retrieveForProblem(db, { problem, hints });
    const at = (list: { template: { id: string } }[]) => list.findIndex((c) => c.template.id === 'core/substitution-reduce-degree');
    expect(at(got)).toBeGreaterThanOrEqual(0);
    expect(at(got)).toBeLessThan(3);
    expect(at(got)).toBeLessThanOrEqual(Math.max(0, at(retrieveForProblem(db, { problem }))));
    expect(got[at(got)]!.ranks.hints).toBeDefined();
    expect(got[at(got)]!.ranks.topic).toBeDefined();
  });

  it('restricts to one pack', () => {
    expect(ids('Solve $x^2+5x+6=0$', { packId: 'core' }).every((id) => id.startsWith('core/'))).toBe(true);
  });

  it('returns nothing for an empty problem and never throws on hostile text', () => {
    expect(ids('')).toEqual([]);
    for (const p of ['"'.repeat(5000), '$'.repeat(9000), 'AND OR NOT NEAR(', '\u0000\ud800', 'x^'.repeat(5000)]) expect(() => ids(p, { hints: [p] })).not.toThrow();
  });
});

describe('inferMode', () => {
  it('reads math or a long text as a problem, a few words as typed', () => {
    expect(inferMode('quadratic form')).toBe('box');
    expect(inferMode('Solve $x^2=4$')).toBe('problem');
    expect(inferMode('one two three four five six seven eight nine')).toBe('problem');
  });
});

describe('topic tree', () => {
  it('matches section and chapter titles by stem and gives their templates', () => {
    const [best] = matchTopics(db, 'conic sections: ellipse');
    expect(best).toMatchObject({ packId: 'core', chapter: 'Intermediate Algebra', section: 'Conic sections' });
    const templates = topicTemplates(db, 'conic sections', { preferred: ['core/parabola-focus-directrix'] });
    expect(templates[0]).toBe('core/parabola-focus-directrix');
    expect(templates).toEqual(expect.arrayContaining(['core/ellipse-standard-form', 'core/hyperbola-standard-form']));
    expect(matchTopics(db, 'the of and')).toEqual([]);
  });
});

describe('template vectors', () => {
  it('stores vectors per model, ranks by cosine, ignores stale ones and fuses into retrieval', () => {
    const need = templatesNeedingVectors(db, 'test-model', 1_000);
    expect(need.length).toBe(203);
    expect(need[0]!.text.length).toBeGreaterThan(10);
    // A toy embedding: one axis per template, so the query picks exactly one.
    const axis = (i: number) => Array.from({ length: 8 }, (_, j) => (j === i % 8 ? 1 : 0.01 * ((i * 7 + j) % 5)));
    const entries = need.map((t, i) => ({ id: t.id, vector: axis(i) }));
    expect(storeTemplateVectors(db, 'test-model', [...entries, { id: 'nope/missing', vector: axis(0) }])).toEqual({ stored: 203, unknown: 1 });
    expect(templatesNeedingVectors(db, 'test-model')).toEqual([]);
    expect(templatesNeedingVectors(db, 'other-model', 5)).toHaveLength(5);

    const { hits, complete } = vectorTopK(db, 'test-model', axis(3), 5);
    expect(complete).toBe(true);
    expect(hits).toHaveLength(5);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(hits.slice(0, 5).map((h) => h.id)).toContain(need[3]!.id);
    expect(vectorTopK(db, 'test-model', [1, 2], 5).hits).toEqual([]); // other dimension
    expect(vectorTopK(db, 'unknown', axis(1), 5).hits).toEqual([]);

    // Bounded: a clock that has run out stops the scan with what it has.
    let t = 0;
    const cut = vectorTopK(db, 'test-model', axis(3), 5, { budgetMs: 1, now: () => (t += 10) });
    expect(cut.complete).toBe(false);

    const fused = retrieveForProblem(db, { problem: 'zzzz qqqq', vector: { model: 'test-model', query: axis(3) } });
    expect(fused.length).toBeGreaterThan(0);
    expect(fused.every((c) => c.ranks.vector !== undefined)).toBe(true);

    expect(() => storeTemplateVectors(db, 'test-model', [{ id: need[0]!.id, vector: [1, Number.NaN] }])).toThrow(/non-finite/);
    expect(() => storeTemplateVectors(db, 'test-model', [{ id: need[0]!.id, vector: [1] }, { id: need[1]!.id, vector: [1, 2] }])).toThrow(/expected 1/);
  });
});
