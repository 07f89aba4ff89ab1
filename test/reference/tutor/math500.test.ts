/**
 * The answer checker against the 500 real MATH-500 gold answers: each answer against itself and
 * against rewrites that a student might type, and against other problems' answers. The same
 * checks on our own answers: test/unit/core/tutor/answer/own-answers.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareAnswers, normalizeAnswer } from '../../../electron/core/tutor/answer/index.js';
import { otherFormRewrites, sameFormRewrites } from '../../unit/core/tutor/answer/rewrites.js';
import { referenceFile } from '../reference-dir.js';

const answers = readFileSync(referenceFile('math500/test.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { answer: string }).answer);

describe('checkAnswer on MATH-500 answers', () => {
  it('has all 500 answers', () => {
    expect(answers).toHaveLength(500);
  });

  it('accepts every answer compared with itself', () => {
    const verdicts = answers.map((a) => compareAnswers(a, a).verdict);
    expect(verdicts.filter((v) => v === 'correct')).toHaveLength(500);
  });

  it('accepts same-form rewrites (\\boxed, $, spaces, \\dfrac, \\left/\\right, x =, ^\\circ, list order) as correct', () => {
    let total = 0;
    const failures: string[] = [];
    for (const a of answers) {
      for (const [kind, rewrite] of sameFormRewrites(a)) {
        total++;
        const result = compareAnswers(rewrite, a);
        if (result.verdict !== 'correct') failures.push(`${kind}: ${rewrite} vs ${a} → ${result.verdict}`);
      }
    }
    console.log(`MATH-500 same-form rewrites: ${total - failures.length}/${total} correct`);
    expect(total).toBeGreaterThan(2_000);
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
    console.log(`MATH-500 other-form rewrites: ${total - failures.length}/${total} equivalent_form`);
    expect(total).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });

  it('rejects another problem’s answer in at least 95% of pairs', () => {
    const counts: Record<string, number> = {};
    const notIncorrect: string[] = [];
    let pairs = 0;
    for (const shift of [37, 211]) {
      answers.forEach((reference, i) => {
        const other = answers[(i + shift) % answers.length] as string;
        // Two problems can share an answer ("2"); those pairs are not non-equivalent.
        if (normalizeAnswer(other) === normalizeAnswer(reference)) return;
        pairs++;
        const { verdict } = compareAnswers(other, reference);
        counts[verdict] = (counts[verdict] ?? 0) + 1;
        if (verdict !== 'incorrect') notIncorrect.push(`${other} vs ${reference} → ${verdict}`);
      });
    }
    const rate = (counts.incorrect ?? 0) / pairs;
    console.log(`MATH-500 non-equivalent pairs: ${pairs}, verdicts ${JSON.stringify(counts)}, incorrect ${(rate * 100).toFixed(1)}%`);
    if (notIncorrect.length) console.log(notIncorrect.slice(0, 20).join('\n'));
    expect(pairs).toBeGreaterThan(950);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  it('rejects integer answers that are off by one', () => {
    const ints = answers.filter((a) => /^-?\d+$/.test(a));
    const wrong = ints.filter((a) => compareAnswers(String(Number(a) + 1), a).verdict !== 'incorrect');
    expect(ints.length).toBeGreaterThan(250);
    expect(wrong).toEqual([]);
  });
});
