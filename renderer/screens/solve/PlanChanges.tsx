/** When the plan was revised: which version, why, and which steps changed. */
import { useT } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { useTutor } from '../../state/tutor-store.js';

export function PlanChanges() {
  const t = useT();
  const plans = useTutor((s) => s.session?.plans);
  const latest = plans?.[plans.length - 1];
  if (!plans || plans.length < 2 || !latest) return null;
  return (
    <section className="plan-changes" aria-labelledby="plan-changes-heading">
      <h3 id="plan-changes-heading">{t('solve.planRevised', { version: latest.version })}</h3>
      <p className="hint">
        <MathText text={latest.reason} />
      </p>
      <ul>
        {latest.changes.map((change, i) => (
          <li key={i}>
            {t(`solve.change.${change.kind}`, { number: change.index + 1 })} <MathText text={change.title} />
          </li>
        ))}
      </ul>
    </section>
  );
}
