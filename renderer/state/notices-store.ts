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

export const useNotices = create<NoticesState>((set) => ({
  notices: [],
  notify(text, kind = 'info') {
    const notice = { id: nextId++, kind, text };
    set((s) => ({ notices: [...s.notices, notice].slice(-MAX_NOTICES) }));
  },
  dismiss(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
}));
