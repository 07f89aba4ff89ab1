/**
 * The tutor store against a scripted transport: a worked step is assembled from the deltas of
 * its own request id only, Cancel asks the core with that id and the stream ends cancelled,
 * a failed call keeps the session as it was, and the reply wins if the last event is lost.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi, type MethodName, type StreamEvent, type Transport } from '../../../../shared/contract.js';
import { fail, ok, type Result } from '../../../../shared/result.js';
import type { SessionView, StepView } from '../../../../shared/tutor.js';
import { setApi } from '../../../../renderer/api/index.js';
import { resetTutorStore, useTutor } from '../../../../renderer/state/tutor-store.js';
import { applyStreamEvent, newStream, settleStream } from '../../../../renderer/state/tutor-stream.js';

interface Call {
  method: MethodName;
  input: Record<string, unknown>;
  resolve(result: Result<unknown>): void;
}

function scriptedTransport() {
  const calls: Call[] = [];
  const listeners = new Set<(e: StreamEvent) => void>();
  const transport: Transport = {
    call: (method, input) => new Promise((resolve) => calls.push({ method, input: input as Record<string, unknown>, resolve })),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (event: StreamEvent) => listeners.forEach((l) => l(event));
  return { transport, calls, emit, listeners };
}

const step = (over: Partial<StepView> = {}): StepView => ({
  index: 1,
  title: 'Sum and product',
  goal: 'Find r + s and rs.',
  templateId: 'starter/vietas-formulas',
  produces: 'two numbers',
  template: null,
  revealed: {},
  attempts: [],
  canAdvance: false,
  ...over,
});

const session = (over: Partial<SessionView> = {}): SessionView => ({
  id: 's1',
  problem: 'Find $r^2 + s^2$.',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  status: 'active',
  practiceId: null,
  source: 'model',
  analysis: 'Vieta.',
  plans: [],
  currentStep: 0,
  steps: [step(), step({ index: 2, title: 'Square it' })],
  finalAttempts: [],
  usage: { promptTokens: 0, completionTokens: 0, calls: 0 },
  suggestions: [],
  notice: null,
  ...over,
});


describe('stream assembly (pure)', () => {
  it('appends only instantiation deltas of its own request, and freezes once finished', () => {
    let s = newStream('mine', 's1', 0, 1_000);
    s = applyStreamEvent(s, { requestId: 'mine', type: 'delta', channel: 'instantiation', text: 'By Vieta, ' }, 1_010)!;
    const ignored = applyStreamEvent(s, { requestId: 'other', type: 'delta', channel: 'instantiation', text: 'NOISE' }, 1_020);
    expect(ignored).toBe(s);
    expect(applyStreamEvent(s, { requestId: 'mine', type: 'delta', channel: 'plan', text: 'x' }, 1_020)).toBe(s);
    expect(applyStreamEvent(s, { requestId: 'other', type: 'done' }, 1_020)).toBe(s);
    s = applyStreamEvent(s, { requestId: 'mine', type: 'delta', channel: 'instantiation', text: '$r+s=5$.' }, 1_030)!;
    expect(s.text).toBe('By Vieta, $r+s=5$.');
    s = applyStreamEvent(s, { requestId: 'mine', type: 'cancelled' }, 1_500)!;
    expect(s).toMatchObject({ status: 'cancelled', endedAt: 1_500 });
    // A late delta after the end never reappears.
    expect(applyStreamEvent(s, { requestId: 'mine', type: 'delta', channel: 'instantiation', text: 'late' }, 1_600)!.text).toBe('By Vieta, $r+s=5$.');
  });

  it('settles from the reply when the last event was lost, honouring a requested cancel', () => {
    const s = newStream('r', 's1', 0, 0);
    expect(settleStream(s, { ok: true }, 5).status).toBe('done');
    expect(settleStream({ ...s, cancelRequested: true }, { ok: true }, 5).status).toBe('cancelled');
    const failed = settleStream(s, { ok: false, error: { code: 'model_error', message: 'Server overloaded.' } }, 5);
    expect(failed).toMatchObject({ status: 'error', error: { code: 'model_error' } });
    expect(settleStream(s, { ok: false, error: { code: 'cancelled', message: 'Stopped.' } }, 5)).toMatchObject({ status: 'cancelled', error: null });
  });
});

describe('tutor store', () => {
  let scripted: ReturnType<typeof scriptedTransport>;

  beforeEach(() => {
    resetTutorStore();
    scripted = scriptedTransport();
    setApi(createApi(scripted.transport));
    useTutor.setState({ session: session() });
  });

  it('assembles the worked step from its own request id and ignores another request streaming at the same time', async () => {
    const done = useTutor.getState().reveal('instantiation');
    const call = scripted.calls.at(-1)!;
    expect(call.method).toBe('tutor.reveal');
    const requestId = call.input.requestId as string;
    expect(requestId).toMatch(/\S{8,}/);
    expect(useTutor.getState().stream).toMatchObject({ requestId, status: 'streaming', stepIndex: 0, text: '' });

    scripted.emit({ requestId, type: 'delta', channel: 'instantiation', text: 'We have ' });
    scripted.emit({ requestId: 'someone-else', type: 'delta', channel: 'instantiation', text: 'WRONG ' });
    scripted.emit({ requestId, type: 'delta', channel: 'instantiation', text: '$r + s = 5$.' });
    expect(useTutor.getState().stream!.text).toBe('We have $r + s = 5$.');
    expect(useTutor.getState().pending).toMatchObject({ kind: 'reveal', rung: 'instantiation' });

    scripted.emit({ requestId, type: 'done' });
    const text = 'We have $r + s = 5$.';
    call.resolve(ok(session({ steps: [step({ revealed: { instantiation: { text, complete: true, heldBack: false } }, canAdvance: true }), step({ index: 2 })] })));
    await done;
    const state = useTutor.getState();
    expect(state.stream!.status).toBe('done');
    expect(state.pending).toBeNull();
    expect(state.session!.steps[0]!.revealed.instantiation!.text).toBe(text);
  });

  it('cancels with the stream request id; the stream ends cancelled and no error is announced', async () => {
    const done = useTutor.getState().reveal('instantiation');
    const reveal = scripted.calls.at(-1)!;
    const requestId = reveal.input.requestId as string;
    scripted.emit({ requestId, type: 'delta', channel: 'instantiation', text: 'Line 1' });

    const cancelling = useTutor.getState().cancelStream();
    expect(useTutor.getState().stream!.cancelRequested).toBe(true);
    const cancel = scripted.calls.at(-1)!;
    expect(cancel.method).toBe('requests.cancel');
    expect(cancel.input).toEqual({ requestId });
    cancel.resolve(ok({ cancelled: true }));
    await cancelling;

    scripted.emit({ requestId, type: 'cancelled' });
    expect(useTutor.getState().stream).toMatchObject({ status: 'cancelled', text: 'Line 1' });
    // The core replies with the session, the partial kept as incomplete.
    reveal.resolve(ok(session({ steps: [step({ revealed: { instantiation: { text: 'Line 1', complete: false, heldBack: false } } }), step()] })));
    await done;
    expect(useTutor.getState().error).toBeNull();
    expect(useTutor.getState().stream!.status).toBe('cancelled');
    expect(useTutor.getState().session!.steps[0]!.revealed.instantiation!.complete).toBe(false);
  });

  it('keeps the session as it was when a call fails, and shows the error', async () => {
    const before = useTutor.getState().session;
    const done = useTutor.getState().reveal('hint');
    expect(useTutor.getState().stream).toBeNull();
    scripted.calls.at(-1)!.resolve(fail('model_error', 'The model server is overloaded.', { action: 'Try again in a minute.' }));
    await done;
    const state = useTutor.getState();
    expect(state.session).toBe(before);
    expect(state.error).toMatchObject({ code: 'model_error', action: 'Try again in a minute.' });
    expect(state.pending).toBeNull();
  });

  it('runs one call at a time: a second request while one is pending is not sent', async () => {
    const first = useTutor.getState().reveal('goal');
    const count = scripted.calls.length;
    await useTutor.getState().reveal('hint');
    expect(await useTutor.getState().checkStep('r + s = 5')).toBe(false);
    expect(scripted.calls.length).toBe(count);
    scripted.calls.at(-1)!.resolve(ok(session({ steps: [step({ revealed: { goal: 'Find r + s and rs.' } }), step()] })));
    await first;
    expect(useTutor.getState().session!.steps[0]!.revealed.goal).toBe('Find r + s and rs.');
  });

  it('a delta arriving after the reply changes nothing', async () => {
    const done = useTutor.getState().reveal('instantiation');
    const reveal = scripted.calls.at(-1)!;
    const requestId = reveal.input.requestId as string;
    reveal.resolve(ok(session()));
    await done;
    scripted.emit({ requestId, type: 'delta', channel: 'instantiation', text: 'late text' });
    expect(useTutor.getState().stream!.text).toBe('');
  });

  it('opens a saved session from History and forgets the old stream', async () => {
    useTutor.setState({ stream: newStream('old', 's1', 0, 0) });
    const opening = useTutor.getState().openSession('s2');
    const call = scripted.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'tutor.getSession', input: { sessionId: 's2' } });
    call.resolve(ok(session({ id: 's2', currentStep: 1 })));
    expect(await opening).toBe(true);
    expect(useTutor.getState()).toMatchObject({ stream: null, session: { id: 's2', currentStep: 1 } });
  });
});
