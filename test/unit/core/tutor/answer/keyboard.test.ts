/**
 * Keyboard notation (issue 13, point 1): what students type is read as the LaTeX it means, the
 * "read as" preview says so, and input that is not maths is "could not read" with how to type
 * it, never "wrong". The checker's fixes from point 2, case by case, with the words it says.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswer, compareAnswersQuick, normalizeAnswer, readAsTex } from '../../../../../electron/core/tutor/answer/index.js';
import { english } from '../../../../../shared/messages.js';

const detailText = (c: { detail?: Parameters<typeof english>[0] }) => (c.detail ? english(c.detail) : '');

describe('readAsTex: typed notation as TeX', () => {
  it.each([
    ['sqrt(3)', '\\sqrt{3}'],
    ['sqrt3', '\\sqrt{3}'],
    ['2+√3', '2+\\sqrt{3}'],
    ['5sqrt(2)/2', '\\frac{5\\sqrt{2}}{2}'],
    ['5*sqrt(2)/2', '\\frac{5\\cdot \\sqrt{2}}{2}'],
    ['pi/3', '\\frac{\\pi}{3}'],
    ['C(10,4)', '\\binom{10}{4}'],
    ['nCr(10, 4)', '\\binom{10}{4}'],
    ['10C4', '\\binom{10}{4}'],
    ['1 +- sqrt(19)', '1 \\pm \\sqrt{19}'],
    ['2^(n+1)', '2^{n+1}'],
    ['x**2', 'x^2'],
    ['2^10', '2^{10}'],
    ['2 1/2', '\\frac{5}{2}'],
    ['-1 1/2', '-\\frac{3}{2}'],
    ['4/3 < x < 6', '(\\frac{4}{3}, 6)'],
    ['x >= 3', '[3, \\infty)'],
    ['5 ≥ x', '(-\\infty, 5]'],
    ['x < 3 or x > 5', '(-\\infty, 3) \\cup (5, \\infty)'],
    ['(-inf, 3) U (5, inf)', '(-\\infty , 3) \\cup (5, \\infty )'],
    ['{1, 3}', '\\{1, 3\\}'],
    ['30 degrees', '30'],
    ['15 cm^2', '15'],
    ['3.2e5', '3.2\\times10^{5}'],
    ['(3+√3)/(3−√3)', '\\frac{3+\\sqrt{3}}{3-\\sqrt{3}}'],
  ])('%s → %s', (typed, tex) => {
    const read = readAsTex(typed);
    expect(read.tex.replace(/\s+/g, ' ')).toBe(tex.replace(/\s+/g, ' '));
    expect(read.readable).toBe(true);
  });

  it('says when it cannot read the input', () => {
    for (const typed of ['hello', '((3', '3+', 'x^^2', '1//2', 'sqrt(']) expect(readAsTex(typed).readable, typed).toBe(false);
  });

  it('leaves LaTeX as it was', () => {
    for (const tex of ['\\frac{1}{2}', '2\\sqrt{3}', '\\binom{10}{4}', '(-\\infty, 3]', '\\begin{pmatrix} 1 \\\\ -2 \\end{pmatrix}']) {
      expect(readAsTex(tex).tex).toBe(tex);
    }
  });
});

describe('checkAnswer: keyboard notation from the issue', () => {
  it.each([
    ['2+sqrt(3)', '2+\\sqrt{3}', 'correct'],
    ['sqrt(3)+2', '2+\\sqrt{3}', 'correct'],
    ['5*sqrt(2)/2', '\\frac{5\\sqrt{2}}{2}', 'correct'],
    ['5sqrt(2)/2', '\\frac{5\\sqrt{2}}{2}', 'correct'],
    ['x = 3', '3', 'correct'],
    ['CD = -5', '-5', 'correct'],
    ['4/3 < x < 6', '\\left(\\frac{4}{3}, 6\\right)', 'correct'],
    ['(-∞, 3) ∪ (5, ∞)', '(-\\infty,3)\\cup(5,\\infty)', 'correct'],
    ['30 degrees', '30^\\circ', 'correct'],
    ['5.4 cents', '5.4\\text{ cents}', 'correct'],
    ['c', '\\text{(C)}', 'correct'],
    ['2 1/2', '2\\frac{1}{2}', 'correct'],
    ['-35/9', '-\\frac{35}{9}', 'correct'],
  ] as const)('%s vs %s → %s', async (typed, reference, verdict) => {
    expect((await checkAnswer(typed, reference)).verdict).toBe(verdict);
  });

  it('accepts C(10,4) for \\binom{10}{4} and for 210', async () => {
    expect(['correct', 'equivalent_form']).toContain((await checkAnswer('C(10,4)', '\\binom{10}{4}')).verdict);
    expect(['correct', 'equivalent_form']).toContain((await checkAnswer('C(10,4)', '210')).verdict);
    expect((await checkAnswer('C(10,3)', '210')).verdict).toBe('incorrect');
  });

  it('says "could not read" with how to type it, never "wrong", for input that is not maths', async () => {
    for (const typed of ['hello', '((3', '3+', 'x^^2+1', 'one half']) {
      const check = await checkAnswer(typed, typed === 'x^^2+1' ? 'x^2+1' : '3');
      expect(check.verdict, typed).toBe('unparseable');
      expect(check.detail?.code, typed).toBe('answer.unreadableHowTo');
      expect(detailText(check), typed).toMatch(/couldn't read.*sqrt\(3\)/);
    }
    // A word against a word answer is an answer, and a wrong one.
    expect((await checkAnswer('Evelyn', '\\text{Devon}')).verdict).toBe('incorrect');
    expect((await checkAnswer('yes', '\\text{no}')).verdict).toBe('incorrect');
  });
});

describe('checkAnswer: the grader gaps named in the issue', () => {
  it('expands a ± reference into both values', async () => {
    expect((await checkAnswer('1+\\sqrt{19}, 1-\\sqrt{19}', '1\\pm\\sqrt{19}')).verdict).toBe('correct');
    expect((await checkAnswer('1-\\sqrt{19}, 1+\\sqrt{19}', '1\\pm\\sqrt{19}')).verdict).toBe('correct');
    expect((await checkAnswer('1+\\sqrt{19}', '1\\pm\\sqrt{19}')).verdict).toBe('incorrect');
    expect((await checkAnswer('1\\pm\\sqrt{17}', '1\\pm\\sqrt{19}')).verdict).toBe('incorrect');
  });

  it('strips a unit with its power: 15 cm² does not accept 225, and says nothing about a right value', async () => {
    const wrong = await checkAnswer('225', '15\\mbox{ cm}^2');
    expect(wrong.verdict).toBe('incorrect');
    expect(detailText(wrong)).not.toMatch(/value is right/i);
    expect((await checkAnswer('15', '15\\mbox{ cm}^2')).verdict).toBe('correct');
    expect((await checkAnswer('512', '8\\text{ m}^3')).verdict).toBe('incorrect');
  });

  it('compares integers and exact values exactly', async () => {
    expect((await checkAnswer('11,111,111,110', '11,111,111,100')).verdict).toBe('incorrect');
    expect((await checkAnswer('10^9+6', '10^{9}+7')).verdict).toBe('incorrect');
    expect((await checkAnswer('2147483646', '2^{31}-1')).verdict).toBe('incorrect');
    expect((await checkAnswer('2147483647', '2^{31}-1')).verdict).not.toBe('incorrect');
    // A long decimal of a value whose decimal never ends is the one inexact case.
    expect((await checkAnswer('3.142857142857143', '\\frac{22}{7}')).verdict).toBe('equivalent_form');
    expect(compareAnswersQuick('11111111110', '11111111100').verdict).toBe('incorrect');
  });

  it('reads percent by the convention of the reference or the question', async () => {
    const probability = { question: 'What is the probability of drawing a red card? Express your answer as a common fraction.' };
    expect((await checkAnswer('20%', '\\frac{1}{5}', probability)).verdict).toBe('correct');
    expect((await checkAnswer('20', '\\frac{1}{5}', probability)).verdict).toBe('incorrect');
    expect((await checkAnswer('90%', '90\\%')).verdict).toBe('correct');
    const asPercent = await checkAnswer('0.9', '90\\%');
    expect(asPercent.verdict).toBe('equivalent_form');
    expect(asPercent.detail?.code).toBe('answer.form.percent');
    const percentQuestion = { question: 'What percent of the students passed?' };
    expect((await checkAnswer('90%', '90', percentQuestion)).verdict).toBe('correct');
    expect((await checkAnswer('90%', '0.9', { question: 'What is x?' })).verdict).toBe('equivalent_form');
    expect((await checkAnswer('90%', '90', { question: 'How many degrees are in angle ABC?' })).verdict).toBe('incorrect');
  });

  it('calls a different typing the same form, and names the real form issue otherwise', async () => {
    expect((await checkAnswer('-35/9', '-\\frac{35}{9}')).verdict).toBe('correct');
    expect((await checkAnswer('\\frac{-35}{9}', '-\\frac{35}{9}')).verdict).toBe('correct');
    const rationalise = await checkAnswer('(3+√3)/(3−√3)', '2+\\sqrt{3}');
    expect(rationalise.verdict).toBe('equivalent_form');
    expect(rationalise.detail?.code).toBe('answer.form.rationalise');
    expect((await checkAnswer('\\sqrt{72}', '6\\sqrt{2}')).detail?.code).toBe('answer.form.root');
    expect((await checkAnswer('\\frac{6}{8}', '\\frac{3}{4}')).detail?.code).toBe('answer.form.reduce');
    expect((await checkAnswer('0.75', '\\frac{3}{4}')).detail?.code).toBe('answer.form.exact');
  });

  it('normalises unicode and plain-text units', () => {
    expect(normalizeAnswer('(-∞, 3) ∪ (5, ∞)')).toBe(normalizeAnswer('(-\\infty,3)\\cup(5,\\infty)'));
    expect(normalizeAnswer('30 degrees')).toBe('30');
    expect(normalizeAnswer('5.4 cents')).toBe('5.4');
    expect(normalizeAnswer('Sunday')).toBe('Sunday');
    expect(normalizeAnswer('\\text{Thursday}')).toBe('Thursday');
  });
});
