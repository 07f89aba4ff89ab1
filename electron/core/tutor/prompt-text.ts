/**
 * The texts the tutor's prompts are filled with: the plan as a list, earlier results, a
 * template card, and the shared context of a step (the prompts themselves: core/prompts/).
 */
import type { TrajectoryStep } from '../../../shared/trajectory.js';
import type { SessionView } from '../../../shared/tutor.js';
import type { Library } from '../library/library.js';
import type { PromptContext } from '../prompts/messages.js';

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

/**
 * The shared context of every tutor call about step `stepIndex` (hint, worked step, check): the
 * same text for all of them, so the model server's prefix cache serves the repeats.
 */
export function stepContext(library: Library, view: Pick<SessionView, 'problem' | 'steps'>, stepIndex: number): PromptContext {
  const step = view.steps[stepIndex]!;
  return {
    problem: view.problem,
    plan: planList(view.steps),
    results: earlierResults(view.steps, stepIndex),
    step: { title: step.title, goal: step.goal, produces: step.produces || '(not stated)', template: templateText(library, step.templateId) },
  };
}
