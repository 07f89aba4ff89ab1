/** The template as the Library will show it, re-rendered as the teacher types. */
import { useDeferredValue } from 'react';
import { TemplateArticle } from '../../components/TemplateView.js';
import { useT } from '../../i18n/translate.js';
import type { DraftTemplate } from './draft-model.js';

export function TemplatePreview({ template }: { template: DraftTemplate }) {
  const t = useT();
  // Typing stays responsive on long templates: the preview may lag a keystroke behind.
  const shown = useDeferredValue(template);
  return (
    <section className="template-preview" aria-label={t('author.preview')}>
      <p className="hint">{t('author.previewHint')}</p>
      <TemplateArticle template={{ ...shown, name: shown.name || t('author.untitledTemplate', { number: '' }) }} />
    </section>
  );
}
