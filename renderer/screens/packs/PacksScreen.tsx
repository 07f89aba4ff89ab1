/** Packs: import a pack file, and manage the installed ones. */
import { useEffect } from 'react';
import { useT } from '../../i18n/translate.js';
import { useLibrary } from '../../state/library-store.js';
import { BuiltInPacks } from './BuiltInPacks.js';
import { ImportPanel } from './ImportPanel.js';
import { PackTable } from './PackTable.js';

export function PacksScreen() {
  const t = useT();
  const packsLoaded = useLibrary((s) => s.packsLoaded);
  const init = useLibrary((s) => s.init);

  useEffect(() => {
    if (!packsLoaded) void init();
  }, [packsLoaded, init]);

  return (
    <div className="packs-screen">
      <h2>{t('nav.packs')}</h2>
      <ImportPanel />
      <PackTable />
      <BuiltInPacks />
    </div>
  );
}
