/**
 * Streamed deltas reach the screen once per animation frame (issue 11, point 8): hundreds of
 * deltas a second become one store update per frame, in order, nothing lost; an end event
 * (done, cancelled, error) is applied at once with the deltas before it; the call's reply and
 * Cancel see every delta that had arrived.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi, type StreamEvent, type Transport } from '../../../../shared/contract.js';
import { ok, type Result } from '../../../../shared/result.js';
import type { SessionView } from '../../../../shared/tutor.js';
import { setApi } from '../../../../renderer/api/index.js';
import { resetTutorStore, useTutor } from '../../../../renderer/state/tutor-store.js';
import { createEventBatcher, FRAME_FALLBACK_MS, frameScheduler, STREAM_UPDATE_MS } from '../../../../renderer/state/tutor-stream.js';

const delta = (requestId: string, text: string): StreamEvent => ({ requestId, type: 'delta', channel: 'instantiation', text });

describe('createEventBatcher', () => {
  it('holds deltas until the scheduled run, then hands them over in one batch, in order', () => {
    const batches: StreamEvent[][] = [];
    const runs: (() => void)[] = [];
    const b = createEventBatcher((events) => batches.push(events), (run) => runs.push(run));
    for (const t of ['a', 'b', 'c']) b.push(delta('r', t));
    expect(batches).toEqual([]);
    expect(runs).toHaveLength(1); // one frame asked for, not three
    runs[0]!();
    expect(batches).toEqual([[delta('r', 'a'), delta('r', 'b'), delta('r', 'c')]]);
    b.push(delta('r', 'd'));
    expect(runs).toHaveLength(2);
  });

  it('hands an end event over at once together with the deltas before it', () => {
    const batches: StreamEvent[][] = [];
    const b = createEventBatcher((events) => batches.push(events), () => {});
    b.push(delta('r', 'a'));
    b.push({ requestId: 'r', type: 'done' });
    expect(batches).toEqual([[delta('r', 'a'), { requestId: 'r', type: 'done' }]]);
    b.flush();
    expect(batches).toHaveLength(1); // nothing handed over twice
  });

  it('drops what waits once closed', () => {
    const batches: StreamEvent[][] = [];
    const runs: (() => void)[] = [];
    const b = createEventBatcher((events) => batches.push(events), (run) => runs.push(run));
    b.push(delta('r', 'a'));
    b.close();
    runs[0]!();
    b.push(delta('r', 'b'));
    expect(batches).toEqual([]);
  });
});

describe('frameScheduler', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('runs on the next animation frame, once', () => {
    const frames: FrameRequestCallback[] = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const run = vi.fn();
    frameScheduler(0)(run);
    expect(run).not.toHaveBeenCalled();
    frames[0]!(0);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(FRAME_FALLBACK_MS * 2);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('skips frames that come sooner than the minimum interval after its last run', () => {
    const frames: FrameRequestCallback[] = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.spyOn(performance, 'now').mockReturnValue(1000);
    const schedule = frameScheduler(STREAM_UPDATE_MS);
    const first = vi.fn();
    schedule(first);
    frames.shift()!(1000);
    expect(first).toHaveBeenCalledTimes(1); // the first batch never waits
    const second = vi.fn();
    schedule(second);
    frames.shift()!(1016.7);
    expect(second).not.toHaveBeenCalled(); // 16.7 ms after the last run: one more frame
    expect(frames).toHaveLength(1);
    frames.shift()!(1000 + STREAM_UPDATE_MS);
    expect(second).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
  });

  it('still runs when no frame comes (a hidden page)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', () => 0);
    const run = vi.fn();
    frameScheduler()(run);
    vi.advanceTimersByTime(FRAME_FALLBACK_MS - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('tutor store with frames', () => {
  const frames: FrameRequestCallback[] = [];
  const runFrame = () => frames.splice(0).forEach((cb) => cb(performance.now()));
  let emit: (e: StreamEvent) => void;
  let calls: { method: string; input: Record<string, unknown>; resolve(r: Result<unknown>): void }[];

  const session = { id: 's1', currentStep: 0, steps: [{ index: 1, revealed: {} }] } as unknown as SessionView;

  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    resetTutorStore();
    const listeners = new Set<(e: StreamEvent) => void>();
    calls = [];
    const transport: Transport = {
      call: (method, input) => new Promise((resolve) => calls.push({ method, input: input as Record<string, unknown>, resolve })),
      onEvent: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    emit = (e) => listeners.forEach((l) => l(e));
    setApi(createApi(transport));
    useTutor.setState({ session });
  });

  afterEach(() => {
    frames.length = 0;
    vi.unstubAllGlobals();
  });

  it('applies 250 deltas as one update on the next frame, and the reply sees them all', async () => {
    const revealing = useTutor.getState().reveal('instantiation');
    const requestId = calls.at(-1)!.input.requestId as string;
    let updates = 0;
    const stop = useTutor.subscribe((s, prev) => {
      if (s.stream !== prev.stream) updates++;
    });
    const pieces = Array.from({ length: 250 }, (_, i) => `piece ${i}; `);
    for (const p of pieces) emit(delta(requestId, p));
    expect(useTutor.getState().stream!.text).toBe('');
    runFrame();
    expect(updates).toBe(1);
    expect(useTutor.getState().stream!.text).toBe(pieces.join(''));

    // Deltas still waiting for a frame when the reply comes are kept, before the end.
    emit(delta(requestId, 'last words'));
    calls.at(-1)!.resolve(ok(session));
    await revealing;
    stop();
    expect(useTutor.getState().stream).toMatchObject({ status: 'done', text: `${pieces.join('')}last words` });
  });

  it('an end event is applied at once, with the deltas before it', () => {
    void useTutor.getState().reveal('instantiation');
    const requestId = calls.at(-1)!.input.requestId as string;
    emit(delta(requestId, 'partial'));
    emit({ requestId, type: 'cancelled' });
    expect(useTutor.getState().stream).toMatchObject({ status: 'cancelled', text: 'partial' });
    runFrame();
    expect(useTutor.getState().stream!.text).toBe('partial');
  });
});
