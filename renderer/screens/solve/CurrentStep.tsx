/**
 * The step being worked: the help ladder (goal → template → hint → worked step, each revealed
 * only when asked), the learner's own check, and "Next step". After a re-plan replaced the step,
 * the work done on it before stays shown above the new ladder (EarlierWork).
 */
import { useEffect, useRef } from 'react';
import type { Rung, StepView } from '../../../shared/tutor.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { TemplateCard } from '../../components/TemplateCard.js';
import { useT, type MessageKey } from '../../i18n/translate.js';
import { ModelText } from '../../math/Markdown.js';
import { MathText } from '../../math/MathText.js';
import { useTutor } from '../../state/tutor-store.js';
import { EarlierWork } from './EarlierWork.js';
import { StepCheck } from './StepCheck.js';
import { WorkedStep } from './WorkedStep.js';

const RUNG_BUTTON: Record<Rung, MessageKey> = {
  goal: 'solve.rung.goal',
  template: 'solve.rung.template',
  hint: 'solve.rung.hint',
  instantiation: 'solve.rung.instantiation',
};

/** The first rung not yet revealed (a cut-off worked step counts as not revealed). */
export function nextRung(step: StepView): Rung | null {
  const r = step.revealed;
  if (r.goal === undefined) return 'goal';
  if (!r.template && step.templateId) return 'template';
  if (r.hint === undefined) return 'hint';
  if (!r.instantiation?.complete) return 'instantiation';
  return null;
}

export function CurrentStep() {
  const t = useT();
  const session = useTutor((s) => s.session);
  const pending = useTutor((s) => s.pending);
  const reveal = useTutor((s) => s.reveal);
  const advance = useTutor((s) => s.advance);
  const error = useTutor((s) => s.error);
  const errorAt = useTutor((s) => s.errorAt);
  const retry = useTutor((s) => s.retry);
  // A yes/no, not the stream itself: the card must not re-render for every streamed delta.
  const streamingHere = useTutor(
    (s) => s.stream?.status === 'streaming' && s.stream.sessionId === s.session?.id && s.stream.stepIndex === (s.session?.currentStep ?? 0),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const index = session?.currentStep ?? 0;
  const step = session?.steps[index];
  const next = step ? nextRung(step) : null;

  // A new step, or the control just used going away (rung shown, stream ended): keyboard
  // focus would fall to the page, so it goes to the step's heading instead.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) headingRef.current?.focus({ preventScroll: true });
  }, [session?.id, index, streamingHere, next]);

  if (!session || !step) return null;
  const isLast = index === session.steps.length - 1;
  const revealing = pending?.kind === 'reveal' ? pending.rung : undefined;
  const partial = step.revealed.instantiation && !step.revealed.instantiation.complete;
  // Checked, never right: moving on is allowed and will be recorded as such.
  const wrongSoFar = step.attempts.length > 0 && !step.attempts.some((a) => a.verdict === 'correct' || a.verdict === 'equivalent_form' || a.verdict === 'unchecked');

  return (
    <section className="solve-card current-step" aria-labelledby="current-step-heading">
      <h3 id="current-step-heading" ref={headingRef} tabIndex={-1}>
        {t('solve.stepHeading', { number: index + 1, total: session.steps.length })} <MathText text={step.title} />
      </h3>

      <EarlierWork step={step} />

      <ol className="ladder" aria-label={t('solve.ladder')}>
        {step.revealed.goal !== undefined ? (
          <li className="rung">
            <h4>{t('solve.rungTitle.goal')}</h4>
            <ModelText text={step.revealed.goal} />
          </li>
        ) : null}
        {step.revealed.template && step.templateId ? (
          <li className="rung">
            <h4>{t('solve.rungTitle.template')}</h4>
            <TemplateCard templateId={step.templateId} {...(step.hiddenExamples ? { hiddenExamples: step.hiddenExamples } : {})} />
          </li>
        ) : null}
        {step.revealed.hint !== undefined ? (
          <li className="rung">
            <h4>{t('solve.rungTitle.hint')}</h4>
            <ModelText text={step.revealed.hint} />
          </li>
        ) : null}
        {/* Kept from the first delta until the reply stores the text: no remount of a long worked step. */}
        {step.revealed.instantiation || streamingHere || revealing === 'instantiation' ? (
          <li className="rung">
            <h4>{t('solve.rungTitle.instantiation')}</h4>
            <WorkedStep step={step} />
          </li>
        ) : null}
      </ol>

      {next && !streamingHere ? (
        <div className="button-row">
          <button type="button" onClick={() => void reveal(next)} disabled={pending !== null}>
            {next === 'instantiation' && partial ? t('solve.rung.again') : t(RUNG_BUTTON[next])}
          </button>
          {revealing && revealing !== 'instantiation' ? (
            <span role="status" className="hint">
              {t('solve.revealing')}
            </span>
          ) : null}
        </div>
      ) : null}
      {/* A failed reveal is told beside the button that asked, with Retry. */}
      {error && errorAt === 'reveal' ? <ErrorMessage error={error} onRetry={() => void retry()} /> : null}

      {/* Keyed by step: what was typed stays after a check, and a new step starts empty. */}
      <StepCheck key={`${session.id}:${index}`} step={step} />

      {!isLast ? (
        <div className="button-row">
          <button type="button" className="primary" disabled={!step.canAdvance || pending !== null} onClick={() => void advance()}>
            {t('solve.next')}
          </button>
          {!step.canAdvance ? <span className="hint">{t('solve.nextHint')}</span> : null}
          {step.canAdvance && wrongSoFar ? <span className="hint">{t('solve.movedOnHint')}</span> : null}
        </div>
      ) : (
        <p className="hint">{t('solve.lastStep')}</p>
      )}
      {error && errorAt === 'advance' ? <ErrorMessage error={error} onRetry={() => void retry()} /> : null}
    </section>
  );
}
