/** The templates of the draft: the list with its tools, the form, and the live preview. */
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useT } from '../../i18n/translate.js';
import { useAuthoring } from '../../state/authoring-store.js';
import { TemplateForm } from './TemplateForm.js';
import { TemplatePreview } from './TemplatePreview.js';

export function TemplateWorkbench() {
  const t = useT();
  const templates = useAuthoring((s) => s.draft?.templates ?? []);
  const selected = useAuthoring((s) => s.selected);
  const select = useAuthoring((s) => s.selectTemplate);
  const add = useAuthoring((s) => s.addTemplate);
  const duplicate = useAuthoring((s) => s.duplicateTemplate);
  const remove = useAuthoring((s) => s.deleteTemplate);
  const move = useAuthoring((s) => s.moveTemplate);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const current = templates[selected];
  const label = (name: string, i: number) => name || t('author.untitledTemplate', { number: i + 1 });

  return (
    <section className="author-section" aria-labelledby="templates-heading">
      <h3 id="templates-heading">{t('author.templatesHeading', { count: templates.length })}</h3>
      <div className="template-workbench">
        <div className="template-picker">
          <ul className="author-template-list" aria-label={t('author.templateList')} id="af-templates">
            {templates.map((template, i) => (
              <li key={i}>
                <button type="button" aria-current={i === selected ? 'true' : undefined} onClick={() => select(i)}>
                  {label(template.name, i)}
                </button>
              </li>
            ))}
          </ul>
          <div className="template-tools" role="toolbar" aria-label={t('author.templateTools')}>
            <button type="button" className="primary" onClick={add}>
              {t('author.addTemplate')}
            </button>
            <button type="button" disabled={!current || selected === 0} onClick={() => move(selected, -1)}>
              {t('author.moveUp')}
            </button>
            <button type="button" disabled={!current || selected === templates.length - 1} onClick={() => move(selected, 1)}>
              {t('author.moveDown')}
            </button>
            <button type="button" disabled={!current} onClick={() => duplicate(selected)}>
              {t('author.duplicate')}
            </button>
            <button type="button" className="danger" disabled={!current} onClick={() => setConfirmDelete(true)}>
              {t('author.deleteTemplate')}
            </button>
          </div>
        </div>
        {current ? (
          <>
            <TemplateForm index={selected} template={current} />
            <TemplatePreview template={current} />
          </>
        ) : (
          <p className="empty">{t('author.noTemplates')}</p>
        )}
      </div>
      <ConfirmDialog
        open={confirmDelete}
        title={t('author.confirmDeleteTemplateTitle')}
        message={t('author.confirmDeleteTemplateMessage', { name: current ? label(current.name, selected) : '' })}
        confirmLabel={t('author.deleteTemplate')}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          remove(selected);
        }}
      />
    </section>
  );
}
