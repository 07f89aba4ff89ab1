/** One draft: toolbar (save status, validate, export, install), pack details, topics, templates. */
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { errorMessage } from '../../../shared/result.js';
import { useT, useTm } from '../../i18n/translate.js';
import { useAuthoring } from '../../state/authoring-store.js';
import { PackMetaForm } from './PackMetaForm.js';
import { TemplateWorkbench } from './TemplateWorkbench.js';
import { TopicsEditor } from './TopicsEditor.js';
import { ValidationPanel } from './ValidationPanel.js';

export function DraftEditor() {
  const t = useT();
  const name = useAuthoring((s) => s.draft?.name ?? '');
  const busy = useAuthoring((s) => s.busy);
  const actionError = useAuthoring((s) => s.actionError);
  const closeDraft = useAuthoring((s) => s.closeDraft);
  const validate = useAuthoring((s) => s.validate);
  const exportDraft = useAuthoring((s) => s.exportDraft);
  const install = useAuthoring((s) => s.install);

  return (
    <div className="draft-editor">
      <div className="author-toolbar" role="toolbar" aria-label={t('author.toolbar')}>
        <button type="button" onClick={() => void closeDraft()}>
          {t('author.backToDrafts')}
        </button>
        <strong className="author-title">{name || t('author.untitledPack')}</strong>
        <SaveStatus />
        <button type="button" disabled={busy} onClick={() => void validate()}>
          {t('author.validate')}
        </button>
        <button type="button" disabled={busy} onClick={() => void exportDraft()}>
          {t('author.export')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void install()}>
          {t('author.install')}
        </button>
      </div>
      {actionError ? <ErrorMessage error={actionError} /> : null}
      <ValidationPanel />
      <PackMetaForm />
      <TopicsEditor />
      <TemplateWorkbench />
    </div>
  );
}

function SaveStatus() {
  const t = useT();
  const tm = useTm();
  const status = useAuthoring((s) => s.saveStatus);
  const error = useAuthoring((s) => s.saveError);
  const flush = useAuthoring((s) => s.flush);
  return (
    <span className={`save-status save-${status}`} aria-live="polite">
      {status === 'saved' ? t('author.saved') : null}
      {status === 'saving' ? t('author.saving') : null}
      {status === 'pending' ? t('author.unsaved') : null}
      {status === 'error' ? (
        <>
          {t('author.saveFailed', { message: error ? (errorMessage(error) ? tm(errorMessage(error)!) : error.message) : '' })}{' '}
          <button type="button" onClick={() => void flush()}>
            {t('author.retrySave')}
          </button>
        </>
      ) : null}
    </span>
  );
}
