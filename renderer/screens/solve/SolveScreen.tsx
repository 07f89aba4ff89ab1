/** Solve: type a problem or pick a practice one; then work through the plan step by step. */
import { useEffect } from 'react';
import { useT } from '../../i18n/translate.js';
import { useTutor } from '../../state/tutor-store.js';
import { SessionPanel } from './SessionPanel.js';
import { StartPanel } from './StartPanel.js';

export function SolveScreen() {
  const t = useT();
  const session = useTutor((s) => s.session);
  const init = useTutor((s) => s.init);

  useEffect(() => {
    void init();
  }, [init]);

  return (
    <div className="solve-screen">
      <h2 className="visually-hidden">{t('nav.solve')}</h2>
      {session ? <SessionPanel /> : <StartPanel />}
    </div>
  );
}
