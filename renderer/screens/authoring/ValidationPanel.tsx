/** The last validation: every problem as "path: message"; choosing one focuses its field. */
import { useT, useTm } from '../../i18n/translate.js';
import { useAuthoring } from '../../state/authoring-store.js';
import { focusPath } from './fields.js';

export function ValidationPanel() {
  const t = useT();
  const tm = useTm();
  const validation = useAuthoring((s) => s.validation);
  const selectTemplate = useAuthoring((s) => s.selectTemplate);
  if (!validation) return null;

  const goTo = (path: string) => {
    const m = /^templates\[(\d+)\]/.exec(path);
    if (m) selectTemplate(Number(m[1]));
    // After the chosen template's form is on screen.
    setTimeout(() => focusPath(path), 0);
  };

  return (
    <section className={validation.ok ? 'validation validation-ok' : 'validation error-box'} aria-labelledby="validation-heading" role={validation.ok ? undefined : 'alert'}>
      <h3 id="validation-heading">{validation.ok ? t('author.valid') : t('author.invalid', { count: validation.issues.length })}</h3>
      {validation.issues.length > 0 ? (
        <ul className="issue-list" aria-label={t('author.issuesLabel')}>
          {validation.issues.map((issue, i) => (
            <li key={i}>
              <button type="button" className="link-button" onClick={() => goTo(issue.path)}>
                <code>{issue.path}</code>: {issue.words ? tm(issue.words) : issue.message}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {validation.warnings.length > 0 ? (
        <ul className="warnings" aria-label={t('author.adviceLabel')}>
          {validation.warnings.map((warning, i) => (
            <li key={i}>{warning}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
