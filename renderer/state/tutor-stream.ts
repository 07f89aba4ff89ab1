/**
 * Assembling a streamed worked step from StreamEvents. Pure so it can be tested without a
 * page: only events for the stream's own request id change it; everything else is ignored.
 */
import type { StreamEvent } from '../../shared/contract.js';
import type { AppError } from '../../shared/result.js';

export const INSTANTIATION_CHANNEL = 'instantiation';

export type StreamStatus = 'streaming' | 'done' | 'cancelled' | 'error';

export interface StreamState {
  requestId: string;
  sessionId: string;
  stepIndex: number;
  /** Everything received so far, in order. */
  text: string;
  status: StreamStatus;
  /** The learner pressed Cancel; the core has not confirmed yet. */
  cancelRequested: boolean;
  startedAt: number;
  endedAt: number | null;
  error: AppError | null;
}

export function newStream(requestId: string, sessionId: string, stepIndex: number, now: number): StreamState {
  return { requestId, sessionId, stepIndex, text: '', status: 'streaming', cancelRequested: false, startedAt: now, endedAt: null, error: null };
}

/** The next stream state after `event`; the same object when the event is not for it. */
export function applyStreamEvent(stream: StreamState | null, event: StreamEvent, now: number): StreamState | null {
  if (!stream || event.requestId !== stream.requestId) return stream;
  // A finished stream never changes again (a late delta after cancel must not reappear).
  if (stream.status !== 'streaming') return stream;
  switch (event.type) {
    case 'delta':
      return event.channel === INSTANTIATION_CHANNEL ? { ...stream, text: stream.text + event.text } : stream;
    case 'done':
      return { ...stream, status: 'done', endedAt: now };
    case 'cancelled':
      return { ...stream, status: 'cancelled', endedAt: now };
    case 'error':
      return { ...stream, status: 'error', endedAt: now, error: event.error };
    default:
      return stream;
  }
}

/** Marks a stream finished from the call's reply, for transports that lose the last event. */
export function settleStream(stream: StreamState, outcome: { ok: true } | { ok: false; error: AppError }, now: number): StreamState {
  if (stream.status !== 'streaming') return stream;
  if (outcome.ok) return { ...stream, status: stream.cancelRequested ? 'cancelled' : 'done', endedAt: now };
  const cancelled = outcome.error.code === 'cancelled' || stream.cancelRequested;
  return { ...stream, status: cancelled ? 'cancelled' : 'error', endedAt: now, error: cancelled ? null : outcome.error };
}

/** Milliseconds the stream has run (to now while it is still running). */
export const streamElapsedMs = (stream: StreamState, now: number): number => (stream.endedAt ?? now) - stream.startedAt;

/**
 * Hands stream events over in batches: deltas wait for the scheduler (a frame; a model at 1,000
 * tokens/s sends hundreds a second, the screen needs the text far less often), every
 * other event is handed over at once together with the deltas before it. Order is kept.
 * `flush` hands over what is waiting now (before reading the stream for another reason).
 */
export interface EventBatcher {
  push(event: StreamEvent): void;
  flush(): void;
  /** Drops what is waiting and stops (a new api was installed). */
  close(): void;
}

export type Scheduler = (run: () => void) => void;

export function createEventBatcher(apply: (events: StreamEvent[]) => void, schedule: Scheduler): EventBatcher {
  let queue: StreamEvent[] = [];
  let scheduled = false;
  let closed = false;
  const flush = () => {
    scheduled = false;
    if (closed || queue.length === 0) return;
    const events = queue;
    queue = [];
    apply(events);
  };
  return {
    push(event) {
      if (closed) return;
      queue.push(event);
      if (event.type !== 'delta') flush();
      else if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
    close() {
      closed = true;
      queue = [];
    },
  };
}

/** A hidden page gets no animation frames; this much later the batch goes anyway. */
export const FRAME_FALLBACK_MS = 100;
/**
 * Streamed text is put on screen at most this often (about 30 times a second): smooth to read,
 * and half the layout and paint work of updating on every frame at 60 Hz.
 */
export const STREAM_UPDATE_MS = 33;

/**
 * A scheduler that runs on the first animation frame at least `minIntervalMs` after its last
 * run (or FRAME_FALLBACK_MS after being asked, whichever comes first: a hidden page gets no
 * frames). Where there are no frames at all (no window: tests, tools) there is nothing to wait
 * for: it runs now.
 */
export function frameScheduler(minIntervalMs = STREAM_UPDATE_MS): Scheduler {
  let lastRun = -Infinity;
  return (run) => {
    if (typeof requestAnimationFrame !== 'function') {
      run();
      return;
    }
    let ran = false;
    const once = () => {
      if (ran) return;
      ran = true;
      clearTimeout(timer);
      lastRun = performance.now();
      run();
    };
    const timer = setTimeout(once, FRAME_FALLBACK_MS);
    const onFrame = (time: number) => {
      if (ran) return;
      if (time - lastRun < minIntervalMs) requestAnimationFrame(onFrame);
      else once();
    };
    requestAnimationFrame(onFrame);
  };
}

/** The stream after a batch of events, in order (the same object when none was for it). */
export function applyStreamEvents(stream: StreamState | null, events: readonly StreamEvent[], now: number): StreamState | null {
  let next = stream;
  for (const event of events) next = applyStreamEvent(next, event, now);
  return next;
}
