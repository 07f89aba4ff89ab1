/** Polite announcements of what just happened (pack installed, file exported). */
import { useT, useTm } from '../i18n/translate.js';
import { useNotices } from '../state/notices-store.js';

export function StatusArea() {
  const t = useT();
  const tm = useTm();
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  return (
    <div className="status-area" role="status" aria-live="polite">
      {notices.map((notice) => (
        <p key={notice.id} className={`notice notice-${notice.kind}`}>
          <span>{typeof notice.text === 'string' ? notice.text : tm(notice.text)}</span>
          {/* Visible words, so the button's name is what it shows; notices also go by themselves. */}
          <button type="button" className="link-button" onClick={() => dismiss(notice.id)}>
            {t('status.dismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}
