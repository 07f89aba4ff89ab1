/** What "Test connection" found: latency and the server's models, or why it failed. */
import type { ModelRole } from '../../../shared/tutor.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { useSettings } from '../../state/settings-store.js';

export function ConnectionResult({ role }: { role: ModelRole }) {
  const t = useT();
  const test = useSettings((s) => s.roles[role].test);
  const testError = useSettings((s) => s.roles[role].testError);
  const model = useSettings((s) => s.roles[role].form.model.trim());

  if (testError) return <ErrorMessage error={testError} title={t('settings.testFailed')} />;
  return (
    <div role="status" className="connection-result">
      {test ? (
        <>
          <p>{t('settings.testOk', { ms: Math.round(test.latencyMs) })}</p>
          {test.keyWithheld ? <p className="hint">{t('settings.testWithoutKey')}</p> : null}
          {test.models.length > 0 ? (
            <ul className="model-list" aria-label={t('settings.modelsFound')}>
              {test.models.map((name) => (
                <li key={name}>
                  <code>{name}</code>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">{t('settings.noModelsListed')}</p>
          )}
          {model && !test.modelFound && test.models.length > 0 ? <p className="field-error">{t('settings.modelMissing', { model })}</p> : null}
        </>
      ) : null}
    </div>
  );
}
