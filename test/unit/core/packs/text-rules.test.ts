import { describe, expect, it } from 'vitest';
import { checkText, findUnbalancedMath, normalizeMathDelimiters } from '../../../../electron/core/packs/text-rules.js';

const rules = (s: string) => checkText(s).map((p) => p.rule);

describe('text rules', () => {
  it('accepts ordinary maths, including < and > comparisons and escaped dollars', () => {
    for (const ok of ['$a<b$ and $c>d$', 'if 0 < base < 1', '$x<y$ or x <b', 'costs \\$5', '$$\\frac{1}{2}$$', 'tabs\tand\nlines', 'P(65<X<70)']) {
      expect(rules(ok), ok).toEqual([]);
    }
  });

  it('refuses HTML tags but not look-alikes', () => {
    expect(rules('<script>x</script>')).toEqual(['html_tag']);
    expect(rules('<SCRIPT src=x>')).toEqual(['html_tag']);
    expect(rules('a <b>bold</b> claim')).toEqual(['html_tag']);
    expect(rules('<a href="x">link</a>')).toEqual(['html_tag']);
    expect(rules('<svg/onload=alert(1)>')).toEqual(['html_tag']);
    expect(rules('<!-- hidden -->')).toEqual(['html_tag']);
    expect(rules('go to javascript:alert(1)')).toEqual(['html_tag']);
    expect(rules('0 < base < 1')).toEqual([]);
  });

  it('refuses TeX commands that inject links, HTML, styles or macros', () => {
    for (const cmd of ['\\href{x}{y}', '\\url{x}', '\\htmlClass{a}{b}', '\\class{a}{b}', '\\cssId{a}{b}', '\\style{color:red}{x}', '\\unicode{x41}', '\\require{action}', '\\def\\x{\\x}', '\\newcommand{\\a}{b}']) {
      expect(rules(`$${cmd}$`), cmd).toEqual(['unsafe_tex']);
    }
    expect(rules('$\\left( \\displaystyle \\sum x \\right)$')).toEqual([]);
  });

  it('refuses control characters other than tab and newline', () => {
    expect(checkText('a\u0000b')[0]!.message).toContain('U+0000');
    expect(rules('a\rb')).toEqual(['control_character']);
    expect(rules('a\u0085b')).toEqual(['control_character']);
  });

  it('finds unbalanced $ and $$', () => {
    expect(findUnbalancedMath('$a$ and $b')).toMatch(/opening "\$"/);
    expect(findUnbalancedMath('$$a$ b$$')).toMatch(/single "\$"/);
    expect(findUnbalancedMath('$$a$$ and $b$')).toBeNull();
    expect(findUnbalancedMath('$a$$b$')).toBeNull();
    expect(findUnbalancedMath('\\(x')).toMatch(/\\\(/);
  });

  it('normalises \\( \\) and \\[ \\] idempotently, leaving \\\\( alone', () => {
    const once = normalizeMathDelimiters('a \\( x \\) b \\[y\\] c \\\\(d)');
    expect(once).toBe('a $x$ b $$y$$ c \\\\(d)');
    expect(normalizeMathDelimiters(once)).toBe(once);
  });
});
