/** Installed packs with Export and Remove (after a confirmation). */
import { useState } from 'react';
import type { PackSummary } from '../../../shared/domain.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { useLibrary } from '../../state/library-store.js';
import { usePacks } from '../../state/packs-store.js';

export function PackTable() {
  const t = useT();
  const packs = useLibrary((s) => s.packs);
  const busy = usePacks((s) => s.busy);
  const actionError = usePacks((s) => s.actionError);
  const removePack = usePacks((s) => s.removePack);
  const exportPack = usePacks((s) => s.exportPack);
  const [toRemove, setToRemove] = useState<PackSummary | null>(null);

  return (
    <section className="pack-table-section" aria-labelledby="installed-heading">
      <h3 id="installed-heading">{t('packs.installed')}</h3>
      {actionError ? <ErrorMessage error={actionError} /> : null}
      {packs.length === 0 ? (
        <p className="empty">{t('packs.none')}</p>
      ) : (
        <table className="pack-table">
          <thead>
            <tr>
              <th scope="col">{t('packs.col.id')}</th>
              <th scope="col">{t('packs.col.name')}</th>
              <th scope="col">{t('packs.col.version')}</th>
              <th scope="col">{t('packs.col.templates')}</th>
              <th scope="col">{t('packs.col.source')}</th>
              <th scope="col">{t('packs.col.builtIn')}</th>
              <th scope="col">{t('packs.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {packs.map((pack) => (
              <tr key={pack.id}>
                <td>
                  <code>{pack.id}</code>
                </td>
                <th scope="row">{pack.name}</th>
                <td>{pack.version}</td>
                <td className="num">{pack.templateCount}</td>
                <td>{pack.sourceFormat}</td>
                <td>{pack.builtIn ? t('packs.yes') : t('packs.no')}</td>
                <td className="actions">
                  <button type="button" onClick={() => void exportPack(pack.id)} aria-label={t('packs.exportNamed', { name: pack.name })}>
                    {t('packs.export')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    disabled={busy}
                    onClick={() => setToRemove(pack)}
                    aria-label={t('packs.removeNamed', { name: pack.name })}
                  >
                    {t('packs.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={toRemove !== null}
        title={t('packs.confirmRemoveTitle')}
        message={toRemove ? t('packs.confirmRemoveMessage', { name: toRemove.name, count: toRemove.templateCount }) : ''}
        confirmLabel={t('packs.confirmRemove')}
        onCancel={() => setToRemove(null)}
        onConfirm={() => {
          const pack = toRemove;
          setToRemove(null);
          if (pack) void removePack(pack.id);
        }}
      />
    </section>
  );
}
