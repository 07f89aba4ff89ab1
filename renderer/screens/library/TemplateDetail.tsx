/** Right column: one thought template in full. Every text field goes through MathText. */
import type { Template, WorkedExample } from '../../../shared/domain.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { useLibrary } from '../../state/library-store.js';

export function TemplateDetail() {
  const t = useT();
  const detail = useLibrary((s) => s.detail);
  const loading = useLibrary((s) => s.detailLoading);
  const error = useLibrary((s) => s.detailError);

  if (error) return <ErrorMessage error={error} />;
  if (!detail) return <p className="empty">{loading ? t('library.loading') : t('detail.none')}</p>;
  return <TemplateArticle template={detail} />;
}

function TemplateArticle({ template }: { template: Template }) {
  const t = useT();
  return (
    <article className="template-detail" aria-labelledby="template-title">
      <h3 id="template-title">
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
          {template.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}

      <h4>{t('detail.description')}</h4>
      <MathText block text={template.description} />

      <h4>{t('detail.scope')}</h4>
      <ul className="scope-list">
        {template.scope.map((item, i) => (
          <li key={i}>
            <MathText text={item} />
          </li>
        ))}
      </ul>

      <h4>{t('detail.steps')}</h4>
      <ol className="step-list">
        {template.steps.map((step, i) => (
          <li key={i}>
            <MathText text={step} />
          </li>
        ))}
      </ol>

      {template.examples.length > 0 ? (
        <>
          <h4>{t('detail.examples')}</h4>
          {template.examples.map((example, i) => (
            <Example key={i} example={example} number={i + 1} />
          ))}
        </>
      ) : null}

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

function Example({ example, number }: { example: WorkedExample; number: number }) {
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
