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
});
