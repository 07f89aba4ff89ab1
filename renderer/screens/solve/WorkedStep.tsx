/**
 * The worked step: streamed text as it arrives (math renders as soon as a formula closes),
 * elapsed time and Cancel while it runs; afterwards the stored text, and notes when it was
 * cut short or a final answer was held back.
 */
import { useEffect, useRef, useState } from 'react';
import type { StepView } from '../../../shared/tutor.js';
import { useT } from '../../i18n/translate.js';
import { ModelText } from '../../math/Markdown.js';
import { useTutor } from '../../state/tutor-store.js';
import { streamElapsedMs } from '../../state/tutor-stream.js';

const TICK_MS = 100;

export function WorkedStep({ step }: { step: StepView }) {
  const t = useT();
  const session = useTutor((s) => s.session);
  const stream = useTutor((s) => s.stream);
  const cancelStream = useTutor((s) => s.cancelStream);
  const pending = useTutor((s) => s.pending);
  const mine = stream && session && stream.sessionId === session.id && stream.stepIndex === session.currentStep ? stream : null;
  const running = mine?.status === 'streaming';
  const now = useNow(running);
  const stored = step.revealed.instantiation;
  const cancelRef = useRef<HTMLButtonElement>(null);

  // The button that started the stream is gone; Cancel takes its place for the keyboard.
  useEffect(() => {
    if (running) cancelRef.current?.focus({ preventScroll: true });
  }, [running]);

  // The streamed text stays on screen until the reply brings the stored one, in the same
  // element: the blocks already shown are kept, not rebuilt when the stream ends.
  const showStreamed = !!mine && (running || pending?.kind === 'reveal');
  const text = showStreamed && mine ? mine.text : (stored?.text ?? '');

  return (
    <div className="worked-step" aria-busy={running ? 'true' : undefined}>
      <div className={running ? 'stream-text' : 'worked-text'} aria-live="off">
        {text ? <ModelText text={text} streaming={running} /> : running ? <p className="hint">{t('solve.waitingForModel')}</p> : null}
      </div>
      {running && mine ? (
        <div className="button-row">
          <span className="elapsed" role="timer" aria-label={t('solve.elapsedLabel')}>
            {t('solve.elapsed', { seconds: (streamElapsedMs(mine, now) / 1000).toFixed(1) })}
          </span>
          <button type="button" ref={cancelRef} onClick={() => void cancelStream()} disabled={mine.cancelRequested}>
            {mine.cancelRequested ? t('solve.cancelling') : t('solve.cancel')}
          </button>
        </div>
      ) : (
        <>
          {mine && mine.status === 'done' && mine.endedAt ? (
            <p className="hint">{t('solve.streamTook', { seconds: (streamElapsedMs(mine, now) / 1000).toFixed(1) })}</p>
          ) : null}
          {mine?.status === 'cancelled' ? (
            <p role="status" className="hint">
              {t('solve.streamCancelled')}
            </p>
          ) : stored && !stored.complete ? (
            <p className="hint">{t('solve.streamIncomplete')}</p>
          ) : null}
          {stored?.heldBack ? <p className="held-back-note">{t('solve.heldBack')}</p> : null}
        </>
      )}
    </div>
  );
}

/** The current time, refreshed while `active` so the elapsed counter moves. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [active]);
  return active ? now : Date.now();
}
