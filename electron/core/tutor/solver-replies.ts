/** Reading the solver's small structured replies: a step verdict, a reference answer. */
import { parseLenient } from '../navigator/parse/lenient-json.js';
import { candidateStarts } from '../navigator/parse/clean.js';
import { lastBoxedContent } from './answer/index.js';

export interface StepJudgement {
  verdict: 'correct' | 'incorrect' | null;
  feedback: string;
  expected: string | null;
}

export function readStepJudgement(text: string): StepJudgement {
  const body = text.replace(/<think>[\s\S]*?<\/think>/g, '');
  for (const start of candidateStarts(body)) {
    const parsed = parseLenient(body, start);
    const v = parsed?.value;
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    const rec = v as Record<string, unknown>;
    const verdictRaw = typeof rec.verdict === 'string' ? rec.verdict.toLowerCase() : '';
    const verdict = verdictRaw.startsWith('correct') ? 'correct' : verdictRaw.startsWith('incorrect') || verdictRaw.startsWith('wrong') ? 'incorrect' : null;
    const feedback = typeof rec.feedback === 'string' ? rec.feedback.trim() : '';
    const expected = typeof rec.expected === 'string' && rec.expected.trim() && rec.expected.trim() !== 'null' ? rec.expected.trim() : null;
    if (verdict || feedback) return { verdict, feedback, expected };
  }
  return { verdict: null, feedback: '', expected: null };
}

/** The answer from "ANSWER: \boxed{…}" (or the last box, or the ANSWER line). */
export function readReferenceAnswer(text: string): string | null {
  const body = text.replace(/<think>[\s\S]*?<\/think>/g, '');
  const boxed = lastBoxedContent(body);
  if (boxed && boxed.trim()) return boxed.trim();
  const line = /ANSWER:\s*(.+)\s*$/im.exec(body)?.[1]?.trim();
  return line ? line.replace(/^\$+|\$+$/g, '').trim() || null : null;
}

export const PLAN_DOES_NOT_FIT = /^\s*PLAN_DOES_NOT_FIT:\s*(.*)$/m;
