import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_TOKENS, buildFtsQuery } from '../../../../electron/core/retrieval/fts-query.js';
import { mulberry32 } from '../../../../electron/core/util/prng.js';

// A real FTS5 table with the app's tokenizer: every generated expression must parse here.
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(name, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`);
const insert = db.prepare('INSERT INTO t (name, body) VALUES (?, ?)');
insert.run('Quadratic formula', 'Solve ax^2 + bx + c = 0 with the discriminant');
insert.run('Triangle inequality', 'AND OR NOT are words here; café naïve');
insert.run('三角形 面积', 'Chinese text 中文 example');
const match = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid');
afterAll(() => db.close());

const rowsFor = (text: string, mode: 'all' | 'any' = 'all') => {
  const q = buildFtsQuery(text, mode);
  return q === null ? null : (match.all(q) as { rowid: number }[]).map((r) => r.rowid);
};

describe('buildFtsQuery', () => {
  it('quotes every word, joins with AND or OR, and makes the last word a prefix', () => {
    expect(buildFtsQuery('Quadratic Form', 'all')).toBe('"quadratic" AND "form"*');
    expect(buildFtsQuery('quadratic form', 'any')).toBe('"quadratic" OR "form"*');
  });

  it('keeps balanced quoted phrases as phrases and ignores an unbalanced quote', () => {
    expect(buildFtsQuery('"quadratic formula" roots', 'all')).toBe('"quadratic formula" AND "roots"*');
    expect(buildFtsQuery('roots "quadratic formula"', 'all')).toBe('"roots" AND "quadratic formula"');
    expect(buildFtsQuery('"unbalanced quad', 'all')).toBe('"unbalanced" AND "quad"*');
    expect(rowsFor('"formula quadratic"')).toEqual([]); // phrase order matters
    expect(rowsFor('"quadratic formula"')).toEqual([1]);
  });

  it('treats FTS operators and punctuation as plain words or separators', () => {
    expect(buildFtsQuery('AND OR NOT', 'all')).toBe('"and" AND "or" AND "not"*');
    expect(rowsFor('AND OR NOT')).toEqual([2]);
    expect(buildFtsQuery('NEAR(a b) * ^x name:quad -c', 'all')).toBe('"near" AND "a" AND "b" AND "x" AND "name" AND "quad" AND "c"');
  });

  it('matches prefixes, diacritics and CJK runs', () => {
    expect(rowsFor('quadr')).toEqual([1]);
    expect(rowsFor('cafe naive')).toEqual([2]);
    expect(rowsFor('三角形')).toEqual([3]);
  });

  it('returns null when nothing searchable is left', () => {
    for (const text of ['', '   ', '"""', '* ^ : ( ) -', '😀🎉', '\u0000\u0007\u001b', '"  "']) {
      expect(buildFtsQuery(text, 'all')).toBeNull();
      expect(buildFtsQuery(text, 'any')).toBeNull();
    }
  });

  it('caps the number of words and drops repeats', () => {
    const many = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    expect(buildFtsQuery(many, 'any')!.split(' OR ')).toHaveLength(MAX_QUERY_TOKENS);
    expect(buildFtsQuery('root root root', 'all')).toBe('"root"*');
  });

  it("in 'any' mode drops stopwords, single letters and digits, unless nothing else is left", () => {
    expect(buildFtsQuery('What is the value of the discriminant of x^2 + 2x + 1?', 'any')).toBe('"value" OR "discriminant" OR "2x"');
    expect(buildFtsQuery('and or not', 'any')).toBe('"and" OR "or" OR "not"*');
    expect(buildFtsQuery('find "sum of roots"', 'any')).toBe('"sum of roots"');
    // 'all' mode, used for short typed queries, keeps every word as before.
    expect(buildFtsQuery('the roots of', 'all')).toBe('"the" AND "roots" AND "of"*');
  });

  it("in 'any' mode keeps the longest words of a long text, in text order, and a prefix only for the last word", () => {
    const text =
      'Let a b c be the sides of a triangle with perimeter twelve and area six; find the radius of the inscribed circle, ' +
      'given that the triangle is right angled and its hypotenuse is five units long, then compute the circumradius too';
    const words = buildFtsQuery(text, 'any')!.split(' OR ');
    expect(words).toHaveLength(MAX_QUERY_TOKENS);
    expect(words).toEqual(expect.arrayContaining(['"circumradius"', '"hypotenuse"', '"inscribed"', '"perimeter"', '"triangle"']));
    expect(words).not.toContain('"the"');
    expect(words.filter((w) => w.endsWith('*'))).toEqual([]); // "too" (the last word) is not among the longest
    expect(words.indexOf('"perimeter"')).toBeLessThan(words.indexOf('"hypotenuse"'));
    expect(buildFtsQuery(`${text} quadr`, 'any')).toMatch(/"quadr"\*$/);
  });

  it('never produces an FTS5 syntax error, whatever is typed (seeded fuzz)', () => {
    const random = mulberry32(20260214);
    const pieces = [
      '"', '""', "'", 'AND', 'OR', 'NOT', 'NEAR(', 'NEAR', ')', '(', '*', '^', ':', '-', '+', '{', '}', ',', '.',
      'name:', '{name tags}:', '\\', '\u0000', '\u0001', '\u001f', '\u007f', '\u200b', '\ufeff', '😀', '👩‍👩‍👧', '三角形',
      '面积', 'é', 'e\u0301', 'İ', 'ß', 'ǅ', '١٢٣', 'x²', '∑', '√', '$x^2$', '\\frac{1}{2}', 'a', 'quadratic', '  ', '\n', '\t',
      '\ud800', '\udfff', 'ﷺ', '\u{10FFFF}', '\u{E000}',
    ];
    const nasty: string[] = [
      'x'.repeat(10_240),
      'AND '.repeat(2_560),
      '"'.repeat(10_000),
      '😀'.repeat(2_500),
      '三角形 '.repeat(2_500),
      Array.from({ length: 10_240 }, (_, i) => String.fromCharCode(i % 0x80)).join(''),
    ];
    const inputs = [...nasty];
    while (inputs.length < 2_500) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
        random() < 0.7 ? pieces[Math.floor(random() * pieces.length)]! : String.fromCodePoint(Math.floor(random() * 0x3000)),
      );
      inputs.push(parts.join(random() < 0.5 ? ' ' : ''));
    }
    let searched = 0;
    for (const text of inputs) {
      for (const mode of ['all', 'any'] as const) {
        const q = buildFtsQuery(text, mode);
        if (q === null) continue;
        searched++;
        expect(() => match.all(q), `query ${JSON.stringify(q)} from input ${JSON.stringify(text.slice(0, 80))}`).not.toThrow();
      }
    }
    expect(searched).toBeGreaterThan(2_000);
  });
});
