/**
 * A template named as a small chip. Interactive chips open the template card inline (a
 * disclosure: aria-expanded); plain chips only name it.
 */
import { useId, useState } from 'react';
import type { TemplateSummary } from '../../shared/domain.js';
import { useT } from '../i18n/translate.js';
import { MathText } from '../math/MathText.js';
import { TemplateCard } from './TemplateCard.js';

export function TemplateChip({ template, interactive = true, hiddenExamples }: { template: TemplateSummary; interactive?: boolean; hiddenExamples?: readonly number[] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const cardId = useId();
  if (!interactive) {
    return (
      <span className="template-chip template-chip-static" title={t('solve.templateChip')}>
        <MathText text={template.name} />
      </span>
    );
  }
  return (
    <span className="template-chip-wrap">
      <button
        type="button"
        className="template-chip"
        aria-expanded={open}
        aria-controls={open ? cardId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        <MathText text={template.name} />
      </button>
      {open ? (
        <div id={cardId} className="template-chip-card">
          <TemplateCard templateId={template.id} {...(hiddenExamples ? { hiddenExamples } : {})} />
        </div>
      ) : null}
    </span>
  );
}
