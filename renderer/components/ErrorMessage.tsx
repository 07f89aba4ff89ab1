/**
 * An AppError in words: its message, the list of problems (path: message) when the core sent
 * them, and the next action. Announced to screen readers as an alert.
 */
import type { AppError } from '../../shared/result.js';
import { useT } from '../i18n/translate.js';

interface Issue {
  path: string;
  message: string;
  file?: string;
}

function issuesOf(error: AppError): Issue[] {
  const details = error.details as { issues?: unknown } | undefined;
  if (!details || !Array.isArray(details.issues)) return [];
  return details.issues.filter(
    (i): i is Issue => typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string',
  );
}

export function ErrorMessage({ error, fileName, title }: { error: AppError; fileName?: string; title?: string }) {
  const t = useT();
  const issues = issuesOf(error);
  return (
    <div className="error-box" role="alert">
      {title ? <p className="error-title">{title}</p> : null}
      <p>{error.message}</p>
      {issues.length > 0 ? (
        <ul className="issue-list" aria-label={t('error.issuesIn', { fileName: issues[0]?.file ?? fileName ?? '' })}>
          {issues.map((issue, i) => (
            <li key={i}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      {error.action ? <p className="error-action">{error.action}</p> : null}
    </div>
  );
}
