/** Practice problems from the installed packs: precomputed plans that work without a model. */
import { useId, useMemo, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { practiceProgress, useTutor } from '../../state/tutor-store.js';

export function PracticeList() {
  const t = useT();
  const practice = useTutor((s) => s.practice);
  const error = useTutor((s) => s.practiceError);
  const pending = useTutor((s) => s.pending);
  const startPractice = useTutor((s) => s.startPractice);
  const sessions = useTutor((s) => s.sessions);
  const progress = useMemo(() => practiceProgress(sessions), [sessions]);
  const [subject, setSubject] = useState('');
  const subjectId = useId();
  // Subjects in the order the packs list them (the practice set follows the curriculum).
  const subjects = useMemo(() => [...new Set(practice.map((p) => p.subject))], [practice]);
  const shown = subject ? practice.filter((p) => p.subject === subject) : practice;

  return (
    <section className="solve-card" aria-labelledby="practice-heading">
      <h3 id="practice-heading">{t('solve.practiceHeading')}</h3>
      <p className="hint">{t('solve.practiceHint')}</p>
      {error ? <ErrorMessage error={error} /> : null}
      {practice.length === 0 && !error ? <p className="empty">{t('solve.practiceNone')}</p> : null}
      {subjects.length > 1 ? (
        <p className="practice-filter">
          <label htmlFor={subjectId}>{t('solve.practiceSubject')}</label>{' '}
          <select id={subjectId} value={subject} onChange={(e) => setSubject(e.target.value)}>
            <option value="">{t('solve.practiceAllSubjects', { count: practice.length })}</option>
            {subjects.map((s) => (
              <option key={s} value={s}>
                {t('solve.practiceSubjectOption', { subject: s, count: practice.filter((p) => p.subject === s).length })}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      <ul className="practice-list" aria-label={t('solve.practiceHeading')}>
        {shown.map((item) => (
          <li key={item.id}>
            <div className="practice-text">
              <strong>
                <MathText text={item.title} />
              </strong>
              <span className="count">{t('solve.practiceMeta', { subject: item.subject, level: item.level })}</span>
              {/* In words, not colour only. */}
              {progress.get(item.id) === 'solved' ? <span className="status-badge status-solved">✓ {t('solve.practiceSolved')}</span> : null}
              {progress.get(item.id) === 'active' ? <span className="status-badge status-active">{t('solve.practiceInProgress')}</span> : null}
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
