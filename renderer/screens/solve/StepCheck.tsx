/** "Your result for this step": the learner's own work, checked, with earlier attempts listed. */
import { useId, useState } from 'react';
import type { StepView, Verdict } from '../../../shared/tutor.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT, useTm, type MessageKey } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { useTutor } from '../../state/tutor-store.js';

export const VERDICT_LABEL: Record<Verdict, MessageKey> = {
  correct: 'solve.verdict.correct',
  equivalent_form: 'solve.verdict.equivalent_form',
  incorrect: 'solve.verdict.incorrect',
  unparseable: 'solve.verdict.unparseable',
  unchecked: 'solve.verdict.unchecked',
};

export function StepCheck({ step }: { step: StepView }) {
  const t = useT();
  const tm = useTm();
  const pending = useTutor((s) => s.pending);
  const checkStep = useTutor((s) => s.checkStep);
  const error = useTutor((s) => s.error);
  const errorAt = useTutor((s) => s.errorAt);
  const retry = useTutor((s) => s.retry);
  const [attempt, setAttempt] = useState('');
  const inputId = useId();
  const last = step.attempts[step.attempts.length - 1];
  const checking = pending?.kind === 'check';

  return (
    <form
      className="step-check"
      onSubmit={(event) => {
        event.preventDefault();
        // What was typed stays: the learner fixes it rather than typing it all again.
        void checkStep(attempt);
      }}
    >
      <label htmlFor={inputId}>{t('solve.stepResult')}</label>
      <div className="inline-field">
        <input id={inputId} type="text" value={attempt} spellCheck={false} autoComplete="off" onChange={(event) => setAttempt(event.target.value)} />
        <button type="submit" disabled={!attempt.trim() || pending !== null}>
          {checking ? t('solve.checking') : t('solve.checkStep')}
        </button>
      </div>
      {error && errorAt === 'check' ? <ErrorMessage error={error} onRetry={() => void retry()} /> : null}
      <div role="status" className="verdict-area">
        {last ? (
          <p className={`verdict verdict-${last.verdict}`}>
            <strong>{t(VERDICT_LABEL[last.verdict])}</strong> <MathText text={tm(last.feedback)} />
          </p>
        ) : null}
      </div>
      {step.attempts.length > 0 ? (
        <ol className="attempt-list" aria-label={t('solve.stepAttempts')}>
          {step.attempts.map((a, i) => (
            <li key={i}>
              <code>{a.text}</code> — {t(VERDICT_LABEL[a.verdict])}
            </li>
          ))}
        </ol>
      ) : null}
    </form>
  );
}
