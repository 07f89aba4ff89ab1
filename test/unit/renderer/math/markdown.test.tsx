/**
 * Model text as Markdown with math (issue 11, point 7): tables, lists, code and emphasis
 * render; formulas stay MathJax (also inside list items and table cells); the held-back and
 * truncated markers stay notes; raw HTML is text; only http(s)/mailto links exist; hostile
 * Markdown stays linear and loses nothing.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HELD_BACK, TRUNCATED } from '../../../../shared/tutor.js';
import { ModelText, markdownNodes } from '../../../../renderer/math/Markdown.js';
import { isSafeLink, MAX_MARKDOWN_CHARS, parseMarkdown } from '../../../../renderer/math/markdown.js';
import { protectMath, splitPlaceholders } from '../../../../renderer/math/protect.js';
import { texToSvg } from '../../../../renderer/math/tex-to-svg.js';
import { typesetIdle } from '../../../../renderer/math/typeset-queue.js';

beforeAll(() => {
  texToSvg('x');
});
beforeEach(() => typesetIdle());

const render = (text: string) => renderToStaticMarkup(<ModelText text={text} />);
/** The markup with every typeset formula reduced to its TeX, so structure is easy to read. */
// A formula still waiting for the typesetting queue (a loaded machine spends the per-task
// budget sooner) is the same formula: both become [math:TeX].
const shape = (html: string) =>
  html
    .replace(/<span class="math math-(?:inline|display)" role="img" aria-label="([^"]*)"[^>]*>.*?<\/svg><\/span>/g, '[math:$1]')
    .replace(/<span class="math-pending" role="img" aria-label="([^"]*)" aria-busy="true"><span class="math-pending-source" aria-hidden="true">[^<]*<\/span><\/span>/g, '[math:$1]');

describe('ModelText: Markdown structure', () => {
  it('renders a table with header, alignment and math in the cells', () => {
    const html = shape(render('| $x$ | value |\n|:--|--:|\n| $r+s$ | 5 |\n| $rs$ | **3** |'));
    expect(html).toContain('<div class="md-table-wrap"><table><thead><tr><th style="text-align:left">[math:x]</th><th style="text-align:right">value</th></tr></thead>');
    expect(html).toContain('<tbody><tr><td style="text-align:left">[math:r+s]</td><td style="text-align:right">5</td></tr>');
    expect(html).toContain('<td style="text-align:right"><strong>3</strong></td>');
    expect(html).not.toContain('|');
  });

  it('renders ordered and unordered lists, with math inside the items', () => {
    const html = shape(render('1. Sum: $r+s=5$\n2. Product: $rs=3$\n\n- first\n- *second*'));
    expect(html).toContain('<ol><li>Sum: [math:r+s=5]</li><li>Product: [math:rs=3]</li></ol>');
    expect(html).toContain('<ul><li>first</li><li><em>second</em></li></ul>');
  });

  it('keeps the numbering of a list split by blank lines', () => {
    const html = render('1. one\n\n2. two\n\n3. three');
    expect(html).toContain('<ol><li>one</li></ol><ol start="2"><li>two</li></ol><ol start="3"><li>three</li></ol>');
  });

  it('renders code fences and inline code verbatim, formulas inside them as their source', () => {
    const html = render('Run:\n\n```python\nprint("$x$ <b>")\n```\n\nand `a*b*c` or `$y$`.');
    expect(html).toContain('<pre class="md-code"><code>print(&quot;$x$ &lt;b&gt;&quot;)</code></pre>');
    expect(html).toContain('<code>a*b*c</code>');
    expect(html).toContain('<code>$y$</code>');
    expect(html).not.toContain('<svg');
  });

  it('renders emphasis, strong, strikethrough, headings (as levels 5 and 6) and line breaks', () => {
    const html = render('## Step\nSo *a* and **b** and ~~c~~\nnext line');
    expect(html).toContain('<h6 class="md-heading">Step</h6>');
    expect(html).toContain('<p>So <em>a</em> and <strong>b</strong> and <s>c</s><br/>next line</p>');
  });

  it('renders a display formula on its own lines, and math next to emphasis', () => {
    const html = shape(render('Then\n$$\nx^2 = 4\n$$\nso **$x = 2$**.'));
    expect(html).toContain('[math:x^2 = 4]');
    expect(html).toContain('<p>Then<br/>[math:x^2 = 4]<br/>so ');
    expect(html).toContain('<strong>[math:x = 2]</strong>');
    expect(html).not.toMatch(/\$/);
  });
});

describe('ModelText: markers and math errors', () => {
  it('shows the held-back and truncated markers as notes, in text, lists, cells and formulas', () => {
    const html = render(`The answer is ${HELD_BACK}.\n\n- item ${HELD_BACK}\n\n| a |\n|---|\n| ${TRUNCATED} |\n\n$x = ${HELD_BACK}$\n\nCut here ${TRUNCATED}`);
    expect(html).not.toContain('[[');
    expect(html.match(/<em class="held-back">/g)).toHaveLength(3);
    expect(html.match(/<em class="truncated">/g)).toHaveLength(2);
    expect(html).toMatch(/<li>item <em class="held-back">/);
    expect(html).toMatch(/<td><em class="truncated">/);
  });

  it('keeps the formula-too-long button and refused macros as marked source', () => {
    const tex = `${'x+'.repeat(1000)}1`;
    const html = render(`- long: $${tex}$\n- bad: $\\href{javascript:alert(1)}{x}$`);
    expect(html).toContain('<button type="button" class="math-too-long-toggle" aria-expanded="false">Formula too long to display (2,001 characters)');
    expect(html).toContain('<span class="math-error" title="This formula uses \\href, which is not allowed here." data-tex-error="forbidden">$\\href{javascript:alert(1)}{x}$</span>');
    expect(html).not.toMatch(/<a[\s>]/);
  });

  it('cannot be tricked into a placeholder by the text itself', () => {
    const forged = '\uE0000\uE001 and $y$';
    const { src, slots } = protectMath(forged);
    expect(slots).toHaveLength(1);
    expect(splitPlaceholders(src, slots).filter((p) => typeof p !== 'string')).toEqual([{ kind: 'math', tex: 'y', display: false, source: '$y$' }]);
    expect(render(forged)).toContain('\uFFFD0\uFFFD and ');
  });
});

describe('ModelText: hostile text', () => {
  it('shows raw HTML as text: no script, no img, no handler', () => {
    const payloads = ['<script>alert(1)</script>', '<img src=x onerror="alert(2)">', '<a href="javascript:alert(3)">x</a>', '<iframe src="https://evil.test"></iframe>'];
    const html = render(payloads.join('\n'));
    expect(html).not.toMatch(/<(script|img|iframe|a)[\s>]/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(html).toContain('&lt;iframe src=&quot;https://evil.test&quot;&gt;&lt;/iframe&gt;');
  });

  it('refuses javascript:, data:, vbscript:, relative and protocol-relative links: the text stays as written', () => {
    const bad = ['[a](javascript:alert(1))', '[b](JaVaScRiPt:alert(1))', '[c](data:text/html,<b>x</b>)', '[d](vbscript:x)', '[e](/settings)', '[f](//evil.test)', '<javascript:alert(1)>', '[g](  javascript:alert(1) )'];
    const html = render(bad.join('\n'));
    expect(html).not.toMatch(/<a[\s>]|href=/);
    expect(html).toContain('[a](javascript:alert(1))');
    expect(html).toContain('[e](/settings)');
    expect(html).toContain('&lt;javascript:alert(1)&gt;');
    // Reference definitions cannot smuggle one in either.
    expect(render('[x]\n\n[x]: javascript:alert(1)')).not.toMatch(/<a[\s>]/);
  });

  it('turns http(s) and mailto links into links that open outside the app, and refuses images', () => {
    const html = render('[docs](https://example.org/a?b=1) and <mailto:a@b.c> and ![pic](https://evil.test/x.png)');
    expect(html).toContain('<a href="https://example.org/a?b=1" target="_blank" rel="noopener noreferrer nofollow">docs</a>');
    expect(html).toContain('<a href="mailto:a@b.c" target="_blank" rel="noopener noreferrer nofollow">mailto:a@b.c</a>');
    expect(html).not.toContain('<img');
    expect(isSafeLink('https://x.test')).toBe(true);
    expect(isSafeLink('javascript:alert(1)')).toBe(false);
    expect(isSafeLink('https://x.test/\u0000')).toBe(false);
  });

  it('shows a block nested past the cap as plain text, losing nothing', () => {
    const deep = `${'> '.repeat(60)}deep text at the bottom`;
    expect(parseMarkdown(deep)).toBeNull();
    expect(render(deep)).toContain('deep text at the bottom');
    const lists = `${Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}`;
    const html = render(lists);
    for (const i of [0, 30, 59]) expect(html).toContain(`level ${i}`);
  });

  it('renders a 300,000-character hostile line (formulas and pipes, no newline) in bounded time, all of it kept', () => {
    const text = '| $ | x '.repeat(300_000 / 9);
    const t = performance.now();
    const html = renderToStaticMarkup(<ModelText text={text.slice(0, 20_000)} />);
    const nodes = markdownNodes(text);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(nodes).toHaveLength(1); // one plain paragraph, nothing dropped
    expect(html).toContain('| ');
  });

  it('shows a block over the size cap as plain text with its formulas still rendered', () => {
    const long = `${'word '.repeat(MAX_MARKDOWN_CHARS / 5)}$x^2$ end`;
    const html = render(long);
    expect(html).toContain('aria-label="x^2"');
    expect(html).toContain(' end');
  });

  it.each([
    ['open brackets', (n: number) => '['.repeat(n)],
    ['link openers', (n: number) => '[a]('.repeat(n / 4)],
    ['emphasis runs', (n: number) => '*a_'.repeat(n / 3)],
    ['code span runs', (n: number) => '`a``'.repeat(n / 4)],
    ['nested brackets', (n: number) => `${'['.repeat(n / 2)}a${']'.repeat(n / 2)}(b)`],
    ['quote nesting', (n: number) => `${'> '.repeat(n / 2)}x`],
    ['list nesting', (n: number) => `${'- '.repeat(n / 2)}x`],
    ['table rows', (n: number) => `a|b\n-|-\n${'c|d\n'.repeat(n / 4)}`],
    ['entities', (n: number) => '&#'.repeat(n / 2)],
    ['dollars and pipes', (n: number) => '| $ |'.repeat(n / 5)],
  ])('stays linear on %s (8x the text costs well under 64x the time)', (_name, make) => {
    const cost = (n: number) => {
      const text = make(n);
      let best = Infinity;
      for (let r = 0; r < 5; r++) {
        const t = performance.now();
        markdownNodes(text);
        best = Math.min(best, performance.now() - t);
      }
      return best;
    };
    cost(2000); // warm up
    // Both sizes within MAX_MARKDOWN_CHARS: markdown-it itself is measured, not the plain path.
    const small = cost(MAX_MARKDOWN_CHARS / 8);
    const large = cost(MAX_MARKDOWN_CHARS);
    // 8x the text: linear is 8x the time, quadratic 64x. Generous for a shared, loaded machine.
    // (The 10 ms floor keeps scheduler noise on a loaded machine from failing a linear case; a
    // quadratic pass over 20,000 characters takes seconds.)
    expect(large).toBeLessThan(Math.max(small, 10) * 24);
    expect(large).toBeLessThan(2000);
  });
});

describe('ModelText while streaming', () => {
  it('renders what has arrived as the finished text would, without a half-written formula', () => {
    const full = '1. Sum $r+s=5$\n2. Product $rs=3$\n\n| a | b |\n|---|---|\n| $1$ | 2 |\n\nThen $x^2 = 4$ done.';
    const final = shape(render(full));
    const streamed = shape(renderToStaticMarkup(<ModelText streaming text={full} />));
    expect(streamed).toBe(final);
    const partial = shape(renderToStaticMarkup(<ModelText streaming text={full.slice(0, full.indexOf('x^2') + 3)} />));
    expect(partial).toContain('<p>Then</p>');
    expect(partial).not.toContain('x^2');
    expect(partial).not.toContain('$');
  });
});
