import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { applyPack } from '../../../../electron/core/packs/pack-store.js';
import { analyzeQuery } from '../../../../electron/core/retrieval/analyze.js';
import { formulaFeatures } from '../../../../electron/core/retrieval/formula-features.js';
import { MAX_WORDS, buildRankedQuery } from '../../../../electron/core/retrieval/ranked-query.js';
import { boundedEditDistance, correctWord } from '../../../../electron/core/retrieval/typo.js';
import { mulberry32 } from '../../../../electron/core/util/prng.js';
import { makePack, makeTemplate } from '../helpers/make-pack.js';

let dir: string;
let db: Database.Database;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-ranked-'));
  db = openDatabase(path.join(dir, 'library.sqlite'));
  const pack = makePack({ id: 'p', name: 'P' }, 0);
  pack.templates = [
    makeTemplate(0, { id: 'quadratic', name: 'Quadratic formula and the discriminant', tags: ['quadratic', 'roots'] }),
    makeTemplate(1, { id: 'pythagorean', name: 'Pythagorean theorem', tags: ['right triangle'] }),
    makeTemplate(2, { id: 'bases', name: 'Changing the base of a logarithm', tags: ['logarithm'] }),
  ];
  applyPack(db, pack, { sourceFormat: 'native' });
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('analyzeQuery', () => {
  it('drops stop words, keeps one word per stem, pairs adjacent words', () => {
    const q = analyzeQuery('the roots and the root of the quadratic equation', 'problem');
    expect(q.words).toEqual(['roots', 'quadratic', 'equation']);
    expect(q.bigrams).toEqual([['quadratic', 'equation']]);
  });

  it('adds alias phrases, matched after stemming', () => {
    expect(analyzeQuery('pythagoras', 'box').expansions).toContainEqual(['pythagorean', 'theorem']);
    expect(analyzeQuery('How many handshakes happen?', 'problem').expansions).toContainEqual(['pairs']);
    expect(analyzeQuery('one handshake', 'problem').expansions).toContainEqual(['pairs']);
  });

  it('reads features from formulas, delimited or plain text', () => {
    expect(analyzeQuery('Solve $x^2+5x+6=0$', 'problem').expansions).toEqual(
      expect.arrayContaining([['quadratic'], ['factoring'], ['quadratic', 'formula']]),
    );
    expect(analyzeQuery('Solve the inequality 2x² - 3x - 2 > 0', 'problem').expansions).toContainEqual(['quadratic']);
  });

  it('in box mode keeps the last word for prefix matching and quoted phrases apart', () => {
    const q = analyzeQuery('vieta "sum of roots" formu', 'box');
    expect(q.last).toBe('formu');
    expect(q.quoted).toEqual([['sum', 'of', 'roots']]);
    expect(analyzeQuery('vieta ', 'box').last).toBeNull();
  });
});

describe('formulaFeatures', () => {
  const f = (text: string) => formulaFeatures(text).join(', ');
  it('names the method a formula points to', () => {
    expect(f('Compute $\\binom{8}{3}$.')).toContain('combinations');
    expect(f('Find $x$ with $3x \\equiv 4 \\pmod{7}$.')).toContain('modular arithmetic');
    expect(f('Given $a_1=3$ and $a_{n+1}=2a_n+5$, find $a_n$.')).toContain('recurrence');
    expect(f('$\\log_2 8 + \\ln e$')).toContain('logarithm');
    expect(f('$\\frac{x^2}{9}+\\frac{y^2}{4}=1$')).toContain('ellipse');
    expect(f('$x^3 - 2x + 1 = 0$')).toContain('cubic');
    expect(f('y=sin(2x+π/3)')).toContain('trigonometric');
    expect(f('$\\lfloor x \\rfloor = 3$')).toContain('floor');
  });

  it('says nothing about prose without math', () => {
    expect(formulaFeatures('A farmer has some cows and some chickens.')).toEqual([]);
  });

  it('is linear on long and hostile input', () => {
    const hostile = ['$'.repeat(50_000), '\\binom{'.repeat(10_000), 'x^'.repeat(40_000), '|'.repeat(50_000), 'f(f('.repeat(20_000)];
    const t0 = performance.now();
    for (const h of hostile) formulaFeatures(h);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});

describe('typo tolerance', () => {
  it('bounds the edit distance', () => {
    expect(boundedEditDistance('quadratc', 'quadratic', 2)).toBe(1);
    expect(boundedEditDistance('pythagoras', 'pythagorean', 2)).toBe(2);
    expect(boundedEditDistance('teh', 'the', 1)).toBe(1); // a swap counts once
    expect(boundedEditDistance('abcdef', 'uvwxyz', 2)).toBe(3); // stopped early: max + 1
  });

  it('corrects an unknown word to the nearest name or tag word', () => {
    expect(correctWord(db, 'quadratc')).toBe('quadratic');
    expect(correctWord(db, 'logaritm')).toBe('logarithm');
    expect(correctWord(db, 'zzzzzz')).toBeNull();
    expect(correctWord(db, 'qua')).toBeNull(); // too short to guess
    const q = buildRankedQuery(db, 'quadratc formula', 'box')!;
    expect(q.corrections).toEqual([['quadratc', 'quadratic']]);
  });
});

describe('buildRankedQuery', () => {
  it('caps the number of words of a pasted essay', () => {
    const words = Array.from({ length: 300 }, (_, i) => `word${i.toString(36)}x${'y'.repeat(i % 7)}`);
    const q = buildRankedQuery(null, words.join(' '), 'problem')!;
    const distinct = new Set(q.match.split(' OR ').filter((p) => !p.includes(' ')));
    expect(distinct.size).toBeLessThanOrEqual(MAX_WORDS);
  });

  it('never produces an FTS5 syntax error, whatever is typed (seeded fuzz)', () => {
    const random = mulberry32(20261202);
    const pieces = [
      '"', '""', "'", 'AND', 'OR', 'NOT', 'NEAR(', 'NEAR', ')', '(', '*', '^', ':', '-', '+', '{', '}', ',', '.',
      'name:', '{name tags}:', '\\', '\u0000', '\u0001', '\u001f', '\u007f', '\u200b', '\ufeff', '😀', '👩‍👩‍👧', '三角形',
      '面积', 'é', 'e\u0301', 'İ', 'ß', 'ǅ', '١٢٣', 'x²', '∑', '√', '$x^2$', '\\frac{1}{2}', 'a', 'quadratic', '  ', '\n', '\t',
      '\ud800', '\udfff', 'ﷺ', '\u{10FFFF}', '\u{E000}', '𝑥𝑦𝑧', 'pythagoras', 'how many ways', '\\binom{5}{2}',
    ];
    const nasty = ['x'.repeat(10_240), 'AND '.repeat(2_560), '"'.repeat(10_000), '😀'.repeat(2_500), '三角形 '.repeat(2_500)];
    const inputs = [...nasty];
    while (inputs.length < 1_500) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
        random() < 0.7 ? pieces[Math.floor(random() * pieces.length)]! : String.fromCodePoint(Math.floor(random() * 0x3000)),
      );
      inputs.push(parts.join(random() < 0.5 ? ' ' : ''));
    }
    const match = db.prepare('SELECT rowid FROM templates_fts WHERE templates_fts MATCH ?');
    let searched = 0;
    for (const text of inputs) {
      for (const mode of ['box', 'problem'] as const) {
        const q = buildRankedQuery(db, text, mode);
        if (q === null) continue;
        searched++;
        expect(() => match.all(q.match), `query ${JSON.stringify(q.match)} from ${JSON.stringify(text.slice(0, 80))}`).not.toThrow();
      }
    }
    expect(searched).toBeGreaterThan(1_000);
  });
});
