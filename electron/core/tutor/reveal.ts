/**
 * What the learner may see of a session right now. Held-back values stay held until the
 * learner has finished (solved the problem, or opened the last step's worked step, where the
 * answer is on screen anyway); then every text comes back as written. On each step, worked
 * examples of the template card whose answer is that step's expected result or the problem's
 * answer are listed as hidden, so the card cannot do the step for the learner.
 */
import type { WorkedExample } from '../../../shared/domain.js';
import type { SessionView } from '../../../shared/tutor.js';
import type { SessionState } from '../sessions/rebuild.js';
import { findCandidates } from './screen/scan.js';
import { type CompiledReference, compileReference, matchReference } from './screen/reference.js';

export function learnerHasFinished(view: SessionView): boolean {
  if (view.status === 'solved') return true;
  const last = view.steps[view.steps.length - 1];
  return view.currentStep === view.steps.length - 1 && last?.revealed.instantiation?.complete === true;
}

/** Does a worked example's answer give away one of these results? */
export function exampleGivesAway(answer: string, refs: CompiledReference[]): boolean {
  if (!answer.trim()) return false;
  for (const ref of refs) {
    if (matchReference(answer, ref)) return true;
    const candidates = findCandidates(answer);
    for (const c of candidates) {
      const part = matchReference(c.value, ref, { approximate: c.approximate });
      if (part && (!part.common || candidates.length === 1)) return true;
    }
  }
  return false;
}

export function learnerView(
  st: SessionState,
  examplesOf: (templateId: string) => WorkedExample[] | null,
  problemReference: CompiledReference | null,
): SessionView {
  const { view, hidden } = st;
  const finished = learnerHasFinished(view);
  const full = hidden.unscreened;
  const steps = view.steps.map((step, i) => {
    let out = step;
    if (finished) {
      const plan = full.steps.get(i);
      const hint = full.rungs.get(`${i}:hint`);
      const worked = full.rungs.get(`${i}:instantiation`);
      out = {
        ...step,
        ...(plan ?? {}),
        revealed: {
          ...step.revealed,
          ...(hint !== undefined && step.revealed.hint !== undefined ? { hint } : {}),
          ...(worked !== undefined && step.revealed.instantiation ? { instantiation: { ...step.revealed.instantiation, text: worked, heldBack: false } } : {}),
        },
      };
    }
    return { ...out, hiddenExamples: finished ? [] : hiddenExamples(step.templateId, i) };
  });

  function hiddenExamples(templateId: string | null, stepIndex: number): number[] {
    if (!templateId) return [];
    const examples = examplesOf(templateId);
    if (!examples?.length) return [];
    const expected = compileReference(hidden.expected.get(stepIndex) ?? null);
    const refs = [expected, problemReference].filter((r): r is CompiledReference => r !== null);
    if (!refs.length) return [];
    return examples.flatMap((ex, k) => (exampleGivesAway(ex.answer, refs) ? [k] : []));
  }

  return {
    ...view,
    analysis: finished && full.analysis !== null ? full.analysis : view.analysis,
    steps,
  };
}
