/**
 * A returning student (issue 13.5) and the step flow's state (13.4): the open session is found
 * for "Continue where you left off", practice progress is read from the saved sessions, a failed
 * call says which control failed and Retry runs it again, and notices go by themselves.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi, type MethodName, type StreamEvent, type Transport } from '../../../../shared/contract.js';
import { fail, ok, type Result } from '../../../../shared/result.js';
import type { SessionSummary, SessionView } from '../../../../shared/tutor.js';
import { setApi } from '../../../../renderer/api/index.js';
import { NOTICE_TTL_MS, useNotices } from '../../../../renderer/state/notices-store.js';
import { practiceProgress, resetTutorStore, resumableSession, useTutor } from '../../../../renderer/state/tutor-store.js';

interface Call {
  method: MethodName;
  input: Record<string, unknown>;
  resolve(result: Result<unknown>): void;
}

function scriptedTransport() {
  const calls: Call[] = [];
  const transport: Transport = {
    call: (method, input) => new Promise((resolve) => calls.push({ method, input: input as Record<string, unknown>, resolve })),
    onEvent: (_listener: (e: StreamEvent) => void) => () => {},
  };
  return { transport, calls };
}

const summary = (id: string, status: SessionSummary['status'], updatedAt: string, practiceId: string | null = null): SessionSummary => ({
  id,
  problem: `problem ${id}`,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt,
  status,
  practiceId,
});

const view = (over: Partial<SessionView> = {}): SessionView => ({
  ...summary('s1', 'active', '2026-01-02T00:00:00Z'),
  source: 'practice',
  analysis: '',
  plans: [],
  currentStep: 0,
  steps: [],
  finalAttempts: [],
  usage: { promptTokens: 0, completionTokens: 0, calls: 0 },
  suggestions: [],
  notice: null,
  ...over,
});

describe('saved sessions', () => {
  it('offers the newest session still being worked, never a solved or failed one', () => {
    const list = [
      summary('a', 'solved', '2026-01-05T00:00:00Z'),
      summary('b', 'active', '2026-01-03T00:00:00Z'),
      summary('c', 'active', '2026-01-04T00:00:00Z'),
      summary('d', 'failed', '2026-01-06T00:00:00Z'),
    ];
    expect(resumableSession(list)?.id).toBe('c');
    expect(resumableSession([summary('a', 'solved', '2026-01-05T00:00:00Z')])).toBeNull();
  });

  it('marks a practice problem solved when any of its sessions is solved, else in progress', () => {
    const progress = practiceProgress([
      summary('a', 'active', '2026-01-05T00:00:00Z', 'p/one'),
      summary('b', 'solved', '2026-01-03T00:00:00Z', 'p/one'),
      summary('c', 'active', '2026-01-04T00:00:00Z', 'p/two'),
      summary('d', 'failed', '2026-01-04T00:00:00Z', 'p/three'),
      summary('e', 'active', '2026-01-04T00:00:00Z', null),
    ]);
    expect([...progress.entries()].sort()).toEqual([
      ['p/one', 'solved'],
      ['p/two', 'active'],
    ]);
  });
});

describe('a failed call', () => {
  let scripted: ReturnType<typeof scriptedTransport>;
  beforeEach(() => {
    resetTutorStore();
    scripted = scriptedTransport();
    setApi(createApi(scripted.transport));
    useTutor.setState({ session: view() });
  });

  it('says which control failed, and Retry sends the same check again', async () => {
    const first = useTutor.getState().checkStep(' 42 ');
    const call = scripted.calls.at(-1)!;
    expect(call.method).toBe('tutor.checkStep');
    call.resolve(fail('model_error', 'The model server did not answer.'));
    expect(await first).toBe(false);
    expect(useTutor.getState()).toMatchObject({ errorAt: 'check', error: { code: 'model_error' } });
    expect(useTutor.getState().session?.id).toBe('s1');

    const again = useTutor.getState().retry();
    const retried = scripted.calls.at(-1)!;
    expect(retried).not.toBe(call);
    expect(retried.method).toBe('tutor.checkStep');
    expect(retried.input).toMatchObject({ sessionId: 's1', stepIndex: 0, attempt: '42' });
    expect(useTutor.getState()).toMatchObject({ error: null, errorAt: null });
    retried.resolve(ok(view({ updatedAt: '2026-01-03T00:00:00Z' })));
    await again;
    expect(useTutor.getState().session?.updatedAt).toBe('2026-01-03T00:00:00Z');
    // Nothing left to retry after a success.
    const calls = scripted.calls.length;
    await useTutor.getState().retry();
    expect(scripted.calls.length).toBe(calls);
  });

  it('a failed reveal is placed at the reveal control', async () => {
    const done = useTutor.getState().reveal('hint');
    scripted.calls.at(-1)!.resolve(fail('model_error', 'No reply.'));
    await done;
    expect(useTutor.getState().errorAt).toBe('reveal');
  });
});

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    for (const n of useNotices.getState().notices) useNotices.getState().dismiss(n.id);
  });
  afterEach(() => vi.useRealTimers());

  it('go by themselves (errors stay longer), and can be dismissed before that', () => {
    const { notify } = useNotices.getState();
    notify('Pack installed');
    notify('Could not export', 'error');
    notify('Exported a.json');
    expect(useNotices.getState().notices.map((n) => n.text)).toEqual(['Pack installed', 'Could not export', 'Exported a.json']);
    useNotices.getState().dismiss(useNotices.getState().notices[2]!.id);
    expect(useNotices.getState().notices).toHaveLength(2);
    vi.advanceTimersByTime(NOTICE_TTL_MS.info + 1);
    expect(useNotices.getState().notices.map((n) => n.text)).toEqual(['Could not export']);
    vi.advanceTimersByTime(NOTICE_TTL_MS.error);
    expect(useNotices.getState().notices).toEqual([]);
  });

  it('keep at most three: the oldest goes first', () => {
    for (const text of ['one', 'two', 'three', 'four']) useNotices.getState().notify(text);
    expect(useNotices.getState().notices.map((n) => n.text)).toEqual(['two', 'three', 'four']);
  });
});
