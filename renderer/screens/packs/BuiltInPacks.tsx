/**
 * The packs the app ships, each with how it stands in the library and a Restore button when
 * it was removed or no longer matches what the app ships (edited, damaged, or replaced by an
 * older version of the app). Restoring reinstalls it exactly as shipped.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BuiltInPackView } from '../../../shared/contract.js';
import type { AppError } from '../../../shared/result.js';
import { getApi } from '../../api/index.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { useLibrary } from '../../state/library-store.js';
import { useNotices } from '../../state/notices-store.js';

export function BuiltInPacks() {
  const t = useT();
  const installed = useLibrary((s) => s.packs);
  const [builtIns, setBuiltIns] = useState<BuiltInPackView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await getApi().packs.listBuiltIns({});
    if (result.ok) setBuiltIns(result.value);
    else setError(result.error);
  }, []);

  // Reload whenever the installed list changes (an import, a removal, a restore).
  useEffect(() => {
    void load();
  }, [load, installed]);

  const restore = async (pack: BuiltInPackView) => {
    setBusy(pack.id);
    setError(null);
    const result = await getApi().packs.restoreBuiltIn({ packId: pack.id });
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    useNotices.getState().notify(t('packs.builtIn.restored', { name: pack.name, version: result.value.version }));
    await useLibrary.getState().refresh();
  };

  if (builtIns === null || builtIns.length === 0) return error ? <ErrorMessage error={error} /> : null;
  return (
    <section className="built-in-packs" aria-labelledby="built-in-heading">
      <h3 id="built-in-heading">{t('packs.builtIn.heading')}</h3>
      <p className="hint">{t('packs.builtIn.hint')}</p>
      {error ? <ErrorMessage error={error} /> : null}
      <ul className="built-in-list">
        {builtIns.map((pack) => (
          <li key={pack.id}>
            <span>
              <code>{pack.id}</code> {pack.name} {pack.version}: {t(`packs.builtIn.state.${pack.state}`, { installed: pack.installedVersion ?? '' })}
            </span>{' '}
            {pack.state === 'installed' ? null : (
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => void restore(pack)}
                aria-label={t('packs.builtIn.restoreNamed', { name: pack.name })}
              >
                {t('packs.builtIn.restore')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
