/**
 * A plan is shown to the learner (analysis, step titles, goals), so a navigator that ignores
 * "never state the final answer" would give it away before the first step. Each field goes
 * through the same leak detector as hints and worked steps; leaks are replaced by HELD_BACK.
 */
import type { Trajectory } from '../../../shared/trajectory.js';
import { detectFinalAnswerLeak } from './leak.js';

export function redactPlanLeaks(t: Trajectory): { trajectory: Trajectory; heldBack: boolean } {
  let heldBack = false;
  const screen = (text: string): string => {
    // Every field counts as "not the last step": a plan never needs to show the answer.
    const report = detectFinalAnswerLeak(text, { isLastStep: false });
    if (!report.leaked) return text;
    heldBack = true;
    return report.redacted;
  };
  const trajectory: Trajectory = {
    ...t,
    analysis: screen(t.analysis),
    steps: t.steps.map((s) => ({ ...s, title: screen(s.title), goal: screen(s.goal), produces: screen(s.produces) })),
  };
  return { trajectory, heldBack };
}
