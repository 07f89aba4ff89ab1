/** Polite announcements of what just happened (pack installed, file exported). */
import { useT } from '../i18n/translate.js';
import { useNotices } from '../state/notices-store.js';

export function StatusArea() {
  const t = useT();
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  return (
    <div className="status-area" role="status" aria-live="polite">
      {notices.map((notice) => (
        <p key={notice.id} className={`notice notice-${notice.kind}`}>
          <span>{notice.text}</span>
          <button type="button" className="link-button" onClick={() => dismiss(notice.id)} aria-label={t('status.dismiss')}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
