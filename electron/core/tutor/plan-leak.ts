/**
 * A plan is shown to the learner (analysis, step titles, goals, what each step produces), so a
 * navigator that ignores "never state the final answer" would give it away before the first
 * step. Each field goes through the same screen as hints and worked steps, by value when the
 * reference is known; leaks are replaced by HELD_BACK, and the fields as written are kept
 * apart for the end of the session.
 */
import type { Trajectory } from '../../../shared/trajectory.js';
import { type CompiledReference, screenText } from './leak.js';

export interface ScreenedPlan {
  trajectory: Trajectory;
  heldBack: boolean;
  /** The fields as written, when something was held back. */
  unscreened?: { analysis: string; steps: { title: string; goal: string; produces: string }[] };
}

export function redactPlanLeaks(t: Trajectory, reference: CompiledReference | null = null): ScreenedPlan {
  let heldBack = false;
  const screen = (text: string): string => {
    // Every field counts as "not the last step": a plan never needs to show the answer.
    const report = screenText(text, { reference, isLastStep: false });
    if (!report.leaked) return text;
    heldBack = true;
    return report.redacted;
  };
  const trajectory: Trajectory = {
    ...t,
    analysis: screen(t.analysis),
    steps: t.steps.map((s) => ({ ...s, title: screen(s.title), goal: screen(s.goal), produces: screen(s.produces) })),
  };
  if (!heldBack) return { trajectory, heldBack };
  return {
    trajectory,
    heldBack,
    unscreened: { analysis: t.analysis, steps: t.steps.map(({ title, goal, produces }) => ({ title, goal, produces })) },
  };
}
