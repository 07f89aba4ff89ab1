/**
 * Catches a tutor message that gives away the final answer before the last step (the failure
 * in the ReasonFlux reference run, where step 1 already ends in the boxed result). Finds
 * `\boxed{…}`, "the final answer is …", "Answer: …" lines and, given the reference answer,
 * a standalone "= <reference>" result; the redacted text replaces each with HELD_BACK.
 */
import { compareAnswers } from './answer/compare.js';
import { matchingBrace, normalizeAnswer } from './answer/normalize.js';

import { HELD_BACK } from '../../../shared/tutor.js';

export { HELD_BACK };

export interface LeakReport {
  leaked: boolean;
  redacted: string;
  reason?: string;
}

interface Span {
  start: number;
  end: number;
  reason: string;
}

/** Candidate results longer than this are not compared (they are derivations, not answers). */
const MAX_RESULT_CHARS = 120;
/** CAS comparisons per message; each costs a few milliseconds. */
const MAX_CAS_CANDIDATES = 30;

function boxedSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = /\\(?:boxed|fbox)\s*\{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const close = matchingBrace(text, m.index + m[0].length - 1);
    // A stream cut off inside the box still shows the start of the answer.
    const end = close < 0 ? text.length : close + 1;
    spans.push({ start: m.index, end, reason: 'a boxed final answer' });
    re.lastIndex = end;
  }
  return spans;
}

/** End of the answer phrase that starts at `from`: a math block, else the sentence or line. */
function answerEnd(text: string, from: number): number {
  const rest = text.slice(from);
  const math = /^(\$\$|\$|\\\[|\\\()/.exec(rest);
  if (math) {
    const closer = { $$: '$$', $: '$', '\\[': '\\]', '\\(': '\\)' }[math[1] as '$$' | '$' | '\\[' | '\\('];
    const close = text.indexOf(closer, from + (math[1] ?? '').length);
    return close < 0 ? text.length : close + closer.length;
  }
  const stop = /\n|\.(?:\s|$)/.exec(rest);
  return stop ? from + stop.index : text.length;
}

function phraseSpans(text: string): Span[] {
  const spans: Span[] = [];
  const finalIs = /\b(?:the\s+)?final\s+answer\s*(?:is|=|:)\s*(?:\*\*|__)?\s*/gi;
  for (let m = finalIs.exec(text); m; m = finalIs.exec(text)) {
    const start = m.index + m[0].length;
    const end = answerEnd(text, start);
    if (end > start) spans.push({ start, end, reason: '"the final answer is …"' });
  }
  const answerLine = /^[ \t>*_#-]*(?:final\s+)?answer\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?[ \t]*/gim;
  for (let m = answerLine.exec(text); m; m = answerLine.exec(text)) {
    const start = m.index + m[0].length;
    const lineEnd = text.indexOf('\n', start);
    let end = lineEnd < 0 ? text.length : lineEnd;
    // "Answer:" alone on its line: the answer is the next paragraph.
    if (!text.slice(start, end).trim()) end = paragraphEnd(text, end);
    if (end > start) spans.push({ start, end, reason: 'an "Answer:" line' });
  }
  const heading = /^#{1,6}[ \t]*(?:the[ \t]+)?final[ \t]+answer[ \t]*:?[ \t]*$/gim;
  for (let m = heading.exec(text); m; m = heading.exec(text)) {
    const after = m.index + m[0].length;
    const start = after + Math.max(0, text.slice(after).search(/\S/));
    const end = paragraphEnd(text, after);
    if (end > start) spans.push({ start, end, reason: 'a "Final Answer" section' });
  }
  return spans;
}

/** From `from`, skip blank lines, then run to the next blank line. */
function paragraphEnd(text: string, from: number): number {
  const startOfContent = text.slice(from).search(/\S/);
  if (startOfContent < 0) return from;
  const blank = /\n[ \t]*\n/.exec(text.slice(from + startOfContent));
  return blank ? from + startOfContent + blank.index : text.length;
}

/** Right-hand sides of `=` (and "is $…$"), each up to the end of its math or clause. */
function resultCandidates(text: string): Span[] {
  const out: Span[] = [];
  const eq = /(?<![<>!:=\\])=(?!=)|\bis\s+(?=\$|\\\(|\\\[)/g;
  for (let m = eq.exec(text); m; m = eq.exec(text)) {
    let start = m.index + m[0].length;
    const opener = /^(\$\$?|\\\(|\\\[)/.exec(text.slice(start));
    if (opener) start += (opener[1] ?? '').length;
    const rest = text.slice(start, start + MAX_RESULT_CHARS * 2);
    const stop = /\\\]|\\\)|\$|\n|\\quad|\\qquad|\\\\|,\s|\.(?:\s|$)|;|=|\\text\b|\\(?:le|ge|lt|gt|neq)\b|[<>]/.exec(rest);
    const raw = stop ? rest.slice(0, stop.index) : rest;
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    if (value && value.length <= MAX_RESULT_CHARS) {
      out.push({ start: start + lead, end: start + lead + value.length, reason: 'the reference answer stated as a result' });
    }
  }
  return out;
}

/** The single-letter unknowns in a LaTeX string (command names removed), as a sorted key. */
function letters(latex: string): string {
  const bare = latex.replace(/\\[a-zA-Z]+/g, ' ');
  return [...new Set(bare.match(/[a-zA-Z]/g) ?? [])].sort().join('');
}

function referenceSpans(text: string, reference: string): Span[] {
  const refNorm = normalizeAnswer(reference);
  if (!refNorm) return [];
  let candidates = resultCandidates(text);
  // A short answer like "5" also shows up as intermediate values; only the last result counts.
  if (refNorm.length <= 2) candidates = candidates.slice(-1);
  const spans: Span[] = [];
  const refLetters = letters(refNorm);
  let casChecks = 0;
  for (const c of candidates) {
    const value = text.slice(c.start, c.end);
    const valueNorm = normalizeAnswer(value);
    if (!valueNorm) continue;
    if (valueNorm === refNorm) {
      spans.push(c);
      continue;
    }
    if (refNorm.length < 3 || casChecks >= MAX_CAS_CANDIDATES || !/[0-9a-zA-Z\\]/.test(valueNorm)) continue;
    // Same value needs the same unknowns; this skips most candidates without the CAS.
    if (letters(valueNorm) !== refLetters) continue;
    casChecks++;
    const check = compareAnswers(value, reference);
    if (check.verdict === 'correct' || check.verdict === 'equivalent_form') spans.push(c);
  }
  return spans;
}

function redact(text: string, spans: Span[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  let out = '';
  let pos = 0;
  for (const s of merged) {
    out += text.slice(pos, s.start) + HELD_BACK;
    pos = s.end;
  }
  return out + text.slice(pos);
}

export function detectFinalAnswerLeak(
  text: string,
  opts: { referenceAnswer?: string; isLastStep: boolean },
): LeakReport {
  const safeText = typeof text === 'string' ? text : '';
  try {
    // The last step is where the answer belongs.
    if (opts?.isLastStep || !safeText) return { leaked: false, redacted: safeText };
    const spans = [...boxedSpans(safeText), ...phraseSpans(safeText)];
    if (typeof opts?.referenceAnswer === 'string' && opts.referenceAnswer.trim()) {
      spans.push(...referenceSpans(safeText, opts.referenceAnswer));
    }
    if (!spans.length) return { leaked: false, redacted: safeText };
    const reasons = [...new Set(spans.map((s) => s.reason))];
    return { leaked: true, redacted: redact(safeText, spans), reason: `gives away the final answer: ${reasons.join('; ')}` };
  } catch {
    // Failing closed would hide a whole tutor message; failing open is caught by the answer check.
    return { leaked: false, redacted: safeText };
  }
}
