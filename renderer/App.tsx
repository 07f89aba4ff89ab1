/** The shell: title, navigation between screens, the status area, and a crash guard. */
import { useEffect, useId } from 'react';
import { getApi } from './api/index.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { goToScreen, useNavigation } from './components/navigate.js';
import { StatusArea } from './components/StatusArea.js';
import { LOCALES, useLocaleStore, useT, type Locale } from './i18n/translate.js';
import { SCREENS } from './screens/registry.js';
import { parseShellCommand } from './shell/shell-commands.js';
import { useNotices } from './state/notices-store.js';
import { usePacks } from './state/packs-store.js';
import { resumableSession, useTutor } from './state/tutor-store.js';

export function App() {
  const t = useT();
  const requested = useNavigation((s) => s.screenId);
  const screen = SCREENS.find((s) => s.id === requested) ?? SCREENS[0];
  const screenId = screen?.id ?? 'library';
  const Screen = screen?.component;

  // A damaged library was set aside at start: say so once, with where the backup is.
  useEffect(() => {
    void getApi()
      .app.info({})
      .then((r) => {
        if (r.ok && r.value.recovery)
          useNotices.getState().notify(t('app.recovered', { backupFile: r.value.recovery.backupFile }), 'error');
      });
    // Once per start; the language at that moment is fine for a one-off notice.
  }, []);

  // A returning learner with a session still open starts on Solve ("Continue where you left
  // off"); Library stays one click away. Only when nobody has navigated yet.
  useEffect(() => {
    void useTutor
      .getState()
      .loadSessions()
      .then(() => {
        if (useNavigation.getState().screenId === null && resumableSession(useTutor.getState().sessions)) goToScreen('solve');
      });
  }, []);

  // Menu commands from the desktop shell: show the import preview, open a screen.
  useEffect(
    () =>
      getApi().onEvent((event) => {
        const command = parseShellCommand(event);
        if (command?.command === 'importPack') {
          goToScreen('packs');
          usePacks.getState().showPickedPreview(command.fileName, command.result);
        } else if (command?.command === 'openSettings' && SCREENS.some((s) => s.id === 'settings')) {
          goToScreen('settings');
        }
      }),
    [],
  );

  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {SCREENS.map((entry) => (
              <li key={entry.id}>
                <button
                  type="button"
                  aria-current={entry.id === screenId ? 'page' : undefined}
                  onClick={() => goToScreen(entry.id)}
                >
                  {t(entry.labelKey)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageChooser />
      </header>
      <StatusArea />
      <main className="app-main">
        {/* Keyed by screen: a crash in one screen is forgotten when you switch away. */}
        <ErrorBoundary key={screenId}>{Screen ? <Screen /> : null}</ErrorBoundary>
      </main>
    </div>
  );
}

function LanguageChooser() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const setLocale = useLocaleStore((s) => s.setLocale);
  const id = useId();
  return (
    <div className="language-chooser">
      <label htmlFor={id}>{t('app.language')}</label>
      <select id={id} value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code}>
            {t(`locale.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
