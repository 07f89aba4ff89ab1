/**
 * Rewrites of a reference answer that a student might type, shared by the answer-checker tests
 * on our own answers (own-answers.test.ts) and on MATH-500 (test/reference/tutor/math500.test.ts).
 */
import { normalizeAnswer } from '../../../../../electron/core/tutor/answer/index.js';

/** Rewrites that keep the same answer in the same form. */
export function sameFormRewrites(a: string): [string, string][] {
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
export function otherFormRewrites(a: string): [string, string][] {
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
