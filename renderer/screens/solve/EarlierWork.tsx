/**
 * The work on this step's place from before the plan was revised: the help the learner had
 * revealed (goal, template, hint, worked step) and their attempts with the checker's feedback,
 * read-only, so a re-plan never takes them off the screen. Newest version first; open by default.
 */
import { asMessage } from '../../../shared/messages.js';
import type { StepView, SupersededStepWork } from '../../../shared/tutor.js';
import { useT, useTm } from '../../i18n/translate.js';
import { ModelText } from '../../math/Markdown.js';
import { MathText } from '../../math/MathText.js';
import { VERDICT_LABEL } from './StepCheck.js';

export function EarlierWork({ step }: { step: StepView }) {
  const t = useT();
  const work = step.earlier;
  if (!work?.length) return null;
  return (
    <section className="earlier-work" aria-labelledby="earlier-work-heading">
      <h4 id="earlier-work-heading">{t('solve.earlierWork')}</h4>
      {[...work].reverse().map((w, i) => (
        <WorkOfVersion key={`${w.planVersion}-${i}`} work={w} open={i === 0} />
      ))}
    </section>
  );
}

function WorkOfVersion({ work, open }: { work: SupersededStepWork; open: boolean }) {
  const t = useT();
  const tm = useTm();
  const r = work.revealed;
  const worked = r.instantiation;
  return (
    <details className="earlier-version" open={open}>
      <summary>
        {t('solve.earlierWorkVersion', { version: work.planVersion })} <MathText text={work.title} />
      </summary>
      <ul className="earlier-rungs">
        {r.goal !== undefined ? (
          <li className="rung">
            <h5>{t('solve.rungTitle.goal')}</h5>
            <ModelText text={r.goal} />
          </li>
        ) : null}
        {r.template && work.templateId ? (
          <li className="rung">
            <h5>{t('solve.rungTitle.template')}</h5>
            <p>{t('solve.earlierTemplateShown')}</p>
          </li>
        ) : null}
        {r.hint !== undefined ? (
          <li className="rung">
            <h5>{t('solve.rungTitle.hint')}</h5>
            <ModelText text={r.hint} />
          </li>
        ) : null}
        {worked ? (
          <li className="rung">
            <h5>{t('solve.rungTitle.instantiation')}</h5>
            <ModelText text={worked.text} />
            {worked.complete ? null : <p className="hint">{t('solve.earlierWorkedPartial')}</p>}
          </li>
        ) : null}
      </ul>
      {work.attempts.length ? (
        <ol className="attempt-list" aria-label={t('solve.earlierAttempts', { version: work.planVersion })}>
          {work.attempts.map((a, k) => (
            <li key={k}>
              <code>{a.text}</code> — <strong>{t(VERDICT_LABEL[a.verdict])}</strong> <MathText text={tm(asMessage(a.feedback))} />
            </li>
          ))}
        </ol>
      ) : null}
    </details>
  );
}
