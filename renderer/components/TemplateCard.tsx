/** The template card of the ladder's second rung: name, description, steps, one worked example. */
import { useEffect } from 'react';
import { useT } from '../i18n/translate.js';
import { MathText } from '../math/MathText.js';
import { useLibrary } from '../state/library-store.js';
import { useTutor } from '../state/tutor-store.js';
import { ErrorMessage } from './ErrorMessage.js';
import { goToScreen } from './navigate.js';

export function TemplateCard({ templateId }: { templateId: string }) {
  const t = useT();
  const template = useTutor((s) => s.templates[templateId]);
  const error = useTutor((s) => s.templateErrors[templateId]);
  const loadTemplate = useTutor((s) => s.loadTemplate);

  useEffect(() => {
    void loadTemplate(templateId);
  }, [templateId, loadTemplate]);

  if (error) return <ErrorMessage error={error} />;
  if (!template) return <p className="empty">{t('library.loading')}</p>;
  const example = template.examples[0];
  return (
    <article className="template-card" aria-label={t('solve.templateCardLabel', { name: template.name })}>
      <h4>
        <MathText text={template.name} />
      </h4>
      <MathText block text={template.description} />
      <h5>{t('detail.steps')}</h5>
      <ol className="step-list">
        {template.steps.map((step, i) => (
          <li key={i}>
            <MathText text={step} />
          </li>
        ))}
      </ol>
      {example ? (
        <section className="example" aria-label={t('detail.example', { number: 1 })}>
          <h5>{t('detail.example', { number: 1 })}</h5>
          <p className="example-label">{t('detail.problem')}</p>
          <MathText block text={example.problem} />
          <p className="example-label">{t('detail.solution')}</p>
          <ol className="solution-list">
            {example.solution.map((line, i) => (
              <li key={i}>
                <MathText text={line} />
              </li>
            ))}
          </ol>
          <p className="example-answer">
            <span className="example-label">{t('detail.answer')}</span> <MathText text={example.answer} />
          </p>
        </section>
      ) : null}
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
