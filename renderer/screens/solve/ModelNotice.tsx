/** Said plainly when no model is set up: what still works, and how to add one. */
import { goToScreen } from '../../components/navigate.js';
import { useT } from '../../i18n/translate.js';

export function ModelNotice() {
  const t = useT();
  return (
    <section className="model-notice" aria-labelledby="model-notice-heading">
      <h3 id="model-notice-heading">{t('solve.noModelTitle')}</h3>
      <p>{t('solve.noModelBody')}</p>
      <button type="button" onClick={() => goToScreen('settings')}>
        {t('solve.openSettings')}
      </button>
    </section>
  );
}
