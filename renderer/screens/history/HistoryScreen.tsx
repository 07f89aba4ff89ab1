/** History: saved sessions, newest first; open one to resume it, export it, or delete it. */
import { useEffect, useState } from 'react';
import type { SessionSummary } from '../../../shared/tutor.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { goToScreen } from '../../components/navigate.js';
import { useLocaleStore, useT } from '../../i18n/translate.js';
import { MathText } from '../../math/MathText.js';
import { useNotices } from '../../state/notices-store.js';
import { useTutor } from '../../state/tutor-store.js';
import { downloadText } from '../../util/download.js';

export function HistoryScreen() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const sessions = useTutor((s) => s.sessions);
  const loaded = useTutor((s) => s.sessionsLoaded);
  const error = useTutor((s) => s.historyError);
  const pending = useTutor((s) => s.pending);
  const loadSessions = useTutor((s) => s.loadSessions);
  const openSession = useTutor((s) => s.openSession);
  const exportSession = useTutor((s) => s.exportSession);
  const deleteSession = useTutor((s) => s.deleteSession);
  const [toDelete, setToDelete] = useState<SessionSummary | null>(null);

  useEffect(() => {
    void loadSessions();
  }, [loadSessions]);

  const format = (iso: string) => new Date(iso).toLocaleString(locale);

  const onOpen = async (id: string) => {
    if (await openSession(id)) goToScreen('solve');
  };
  const onExport = async (id: string) => {
    const file = await exportSession(id);
    if (!file) return;
    downloadText(file.fileName, file.content, 'text/markdown');
    useNotices.getState().notify(t('history.exported', { fileName: file.fileName }));
  };

  return (
    <div className="history-screen">
      <h2>{t('nav.history')}</h2>
      {error ? <ErrorMessage error={error} /> : null}
      {loaded && sessions.length === 0 ? <p className="empty">{t('history.none')}</p> : null}
      {!loaded ? <p className="empty">{t('library.loading')}</p> : null}
      <ul className="history-list" aria-label={t('history.listLabel')}>
        {sessions.map((session, i) => (
          <li key={session.id} className="history-item">
            <div className="history-text">
              <MathText block text={session.problem} />
              <span className="count">
                {format(session.updatedAt)} · {t(`solve.status.${session.status}`)}
              </span>
            </div>
            <div className="actions">
              <button type="button" className="primary" disabled={pending !== null} onClick={() => void onOpen(session.id)} aria-label={t('history.openNumbered', { number: i + 1 })}>
                {t('history.open')}
              </button>
              <button type="button" onClick={() => void onExport(session.id)} aria-label={t('history.exportNumbered', { number: i + 1 })}>
                {t('history.export')}
              </button>
              <button type="button" className="danger" onClick={() => setToDelete(session)} aria-label={t('history.deleteNumbered', { number: i + 1 })}>
                {t('history.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={toDelete !== null}
        title={t('history.confirmTitle')}
        message={t('history.confirmMessage')}
        confirmLabel={t('history.confirmDelete')}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          const target = toDelete;
          setToDelete(null);
          if (target) {
            void deleteSession(target.id).then((ok) => {
              if (ok) useNotices.getState().notify(t('history.deleted'));
            });
          }
        }}
      />
    </div>
  );
}
