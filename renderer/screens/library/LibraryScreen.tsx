/** Library: browse tree | search and results | template detail. */
import { useEffect } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { useLibrary } from '../../state/library-store.js';
import { ResultList } from './ResultList.js';
import { SearchBar } from './SearchBar.js';
import { TemplateDetail } from './TemplateDetail.js';
import { TopicTree } from './TopicTree.js';

export function LibraryScreen() {
  const t = useT();
  const packsLoaded = useLibrary((s) => s.packsLoaded);
  const packsError = useLibrary((s) => s.packsError);
  const init = useLibrary((s) => s.init);

  useEffect(() => {
    if (!packsLoaded) void init();
  }, [packsLoaded, init]);

  return (
    <div className="library-screen">
      <h2 className="visually-hidden">{t('nav.library')}</h2>
      {packsError ? <ErrorMessage error={packsError} /> : null}
      <div className="library-columns">
        <TopicTree />
        <section className="library-results" aria-labelledby="results-heading">
          <h3 id="results-heading">{t('library.templates')}</h3>
          <SearchBar />
          <ResultList />
        </section>
        {/* Focusable so keyboard users can scroll a long template. */}
        <section className="library-detail" aria-label={t('detail.heading')} tabIndex={0}>
          <TemplateDetail />
        </section>
      </div>
    </div>
  );
}
