/**
 * What changed between two plan versions. Steps are matched by title (case and spacing aside)
 * and template: a longest common subsequence keeps steps that survived a revision matched even
 * when one was inserted or dropped before them; between two matched steps, an old and a new
 * step at the same place pair up as "changed", and the rest are "added" (index in the new plan)
 * or "removed" (index in the old plan). Plans are short (a few steps; at most MAX_DIFF_STEPS are
 * aligned, a longer tail is compared by position), so the quadratic table stays tiny.
 */
import type { TrajectoryStep } from '../../../shared/trajectory.js';
import type { PlanVersion } from '../../../shared/tutor.js';

/** Longest plans aligned by subsequence; steps past this are compared by position. */
export const MAX_DIFF_STEPS = 64;

const stepKey = (s: TrajectoryStep) => `${s.title.trim().replace(/\s+/g, ' ').toLowerCase()}\u0000${s.templateId ?? ''}`;

type Change = PlanVersion['changes'][number];

export function diffPlans(before: TrajectoryStep[], after: TrajectoryStep[]): Change[] {
  const a = before.slice(0, MAX_DIFF_STEPS).map(stepKey);
  const b = after.slice(0, MAX_DIFF_STEPS).map(stepKey);
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const changes: Change[] = [];
  const removed: number[] = [];
  const added: number[] = [];
  // Unmatched steps between two matches: pair them up in order as changed, the rest added/removed.
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) changes.push({ kind: 'changed', index: added[k]!, title: after[added[k]!]!.title });
    for (let k = paired; k < added.length; k++) changes.push({ kind: 'added', index: added[k]!, title: after[added[k]!]!.title });
    for (let k = paired; k < removed.length; k++) changes.push({ kind: 'removed', index: removed[k]!, title: before[removed[k]!]!.title });
    removed.length = 0;
    added.length = 0;
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) removed.push(i++);
    else added.push(j++);
  }
  flush();
  // Past the aligned part (only for very long plans): by position.
  for (let k = MAX_DIFF_STEPS; k < Math.max(before.length, after.length); k++) {
    const x = before[k];
    const y = after[k];
    if (x && y) {
      if (stepKey(x) !== stepKey(y)) changes.push({ kind: 'changed', index: k, title: y.title });
    } else if (y) changes.push({ kind: 'added', index: k, title: y.title });
    else if (x) changes.push({ kind: 'removed', index: k, title: x.title });
  }
  return changes;
}
