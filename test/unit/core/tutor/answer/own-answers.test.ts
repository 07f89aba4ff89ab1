/**
 * The answer checker on our own problems' answers (test/fixtures/formats/answers.jsonl) and on
 * labelled student/reference pairs (answer-pairs.json): each answer against itself, against
 * rewrites a student might type, and against other problems' answers. The same checks on the
 * 500 MATH-500 gold answers: test/reference/tutor/math500.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AnswerVerdict, compareAnswers, normalizeAnswer } from '../../../../../electron/core/tutor/answer/index.js';
import { otherFormRewrites, sameFormRewrites } from './rewrites.js';

const formats = path.resolve(import.meta.dirname, '../../../../fixtures/formats');
const problems = readFileSync(path.join(formats, 'answers.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; subject: string; problem: string; answer: string });
const answers = problems.map((p) => p.answer);
const pairs = JSON.parse(readFileSync(path.join(formats, 'answer-pairs.json'), 'utf8')) as {
  submitted: string;
  reference: string;
  verdict: AnswerVerdict;
  why: string;
}[];

describe('checkAnswer on our own answers', () => {
  it('has 66 labelled problems with distinct ids', () => {
    expect(problems).toHaveLength(66);
    expect(new Set(problems.map((p) => p.id)).size).toBe(66);
    for (const p of problems) expect(p.problem.length && p.answer.length, p.id).toBeGreaterThan(0);
  });

  it('accepts every answer compared with itself', () => {
    const wrong = answers.filter((a) => compareAnswers(a, a).verdict !== 'correct');
    expect(wrong).toEqual([]);
  });

  it('accepts same-form rewrites (\\boxed, $, spaces, \\dfrac, \\left/\\right, x =, ^\\circ, list order) as correct', () => {
    let total = 0;
    const kinds = new Set<string>();
    const failures: string[] = [];
    for (const a of answers) {
      for (const [kind, rewrite] of sameFormRewrites(a)) {
        total++;
        kinds.add(kind);
        const result = compareAnswers(rewrite, a);
        if (result.verdict !== 'correct') failures.push(`${kind}: ${rewrite} vs ${a} → ${result.verdict}`);
      }
    }
    expect(total).toBeGreaterThan(350);
    expect([...kinds].sort()).toEqual(
      ['boxed', 'degrees', 'dfrac', 'dollars', 'left/right', 'list reversed', 'spaces', 'terms swapped', 'text', 'trailing period', 'x = prefix'].sort(),
    );
    expect(failures).toEqual([]);
  });

  it('calls decimals and unreduced fractions of fraction answers "equivalent_form"', () => {
    let total = 0;
    const failures: string[] = [];
    for (const a of answers) {
      for (const [kind, rewrite] of otherFormRewrites(a)) {
        total++;
        const result = compareAnswers(rewrite, a);
        if (result.verdict !== 'equivalent_form') failures.push(`${kind}: ${rewrite} vs ${a} → ${result.verdict}`);
      }
    }
    expect(total).toBeGreaterThan(15);
    expect(failures).toEqual([]);
  });

  it('rejects another problem’s answer in every pair', () => {
    const notIncorrect: string[] = [];
    let pairsChecked = 0;
    for (const shift of [7, 23, 41]) {
      answers.forEach((reference, i) => {
        const other = answers[(i + shift) % answers.length] as string;
        // Two problems can share an answer ("\\frac{1}{3}"); those pairs are not non-equivalent.
        if (normalizeAnswer(other) === normalizeAnswer(reference)) return;
        pairsChecked++;
        const { verdict } = compareAnswers(other, reference);
        if (verdict !== 'incorrect') notIncorrect.push(`${other} vs ${reference} → ${verdict}`);
      });
    }
    expect(pairsChecked).toBeGreaterThan(180);
    expect(notIncorrect).toEqual([]);
  });

  it('rejects integer answers that are off by one', () => {
    const ints = answers.filter((a) => /^-?\d+$/.test(a));
    const wrong = ints.filter((a) => compareAnswers(String(Number(a) + 1), a).verdict !== 'incorrect');
    expect(ints.length).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });
});

describe('checkAnswer on labelled pairs', () => {
  it('covers all three verdicts', () => {
    expect(new Set(pairs.map((p) => p.verdict))).toEqual(new Set(['correct', 'equivalent_form', 'incorrect']));
  });

  it.each(pairs.map((p) => [p.why, p] as const))('%s', (_why, p) => {
    expect(compareAnswers(p.submitted, p.reference).verdict).toBe(p.verdict);
  });
});
