/** Choose a pack file, see what importing it would change, then apply or cancel. */
import { useId, useRef } from 'react';
import type { ImportPreview } from '../../../shared/domain.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { usePacks } from '../../state/packs-store.js';

export function ImportPanel() {
  const t = useT();
  const fileName = usePacks((s) => s.fileName);
  const preview = usePacks((s) => s.preview);
  const importError = usePacks((s) => s.importError);
  const busy = usePacks((s) => s.busy);
  const chooseLocalFile = usePacks((s) => s.chooseLocalFile);
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  return (
    <section className="import-panel" aria-labelledby="import-heading">
      <h3 id="import-heading">{t('packs.importHeading')}</h3>
      <p className="hint">{t('packs.importHint')}</p>
      <div className="file-field">
        <label htmlFor={inputId}>{t('packs.chooseFile')}</label>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept=".json,.md,.markdown,application/json,text/markdown"
          disabled={busy}
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            // Reset so choosing the same file again still triggers a fresh preview.
            event.target.value = '';
            if (chosen) void chooseLocalFile(chosen);
          }}
        />
      </div>
      {busy && !preview ? <p className="hint">{t('packs.reading', { fileName: fileName ?? '' })}</p> : null}
      {importError ? (
        <ErrorMessage error={importError} fileName={fileName ?? undefined} title={t('packs.importFailed', { fileName: fileName ?? '' })} />
      ) : null}
      {preview ? <PreviewView preview={preview} fileName={fileName ?? ''} /> : null}
    </section>
  );
}

function PreviewView({ preview, fileName }: { preview: ImportPreview; fileName: string }) {
  const t = useT();
  const force = usePacks((s) => s.force);
  const busy = usePacks((s) => s.busy);
  const setForce = usePacks((s) => s.setForce);
  const applyImport = usePacks((s) => s.applyImport);
  const cancelImport = usePacks((s) => s.cancelImport);
  const forceId = useId();
  const canApply = !busy && preview.action !== 'same' && (preview.action !== 'downgrade' || force);
  const counts = ['added', 'changed', 'removed', 'unchanged'] as const;

  return (
    <section className="import-preview" aria-labelledby="preview-heading">
      <h4 id="preview-heading">{t('packs.previewHeading', { fileName })}</h4>
      <dl className="preview-facts">
        <dt>{t('packs.preview.pack')}</dt>
        <dd>
          {preview.name} (<code>{preview.packId}</code>)
        </dd>
        <dt>{t('packs.preview.version')}</dt>
        <dd>{preview.version}</dd>
        <dt>{t('packs.preview.installedVersion')}</dt>
        <dd>{preview.installedVersion ?? t('packs.preview.notInstalled')}</dd>
        <dt>{t('packs.preview.action')}</dt>
        <dd className={`action action-${preview.action}`}>{t(`packs.action.${preview.action}`)}</dd>
        <dt>{t('packs.preview.contents')}</dt>
        <dd>
          {t('packs.preview.contentsValue', {
            templates: preview.counts.templates,
            chapters: preview.counts.chapters,
            sections: preview.counts.sections,
          })}
        </dd>
      </dl>
      <table className="count-table">
        <caption>{t('packs.preview.changes')}</caption>
        <tbody>
          {counts.map((kind) => (
            <tr key={kind}>
              <th scope="row">{t(`packs.change.${kind}`)}</th>
              <td className="num">{preview.counts[kind]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.changes.some((c) => c.kind !== 'unchanged') ? (
        <details className="change-list">
          <summary>{t('packs.preview.showChanges')}</summary>
          <ul>
            {preview.changes
              .filter((c) => c.kind !== 'unchanged')
              .map((change) => (
                <li key={`${change.kind}:${change.templateId}`}>
                  <span className={`change-kind change-${change.kind}`}>{t(`packs.change.${change.kind}`)}</span>{' '}
                  <MathText text={change.name} /> (<code>{change.templateId}</code>)
                </li>
              ))}
          </ul>
        </details>
      ) : null}
      {preview.warnings.length > 0 ? (
        <div className="warnings">
          <p className="error-title">{t('packs.preview.warnings', { count: preview.warnings.length })}</p>
          <ul>
            {preview.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview.action === 'same' ? <p className="hint">{t('packs.preview.sameHint')}</p> : null}
      {preview.action === 'downgrade' ? (
        <p className="checkbox-field">
          <input id={forceId} type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} />
          <label htmlFor={forceId}>{t('packs.preview.force', { installed: preview.installedVersion ?? '', version: preview.version })}</label>
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="primary" disabled={!canApply} onClick={() => void applyImport()}>
          {t('packs.apply')}
        </button>
        <button type="button" onClick={cancelImport} disabled={busy}>
          {t('packs.cancel')}
        </button>
      </div>
    </section>
  );
}
