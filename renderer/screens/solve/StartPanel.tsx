/** Before a session: the problem box with a live math preview, and the practice problems. */
import { useId } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { TemplateChip } from '../../components/TemplateChip.js';
import { useT } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { resumableSession, useTutor } from '../../state/tutor-store.js';
import { ContinueCard } from './ContinueCard.js';
import { ModelNotice } from './ModelNotice.js';
import { PracticeList } from './PracticeList.js';

export function StartPanel() {
  const t = useT();
  const draft = useTutor((s) => s.draft);
  const setDraft = useTutor((s) => s.setDraft);
  const start = useTutor((s) => s.start);
  const pending = useTutor((s) => s.pending);
  const error = useTutor((s) => s.error);
  const retry = useTutor((s) => s.retry);
  const resumable = useTutor((s) => resumableSession(s.sessions));
  const configured = useTutor((s) => s.modelConfigured);
  const suggestions = useTutor((s) => s.draftSuggestions);
  const problemId = useId();
  const previewId = useId();
  const starting = pending?.kind === 'start';

  return (
    <div className="start-panel">
      {resumable ? <ContinueCard session={resumable} /> : null}
      {configured === false ? <ModelNotice /> : null}
      <section className="solve-card" aria-labelledby="problem-heading">
        <h3 id="problem-heading">{t('solve.typeHeading')}</h3>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          <label htmlFor={problemId}>{t('solve.problem')}</label>
          <textarea
            id={problemId}
            className="problem-input"
            rows={4}
            value={draft}
            placeholder={t('solve.problemPlaceholder')}
            aria-describedby={previewId}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void start();
              }
            }}
          />
          <div id={previewId} className="problem-preview" aria-label={t('solve.preview')} role="region">
            {draft.trim() ? <MathText block text={draft} /> : <p className="empty">{t('solve.previewEmpty')}</p>}
          </div>
          <div className="button-row">
            <button type="submit" className="primary" disabled={!draft.trim() || pending !== null}>
              {starting ? t('solve.starting') : t('solve.start')}
            </button>
          </div>
        </form>
        {starting ? (
          <p role="status" className="hint">
            {t('solve.planning')}
          </p>
        ) : null}
        {error ? <ErrorMessage error={error} onRetry={() => void retry()} /> : null}
        {configured === false && suggestions.length > 0 ? (
          <div className="suggestions">
            <h4>{t('solve.suggestionsHeading')}</h4>
            <ul className="chip-list" aria-label={t('solve.suggestionsHeading')}>
              {suggestions.map((template) => (
                <li key={template.id}>
                  <TemplateChip template={template} />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      <PracticeList />
    </div>
  );
}
