import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END as E, HIGHLIGHT_START as S } from '../../../../shared/domain.js';
import { snippetPieces } from '../../../../renderer/math/highlight.js';

describe('snippetPieces', () => {
  it('turns marker pairs into marked text', () => {
    expect(snippetPieces(`use the ${S}chain${E} rule`)).toEqual([
      { kind: 'text', text: 'use the ', marked: false },
      { kind: 'text', text: 'chain', marked: true },
      { kind: 'text', text: ' rule', marked: false },
    ]);
  });

  it('keeps math as math and strips markers inside it', () => {
    const pieces = snippetPieces(`solve $${S}x${E}^2=4$ now`);
    expect(pieces[1]).toEqual({ kind: 'math', tex: 'x^2=4', display: false, source: '$x^2=4$' });
    expect(pieces.some((p) => p.kind === 'text' && p.text.includes(S))).toBe(false);
  });

  it('drops a formula whose start was cut by a leading ellipsis', () => {
    const pieces = snippetPieces(`…{2}$ is the ${S}answer${E} when $x=1$`);
    expect(pieces.map((p) => (p.kind === 'math' ? `[${p.tex}]` : p.text)).join('')).toBe('… is the answer when [x=1]');
  });

  it('drops a formula whose end was cut by a trailing ellipsis', () => {
    const pieces = snippetPieces(`the ${S}sum${E} $a+b$ equals $\\frac{1}…`);
    expect(pieces.map((p) => (p.kind === 'math' ? `[${p.tex}]` : p.text)).join('')).toBe('the sum [a+b] equals …');
  });

  it('leaves uncut snippets with balanced math alone', () => {
    const pieces = snippetPieces(`…we get $y$ and ${S}more${E}…`);
    expect(pieces.filter((p) => p.kind === 'math')).toHaveLength(1);
    expect(pieces.find((p) => p.kind === 'text' && p.marked)).toEqual({ kind: 'text', text: 'more', marked: true });
  });

  const shown = (snippet: string) =>
    snippetPieces(snippet)
      .map((p) => (p.kind === 'math' ? `[${p.tex}]` : p.marked ? `<${p.text}>` : p.text))
      .join('');

  it.each([
    // Cut at both ends, one dollar: the tail is the broken formula.
    [`…The ${S}sum${E} is $\\left(1 - \\frac{1}{2}\\right) + \\left(\\frac{1}{3…`, '…The <sum> is …'],
    // Odd count, head is plain text: keep the head, drop the tail.
    [`…none of $${S}2${E}$, $3$ and $5$?\nSingle sets: $\\left\\lfloor \\frac{1000}{${S}2${E}} \\right\\rfloor = 500…`, '…none of [2], [3] and [5]?\nSingle sets: …'],
    // Odd count, head is TeX: drop the head, and the tail opener too.
    [`…2\\pi ${S}k${E}}{n} + i\\sin\\frac{2\\pi k}{n}$ for $${S}k${E} = 0, 1, \\dots…`, '… for …'],
    // Entirely inside one formula: nothing sensible to show.
    [`…a_${S}n${E}^2}{b_n} \\ge \\frac{(a_1 + a_2 + \\cdots + a_n)^2}{b…`, '…'],
    // Even count with residue at both ends.
    ['…x}$ and $y$ and $z…', '… and [y] and …'],
  ])('repairs cut formulas in %j', (snippet, expected) => {
    expect(shown(snippet)).toBe(expected);
  });
});
