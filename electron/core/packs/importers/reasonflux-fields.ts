/**
 * Field-level conversion of ReasonFlux v1 templates: the 29 spellings of template_type,
 * scope given as text or list, and worked examples in dozens of key layouts.
 */
import { TEMPLATE_TYPES, type TemplateType, type WorkedExample } from '../../../../shared/domain.js';
import { PACK_LIMITS } from '../../../../shared/packs/schema.js';
import { findUnbalancedMath, normalizeMathDelimiters } from '../text-rules.js';
import { balanceDollarMath, repairEscapedText } from './tex-repair.js';

/** Repaired, math-normalised text; `repaired` is set when `$` had to be fixed up. */
export function cleanText(raw: string, onMathRepair?: () => void): string {
  // Limits before any repair: a text over the field limit is refused by the validator as it is.
  if (raw.length > PACK_LIMITS.maxFieldChars) return raw;
  const text = normalizeMathDelimiters(repairEscapedText(raw));
  const balanced = balanceDollarMath(text, (t) => findUnbalancedMath(t) === null);
  if (balanced.changed) onMathRepair?.();
  return balanced.text;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const singular = (word: string) =>
  word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;

/** ReasonFlux's free-text template_type → the fixed type set, or null when unknown. */
export function mapTemplateType(raw: unknown): TemplateType | null {
  if (typeof raw !== 'string') return null;
  const words = squash(raw).split(' ').map(singular);
  const has = (w: string) => words.includes(w);
  const joined = words.join(' ');
  if ((TEMPLATE_TYPES as readonly string[]).includes(joined)) return joined as TemplateType;
  if (has('formula') || has('law') || has('rule') || has('principle')) return 'formula';
  if (has('conclusion') || has('corollary')) return 'corollary';
  if (has('theorem') || has('property') || has('lemma')) return 'theorem';
  if (has('application')) return 'application';
  if (has('definition') || has('concept')) return 'definition';
  if (has('method') || has('strategy') || has('technique') || has('solving') || has('solution')) return 'method';
  return null;
}

const LIST_MARKER = /^\s*(?:[-•*·]|\d+[.)、]|\(\d+\)|[①-⑳]|step\s*\d+\s*[:：.])\s*/i;

/** `1. Do x` / `Step 2: Do y` / `- z` → the text without its marker (the app numbers steps). */
export const stripListMarker = (line: string) => line.replace(LIST_MARKER, '').trim() || line.trim();

/** Scope as text or list → list items; a multi-line text with list markers becomes items. */
export function toScope(raw: unknown, clean: (s: string) => string): string[] {
  if (Array.isArray(raw)) return raw.filter((x): x is string => typeof x === 'string').map(clean).filter(Boolean);
  if (typeof raw !== 'string') return [];
  const text = clean(raw);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const items = lines.filter((l) => LIST_MARKER.test(l));
  if (items.length < 2) return text ? [text] : [];
  const intro = lines[0]!.endsWith(':') || lines[0]!.endsWith('：') ? [] : lines.filter((l) => !LIST_MARKER.test(l)).slice(0, 1);
  return [...intro, ...items.map(stripListMarker)];
}

/** Steps as a list or a text (one step per line; indented/bulleted lines join the step above). */
export function toSteps(raw: unknown, clean: (s: string) => string): string[] {
  const lines: string[] = Array.isArray(raw)
    ? raw.filter((x): x is string => typeof x === 'string').map(clean)
    : typeof raw === 'string'
      ? splitStepLines(clean(raw))
      : [];
  return lines.map(stripListMarker).filter(Boolean);
}

function splitStepLines(text: string): string[] {
  const steps: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const continuation = /^\s+/.test(line) && steps.length > 0;
    if (continuation) steps[steps.length - 1] += `\n${line.trim()}`;
    else steps.push(line.trim());
  }
  return steps;
}

// ---- worked examples -------------------------------------------------------------------

const PROBLEM_KEYS = new Set(['exampleproblem', 'problem', 'examplequestion', 'question', 'title', 'example']);
const ANSWER_KEYS = new Set(['answer', 'answers', 'finalanswer', 'conclusion', 'result']);
const STEP_KEYS = /solution|solving|process|steps|analysis|explanation|application|proof|method/;
const keyOf = (k: string) => k.toLowerCase().replace(/[^a-z]/g, '');
const humanKey = (k: string) => {
  const words = k.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const ANSWER_LINE = /^\W*(?:final\s+answer|answer|conclusion)\s*[:：]\s*/i;
const SEE_SOLUTION = 'See solution';

/** The answer a learner checks against: an explicit "Answer:" line, else the final step. */
function answerFrom(steps: string[]): { steps: string[]; answer: string } {
  const idx = steps.findIndex((s) => ANSWER_LINE.test(s));
  if (idx >= 0) {
    const answer = steps[idx]!.replace(ANSWER_LINE, '').replace(/\*\*/g, '').trim();
    const rest = steps.filter((_, i) => i !== idx);
    if (answer && rest.length) return { steps: rest, answer };
  }
  const last = steps[steps.length - 1] ?? '';
  return { steps, answer: last && last.length <= 200 ? last : SEE_SOLUTION };
}

/** `Example 3 (Textbook Example 16):` or `Example 11 Given…` → the problem text only. */
const EXAMPLE_PREFIX = /^\W*example(?:\s*problem)?\s*(?:[\d①-⑳]*[^:：\n]{0,40}[:：]|\d+\s+(?=[A-Z]))\s*/i;
const SOLUTION_MARKER =
  /^\W*(?:solution|solving|steps?|analysis|proof|application|problem[- ]solving|answer steps|solution approach|derivation|process)\b[^:：\n]{0,40}[:：]\**\s*/i;

/** One example written as free text: "Example: …\n\nSolution:\n1. …\nAnswer: …". */
function exampleFromText(text: string): WorkedExample | null {
  const lines = text.split('\n');
  let marker = lines.findIndex((l, i) => i > 0 && SOLUTION_MARKER.test(l));
  let problemLines: string[];
  let solutionText: string;
  if (marker < 0) {
    // No marker: the first paragraph states the problem, the rest solves it.
    const blank = lines.findIndex((l, i) => i > 0 && !l.trim());
    marker = blank > 0 ? blank : 1;
    problemLines = lines.slice(0, marker);
    solutionText = lines.slice(marker).join('\n');
  } else {
    problemLines = lines.slice(0, marker);
    solutionText = [lines[marker]!.replace(SOLUTION_MARKER, ''), ...lines.slice(marker + 1)].join('\n');
  }
  const problem = problemLines.join('\n').replace(EXAMPLE_PREFIX, '').trim();
  const rawSteps = splitStepLines(solutionText).map(stripListMarker).filter(Boolean);
  if (!problem) return null;
  if (rawSteps.length === 0) return { problem, solution: ['Apply the template steps in order.'], answer: SEE_SOLUTION };
  return { problem, ...solutionFrom(answerFrom(rawSteps)) };
}

const solutionFrom = ({ steps, answer }: { steps: string[]; answer: string }) => ({ solution: steps, answer });

/** Texts with several "Example N:" blocks give one worked example each. */
function examplesFromText(text: string): WorkedExample[] {
  const starts = text
    .split('\n')
    .map((l, i) => (/^\W*example\s*\d/i.test(l) ? i : -1))
    .filter((i) => i >= 0);
  const lines = text.split('\n');
  const blocks =
    starts.length >= 2
      ? starts.map((s, k) => lines.slice(k === 0 ? 0 : s, starts[k + 1] ?? lines.length).join('\n'))
      : [text];
  return blocks.map((b) => exampleFromText(b.trim())).filter((e): e is WorkedExample => e !== null);
}

const asText = (v: unknown, clean: (s: string) => string): string =>
  typeof v === 'string' ? clean(v) : Array.isArray(v) ? v.filter((x) => typeof x === 'string').map((x) => clean(x as string)).join('; ') : '';

/** One example object with any of ReasonFlux's key layouts. */
function exampleFromObject(obj: Record<string, unknown>, clean: (s: string) => string): WorkedExample[] {
  const nested = Object.values(obj).filter((v) => v && typeof v === 'object' && !Array.isArray(v)) as Record<string, unknown>[];
  if (nested.length > 0 && nested.length === Object.keys(obj).length) return nested.flatMap((o) => exampleFromObject(o, clean));
  let problem = '';
  let answer = '';
  const steps: string[] = [];
  const extras: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    const k = keyOf(key);
    if (!problem && PROBLEM_KEYS.has(k)) problem = asText(value, clean);
    else if (!answer && ANSWER_KEYS.has(k)) answer = asText(value, clean);
    else if (STEP_KEYS.test(k)) steps.push(...toSteps(value, clean));
    else {
      const text = asText(value, clean);
      if (text) extras.push(`${humanKey(key)}: ${text}`);
    }
  }
  problem = problem.replace(EXAMPLE_PREFIX, '').trim();
  if (!problem) return [];
  const allSteps = [...steps, ...extras];
  if (allSteps.length === 0) return [{ problem, solution: ['Apply the template steps in order.'], answer: answer || SEE_SOLUTION }];
  if (answer) return [{ problem, solution: allSteps, answer }];
  return [{ problem, ...solutionFrom(answerFrom(allSteps)) }];
}

/** example_application (text, object, or list of either) → worked examples. */
export function toExamples(raw: unknown, clean: (s: string) => string): WorkedExample[] {
  if (typeof raw === 'string') return examplesFromText(clean(raw));
  if (Array.isArray(raw)) return raw.flatMap((r) => toExamples(r, clean));
  if (raw && typeof raw === 'object') return exampleFromObject(raw as Record<string, unknown>, clean);
  return [];
}
