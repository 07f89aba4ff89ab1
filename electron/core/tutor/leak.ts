/**
 * Catches a tutor text that gives away the final answer before the last step (the failure in
 * the ReasonFlux reference run, where step 1 already ends in the boxed result). The screens
 * are in ./screen: a syntactic one (boxes, answer phrasings) that is always on, and one by
 * value against the hidden reference answer (equivalent forms, decimals, phrasing-weighted
 * small integers). The redacted text replaces each leak with HELD_BACK.
 */
import { HELD_BACK } from '../../../shared/tutor.js';
import { findLeaks, type LeakReason, redactSpans } from './screen/detect.js';
import { type CompiledReference, compileReference } from './screen/reference.js';

export { HELD_BACK };
export type { CompiledReference };
export { compileReference };

export interface LeakReport {
  leaked: boolean;
  redacted: string;
  reason?: string;
  reasons?: LeakReason[];
}

/** What a text is screened against: the compiled reference (null: syntactic screen only). */
export interface ScreenContext {
  reference: CompiledReference | null;
  isLastStep: boolean;
}

const REASON_TEXT: Record<LeakReason, string> = {
  boxed: 'a boxed final answer',
  answer_phrase: 'an answer phrasing ("the answer is …")',
  reference_value: 'the reference answer stated as a value',
};

export function screenText(text: string, ctx: ScreenContext): LeakReport {
  const safeText = typeof text === 'string' ? text : '';
  // The last step is where the answer belongs.
  if (ctx.isLastStep || !safeText) return { leaked: false, redacted: safeText };
  const spans = findLeaks(safeText, { reference: ctx.reference });
  if (!spans.length) return { leaked: false, redacted: safeText };
  const reasons = [...new Set(spans.map((s) => s.reason))];
  return {
    leaked: true,
    redacted: redactSpans(safeText, spans, HELD_BACK),
    reason: `gives away the final answer: ${reasons.map((r) => REASON_TEXT[r]).join('; ')}`,
    reasons,
  };
}

/** One-off screening with the reference as text (compiled on each call). */
export function detectFinalAnswerLeak(text: string, opts: { referenceAnswer?: string; isLastStep: boolean }): LeakReport {
  return screenText(text, { reference: compileReference(opts?.referenceAnswer ?? null), isLastStep: opts?.isLastStep ?? false });
}
