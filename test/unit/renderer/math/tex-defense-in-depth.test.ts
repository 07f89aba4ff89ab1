/**
 * If the allowlist screen were ever bypassed (a bug, a new MathJax tokenisation), MathJax's
 * safe handler (no URLs, classes, ids or styles) and the SVG output filter must still keep
 * every link, id, class and style out of the page. Here the screen is switched off on purpose.
 */
import { describe, expect, it, vi } from 'vitest';
import { texToSvg } from '../../../../renderer/math/tex-to-svg.js';
import { HOSTILE_TEX } from '../../../support/hostile-tex.js';

vi.mock('../../../../renderer/math/screen.js', () => ({ screenTex: () => ({ ok: true }) }));

describe('with the allowlist screen off', () => {
  it('\\mmlToken with href, class, id, style or url() values still yields no link, id, class, style or url', () => {
    const cases = HOSTILE_TEX.filter((c) => c.refused === '\\mmlToken');
    expect(cases.length).toBeGreaterThanOrEqual(7);
    let typeset = 0;
    for (const c of cases) {
      const r = texToSvg(c.tex);
      if (!r.ok) continue;
      typeset++;
      expect(r.svg, c.name).not.toMatch(/<a[\s>]/);
      expect(r.svg, c.name).not.toMatch(/\s(href|xlink:href|id|class|style)=/);
      expect(r.svg, c.name).not.toMatch(/evil|url\(|javascript:/i);
    }
    // The screen really is off: MathJax typeset these (they are valid TeX for its base package).
    expect(typeset).toBeGreaterThanOrEqual(6);
  });

  it('macros of packages that are not loaded stay undefined (html, unicode, bbox, action, color, require)', () => {
    for (const tex of ['\\href{//evil.test}{x}', '\\class{evil}{x}', '\\cssId{evil}{x}', '\\style{color:red}{x}', '\\unicode{x41}', '\\bbox[red]{x}', '\\toggle{a}{b}\\endtoggle', '\\color{red}{x}', '\\require{html}']) {
      const r = texToSvg(tex);
      expect(r, tex).toMatchObject({ ok: false, reason: 'tex_error', message: expect.stringMatching(/undefined control sequence/i) });
    }
  });
});
