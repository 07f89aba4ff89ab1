/** "Continue where you left off": the newest session still being worked, one click to resume it. */
import type { SessionSummary } from '../../../shared/tutor.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useLocaleStore, useT } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { useTutor } from '../../state/tutor-store.js';

export function ContinueCard({ session }: { session: SessionSummary }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const pending = useTutor((s) => s.pending);
  const openSession = useTutor((s) => s.openSession);
  const error = useTutor((s) => s.historyError);
  return (
    <section className="solve-card continue-card" aria-labelledby="continue-heading">
      <h3 id="continue-heading">{t('solve.continueHeading')}</h3>
      <MathText block text={session.problem} />
      <p className="hint">{t('solve.continueUpdated', { when: new Date(session.updatedAt).toLocaleString(locale) })}</p>
      <div className="button-row">
        <button type="button" className="primary" disabled={pending !== null} onClick={() => void openSession(session.id)}>
          {t('solve.continue')}
        </button>
      </div>
      {error ? <ErrorMessage error={error} onRetry={() => void openSession(session.id)} /> : null}
    </section>
  );
}
