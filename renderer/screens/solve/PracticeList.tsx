/** Practice problems from the installed packs: precomputed plans that work without a model. */
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { useTutor } from '../../state/tutor-store.js';

export function PracticeList() {
  const t = useT();
  const practice = useTutor((s) => s.practice);
  const error = useTutor((s) => s.practiceError);
  const pending = useTutor((s) => s.pending);
  const startPractice = useTutor((s) => s.startPractice);

  return (
    <section className="solve-card" aria-labelledby="practice-heading">
      <h3 id="practice-heading">{t('solve.practiceHeading')}</h3>
      <p className="hint">{t('solve.practiceHint')}</p>
      {error ? <ErrorMessage error={error} /> : null}
      {practice.length === 0 && !error ? <p className="empty">{t('solve.practiceNone')}</p> : null}
      <ul className="practice-list">
        {practice.map((item) => (
          <li key={item.id}>
            <div className="practice-text">
              <strong>
                <MathText text={item.title} />
              </strong>
              <span className="count">{t('solve.practiceMeta', { subject: item.subject, level: item.level })}</span>
              <MathText block text={item.problem} />
            </div>
            <button
              type="button"
              disabled={pending !== null}
              onClick={() => void startPractice(item.id)}
              aria-label={t('solve.practiceStartNamed', { title: item.title })}
            >
              {t('solve.practiceStart')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
