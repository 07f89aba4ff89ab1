/**
 * A thought template's text, shown the same way everywhere: the Library's detail pane, the
 * Solve ladder's template card and the Author screen's live preview. Every text field goes
 * through MathText.
 */
import { useId } from 'react';
import type { Template, WorkedExample } from '../../shared/domain.js';
import { useT } from '../i18n/translate.js';
import { MathText } from '../math/MathText.js';

/** What a template shows; ids are not needed to render it (a draft may have none yet). */
export type TemplateContent = Omit<Template, 'id' | 'packId' | 'templateId'>;

/** The whole template: title, type and topic, tags, body, license (Library and preview). */
export function TemplateArticle({ template, className = 'template-detail' }: { template: TemplateContent; className?: string }) {
  const t = useT();
  const titleId = useId();
  return (
    <article className={className} aria-labelledby={titleId}>
      <h3 id={titleId}>
        <MathText text={template.name} />
      </h3>
      <p className="detail-meta">
        <span className={`type-badge type-${template.type}`}>{t(`type.${template.type}`)}</span>
        <span>
          <MathText text={template.chapter} /> › <MathText text={template.section} />
        </span>
      </p>
      {template.tags.length > 0 ? (
        <ul className="tag-list" aria-label={t('detail.tags')}>
          {template.tags.map((tag, i) => (
            <li key={`${i}:${tag}`} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
      <TemplateBody template={template} headingLevel={4} />
      {template.license || template.attribution ? (
        <footer className="detail-footer">
          {template.license ? <p>{t('detail.license', { license: template.license })}</p> : null}
          {template.attribution ? (
            <p>
              {t('detail.attribution')} <MathText text={template.attribution} />
            </p>
          ) : null}
        </footer>
      ) : null}
    </article>
  );
}

interface BodyProps {
  template: Pick<TemplateContent, 'description' | 'scope' | 'steps' | 'examples'>;
  headingLevel: 4 | 5;
  /** The card form: description without a heading, no scope, only the first example. */
  compact?: boolean;
  /** Examples not to show (on a tutoring step: their answer is the step's result or the problem's). */
  hiddenExamples?: readonly number[];
}

/** Description, scope, steps and worked examples. */
export function TemplateBody({ template, headingLevel, compact = false, hiddenExamples = [] }: BodyProps) {
  const t = useT();
  const Heading = headingLevel === 4 ? 'h4' : 'h5';
  const visible = template.examples.map((example, i) => ({ example, i })).filter(({ i }) => !hiddenExamples.includes(i));
  const examples = compact ? visible.slice(0, 1) : visible;
  const anyHidden = visible.length < template.examples.length;
  return (
    <>
      {compact ? null : <Heading>{t('detail.description')}</Heading>}
      <MathText block text={template.description} />
      {compact ? null : (
        <>
          <Heading>{t('detail.scope')}</Heading>
          <ul className="scope-list">
            {template.scope.map((item, i) => (
              <li key={i}>
                <MathText text={item} />
              </li>
            ))}
          </ul>
        </>
      )}
      <Heading>{t('detail.steps')}</Heading>
      <ol className="step-list">
        {template.steps.map((step, i) => (
          <li key={i}>
            <MathText text={step} />
          </li>
        ))}
      </ol>
      {examples.length > 0 && !compact ? <Heading>{t('detail.examples')}</Heading> : null}
      {examples.map(({ example, i }) => (
        <ExampleView key={i} example={example} number={i + 1} />
      ))}
      {anyHidden && (compact ? examples.length === 0 : true) ? (
        <p className="example-hidden" role="note">
          {t('solve.exampleHidden')}
        </p>
      ) : null}
    </>
  );
}

function ExampleView({ example, number }: { example: WorkedExample; number: number }) {
  const t = useT();
  return (
    <section className="example" aria-label={t('detail.example', { number })}>
      <h5>{t('detail.example', { number })}</h5>
      <p className="example-label">{t('detail.problem')}</p>
      <MathText block text={example.problem} />
      <p className="example-label">{t('detail.solution')}</p>
      <ol className="solution-list">
        {example.solution.map((step, i) => (
          <li key={i}>
            <MathText text={step} />
          </li>
        ))}
      </ol>
      <p className="example-answer">
        <span className="example-label">{t('detail.answer')}</span> <MathText text={example.answer} />
      </p>
    </section>
  );
}
