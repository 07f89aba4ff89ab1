import { describe, expect, it } from 'vitest';
import { splitMath } from '../../../../renderer/math/split.js';

describe('splitMath', () => {
  it('returns plain text untouched', () => {
    expect(splitMath('no math here')).toEqual([{ kind: 'text', text: 'no math here' }]);
  });

  it('finds inline and display math with every delimiter', () => {
    const segments = splitMath('a $x^2$ b $$\\frac{1}{2}$$ c \\(y\\) d \\[z\\]');
    expect(segments).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'math', tex: 'x^2', display: false, source: '$x^2$' },
      { kind: 'text', text: ' b ' },
      { kind: 'math', tex: '\\frac{1}{2}', display: true, source: '$$\\frac{1}{2}$$' },
      { kind: 'text', text: ' c ' },
      { kind: 'math', tex: 'y', display: false, source: '\\(y\\)' },
      { kind: 'text', text: ' d ' },
      { kind: 'math', tex: 'z', display: true, source: '\\[z\\]' },
    ]);
  });

  it('reads \\$ as a literal dollar, outside and inside formulas', () => {
    expect(splitMath('costs \\$5 and \\$6')).toEqual([{ kind: 'text', text: 'costs $5 and $6' }]);
    const inside = splitMath('$a \\$ b$');
    expect(inside).toEqual([{ kind: 'math', tex: 'a \\$ b', display: false, source: '$a \\$ b$' }]);
  });

  it('keeps unbalanced or empty delimiters as text', () => {
    expect(splitMath('price $5 only')).toEqual([{ kind: 'text', text: 'price $5 only' }]);
    expect(splitMath('open \\( never closed')).toEqual([{ kind: 'text', text: 'open \\( never closed' }]);
    expect(splitMath('$$ $$')).toEqual([{ kind: 'text', text: '$$ $$' }]);
    // `$$x$` never closes its `$$`: the whole thing is text, nothing is lost.
    expect(splitMath('$$x$')).toEqual([{ kind: 'text', text: '$$x$' }]);
  });

  it('does not end \\( … \\) math at an escaped brace pair like \\{', () => {
    expect(splitMath('\\(\\{x\\}\\)')).toEqual([{ kind: 'math', tex: '\\{x\\}', display: false, source: '\\(\\{x\\}\\)' }]);
  });

  it('stays linear on unmatched openers (each used to scan to the end: 100k of them never finished)', () => {
    const inputs = ['\\( '.repeat(100_000), '\\[ '.repeat(100_000), `${'$$ x '.repeat(50_001)}`, `${'$ '.repeat(1)}${'\\( a $$ '.repeat(50_000)}`];
    const start = performance.now();
    for (const text of inputs) {
      const segments = splitMath(text);
      expect(segments.map((s) => (s.kind === 'text' ? s.text : s.source)).join('')).toBe(text.replace(/\\\$/g, '$'));
    }
    expect(performance.now() - start).toBeLessThan(2000); // generous safety bound, not a benchmark
    // The skip must not lose a real formula after the unmatched ones.
    expect(splitMath(`${'\\( '.repeat(1000)}$x$`).at(-1)).toEqual({ kind: 'math', tex: 'x', display: false, source: '$x$' });
  });
});
