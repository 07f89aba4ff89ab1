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

describe('bounded rendering (issue 10, point 3)', () => {
  it('shows a formula over the size limit as a collapsed button naming its length, never typeset', () => {
    const tex = `${'x+'.repeat(1000)}1`;
    const html = renderToStaticMarkup(<MathText text={`see $${tex}$ here`} />);
    expect(html).toContain('<span class="math-too-long" data-tex-error="too_long"><button type="button" class="math-too-long-toggle" aria-expanded="false">');
    expect(html).toContain('Formula too long to display (2,001 characters): show or hide its source</button>');
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('x+x+x+'); // collapsed: the source is shown only on request
    expect(html).toContain('see ');
    expect(html).toContain(' here');
  });

  it('says when a formula is nested too deeply', () => {
    const html = renderToStaticMarkup(<MathText text={`$${'{'.repeat(300)}x${'}'.repeat(300)}$`} />);
    expect(html).toContain('Formula nested too deeply to display (25 levels)');
    expect(html).not.toContain('<svg');
  });

  it('shows \\mmlToken links as the marked source, not as a link', () => {
    const html = renderToStaticMarkup(<MathText text={'$\\mmlToken{mi}[href="//evil.test"]{x}$'} />);
    expect(html).toContain('title="This formula uses \\mmlToken, which is not allowed here."');
    expect(html).not.toMatch(/<a[\s>]|\shref="/); // the source text itself reads [href=&quot;…]
  });

  it('renders formulas past the task budget as busy placeholders named by their TeX, until the queue has typeset them', async () => {
    const formulas = Array.from({ length: 200 }, (_, i) => `$\\frac{${i}}{y_{${i}}}+\\sqrt{${i}+1}$`);
    const first = renderToStaticMarkup(<MathText block text={formulas.join(' ')} />);
    expect(first.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    const pending = first.match(/<span class="math-pending" role="img" aria-label="[^"]*" aria-busy="true">/g)?.length ?? 0;
    expect(pending).toBeGreaterThan(0);
    // Named by its TeX; the source only holds the room (hidden, so no raw TeX flashes).
    expect(first).toContain(
      '<span class="math-pending" role="img" aria-label="\\frac{199}{y_{199}}+\\sqrt{199+1}" aria-busy="true"><span class="math-pending-source" aria-hidden="true">$\\frac{199}{y_{199}}+\\sqrt{199+1}$</span></span>',
    );
    // Server rendering runs no effects, so queue them as the mounted components would.
    const { whenTypeset } = await import('../../../../renderer/math/typeset-queue.js');
    for (let i = 0; i < 200; i++) whenTypeset(`\\frac{${i}}{y_{${i}}}+\\sqrt{${i}+1}`, false, () => {});
    await typesetIdle();
    const later = renderToStaticMarkup(<MathText block text={formulas.join(' ')} />);
    expect(later).not.toContain('math-pending');
    expect(later.match(/<svg/g)).toHaveLength(200);
  });
});
