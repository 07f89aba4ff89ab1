/** What changed between two plan versions, by step title and template. */
import type { TrajectoryStep } from '../../../shared/trajectory.js';
import type { PlanVersion } from '../../../shared/tutor.js';

const sameStep = (a: TrajectoryStep, b: TrajectoryStep) =>
  a.title.trim().toLowerCase() === b.title.trim().toLowerCase() && a.templateId === b.templateId;

export function diffPlans(before: TrajectoryStep[], after: TrajectoryStep[]): PlanVersion['changes'] {
  const changes: PlanVersion['changes'] = [];
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    const a = before[i];
    const b = after[i];
    if (a && b) {
      if (!sameStep(a, b)) changes.push({ kind: 'changed', index: i, title: b.title });
    } else if (b) changes.push({ kind: 'added', index: i, title: b.title });
    else if (a) changes.push({ kind: 'removed', index: i, title: a.title });
  }
  return changes;
}
