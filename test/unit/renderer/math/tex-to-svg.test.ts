import { describe, expect, it } from 'vitest';
import { screenTex } from '../../../../renderer/math/screen.js';
import { TEX_PACKAGES, texToSvg } from '../../../../renderer/math/tex-to-svg.js';

describe('screenTex', () => {
  it.each(['\\href{https://x.test}{y}', '\\html{<b>}', '\\class{c}{x}', '\\cssId{i}{x}', '\\style{color:red}{x}', '\\data{a=b}{x}', '\\unicode{x41}', '\\require{html}'])(
    'refuses %s',
    (tex) => {
      const verdict = screenTex(tex);
      expect(verdict.ok).toBe(false);
      expect(verdict.macro).toMatch(/^\\[A-Za-z]+$/);
    },
  );

  it('allows ordinary math, and refuses any macro not on the allowlist, known or not', () => {
    expect(screenTex('\\frac{a}{b} + \\sqrt{2}').ok).toBe(true);
    expect(screenTex('\\mmlToken{mi}{x}')).toEqual({ ok: false, macro: '\\mmlToken' });
    expect(screenTex('\\datax')).toEqual({ ok: false, macro: '\\datax' });
  });
});

describe('texToSvg', () => {
  it('never loads the html or unicode TeX packages', () => {
    expect(TEX_PACKAGES).not.toContain('html');
    expect(TEX_PACKAGES).not.toContain('unicode');
  });

  it('renders TeX to self-contained SVG with no style attributes', () => {
    const result = texToSvg('\\frac{1}{2} + x^2');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.svg.startsWith('<svg')).toBe(true);
    expect(result.svg).toContain('<path');
    expect(result.svg).not.toMatch(/\sstyle=/);
    // fontCache 'none': no shared <use href="#…"> glyph references to collide between formulas
    expect(result.svg).not.toContain('<use');
    expect(result.svg).toContain('aria-hidden="true"');
    expect(result.verticalAlign).toMatch(/ex$/);
  });

  it('reports bad TeX as an error with MathJax’s message instead of throwing', () => {
    const result = texToSvg('\\frac{1}{');
    expect(result).toEqual({ ok: false, reason: 'tex_error', message: expect.stringMatching(/brace/i) });
    const undefinedMacro = texToSvg('\\nosuchmacro x');
    expect(undefinedMacro.ok).toBe(false);
    if (!undefinedMacro.ok && undefinedMacro.reason === 'tex_error') expect(undefinedMacro.message).toContain('\\nosuchmacro');
  });

  it('never produces a link or HTML from \\href or \\html', () => {
    for (const tex of ['\\href{javascript:alert(1)}{x}', '\\html{<img src=x onerror=alert(1)>}', 'a\\href {https://evil.test}{b}']) {
      const result = texToSvg(tex);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toMatch(/<a[\s>]|<img|href=/i);
    }
  });

  it('escapes text-mode content instead of emitting it as markup', () => {
    const result = texToSvg('\\text{<script>alert(1)</script> 中}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.svg).not.toContain('<script');
    expect(result.svg).toContain('中');
  });

  it('memoises per TeX string and display mode', () => {
    expect(texToSvg('y=mx+b')).toBe(texToSvg('y=mx+b'));
    expect(texToSvg('y=mx+b', true)).not.toBe(texToSvg('y=mx+b', false));
  });
});
