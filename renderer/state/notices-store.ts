/**
 * Short, polite notices for the status area ("Pack installed", "Exported starter-1.0.0.json"):
 * text already in words (`t(...)`), or a coded message from the core, shown in the current
 * language when the status area renders.
 */
import { create } from 'zustand';
import type { Message } from '../../shared/messages.js';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string | Message;
}

interface NoticesState {
  notices: Notice[];
  notify(text: string | Message, kind?: Notice['kind']): void;
  dismiss(id: number): void;
}

let nextId = 1;
const MAX_NOTICES = 3;
/** How long a notice stays before it goes by itself: long enough to read; errors longer. */
export const NOTICE_TTL_MS: Record<Notice['kind'], number> = { info: 8_000, error: 20_000 };
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export const useNotices = create<NoticesState>((set, get) => ({
  notices: [],
  notify(text, kind = 'info') {
    const notice = { id: nextId++, kind, text };
    const kept = [...get().notices, notice].slice(-MAX_NOTICES);
    // Notices pushed out by a newer one forget their timers.
    for (const [id, timer] of timers) {
      if (!kept.some((n) => n.id === id)) {
        clearTimeout(timer);
        timers.delete(id);
      }
    }
    timers.set(
      notice.id,
      setTimeout(() => get().dismiss(notice.id), NOTICE_TTL_MS[kind]),
    );
    set({ notices: kept });
  },
  dismiss(id) {
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
    timers.delete(id);
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
}));
