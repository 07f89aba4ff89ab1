/**
 * The answer checker against the 500 real MATH-500 gold answers: each answer against itself and
 * against rewrites that a student might type, and against other problems' answers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareAnswers, normalizeAnswer } from '../../../../../electron/core/tutor/answer/index.js';

const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const answers = readFileSync(path.resolve(repoRoot, '../shared/reference/math500/test.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { answer: string }).answer);

/** Rewrites that keep the same answer in the same form. */
function sameFormRewrites(a: string): [string, string][] {
  const out: [string, string][] = [
    ['boxed', `\\boxed{${a}}`],
    ['dollars', `$${a}$`],
    ['spaces', a.replace(/,/g, ', ').replace(/([+=])/g, ' $1 ')],
    ['trailing period', `${a}.`],
  ];
  if (a.includes('\\frac')) out.push(['dfrac', a.replace(/\\frac/g, '\\dfrac')]);
  if (/^\(.*\)$/.test(a)) out.push(['left/right', `\\left${a.slice(0, -1)}\\right)`]);
  if (/^-?\d+$/.test(a)) out.push(['x = prefix', `x = ${a}`], ['degrees', `${a}^\\circ`], ['text', `\\text{${a}}`]);
  const parts = a.split(',');
  // Only real lists: "10,\\!080" is one number, and normalising says so.
  if (parts.length > 1 && !/[()[\]{}]/.test(a) && normalizeAnswer(a).includes(',')) out.push(['list reversed', [...parts].reverse().join(',')]);
  // Term order is not form: "a+b" and "b+a" are the same answer (decided by the CAS).
  const sum = /^([^+\-=,()[\]{}]+)\+([^+\-=,()[\]{}]+)$/.exec(a);
  if (sum) out.push(['terms swapped', `${sum[2]}+${sum[1]}`]);
  return out;
}

/** Rewrites with the same value in a different form: decimals and unreduced fractions. */
function otherFormRewrites(a: string): [string, string][] {
  const frac = /^(-?)\\[dt]?frac\{(\d+)\}\{(\d+)\}$/.exec(a);
  if (!frac) return [];
  const [, sign, num, den] = frac as unknown as [string, string, string, string];
  const out: [string, string][] = [['unreduced', `${sign}\\frac{${Number(num) * 3}}{${Number(den) * 3}}`]];
  let rest = Number(den);
  while (rest % 2 === 0) rest /= 2;
  while (rest % 5 === 0) rest /= 5;
  if (rest === 1) out.push(['decimal', `${sign}${Number(num) / Number(den)}`]);
  return out;
}

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
