/** One tutoring session: the problem, notices, the roadmap, the current step and the final answer. */
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { goToScreen } from '../../components/navigate.js';
import { TemplateChip } from '../../components/TemplateChip.js';
import { useT, useTm } from '../../i18n/translate.js';
import { ModelText } from '../../math/Markdown.js';
import { MathText } from '../../math/MathText.js';
import { useTutor } from '../../state/tutor-store.js';
import { CurrentStep } from './CurrentStep.js';
import { FinalAnswer } from './FinalAnswer.js';
import { PlanChanges } from './PlanChanges.js';
import { Roadmap } from './Roadmap.js';

export function SessionPanel() {
  const t = useT();
  const tm = useTm();
  const session = useTutor((s) => s.session);
  const error = useTutor((s) => s.error);
  // Errors of the step controls show beside them (CurrentStep, StepCheck, FinalAnswer).
  const errorAt = useTutor((s) => s.errorAt);
  const retry = useTutor((s) => s.retry);
  const pending = useTutor((s) => s.pending);
  const newProblem = useTutor((s) => s.newProblem);
  if (!session) return null;
  const notice = session.notice;
  const hasPlan = session.steps.length > 0;

  return (
    <div className="session-panel">
      <section className="solve-card session-problem" aria-labelledby="session-problem-heading">
        <div className="session-head">
          <h3 id="session-problem-heading">{t('solve.problemHeading')}</h3>
          <span className={`status-badge status-${session.status}`}>{t(`solve.status.${session.status}`)}</span>
          <button type="button" onClick={newProblem} disabled={pending !== null}>
            {t('solve.newProblem')}
          </button>
        </div>
        <MathText block text={session.problem} />
        {hasPlan && session.analysis ? (
          <>
            <h4>{t('solve.analysis')}</h4>
            <ModelText text={session.analysis} />
          </>
        ) : null}
      </section>

      {notice ? (
        <div className={notice.code === 'replanned' ? 'info-box' : 'error-box'} role={notice.code === 'replanned' ? 'status' : 'alert'}>
          {notice.code === 'model_not_configured' ? <p className="error-title">{t('solve.noModelTitle')}</p> : null}
          <p>{tm(notice.message)}</p>
          {notice.action ? <p className="error-action">{tm(notice.action)}</p> : null}
          {notice.code === 'model_not_configured' ? (
            <button type="button" onClick={() => goToScreen('settings')}>
              {t('solve.openSettings')}
            </button>
          ) : null}
        </div>
      ) : null}

      {session.suggestions.length > 0 && !hasPlan ? (
        <section className="solve-card" aria-labelledby="suggestions-heading">
          <h3 id="suggestions-heading">{t('solve.suggestionsHeading')}</h3>
          <ul className="chip-list" aria-label={t('solve.suggestionsHeading')}>
            {session.suggestions.map((template) => (
              <li key={template.id}>
                <TemplateChip template={template} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {error && (!hasPlan || errorAt === null || errorAt === 'open' || errorAt === 'start') ? (
        <ErrorMessage error={error} {...(errorAt === 'start' ? { onRetry: () => void retry() } : {})} />
      ) : null}

      {hasPlan ? (
        <div className="session-columns">
          <div className="session-side">
            <PlanChanges />
            <Roadmap />
          </div>
          <div className="session-main">
            <CurrentStep />
            <FinalAnswer />
            <Usage />
          </div>
        </div>
      ) : null}
    </div>
  );
}

function Usage() {
  const t = useT();
  const usage = useTutor((s) => s.session?.usage);
  if (!usage || usage.calls === 0) return null;
  return (
    <p className="usage">
      {t('solve.usage', { prompt: usage.promptTokens, completion: usage.completionTokens, count: usage.calls })}
    </p>
  );
}
