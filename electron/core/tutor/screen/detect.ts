/**
 * Decides what in a tutor text gives the final answer away before the last step.
 *
 * Two screens, both linear in the text:
 * - syntactic, always on: a box (`\boxed{…}`), and the answer phrasings ("the final answer
 *   is", "the answer is", "Answer:", a "Final answer" heading, 答案是, 答：) followed by a value;
 * - by value, when the reference answer is known: every stated value (formula pieces, plain
 *   numbers, plain expressions) compared with each part of the reference by value, equivalent
 *   forms and decimals at any rounding included. A value that is also an ordinary intermediate
 *   result (a small integer, a half) is held only when the text states it as a conclusion, as
 *   an approximation, or as its last result; anything else that matches is held wherever it is.
 */
import { type Candidate, closeBrace, findCandidates, segments } from './scan.js';
import { type CompiledReference, matchReference } from './reference.js';

export interface Span {
  start: number;
  end: number;
  reason: LeakReason;
}

export type LeakReason = 'boxed' | 'answer_phrase' | 'reference_value';

/** Values compared per text: a long derivation is screened in full, but each value once. */
const MAX_VALUE_CHECKS = 400;

/** Phrases after which what follows is the answer (lower case; checked on bounded slices). */
const ANSWER_PHRASES = ['final answer', 'the answer is', 'answer:', 'answer：', 'answer is', 'answer =', '答案是', '答案为', '答案:', '答案：', '答：', '答:', '最终答案', '最后答案'];

/** Where an answer phrase's value ends: the math block after it, else the sentence or line. */
function valueEnd(text: string, from: number, segEnds: Map<number, number>): number {
  let i = from;
  const limit = Math.min(text.length, from + 200);
  while (i < limit && (text[i] === ' ' || text[i] === '\t' || text[i] === '*' || text[i] === '_' || text[i] === ':' || text[i] === '：')) i++;
  const formulaEnd = segEnds.get(i);
  if (formulaEnd !== undefined) return formulaEnd;
  for (let j = i; j < limit; j++) {
    const c = text[j];
    if (c === '\n') return j === i ? paragraphEnd(text, j, limit) : j;
    if ((c === '.' || c === '。') && (j + 1 >= text.length || /\s/.test(text[j + 1]!)) && !/\d/.test(text[j + 1] ?? '')) return j;
    const seg = segEnds.get(j);
    if (seg !== undefined) j = seg - 1;
  }
  return limit;
}

/** "Answer:" alone on its line: the answer is the next non-empty line. */
function paragraphEnd(text: string, from: number, limit: number): number {
  let j = from;
  while (j < limit && /\s/.test(text[j]!)) j++;
  while (j < limit && text[j] !== '\n') j++;
  return j;
}

function syntacticSpans(text: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  const segs = segments(text, from, to);
  const segEnds = new Map<number, number>();
  for (const s of segs) if (s.kind !== 'text') segEnds.set(s.start, s.end);
  // Boxes anywhere, inside formulas too; one cut off by the end of the text runs to the end.
  for (const name of ['\\boxed', '\\fbox']) {
    for (let at = text.indexOf(name, from); at >= 0 && at < to; ) {
      let open = at + name.length;
      while (open < to && text[open] === ' ') open++;
      if (text[open] !== '{') {
        at = text.indexOf(name, at + name.length);
        continue;
      }
      const close = closeBrace(text, open + 1, to);
      const end = close < 0 ? to : close + 1;
      spans.push({ start: at, end, reason: 'boxed' });
      at = text.indexOf(name, end);
    }
  }
  const lower = text.slice(from, to).toLowerCase();
  for (const phrase of ANSWER_PHRASES) {
    for (let at = lower.indexOf(phrase); at >= 0; at = lower.indexOf(phrase, at + phrase.length)) {
      // "the answer is" must be followed by a value: a digit, a formula or a letter on its own.
      const start = from + at + phrase.length;
      let s = start;
      while (s < to && (text[s] === ' ' || text[s] === ':' || text[s] === '：' || text[s] === '*' || text[s] === '_' || text[s] === '=' || text[s] === '\t')) s++;
      // "the final answer is 42": the verb is not part of the value.
      for (const verb of ['is ', 'was ', 'are ', 'will be ', '是', '为']) {
        if (text.startsWith(verb, s) || text.slice(s, s + verb.length).toLowerCase() === verb) {
          s += verb.length;
          while (s < to && (text[s] === ' ' || text[s] === ':' || text[s] === '*')) s++;
          break;
        }
      }
      let end = valueEnd(text, s, segEnds);
      // A heading ("### Final Answer") or a line ending in ":" introduces the answer on the next
      // lines: hold through the next formula, or else to the end of the paragraph.
      if (/^[\s#*_]*$/.test(text.slice(Math.max(from, at + from - 8), at + from).replace(/final\s*$/i, '')) || /[:：]\s*$/.test(text.slice(s, end))) {
        const window = Math.min(to, end + 400);
        const para = text.slice(end, window).indexOf('\n\n');
        const limit = para < 0 ? window : end + para;
        for (let j = end; j < limit; j++) {
          const formulaEnd = segEnds.get(j);
          if (formulaEnd !== undefined) {
            end = formulaEnd;
            break;
          }
        }
      }
      while (s < end && /\s/.test(text[s]!)) s++;
      const value = text.slice(s, end);
      if (end > s && /[0-9$\\√π]|^\(?[a-zA-Z]\)?\s*$|^[a-zA-Z]\s*=/.test(value)) spans.push({ start: s, end, reason: 'answer_phrase' });
    }
  }
  return spans;
}

function holdsValue(c: Candidate, ref: CompiledReference): boolean {
  const part = matchReference(c.value, ref, { approximate: c.approximate });
  if (!part) return false;
  if (part.endpoint) return c.conclusive && c.atEnd;
  if (!part.common) return true;
  // A common value counts only when the text concludes with it: in a concluding sentence (not
  // as one item of a list), as an approximation, as the text's last result, or as its last word.
  return (c.conclusive && c.kind !== 'part') || c.approximate || (c.last && c.kind === 'rhs') || (c.atEnd && (c.kind === 'text' || c.kind === 'rhs' || c.afterIs));
}

export function findLeaks(text: string, opts: { reference: CompiledReference | null; from?: number; to?: number }): Span[] {
  const from = opts.from ?? 0;
  const to = opts.to ?? text.length;
  const spans = syntacticSpans(text, from, to);
  if (opts.reference) {
    let checks = 0;
    for (const c of findCandidates(text, from, to)) {
      if (checks++ >= MAX_VALUE_CHECKS) break;
      if (holdsValue(c, opts.reference)) spans.push({ start: c.start, end: c.end, reason: 'reference_value' });
    }
  }
  return spans.length ? wholeFormulas(spans, segments(text, from, to)) : spans;
}

/** A span that starts or ends inside a formula grows to the whole formula: half of one cannot be typeset. */
function wholeFormulas(spans: Span[], segs: ReturnType<typeof segments>): Span[] {
  const formulas = segs.filter((s) => s.kind !== 'text');
  const containing = (pos: number) => {
    let lo = 0;
    let hi = formulas.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const f = formulas[mid]!;
      if (pos < f.start) hi = mid - 1;
      else if (pos >= f.end) lo = mid + 1;
      else return f;
    }
    return null;
  };
  return spans.map((s) => {
    const a = containing(s.start);
    const b = containing(Math.max(s.start, s.end - 1));
    return { ...s, start: a ? Math.min(a.start, s.start) : s.start, end: b ? Math.max(b.end, s.end) : s.end };
  });
}

/** Replace each span with `marker`; overlapping spans merge. */
export function redactSpans(text: string, spans: Span[], marker: string): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const s of sorted) {
    if (s.end <= pos) continue;
    out += text.slice(pos, Math.max(pos, s.start)) + marker;
    pos = s.end;
  }
  return out + text.slice(pos);
}
