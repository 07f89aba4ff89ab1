/**
 * When the plan was revised: which version, why, and which steps were added, changed or
 * removed (in words); every earlier version stays readable in a disclosure.
 */
import { asMessage } from '../../../shared/messages.js';
import type { PlanVersion } from '../../../shared/tutor.js';
import { useT, useTm } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { useTutor } from '../../state/tutor-store.js';

export function PlanChanges() {
  const t = useT();
  const tm = useTm();
  const plans = useTutor((s) => s.session?.plans);
  const latest = plans?.[plans.length - 1];
  if (!plans || plans.length < 2 || !latest) return null;
  return (
    <section className="plan-changes" aria-labelledby="plan-changes-heading">
      <h3 id="plan-changes-heading">{t('solve.planRevised', { version: latest.version })}</h3>
      <p className="hint">
        <MathText text={tm(asMessage(latest.reason))} />
      </p>
      {latest.changes.length ? (
        <ul aria-label={t('solve.planChangesList')}>
          {latest.changes.map((change, i) => (
            <li key={i} className={`plan-change plan-change-${change.kind}`}>
              {t(`solve.change.${change.kind}`, { number: change.index + 1 })} <MathText text={change.title} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('solve.planUnchangedSteps')}</p>
      )}
      <details className="plan-versions">
        <summary>{t('solve.planVersions', { count: plans.length })}</summary>
        <ol aria-label={t('solve.planVersions', { count: plans.length })}>
          {plans.map((plan) => (
            <PlanVersionItem key={plan.version} plan={plan} />
          ))}
        </ol>
      </details>
    </section>
  );
}

function PlanVersionItem({ plan }: { plan: PlanVersion }) {
  const t = useT();
  const tm = useTm();
  return (
    <li>
      <strong>{t('solve.planVersion', { version: plan.version })}</strong>
      {plan.version > 1 ? (
        <>
          {' '}
          <MathText text={tm(asMessage(plan.reason))} />
        </>
      ) : null}
      <ol>
        {plan.steps.map((step, i) => (
          <li key={i}>
            <MathText text={step.title} />
          </li>
        ))}
      </ol>
    </li>
  );
}
