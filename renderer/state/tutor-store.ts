/**
 * The Solve and History screens' state: the problem being typed, practice problems, the open
 * session, the one call in flight, the streamed worked step and the saved sessions. Every
 * call's reply replaces the session wholesale (the core owns it); a failed call leaves the
 * session exactly as it was and shows the error.
 */
import { create } from 'zustand';
import type { TemplateSummary } from '../../shared/domain.js';
import type { AppError, Result } from '../../shared/result.js';
import type { PracticeProblemSummary, Rung, SessionSummary, SessionView } from '../../shared/tutor.js';
import { getApi } from '../api/index.js';
import { applyStreamEvents, createEventBatcher, frameScheduler, newStream, settleStream, type EventBatcher, type StreamState } from './tutor-stream.js';

export const SUGGEST_DEBOUNCE_MS = 300;
const SUGGEST_LIMIT = 8;
const HISTORY_LIMIT = 200;

export type PendingKind = 'start' | 'reveal' | 'check' | 'advance' | 'answer' | 'open';

export interface Pending {
  kind: PendingKind;
  requestId: string | null;
  rung?: Rung;
}

export interface TutorState {
  draft: string;
  /** null until settings.getModels answered. */
  modelConfigured: boolean | null;
  practice: PracticeProblemSummary[];
  practiceError: AppError | null;
  /** Templates matching the typed problem (shown when no model can plan it). */
  draftSuggestions: TemplateSummary[];
  session: SessionView | null;
  pending: Pending | null;
  stream: StreamState | null;
  error: AppError | null;
  /** Which control's call failed, so the error shows beside it (and offers Retry). */
  errorAt: PendingKind | null;
  sessions: SessionSummary[];
  sessionsLoaded: boolean;
  historyError: AppError | null;

  init(): Promise<void>;
  setDraft(text: string): void;
  start(): Promise<void>;
  startPractice(practiceId: string): Promise<void>;
  reveal(rung: Rung): Promise<void>;
  cancelStream(): Promise<void>;
  checkStep(attempt: string): Promise<boolean>;
  advance(): Promise<void>;
  submitAnswer(answer: string): Promise<boolean>;
  newProblem(): void;
  clearError(): void;
  /** Run the call that just failed again (a failed model call may work the second time). */
  retry(): Promise<void>;
  loadSessions(): Promise<void>;
  openSession(sessionId: string): Promise<boolean>;
  exportSession(sessionId: string): Promise<{ fileName: string; content: string } | null>;
  deleteSession(sessionId: string): Promise<boolean>;
}

/** The newest session still being worked (planning or active): offered as "Continue where you left off". */
export function resumableSession(sessions: readonly SessionSummary[]): SessionSummary | null {
  let best: SessionSummary | null = null;
  for (const s of sessions) if ((s.status === 'active' || s.status === 'planning') && (!best || s.updatedAt > best.updatedAt)) best = s;
  return best;
}

/** Each practice problem's progress from the saved sessions: solved wins over in progress. */
export function practiceProgress(sessions: readonly SessionSummary[]): Map<string, 'solved' | 'active'> {
  const out = new Map<string, 'solved' | 'active'>();
  for (const s of sessions) {
    if (!s.practiceId) continue;
    if (s.status === 'solved') out.set(s.practiceId, 'solved');
    else if ((s.status === 'active' || s.status === 'planning') && !out.has(s.practiceId)) out.set(s.practiceId, 'active');
  }
  return out;
}

let unsubscribe: (() => void) | null = null;
/** Streamed events wait here for the next frame (tutor-stream.ts). */
let batcher: EventBatcher | null = null;
let suggestTimer: ReturnType<typeof setTimeout> | null = null;
let suggestSeq = 0;
/** The last call that failed, for Retry. */
let lastFailed: (() => Promise<unknown>) | null = null;

const newRequestId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `r-${Date.now()}-${Math.random().toString(36).slice(2)}`;

const initialData = {
  draft: '',
  modelConfigured: null,
  practice: [],
  practiceError: null,
  draftSuggestions: [],
  session: null,
  pending: null,
  stream: null,
  error: null,
  errorAt: null,
  sessions: [],
  sessionsLoaded: false,
  historyError: null,
} satisfies Partial<TutorState>;

export const useTutor = create<TutorState>((set, get) => {
  /** Subscribes once to streamed events; the stream state ignores other request ids. */
  function listen(): void {
    if (unsubscribe) return;
    const events = createEventBatcher((batch) => {
      const current = get().stream;
      const next = applyStreamEvents(current, batch, Date.now());
      if (next !== current) set({ stream: next });
    }, frameScheduler());
    batcher = events;
    unsubscribe = getApi().onEvent((event) => events.push(event));
  }

  /** Runs one session call: at most one at a time, reply replaces the session, error kept. */
  async function run(pending: Pending, call: () => Promise<Result<SessionView>>, again?: () => Promise<unknown>): Promise<boolean> {
    if (get().pending) return false;
    set({ pending, error: null, errorAt: null });
    const result = await call();
    if (get().pending !== pending) return false;
    if (result.ok) {
      lastFailed = null;
      set({ session: result.value, pending: null });
      // The saved sessions change with every call (status, order): History and the practice marks follow.
      if (pending.kind === 'start' || pending.kind === 'answer') void get().loadSessions();
      return true;
    }
    lastFailed = again ?? null;
    set({ pending: null, error: result.error, errorAt: pending.kind });
    return false;
  }

  async function refreshConfigured(): Promise<void> {
    const models = await getApi().settings.getModels({});
    set({ modelConfigured: models.ok ? models.value.configured : false });
  }

  async function loadSuggestions(): Promise<void> {
    const seq = ++suggestSeq;
    const problem = get().draft.trim();
    if (!problem) {
      set({ draftSuggestions: [] });
      return;
    }
    const result = await getApi().tutor.suggestTemplates({ problem, limit: SUGGEST_LIMIT });
    if (seq !== suggestSeq) return;
    set({ draftSuggestions: result.ok ? result.value.map((hit) => hit.template) : [] });
  }

  return {
    ...initialData,

    async init() {
      listen();
      void get().loadSessions();
      const practice = getApi().practice.list({});
      await refreshConfigured();
      const list = await practice;
      set(list.ok ? { practice: list.value, practiceError: null } : { practiceError: list.error });
      if (!get().modelConfigured && get().draft.trim()) void loadSuggestions();
    },

    setDraft(text) {
      set({ draft: text });
      // Suggestions help most when no model can plan; they are cheap local searches anyway.
      if (get().modelConfigured) return;
      if (suggestTimer) clearTimeout(suggestTimer);
      suggestTimer = setTimeout(() => {
        suggestTimer = null;
        void loadSuggestions();
      }, SUGGEST_DEBOUNCE_MS);
    },

    async start() {
      const problem = get().draft.trim();
      if (!problem) return;
      listen();
      const requestId = newRequestId();
      await run({ kind: 'start', requestId }, () => getApi().tutor.startSession({ problem, requestId }), () => get().start());
    },

    async startPractice(practiceId) {
      listen();
      const requestId = newRequestId();
      await run({ kind: 'start', requestId }, () => getApi().tutor.startSession({ practiceId, requestId }), () => get().startPractice(practiceId));
    },

    async reveal(rung) {
      const session = get().session;
      if (!session || get().pending) return;
      listen();
      const requestId = newRequestId();
      const stepIndex = session.currentStep;
      if (rung === 'instantiation') set({ stream: newStream(requestId, session.id, stepIndex, Date.now()) });
      const pending: Pending = { kind: 'reveal', requestId, rung };
      set({ pending, error: null, errorAt: null });
      const result = await getApi().tutor.reveal({ sessionId: session.id, stepIndex, rung, requestId });
      batcher?.flush(); // deltas still waiting for a frame belong before the end
      const stream = get().stream;
      if (rung === 'instantiation' && stream?.requestId === requestId) {
        set({ stream: settleStream(stream, result.ok ? { ok: true } : { ok: false, error: result.error }, Date.now()) });
      }
      if (get().pending !== pending) return;
      if (result.ok) {
        lastFailed = null;
        set({ session: result.value, pending: null });
      } else {
        // A cancel is the learner's own choice, not an error to announce.
        const cancelled = result.error.code === 'cancelled';
        lastFailed = cancelled ? null : () => get().reveal(rung);
        set({ pending: null, error: cancelled ? null : result.error, errorAt: cancelled ? null : 'reveal' });
      }
    },

    async cancelStream() {
      batcher?.flush();
      const stream = get().stream;
      if (!stream || stream.status !== 'streaming') return;
      set({ stream: { ...stream, cancelRequested: true } });
      await getApi().requests.cancel({ requestId: stream.requestId });
    },

    async checkStep(attempt) {
      const session = get().session;
      const text = attempt.trim();
      if (!session || !text) return false;
      listen();
      const requestId = newRequestId();
      const stepIndex = session.currentStep;
      return run(
        { kind: 'check', requestId },
        () => getApi().tutor.checkStep({ sessionId: session.id, stepIndex, attempt: text, requestId }),
        () => get().checkStep(text),
      );
    },

    async advance() {
      const session = get().session;
      if (!session) return;
      const ok = await run({ kind: 'advance', requestId: null }, () => getApi().tutor.advance({ sessionId: session.id }), () => get().advance());
      // The worked-step stream belonged to the step just left.
      if (ok) set({ stream: null });
    },

    async submitAnswer(answer) {
      const session = get().session;
      const text = answer.trim();
      if (!session || !text) return false;
      return run({ kind: 'answer', requestId: null }, () => getApi().tutor.submitAnswer({ sessionId: session.id, answer: text }), () => get().submitAnswer(text));
    },

    newProblem() {
      if (get().pending) return;
      lastFailed = null;
      set({ session: null, stream: null, error: null, errorAt: null });
      void refreshConfigured();
      void get().loadSessions();
    },

    clearError() {
      lastFailed = null;
      set({ error: null, errorAt: null });
    },

    async retry() {
      const again = lastFailed;
      if (!again || get().pending) return;
      lastFailed = null;
      await again();
    },

    async loadSessions() {
      const result = await getApi().tutor.listSessions({ limit: HISTORY_LIMIT });
      if (result.ok) set({ sessions: result.value, sessionsLoaded: true, historyError: null });
      else set({ sessionsLoaded: true, historyError: result.error });
    },

    async openSession(sessionId) {
      if (get().pending) return false;
      set({ pending: { kind: 'open', requestId: null }, historyError: null });
      const result = await getApi().tutor.getSession({ sessionId });
      if (!result.ok) {
        set({ pending: null, historyError: result.error });
        return false;
      }
      lastFailed = null;
      set({ session: result.value, stream: null, error: null, errorAt: null, pending: null });
      return true;
    },

    async exportSession(sessionId) {
      const result = await getApi().tutor.exportSession({ sessionId });
      if (result.ok) return result.value;
      set({ historyError: result.error });
      return null;
    },

    async deleteSession(sessionId) {
      const result = await getApi().tutor.deleteSession({ sessionId });
      if (!result.ok) {
        set({ historyError: result.error });
        return false;
      }
      set((s) => ({
        sessions: s.sessions.filter((x) => x.id !== sessionId),
        ...(s.session?.id === sessionId ? { session: null, stream: null } : {}),
      }));
      return true;
    },
  };
});

/** For tests: forget the event subscription (a new api was installed). */
export function resetTutorStore(): void {
  unsubscribe?.();
  unsubscribe = null;
  batcher?.close();
  batcher = null;
  lastFailed = null;
  useTutor.setState({ ...initialData });
}
