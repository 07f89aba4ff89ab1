import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HIGHLIGHT_END as E, HIGHLIGHT_START as S } from '../../../../shared/domain.js';
import { HighlightedSnippet, MathText } from '../../../../renderer/math/MathText.js';
import { texToSvg } from '../../../../renderer/math/tex-to-svg.js';
import { typesetIdle } from '../../../../renderer/math/typeset-queue.js';

// Each render below starts in a fresh task with MathJax loaded, so its few formulas fit the
// per-task typesetting budget and appear in the first markup (typeset-queue.ts).
beforeAll(() => {
  texToSvg('x');
});
beforeEach(() => typesetIdle());

describe('MathText', () => {
  it('renders formulas as SVG images named by their TeX, text as escaped text', () => {
    const html = renderToStaticMarkup(<MathText text={'If <b>a</b> then $\\frac{a}{b}$.'} />);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="\\frac{a}{b}"');
    expect(html).toContain('<svg');
    expect(html).toContain('&lt;b&gt;a&lt;/b&gt;');
    expect(html).not.toContain('$');
  });

  it('marks bad TeX visibly: class math-error, the error in the title, the source as text', () => {
    const html = renderToStaticMarkup(<MathText text={'broken: $\\frac{1}{$'} />);
    expect(html).toMatch(/<span class="math-error" title="This formula could not be shown: [^"]*brace[^"]*"/i);
    expect(html).toContain('>$\\frac{1}{$</span>');
    expect(html).not.toContain('<svg');
  });

  it('shows \\href and \\html as marked errors, never as links or markup', () => {
    const html = renderToStaticMarkup(
      <MathText block text={'$\\href{javascript:alert(1)}{click}$ and $$\\html{<img src=x onerror=alert(1)>}$$'} />,
    );
    expect(html).not.toMatch(/<a[\s>]/);
    expect(html).not.toMatch(/<img/);
    expect(html.match(/class="math-error"/g)).toHaveLength(2);
    expect(html).toContain('title="This formula uses \\href, which is not allowed here."');
  });

  it('renders block text in a div and inline text in a span', () => {
    expect(renderToStaticMarkup(<MathText block text="x" />)).toMatch(/^<div class="math-text math-text-block">/);
    expect(renderToStaticMarkup(<MathText text="x" />)).toMatch(/^<span class="math-text">/);
  });
});

describe('HighlightedSnippet', () => {
  it('wraps matched words in <mark> and renders whole formulas only', () => {
    const html = renderToStaticMarkup(<HighlightedSnippet snippet={`…c}$ the ${S}quadratic${E} formula $x=${S}a${E}$`} />);
    expect(html).toContain('<mark>quadratic</mark>');
    expect(html).toContain('aria-label="x=a"');
    expect(html).not.toContain('c}$');
    expect(html).not.toContain(S);
    expect(html).not.toContain(E);
  });
});
