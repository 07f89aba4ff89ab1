/**
 * The plan as an ordered list: done steps marked, the current one aria-current="step". After a
 * revision, the steps it added or changed say so in words (not colour only).
 */
import { TemplateChip } from '../../components/TemplateChip.js';
import { useT } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { useTutor } from '../../state/tutor-store.js';

export function Roadmap() {
  const t = useT();
  const session = useTutor((s) => s.session);
  if (!session) return null;
  const solved = session.status === 'solved';
  const latest = session.plans.length > 1 ? session.plans[session.plans.length - 1] : undefined;
  const marks = new Map<number, 'added' | 'changed'>();
  for (const c of latest?.changes ?? []) if (c.kind !== 'removed') marks.set(c.index, c.kind);
  return (
    <nav className="roadmap" aria-labelledby="roadmap-heading">
      <h3 id="roadmap-heading">{t('solve.roadmap')}</h3>
      <ol>
        {session.steps.map((step, i) => {
          const done = i < session.currentStep || solved;
          const current = i === session.currentStep && !solved;
          // The template card opens from here once it is no longer a hint to be earned.
          const cardOpen = done || (current && step.revealed.template === true);
          return (
            <li key={i} className={`roadmap-step${done ? ' done' : ''}${current ? ' current' : ''}`} aria-current={current ? 'step' : undefined}>
              <span className="roadmap-marker">{done ? t('solve.stepDone') : current ? t('solve.stepCurrent') : t('solve.stepLater')}</span>
              <span className="roadmap-title">
                <MathText text={step.title} />
              </span>
              {step.movedOn ? <span className="change-mark moved-on">{t('solve.movedOn')}</span> : null}
              {marks.has(i) ? <span className="change-mark">{t(marks.get(i) === 'added' ? 'solve.mark.added' : 'solve.mark.changed', { version: latest!.version })}</span> : null}
              {step.template ? <TemplateChip template={step.template} interactive={cardOpen} {...(step.hiddenExamples ? { hiddenExamples: step.hiddenExamples } : {})} /> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
