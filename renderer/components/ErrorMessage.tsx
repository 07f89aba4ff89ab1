/**
 * An AppError in words: its message, the list of problems (path: message) when the core sent
 * them, and the next action. Announced to screen readers as an alert. Coded words (the core's
 * `messageCode`/`actionCode`) are shown in the learner's language; `message` only when the
 * error came without a code.
 */
import { isMessage, type Message } from '../../shared/messages.js';
import { type AppError, errorAction, errorMessage } from '../../shared/result.js';
import { useT, useTm } from '../i18n/translate.js';

interface Issue {
  path: string;
  message: string;
  /** The issue's words as a coded message, when the core sent one. */
  words?: Message;
  file?: string;
}

function issuesOf(error: AppError): Issue[] {
  const details = error.details as { issues?: unknown } | undefined;
  if (!details || !Array.isArray(details.issues)) return [];
  return details.issues.filter(
    (i): i is Issue => typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string',
  );
}

/** `onRetry`: a Retry button beside the words (a failed model call may work the second time). */
export function ErrorMessage({ error, fileName, title, onRetry }: { error: AppError; fileName?: string; title?: string; onRetry?: () => void }) {
  const t = useT();
  const tm = useTm();
  const issues = issuesOf(error);
  const message = errorMessage(error);
  const action = errorAction(error);
  return (
    <div className="error-box" role="alert">
      {title ? <p className="error-title">{title}</p> : null}
      <p>{message ? tm(message) : error.message}</p>
      {issues.length > 0 ? (
        <ul className="issue-list" aria-label={t('error.issuesIn', { fileName: issues[0]?.file ?? fileName ?? '' })}>
          {issues.map((issue, i) => (
            <li key={i}>
              <code>{issue.path}</code>: {isMessage(issue.words) ? tm(issue.words) : issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      {action ? <p className="error-action">{tm(action)}</p> : error.action ? <p className="error-action">{error.action}</p> : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      ) : null}
    </div>
  );
}
