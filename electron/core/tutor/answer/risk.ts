/**
 * Cheap screening of an answer before it reaches the CAS: answers that would make the
 * Compute Engine build a huge exact integer or run a huge loop are not sent to it at all
 * (`9^{9^{9^{9}}}` held the host 54 s; `\sum_{n=1}^{10^{12}} n` ran 8 minutes at 1.5 GB).
 * What still slips through is stopped by the worker's time and memory budget (cas-pool.ts).
 * Linear in the input, which is already capped at MAX_CAS_CHARS.
 */
import { matchingBrace } from './normalize.js';
import { quickDigits, quickParse, quickValue } from './quick-eval.js';

/** An exact value with more digits than this is not worth computing for a comparison. */
export const MAX_EXACT_DIGITS = 5_000;
/** Sums, products and binomials with bounds above this are left to numeric/text checking. */
export const MAX_LOOP_BOUND = 10_000;
/** Longer text is refused outright (the answer checker sends at most 500 characters). */
const MAX_SCREEN_CHARS = 2_000;
/** `a^{b^{c^{d}}}`: powers nested this deep are never sent to the CAS. */
export const MAX_POWER_NESTING = 3;

/** How deeply `^` groups nest (`9^{9^{9^{9}}}` is 4). */
function powerNesting(s: string): number {
  let max = 0;
  const open: number[] = []; // brace depth at which each `^{` group opened
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '^') {
      max = Math.max(max, open.length + 1);
      if (s[i + 1] === '{') {
        open.push(depth);
        depth++;
        i++;
      }
    } else if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (open.length && open[open.length - 1] === depth) open.pop();
    }
  }
  return max;
}

/** The argument after position `at`: a braced group or a single character. */
function argumentAt(s: string, at: number): { text: string; end: number } | null {
  if (s[at] === '{') {
    const close = matchingBrace(s, at);
    return close < 0 ? null : { text: s.slice(at + 1, close), end: close + 1 };
  }
  if (s[at] === '\\') {
    const m = /^\\[a-zA-Z]+/.exec(s.slice(at, at + 40));
    return m ? { text: m[0], end: at + m[0].length } : null;
  }
  return at < s.length ? { text: s[at] as string, end: at + 1 } : null;
}

/** A bound is small when it reads as a number no larger than MAX_LOOP_BOUND. */
function smallBound(text: string): boolean {
  const parsed = quickParse(text);
  if (!parsed) return false;
  const v = quickValue(parsed);
  return Number.isFinite(v) && Math.abs(v) <= MAX_LOOP_BOUND;
}

function loopRisk(s: string): string | null {
  const loops = /\\(sum|prod)(?![a-zA-Z])|\\binom(?![a-zA-Z])/g;
  for (let m = loops.exec(s); m; m = loops.exec(s)) {
    let at = m.index + m[0].length;
    if (!m[1]) {
      // \binom{n}{k}: both arguments must be small.
      const n = argumentAt(s, at);
      const k = n ? argumentAt(s, n.end) : null;
      if (!n || !k || !smallBound(n.text) || !smallBound(k.text)) return 'a binomial coefficient with large or unknown arguments';
      continue;
    }
    let upper: string | null = null;
    for (let part = 0; part < 2; part++) {
      const mark = s[at];
      if (mark !== '_' && mark !== '^') break;
      const arg = argumentAt(s, at + 1);
      if (!arg) break;
      if (mark === '^') upper = arg.text;
      at = arg.end;
    }
    if (upper === null || !smallBound(upper)) return `a \\${m[1]} with a large or unknown bound`;
  }
  return null;
}

/** Why this normalised answer must not go to the CAS, or null when it may. */
export function casRisk(normalized: string): string | null {
  // The checker never sends more than MAX_CAS_CHARS to the CAS; longer input is not screened
  // (a bracket matcher per \sum would make this quadratic), just refused.
  if (normalized.length > MAX_SCREEN_CHARS) return 'too long for the CAS';
  if (powerNesting(normalized) >= MAX_POWER_NESTING) return 'a tower of powers';
  const loop = loopRisk(normalized);
  if (loop) return loop;
  if (/\\infty|\\lim(?![a-zA-Z])/.test(normalized) && /\\(?:sum|prod|int)(?![a-zA-Z])/.test(normalized)) return 'an infinite sum, product or integral';
  const parsed = quickParse(normalized);
  if (parsed && quickDigits(parsed) > MAX_EXACT_DIGITS) return 'a number too large to compute exactly';
  // Factorials and huge powers inside what the quick reader cannot follow.
  if (/(?<!\d)\d{5,}!|\^\{?\d{6,}/.test(normalized)) return 'a number too large to compute exactly';
  return null;
}
