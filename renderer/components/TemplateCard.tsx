/** The template card of the ladder's second rung: name, description, steps, one worked example. */
import { useEffect } from 'react';
import { useT } from '../i18n/translate.js';
import { MathText } from '../math/MathText.js';
import { useLibrary } from '../state/library-store.js';
import { ErrorMessage } from './ErrorMessage.js';
import { TemplateBody } from './TemplateView.js';
import { goToScreen } from './navigate.js';

/** `hiddenExamples`: on a tutoring step, worked examples whose answer would do the step (see the tutor's reveal rules). */
export function TemplateCard({ templateId, hiddenExamples }: { templateId: string; hiddenExamples?: readonly number[] }) {
  const t = useT();
  const template = useLibrary((s) => s.templates[templateId]);
  const error = useLibrary((s) => s.templateErrors[templateId]);
  const loadTemplate = useLibrary((s) => s.loadTemplate);

  useEffect(() => {
    void loadTemplate(templateId);
  }, [templateId, loadTemplate]);

  if (error) return <ErrorMessage error={error} />;
  if (!template) return <p className="empty">{t('library.loading')}</p>;
  return (
    <article className="template-card" aria-label={t('solve.templateCardLabel', { name: template.name })}>
      <h4>
        <MathText text={template.name} />
      </h4>
      <TemplateBody template={template} headingLevel={5} compact {...(hiddenExamples ? { hiddenExamples } : {})} />
      <button
        type="button"
        className="link-button"
        onClick={() => {
          void useLibrary.getState().openTemplate(templateId);
          goToScreen('library');
        }}
      >
        {t('solve.openInLibrary')}
      </button>
    </article>
  );
}
