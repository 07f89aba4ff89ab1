/** "Find local servers": probes this machine for known servers and offers what it finds. */
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { useSettings } from '../../state/settings-store.js';

export function DiscoverServers() {
  const t = useT();
  const discovering = useSettings((s) => s.discovering);
  const discovered = useSettings((s) => s.discovered);
  const error = useSettings((s) => s.discoverError);
  const discover = useSettings((s) => s.discover);
  const useDiscovered = useSettings((s) => s.useDiscovered);

  return (
    <section className="settings-section" aria-labelledby="discover-heading">
      <h3 id="discover-heading">{t('settings.discoverHeading')}</h3>
      <p className="hint">{t('settings.discoverHint')}</p>
      <button type="button" onClick={() => void discover()} disabled={discovering}>
        {discovering ? t('settings.discovering') : t('settings.discover')}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
      <div role="status">
        {discovered && discovered.length === 0 ? <p>{t('settings.discoverNone')}</p> : null}
        {discovered && discovered.length > 0 ? (
          <ul className="discovered-list" aria-label={t('settings.discoveredLabel')}>
            {discovered.map((server) => (
              <li key={server.baseUrl}>
                <span>
                  {server.label} <code>{server.baseUrl}</code> {t('settings.discoveredModels', { count: server.models.length })}
                </span>
                <button
                  type="button"
                  onClick={() => useDiscovered('navigator', server)}
                  aria-label={t('settings.useServerNamed', { name: server.label })}
                >
                  {t('settings.useServer')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
