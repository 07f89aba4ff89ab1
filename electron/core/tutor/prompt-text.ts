/** The tutor's prompt files, and the texts they are filled with: the plan as a list, earlier results, a template card. */
import path from 'node:path';
import type { TrajectoryStep } from '../../../shared/trajectory.js';
import type { SessionView } from '../../../shared/tutor.js';
import type { Library } from '../library/library.js';

const PROMPTS = path.join(import.meta.dirname, 'prompts');
export const TUTOR_PROMPTS = {
  hint: path.join(PROMPTS, 'hint.v1.md'),
  instantiate: path.join(PROMPTS, 'instantiate.v1.md'),
  check: path.join(PROMPTS, 'check.v1.md'),
  finalAnswer: path.join(PROMPTS, 'final-answer.v1.md'),
};

/** Longest earlier result quoted into a worked-step prompt. */
const EARLIER_CHARS = 1_500;

export function planList(steps: TrajectoryStep[]): string {
  return steps.map((s, i) => `${i + 1}. ${s.title}: ${s.goal}`).join('\n');
}

export function earlierResults(steps: SessionView['steps'], before: number): string {
  const parts = steps.slice(0, before).map((s, i) => {
    const worked = s.revealed.instantiation?.complete ? s.revealed.instantiation.text : '';
    const mine = [...s.attempts].reverse().find((a) => a.verdict === 'correct')?.text ?? '';
    const text = worked || mine;
    return text ? `Step ${i + 1} (${s.title}): ${text.length > EARLIER_CHARS ? `${text.slice(0, EARLIER_CHARS)}…` : text}` : '';
  });
  return parts.filter(Boolean).join('\n\n') || '(none yet)';
}

export function templateText(library: Library, id: string | null): string {
  if (!id) return '(no template for this step)';
  const t = library.findTemplate(id);
  if (!t) return '(the template is not installed)';
  return [`${t.name}: ${t.description}`, ...t.steps.map((s, i) => `${i + 1}. ${s}`)].join('\n');
}
