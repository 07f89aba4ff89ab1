/**
 * What to tell a student whose value is right but whose form is not the expected one (a coded
 * message). The hint names the actual difference: a decimal for an exact value, a fraction
 * that reduces, a root below the fraction line, a root with a square factor left inside.
 */
import { type Message, msg } from '../../../../shared/messages.js';
import { hasUnreducedFraction } from './exact.js';
import { matchingBrace } from './normalize.js';

const HAS_DECIMAL = /\d\.\d/;

/** The denominators of every `\frac{…}{…}` (brace-balanced), and of `…/…`. */
function denominators(s: string): string[] {
  const out: string[] = [];
  const re = /\\frac\{/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const numClose = matchingBrace(s, m.index + 5);
    if (numClose < 0 || s[numClose + 1] !== '{') continue;
    const denClose = matchingBrace(s, numClose + 1);
    if (denClose > 0) out.push(s.slice(numClose + 2, denClose));
  }
  const slash = s.indexOf('/');
  if (slash >= 0) out.push(s.slice(slash + 1));
  return out;
}

const rootBelowLine = (s: string) => denominators(s).some((d) => d.includes('\\sqrt'));

/** `\sqrt{n}` (or `\sqrt n`) with a square factor above 1 left inside (√12, √72). */
function rootWithSquareFactor(s: string): boolean {
  const re = /\\sqrt\{?(\d{1,9})\}?/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const n = Number(m[1]);
    for (let k = 2; k * k <= n; k++) if (n % (k * k) === 0) return true;
  }
  return false;
}

/** Answers are at most a few hundred characters; the hint looks no further (keeps it linear). */
const HINT_CHARS = 2_000;

export function formHint(referenceText: string, submittedText: string, hasVariables: boolean): Message {
  const reference = typeof referenceText === 'string' ? referenceText.slice(0, HINT_CHARS) : '';
  const submitted = typeof submittedText === 'string' ? submittedText.slice(0, HINT_CHARS) : '';
  if (HAS_DECIMAL.test(submitted) && !HAS_DECIMAL.test(reference)) return msg('answer.form.exact');
  if (HAS_DECIMAL.test(reference) && !HAS_DECIMAL.test(submitted)) return msg('answer.form.decimal');
  if (rootBelowLine(submitted) && !rootBelowLine(reference)) return msg('answer.form.rationalise');
  if (rootWithSquareFactor(submitted) && !rootWithSquareFactor(reference)) return msg('answer.form.root', { example: '√12 = 2√3' });
  if (hasUnreducedFraction(submitted) && !hasUnreducedFraction(reference)) return msg('answer.form.reduce');
  if (hasVariables) return msg('answer.form.expression');
  return msg('answer.form.simplest');
}
