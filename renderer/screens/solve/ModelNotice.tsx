/**
 * Said plainly when no model is set up: what still works, and how to add one. On the first
 * visit it also looks for model servers on this computer (the usual local ports) and offers
 * to use one it finds, so a student with Ollama or LM Studio running is one click away.
 */
import { useEffect, useState } from 'react';
import type { AppError } from '../../../shared/result.js';
import type { DiscoveredServer } from '../../../shared/tutor.js';
import { getApi } from '../../api/index.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { goToScreen } from '../../components/navigate.js';
import { useT } from '../../i18n/translate.js';
import { useSettings } from '../../state/settings-store.js';
import { useTutor } from '../../state/tutor-store.js';

export function ModelNotice() {
  const t = useT();
  // The settings store looks (once per app start: its answer is kept for later visits).
  const found = (useSettings((s) => s.discovered) ?? []).filter((s) => s.models.length > 0);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const settings = useSettings.getState();
    if (settings.discovered === null && !settings.discovering) void settings.discover();
  }, []);

  async function use(server: DiscoveredServer) {
    setBusy(true);
    const result = await getApi().settings.setModel({
      role: 'navigator',
      settings: { baseUrl: server.baseUrl, model: server.models[0]! },
    });
    setBusy(false);
    if (result.ok) useTutor.setState({ modelConfigured: result.value.configured });
    else setError(result.error);
  }

  return (
    <section className="model-notice" aria-labelledby="model-notice-heading">
      <h3 id="model-notice-heading">{t('solve.noModelTitle')}</h3>
      <p>{t('solve.noModelBody')}</p>
      {found.length > 0 ? (
        <div role="status">
          <p>{t('solve.foundServers')}</p>
          <ul className="discovered-list">
            {found.map((server) => (
              <li key={server.baseUrl}>
                <span>
                  {server.label} <code>{server.baseUrl}</code> · {server.models[0]}
                </span>
                <button type="button" disabled={busy} onClick={() => void use(server)}>
                  {t('solve.useFoundServer', { name: server.label })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      <button type="button" onClick={() => goToScreen('settings')}>
        {t('solve.openSettings')}
      </button>
    </section>
  );
}
