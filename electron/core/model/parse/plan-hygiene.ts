/**
 * What a usable plan looks like beyond being readable: 2 to 8 steps (the prompts ask for that),
 * no step twice. Duplicates are merged here; a plan that is too long is the navigator's to
 * repair once, then trimmed with a note. Linear in the plan's size.
 */
import type { Trajectory, TrajectoryStep } from '../../../../shared/trajectory.js';

/** How many steps the navigator asks for; more gets one repair request, then is trimmed. */
export const PLAN_STEP_RANGE = { min: 2, max: 8 } as const;

/** Case, spacing, punctuation and LaTeX spacing do not make two steps different. */
const normalized = (s: string) =>
  s
    .toLowerCase()
    .replace(/\\[,;:! ]|\\quad|\\qquad/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Merges steps that repeat an earlier one: the same goal, or the same title with the same
 * template. The first keeps its place and takes what it lacked (template, "produces") from its
 * repeat. Returns the steps renumbered and one note per merge.
 */
export function mergeDuplicateSteps(steps: TrajectoryStep[]): { steps: TrajectoryStep[]; notes: string[] } {
  const kept: TrajectoryStep[] = [];
  const byGoal = new Map<string, number>();
  const byTitle = new Map<string, number>();
  const notes: string[] = [];
  for (const [i, step] of steps.entries()) {
    const goal = normalized(step.goal);
    const title = `${normalized(step.title)}\n${step.templateId ?? ''}`;
    const at = (goal ? byGoal.get(goal) : undefined) ?? (normalized(step.title) ? byTitle.get(title) : undefined);
    if (at !== undefined) {
      const first = kept[at]!;
      kept[at] = { ...first, templateId: first.templateId ?? step.templateId, produces: first.produces || step.produces };
      if (!first.templateId && step.templateName && !first.templateName) kept[at]!.templateName = step.templateName;
      notes.push(`step ${i + 1} ("${step.title}") repeated step ${at + 1} and was merged into it`);
      continue;
    }
    if (goal) byGoal.set(goal, kept.length);
    if (normalized(step.title)) byTitle.set(title, kept.length);
    kept.push(step);
  }
  return { steps: kept.map((s, i) => ({ ...s, index: i + 1 })), notes };
}

/** The first `max` steps, with a note saying what was dropped. */
export function trimSteps(trajectory: Trajectory, max: number = PLAN_STEP_RANGE.max): { trajectory: Trajectory; note: string | null } {
  const n = trajectory.steps.length;
  if (n <= max) return { trajectory, note: null };
  return {
    trajectory: { ...trajectory, steps: trajectory.steps.slice(0, max) },
    note: `the plan had ${n} steps after one request for at most ${max}; kept the first ${max} and dropped step${n - max === 1 ? '' : 's'} ${max + 1}${n - max === 1 ? '' : `–${n}`}`,
  };
}
