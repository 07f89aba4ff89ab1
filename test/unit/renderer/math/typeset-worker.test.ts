/**
 * The typesetting worker (issue 10, point 3): it answers with the same results as the page's
 * own typesetting, refusals included; and when a worker cannot run (it fails to start, as it
 * might under an unusual scheme or CSP), the queue falls back to the page's slices and every
 * formula is still typeset.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TypesetReply, TypesetRequest } from '../../../../renderer/math/typeset-worker.js';

type Scope = { onmessage: ((e: { data: TypesetRequest }) => void) | null; postMessage?: (r: TypesetReply) => void };
const scope = globalThis as unknown as Scope & { Worker?: unknown; window?: unknown };

afterEach(() => {
  delete scope.Worker;
  delete scope.window;
  delete scope.postMessage;
  scope.onmessage = null;
  vi.resetModules();
});

describe('typeset-worker', () => {
  it('answers each request with its id and the TexRender the page would make', async () => {
    const replies: TypesetReply[] = [];
    scope.postMessage = (r) => replies.push(r);
    await import('../../../../renderer/math/typeset-worker.js');
    const { texToSvg } = await import('../../../../renderer/math/tex-to-svg.js');
    scope.onmessage!({ data: { id: 7, tex: '\\frac{1}{2}', display: true } });
    scope.onmessage!({ data: { id: 8, tex: '\\mmlToken{mi}[href="//evil.test"]{x}', display: false } });
    scope.onmessage!({ data: { id: 9, tex: 'x+'.repeat(2000), display: false } });
    expect(replies.map((r) => r.id)).toEqual([7, 8, 9]);
    expect(replies[0]!.result).toEqual(texToSvg('\\frac{1}{2}', true));
    expect(replies[0]!.result.ok).toBe(true);
    expect(replies[1]!.result).toEqual({ ok: false, reason: 'forbidden', macro: '\\mmlToken' });
    expect(replies[2]!.result).toMatchObject({ ok: false, reason: 'too_long', limit: 'length' });
  });
});

describe('typeset queue with a worker that fails to start', () => {
  it('falls back to slices on the page and still typesets every formula', async () => {
    const created: FakeWorker[] = [];
    class FakeWorker {
      onmessage: ((e: unknown) => void) | null = null;
      onerror: ((e: { preventDefault(): void }) => void) | null = null;
      posted: TypesetRequest[] = [];
      terminated = false;
      constructor() {
        created.push(this);
      }
      postMessage(request: TypesetRequest) {
        this.posted.push(request);
        // The script never loads: the error arrives after the first requests were sent.
        setTimeout(() => this.onerror?.({ preventDefault() {} }), 0);
      }
      terminate() {
        this.terminated = true;
      }
    }
    scope.Worker = FakeWorker;
    scope.window = globalThis;
    const queue = await import('../../../../renderer/math/typeset-queue.js');
    const { cachedTexToSvg } = await import('../../../../renderer/math/tex-to-svg.js');
    const formulas = Array.from({ length: 12 }, (_, i) => `\\sqrt{${i}} + \\frac{w_{${i}}}{3}`);
    let ready = 0;
    for (const tex of formulas) queue.whenTypeset(tex, false, () => ready++);
    expect(created).toHaveLength(1);
    expect(created[0]!.posted.length).toBeGreaterThan(0); // handed to the worker first
    await queue.typesetIdle();
    expect(created[0]!.terminated).toBe(true);
    expect(ready).toBe(formulas.length);
    for (const tex of formulas) expect(cachedTexToSvg(tex)?.ok, tex).toBe(true);
    // Later formulas go straight to the page's slices: no second worker.
    let later = 0;
    queue.whenTypeset('\\alpha + 1', false, () => later++);
    await queue.typesetIdle();
    expect(later).toBe(1);
    expect(created).toHaveLength(1);
  });
});
