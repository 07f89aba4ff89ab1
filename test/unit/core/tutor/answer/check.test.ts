import { describe, expect, it } from 'vitest';
import { checkAnswer, normalizeAnswer } from '../../../../../electron/core/tutor/answer/index.js';
import { english } from '../../../../../shared/messages.js';

/** The check's words in English (they travel as a coded message). */
const detailText = (c: { detail?: Parameters<typeof english>[0] }) => (c.detail ? english(c.detail) : '');

describe('normalizeAnswer', () => {
  it.each([
    ['\\boxed{\\dfrac{1}{2}}', '\\frac{1}{2}'],
    ['$x = 5$.', '5'],
    ['\\left( 3, \\frac{\\pi}{2} \\right)', '(3,\\frac{\\pi}{2})'],
    ['90^\\circ', '90'],
    ['90^{\\circ}', '90'],
    ['12\\text{ cm}', '12'],
    ['1,000', '1000'],
    ['10,\\!080', '10080'],
    ['50\\%', '50'],
    ['\\$18.90', '18.90'],
    ['\\text{(C)}', 'C'],
    ['\\tfrac12', '\\frac{1}{2}'],
    ['2\\pi r', '2\\pi r'],
    ['\\begin{pmatrix} 1 \\\\ -2 \\end{pmatrix}', '\\begin{pmatrix}1\\\\-2\\end{pmatrix}'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });
});

describe('checkAnswer: hand-written pairs', () => {
  it.each([
    // submitted, reference, verdict
    ['\\frac{1}{2}', '\\frac{1}{2}', 'correct'],
    ['\\left( 3, \\frac{\\pi}{2} \\right)', '(3, \\frac{\\pi}{2})', 'correct'],
    ['90', '90^\\circ', 'correct'],
    ['\\boxed{2^{n+2} - 5}', '2^{n+2}-5', 'correct'],
    ['1 + 2x', '2x+1', 'correct'],
    ['\\pi/2', '\\frac{\\pi}{2}', 'correct'],
    ['-2, 1', '1, -2', 'correct'],
    ['\\{3, 1\\}', '\\{1,3\\}', 'correct'],
    ['devon', '\\text{Devon}', 'correct'],
    ['0.5', '\\frac{1}{2}', 'equivalent_form'],
    ['\\frac{2}{4}', '\\frac{1}{2}', 'equivalent_form'],
    ['(x-1)(x+1)', 'x^2-1', 'equivalent_form'],
    ['x^2-1', '(x-1)(x+1)', 'equivalent_form'],
    ['\\sqrt{12}', '2\\sqrt{3}', 'equivalent_form'],
    ['\\frac{1}{\\sqrt{2}}', '\\frac{\\sqrt{2}}{2}', 'equivalent_form'],
    ['4 \\cdot 2^n - 5', '2^{n+2} - 5', 'equivalent_form'],
    ['3', '4', 'incorrect'],
    ['0.333', '\\frac{1}{3}', 'incorrect'],
    ['x^2+1', 'x^2-1', 'incorrect'],
    ['(3, \\pi)', '(3, \\frac{\\pi}{2})', 'incorrect'],
    ['[1, 2)', '[1, 2]', 'incorrect'],
    ['1, 2, 3', '1, 2', 'incorrect'],
    ['Evelyn', '\\text{Devon}', 'incorrect'],
    ['y = 3 + 2x', 'y = 2x + 3', 'correct'],
    ['0 = 5x - 7y + 11z + 4', '5x - 7y + 11z + 4 = 0', 'correct'],
    ['2x - y + 3 = 0', 'y = 2x + 3', 'equivalent_form'],
    ['-5x + 7y - 11z - 4 = 0', '5x - 7y + 11z + 4 = 0', 'equivalent_form'],
    ['5x - 7y + 11z = 4', '5x - 7y + 11z + 4 = 0', 'incorrect'],
    ['[-2, 7]', 'x \\in [-2,7]', 'correct'],
    ['(-\\infty, 3) \\cup (5, \\infty)', '(5,\\infty)\\cup(-\\infty,3)', 'correct'],
    ['(-\\infty, 3] \\cup (5, \\infty)', '(5,\\infty)\\cup(-\\infty,3)', 'incorrect'],
    ['asdf@@#', '3', 'unparseable'],
    ['}}{{', '3', 'unparseable'],
    ['\\frac{', '\\frac{1}{2}', 'unparseable'],
    ['', '3', 'unparseable'],
  ] as const)('%s vs %s → %s', async (submitted, reference, verdict) => {
    const result = await checkAnswer(submitted, reference);
    expect(result.verdict).toBe(verdict);
  });

  it('explains what to fix for a right value in the wrong form', async () => {
    expect(detailText(await checkAnswer('0.5', '\\frac{1}{2}'))).toMatch(/exactly|not as a decimal/);
    expect(detailText(await checkAnswer('\\frac{2}{4}', '\\frac{1}{2}'))).toMatch(/lowest terms/);
    expect(detailText(await checkAnswer('\\sqrt{12}', '2\\sqrt{3}'))).toMatch(/simplify the root/);
    expect(detailText(await checkAnswer('\\frac{1}{\\sqrt{2}}', '\\frac{\\sqrt{2}}{2}'))).toMatch(/rationalise/);
    expect(detailText(await checkAnswer('(x-1)(x+1)', 'x^2-1'))).toMatch(/expanded or factored/);
    expect(detailText(await checkAnswer('3, \\frac{\\pi}{2}', '(3, \\frac{\\pi}{2})'))).toMatch(/brackets/);
  });

  it('says which layer decided', async () => {
    expect((await checkAnswer('42', '42')).method).toBe('exact');
    expect((await checkAnswer('\\boxed{42}', '42')).method).toBe('normalized');
    expect((await checkAnswer('\\sqrt{12}', '2\\sqrt{3}')).method).toBe('symbolic');
    expect((await checkAnswer('2^{n+2}-5', '4\\cdot 2^n - 5')).method).toBe('numeric');
  });

  it('tells a rounded decimal apart from a wrong value', async () => {
    const result = await checkAnswer('0.333', '\\frac{1}{3}');
    expect(detailText(result)).toMatch(/rounded/);
    expect((await checkAnswer('0.5', '\\frac{1}{3}')).detail).toBeUndefined();
  });

  it('does not let one answer change how the next is read (symbol scopes)', async () => {
    // Reading `f(x)` makes `f` a function in the engine; without a fresh scope per check,
    // the plain symbol `f` below would then fail to parse.
    expect((await checkAnswer('1+f(x)', 'f(x)+1')).verdict).toBe('correct');
    expect((await checkAnswer('1+f', 'f+1')).verdict).toBe('correct');
    expect((await checkAnswer('f+2', 'f+1')).verdict).toBe('incorrect');
  });

  it('never throws on hostile input and skips the CAS for very long input', async () => {
    const hostile: unknown[] = [undefined, null, 42, {}, '\\'.repeat(10_000), '{'.repeat(5_000), '\\frac'.repeat(300), '\u0000\ud800', 'x^'.repeat(400)];
    for (const h of hostile) {
      const result = await checkAnswer(h as string, '1');
      expect(['correct', 'equivalent_form', 'incorrect', 'unparseable']).toContain(result.verdict);
      const reverse = await checkAnswer('1', h as string);
      expect(['correct', 'equivalent_form', 'incorrect', 'unparseable']).toContain(reverse.verdict);
    }
    const long = `${'1+'.repeat(300)}1`;
    const started = Date.now();
    const result = await checkAnswer(long, '301');
    expect(result.verdict).toBe('unparseable');
    expect(detailText(result)).toMatch(/too long/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
