/**
 * Reading the solver's small structured replies: a step verdict, a reference answer, the
 * "plan does not fit" signal. Model text is unbounded, so every reader here is linear-time:
 * scanners and single-position regexes, no backtracking pattern over the whole reply.
 */
import { parseLenient } from '../model/parse/lenient-json.js';
import { candidateStarts } from '../model/parse/clean.js';
import { isLineTerminator, isSpace, lineEnd, removeBlocks, skipSpace, trimChar } from '../model/parse/scan.js';
import { lastBoxedContent } from './answer/index.js';

export interface StepJudgement {
  verdict: 'correct' | 'incorrect' | null;
  feedback: string;
  expected: string | null;
  /**
   * The judge's word on the plan: false when the result shows the remaining steps can no longer
   * work (`"plan_fits": false`), true when it said they still do, null when it said nothing.
   */
  planFits: boolean | null;
  /** Why the plan no longer fits, as the judge put it (empty when it gave no reason). */
  planReason: string;
}

/** Longest plan-misfit reason kept from a judge (it becomes part of a re-plan's reason). */
export const MAX_PLAN_REASON_CHARS = 500;

/** `plan_fits` as a boolean: true/false, or the strings "true"/"false"/"yes"/"no". */
function readPlanFits(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string') return null;
  const word = raw.trim().toLowerCase();
  if (word === 'false' || word === 'no') return false;
  if (word === 'true' || word === 'yes') return true;
  return null;
}

/**
 * A verdict is a few hundred characters; a judgement reply is read only this far (each of up
 * to 20 candidate `{` is parsed to its end, so the cap bounds that work at 20 × this).
 */
export const MAX_JUDGEMENT_CHARS = 200_000;

const withoutThinking = (text: string) => removeBlocks(text, /<think>/g, /<\/think>/g);

export function readStepJudgement(text: string): StepJudgement {
  const body = withoutThinking(typeof text === 'string' ? text : '').slice(0, MAX_JUDGEMENT_CHARS);
  for (const start of candidateStarts(body)) {
    const parsed = parseLenient(body, start);
    const v = parsed?.value;
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    const rec = v as Record<string, unknown>;
    const verdictRaw = typeof rec.verdict === 'string' ? rec.verdict.toLowerCase() : '';
    const verdict = verdictRaw.startsWith('correct') ? 'correct' : verdictRaw.startsWith('incorrect') || verdictRaw.startsWith('wrong') ? 'incorrect' : null;
    const feedback = typeof rec.feedback === 'string' ? rec.feedback.trim() : '';
    const expected = typeof rec.expected === 'string' && rec.expected.trim() && rec.expected.trim() !== 'null' ? rec.expected.trim() : null;
    const planFits = readPlanFits(rec.plan_fits ?? rec.planFits);
    const reasonRaw = rec.plan_reason ?? rec.planReason;
    const planReason = planFits === false && typeof reasonRaw === 'string' && reasonRaw.trim() !== 'null' ? reasonRaw.trim().slice(0, MAX_PLAN_REASON_CHARS) : '';
    if (verdict || feedback || planFits === false) return { verdict, feedback, expected, planFits, planReason };
  }
  return { verdict: null, feedback: '', expected: null, planFits: null, planReason: '' };
}

/**
 * The answer from "ANSWER: \boxed{…}" (or the last box, or the ANSWER line): what
 * `/ANSWER:\s*(.+)\s*$/im` found, as a scan (that regex is quadratic on many empty ANSWER lines).
 */
export function readReferenceAnswer(text: string): string | null {
  const body = withoutThinking(typeof text === 'string' ? text : '');
  const boxed = lastBoxedContent(body);
  if (boxed && boxed.trim()) return boxed.trim();
  const marker = /ANSWER:/i.exec(body);
  if (!marker) return null;
  const from = skipSpace(body, marker.index + marker[0].length);
  if (from >= body.length) return null;
  const line = body.slice(from, lineEnd(body, from)).trim();
  return line ? trimChar(line, '$').trim() || null : null;
}

/**
 * The reason in a `PLAN_DOES_NOT_FIT: reason` line of a worked step, or null when the step
 * has no such line. Matches what `/^\s*PLAN_DOES_NOT_FIT:\s*(.*)$/m` did (the marker first on
 * its line, the reason the rest of the first non-empty line after it), in one linear pass.
 */
export function readPlanMisfit(text: string): string | null {
  if (typeof text !== 'string') return null;
  const MARKER = 'PLAN_DOES_NOT_FIT:';
  for (let at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + MARKER.length)) {
    // Only space (across line breaks) between a line start and the marker.
    let i = at;
    let lineStart = i === 0;
    while (i > 0 && isSpace(text[i - 1])) {
      i--;
      if (isLineTerminator(text[i])) lineStart = true;
    }
    if (!(lineStart || i === 0)) continue;
    const from = skipSpace(text, at + MARKER.length);
    return text.slice(from, lineEnd(text, from));
  }
  return null;
}

/** Kept for callers of the old regex: `PLAN_DOES_NOT_FIT.exec(text)?.[1]` is the reason. */
export const PLAN_DOES_NOT_FIT = {
  exec(text: string): [string, string] | null {
    const reason = readPlanMisfit(text);
    return reason === null ? null : [`PLAN_DOES_NOT_FIT: ${reason}`, reason];
  },
};
