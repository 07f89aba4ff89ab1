/** The drafts kept in the app: start a new pack, open or delete one, or copy an installed pack. */
import { useEffect, useId, useState } from 'react';
import type { DraftSummary } from '../../../shared/domain.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useLocaleStore, useT } from '../../i18n/translate.js';
import { useAuthoring } from '../../state/authoring-store.js';
import { useLibrary } from '../../state/library-store.js';

export function DraftList() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const drafts = useAuthoring((s) => s.drafts);
  const loaded = useAuthoring((s) => s.listLoaded);
  const error = useAuthoring((s) => s.listError);
  const newDraft = useAuthoring((s) => s.newDraft);
  const openDraft = useAuthoring((s) => s.openDraft);
  const deleteDraft = useAuthoring((s) => s.deleteDraft);
  const [toDelete, setToDelete] = useState<DraftSummary | null>(null);
  const title = (draft: DraftSummary) => draft.name || draft.packId || t('author.untitledPack');

  return (
    <section className="draft-list" aria-labelledby="drafts-heading">
      <h3 id="drafts-heading">{t('author.draftsHeading')}</h3>
      <p className="hint">{t('author.intro')}</p>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void newDraft()}>
          {t('author.newPack')}
        </button>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {loaded && drafts.length === 0 ? <p className="empty">{t('author.noDrafts')}</p> : null}
      <ul className="history-list" aria-label={t('author.draftsHeading')}>
        {drafts.map((draft) => (
          <li key={draft.draftId} className="history-item">
            <div className="history-text">
              <strong>{title(draft)}</strong>
              <span className="count">
                {t('author.draftMeta', { count: draft.templateCount, version: draft.version, date: new Date(draft.updatedAt).toLocaleString(locale) })}
              </span>
            </div>
            <div className="actions">
              <button type="button" className="primary" onClick={() => void openDraft(draft.draftId)} aria-label={t('author.openNamed', { name: title(draft) })}>
                {t('author.open')}
              </button>
              <button type="button" className="danger" onClick={() => setToDelete(draft)} aria-label={t('author.deleteNamed', { name: title(draft) })}>
                {t('author.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <FromInstalledPack />
      <ConfirmDialog
        open={toDelete !== null}
        title={t('author.confirmDeleteTitle')}
        message={t('author.confirmDeleteMessage', { name: toDelete ? title(toDelete) : '' })}
        confirmLabel={t('author.confirmDelete')}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          const target = toDelete;
          setToDelete(null);
          if (target) void deleteDraft(target.draftId);
        }}
      />
    </section>
  );
}

function FromInstalledPack() {
  const t = useT();
  const packs = useLibrary((s) => s.packs);
  const packsLoaded = useLibrary((s) => s.packsLoaded);
  const init = useLibrary((s) => s.init);
  const startFromPack = useAuthoring((s) => s.startFromPack);
  const [packId, setPackId] = useState('');
  const selectId = useId();

  useEffect(() => {
    if (!packsLoaded) void init();
  }, [packsLoaded, init]);

  const chosen = packId || packs[0]?.id || '';
  return (
    <section className="from-pack" aria-labelledby={`${selectId}-heading`}>
      <h4 id={`${selectId}-heading`}>{t('author.fromPackHeading')}</h4>
      <p className="hint">{t('author.fromPackHint')}</p>
      <div className="button-row">
        <label htmlFor={selectId}>{t('author.installedPack')}</label>
        <select id={selectId} value={chosen} onChange={(event) => setPackId(event.target.value)} disabled={packs.length === 0}>
          {packs.map((pack) => (
            <option key={pack.id} value={pack.id}>
              {t('author.packOption', { name: pack.name, version: pack.version })}
            </option>
          ))}
        </select>
        <button type="button" disabled={!chosen} onClick={() => void startFromPack(chosen)}>
          {t('author.editCopy')}
        </button>
      </div>
    </section>
  );
}
