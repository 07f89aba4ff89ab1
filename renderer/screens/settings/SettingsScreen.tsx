/** Settings: the navigator and solver endpoints, shared or separate, and local server discovery. */
import { useEffect } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { useSettings } from '../../state/settings-store.js';
import { DiscoverServers } from './DiscoverServers.js';
import { RoleFields } from './RoleFields.js';

export function SettingsScreen() {
  const t = useT();
  const view = useSettings((s) => s.view);
  const loadError = useSettings((s) => s.loadError);
  const toggleError = useSettings((s) => s.toggleError);
  const load = useSettings((s) => s.load);
  const setSolverUsesNavigator = useSettings((s) => s.setSolverUsesNavigator);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="settings-screen">
      <h2>{t('nav.settings')}</h2>
      <p className="hint">{t('settings.intro')}</p>
      {loadError ? <ErrorMessage error={loadError} /> : null}
      <RoleFields role="navigator" />
      <label className="checkbox-field settings-toggle">
        <input
          type="checkbox"
          checked={view?.solverUsesNavigator ?? true}
          disabled={!view}
          onChange={(event) => void setSolverUsesNavigator(event.target.checked)}
        />
        {t('settings.solverUsesNavigator')}
      </label>
      {toggleError ? <ErrorMessage error={toggleError} /> : null}
      {view && !view.solverUsesNavigator ? <RoleFields role="solver" /> : null}
      <DiscoverServers />
    </div>
  );
}
