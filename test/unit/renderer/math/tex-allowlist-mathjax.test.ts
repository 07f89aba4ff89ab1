/**
 * Issue 10, points 3 and 4, at render time: the shared TeX allowlist against the MathJax the
 * renderer really loads, the hostile corpus through texToSvg, the size limits, and the SVG
 * output filter.
 */
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import type { LiteElement } from 'mathjax-full/js/adaptors/lite/Element.js';
import { describe, expect, it } from 'vitest';
import { sanitizeSvgTree, texToSvg } from '../../../../renderer/math/tex-to-svg.js';
import { TEX_ENVIRONMENT_ALLOWLIST, TEX_MACRO_ALLOWLIST } from '../../../../shared/tex-allowlist.js';
import { HOSTILE_TEX, HUGE_FORMULA } from '../../../support/hostile-tex.js';

/** Attributes that could carry a link, id, class, style or handler into the page. */
const PAGE_HOOK = /\s(href|xlink:href|id|class|style|on[a-z]+)=/i;

describe('the allowlist against the MathJax the renderer loads', () => {
  it('names only macros MathJax defines (no typo lets a name through unchecked)', () => {
    const undefinedNames: string[] = [];
    for (const name of TEX_MACRO_ALLOWLIST) {
      if (name === 'begin' || name === 'end') continue; // need an environment: the next test
      const r = texToSvg(`\\${name}`);
      if (!r.ok && r.reason === 'tex_error' && /undefined control sequence/i.test(r.message)) undefinedNames.push(name);
      if (!r.ok && r.reason === 'forbidden') undefinedNames.push(`${name} (refused by its own list)`);
    }
    expect(undefinedNames).toEqual([]);
  });

  it('names only environments MathJax knows', () => {
    const unknown = [...TEX_ENVIRONMENT_ALLOWLIST].filter((env) => {
      const r = texToSvg(`\\begin{${env}}x\\end{${env}}`);
      return !r.ok && r.reason === 'tex_error' && /unknown environment/i.test(r.message);
    });
    expect(unknown).toEqual([]);
  });

  it('every allowed macro, typeset with arguments, makes no link, id, class or style', () => {
    let typeset = 0;
    for (const name of TEX_MACRO_ALLOWLIST) {
      for (const tex of [`\\${name}{a}{b}`, `\\${name}[2]{a}{b}`, `a \\${name} b`]) {
        const r = texToSvg(tex);
        if (!r.ok) continue;
        typeset++;
        expect(r.svg, tex).not.toMatch(PAGE_HOOK);
        expect(r.svg, tex).not.toMatch(/<(a|foreignObject|use|image|script)[\s>]/i);
      }
    }
    expect(typeset).toBeGreaterThan(TEX_MACRO_ALLOWLIST.size);
  });
});

describe('the hostile corpus through texToSvg', () => {
  it.each(HOSTILE_TEX.map((c) => [c.name, c] as const))('%s is refused or collapsed, never typeset', (_name, c) => {
    const r = texToSvg(c.tex);
    expect(r.ok).toBe(false);
    if (c.tooLong) expect(r).toMatchObject({ ok: false, reason: 'too_long', limit: c.tooLong });
    else expect(r).toEqual({ ok: false, reason: 'forbidden', macro: c.refused });
    expect(JSON.stringify(r)).not.toContain('<svg');
  });

  it('refuses the 240 KB formula without typesetting it (generous safety bound)', () => {
    const start = performance.now();
    const r = texToSvg(`${HUGE_FORMULA} `);
    expect(performance.now() - start).toBeLessThan(500);
    expect(r).toEqual({ ok: false, reason: 'too_long', limit: 'length', chars: HUGE_FORMULA.length + 1 });
  });
});

describe('sanitizeSvgTree (the last layer, should anything get past the others)', () => {
  it('keeps drawing elements and attributes; unwraps links; drops ids, classes, styles, handlers, url() values and foreign content', () => {
    const adaptor = liteAdaptor();
    const svg = adaptor.node('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 10 10', id: 'evil-id', style: 'position:fixed' }, [
      adaptor.node('a', { href: '//evil.test/x', 'xlink:href': 'javascript:evil()' }, [
        adaptor.node('path', { d: 'M0 0L1 1', class: 'evil-class', onclick: 'evil()', 'data-mml-node': 'mi' }),
      ]),
      adaptor.node('rect', { width: '1', height: '1', fill: 'url(https://evil.test/paint)' }),
      adaptor.node('foreignObject', {}, [adaptor.node('div', { onclick: 'evil()' }, [adaptor.text('evil html')])]),
      adaptor.node('use', { href: '#glyph' }),
      adaptor.node('g', { transform: 'scale(1,-1)' }, [adaptor.node('text', { 'data-variant': 'normal' }, [adaptor.text('中')])]),
    ]) as LiteElement;
    sanitizeSvgTree(adaptor, svg);
    const html = adaptor.outerHTML(svg);
    expect(html).not.toContain('evil');
    expect(html).not.toMatch(PAGE_HOOK);
    expect(html).not.toMatch(/<(a|foreignObject|use|div)[\s>]/);
    expect(html).toContain('<g><path d="M0 0L1 1" data-mml-node="mi"></path></g>');
    expect(html).toContain('<rect width="1" height="1"></rect>');
    expect(html).toContain('<g transform="scale(1,-1)"><text data-variant="normal">中</text></g>');
    expect(html).toContain('viewBox="0 0 10 10"');
  });
});
