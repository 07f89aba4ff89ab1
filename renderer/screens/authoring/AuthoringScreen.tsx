/** Author: teachers write template packs here, with a live preview, then export or install them. */
import { useEffect } from 'react';
import { useT } from '../../i18n/translate.js';
import { useAuthoring } from '../../state/authoring-store.js';
import { DraftEditor } from './DraftEditor.js';
import { DraftList } from './DraftList.js';

export function AuthoringScreen() {
  const t = useT();
  const hasDraft = useAuthoring((s) => s.draft !== null);
  const loadDrafts = useAuthoring((s) => s.loadDrafts);
  const restoreLastDraft = useAuthoring((s) => s.restoreLastDraft);

  useEffect(() => {
    void loadDrafts();
    void restoreLastDraft();
  }, [loadDrafts, restoreLastDraft]);

  return (
    <div className="authoring-screen">
      <h2>{t('nav.author')}</h2>
      {hasDraft ? <DraftEditor /> : <DraftList />}
    </div>
  );
}
