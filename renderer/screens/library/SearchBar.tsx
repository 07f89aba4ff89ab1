/** The query box (search as you type), the tag filter and the live results count. */
import { useId } from 'react';
import { useT } from '../../i18n/translate.js';
import { useLibrary } from '../../state/library-store.js';

export function SearchBar() {
  const t = useT();
  const query = useLibrary((s) => s.query);
  const tag = useLibrary((s) => s.tag);
  const tags = useLibrary((s) => s.tags);
  const mode = useLibrary((s) => s.mode);
  const count = useLibrary((s) => (s.mode === 'search' ? s.hits.length : s.browseItems.length));
  const loading = useLibrary((s) => s.listLoading);
  const setQuery = useLibrary((s) => s.setQuery);
  const setTag = useLibrary((s) => s.setTag);
  const searchId = useId();
  const tagId = useId();

  return (
    <div className="search-bar">
      <div className="field">
        <label htmlFor={searchId}>{t('library.searchLabel')}</label>
        <input
          id={searchId}
          type="search"
          role="searchbox"
          value={query}
          placeholder={t('library.searchPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={tagId}>{t('library.tagLabel')}</label>
        <select id={tagId} value={tag} onChange={(event) => setTag(event.target.value)}>
          <option value="">{t('library.anyTag')}</option>
          {tags.map((item) => (
            <option key={item.tag} value={item.tag}>
              {t('library.tagOption', { tag: item.tag, count: item.count })}
            </option>
          ))}
        </select>
      </div>
      <p className="results-count" aria-live="polite" aria-atomic="true">
        {loading && count === 0
          ? t('library.loading')
          : mode === 'search'
            ? t('library.matchCount', { count })
            : t('library.templateCount', { count })}
      </p>
    </div>
  );
}
