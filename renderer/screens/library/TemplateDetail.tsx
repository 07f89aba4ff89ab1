/** Right column: one thought template in full (the shared TemplateArticle). */
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { TemplateArticle } from '../../components/TemplateView.js';
import { useT } from '../../i18n/translate.js';
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
