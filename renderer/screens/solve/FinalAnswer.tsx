/** The final answer: checked against the reference; right value in the wrong form is said so. */
import { useId, useState } from 'react';
import { useT, useTm, type MessageKey } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useTutor } from '../../state/tutor-store.js';
import type { Verdict } from '../../../shared/tutor.js';

const FINAL_LABEL: Record<Verdict, MessageKey> = {
  correct: 'solve.final.correct',
  equivalent_form: 'solve.final.equivalent_form',
  incorrect: 'solve.final.incorrect',
  unparseable: 'solve.final.unparseable',
  unchecked: 'solve.final.unchecked',
};

export function FinalAnswer() {
  const t = useT();
  const tm = useTm();
  const attempts = useTutor((s) => s.session?.finalAttempts ?? null);
  const solved = useTutor((s) => s.session?.status === 'solved');
  const pending = useTutor((s) => s.pending);
  const submitAnswer = useTutor((s) => s.submitAnswer);
  const error = useTutor((s) => s.error);
  const errorAt = useTutor((s) => s.errorAt);
  const retry = useTutor((s) => s.retry);
  const [answer, setAnswer] = useState('');
  const inputId = useId();
  if (!attempts) return null;
  const last = attempts[attempts.length - 1];
  const detail = last ? tm(last.detail) : '';

  return (
    <section className="solve-card final-answer" aria-labelledby="final-heading">
      <h3 id="final-heading">{t('solve.finalHeading')}</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submitAnswer(answer).then((ok) => {
            if (ok) setAnswer('');
          });
        }}
      >
        <label htmlFor={inputId}>{t('solve.finalAnswer')}</label>
        <div className="inline-field">
          <input id={inputId} type="text" value={answer} spellCheck={false} autoComplete="off" onChange={(event) => setAnswer(event.target.value)} />
          <button type="submit" className="primary" disabled={!answer.trim() || pending !== null}>
            {pending?.kind === 'answer' ? t('solve.checking') : t('solve.submit')}
          </button>
        </div>
      </form>
      {error && errorAt === 'answer' ? <ErrorMessage error={error} onRetry={() => void retry()} /> : null}
      <div role="status" className="verdict-area">
        {last ? (
          <div className={`verdict verdict-${last.verdict}`}>
            <p>
              <strong>{t(FINAL_LABEL[last.verdict])}</strong>
            </p>
            {detail ? <MathText block text={detail} /> : null}
            {last.verdict === 'incorrect' || last.verdict === 'equivalent_form' ? <p>{t('solve.final.tryAgain')}</p> : null}
            {solved ? <p>{t('solve.final.solved')}</p> : null}
          </div>
        ) : null}
      </div>
      {attempts.length > 0 ? (
        <>
          <h4>{t('solve.final.attempts')}</h4>
          <ol className="attempt-list" aria-label={t('solve.final.attempts')}>
            {attempts.map((a, i) => (
              <li key={i}>
                <code>{a.answer}</code> — {t(FINAL_LABEL[a.verdict])}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
