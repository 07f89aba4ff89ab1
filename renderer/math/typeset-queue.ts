/**
 * Keeps MathJax from holding the page. One formula is one uninterruptible MathJax call
 * (bounded by TEX_LIMITS, still ~100 ms for one at the limit on a slow machine), and a page of
 * templates or a long hint can hold hundreds. So:
 *  - while rendering, short formulas (SYNC_MAX_CHARS) are typeset on the spot until
 *    SYNC_BUDGET_MS of typesetting has been spent in the current task (cached ones are free),
 *    so a normal page appears whole in its first paint;
 *  - the rest wait in a queue served by a dedicated worker (typeset-worker.ts): the page's
 *    thread only receives finished SVG. Where no worker can run (tests in node, a worker that
 *    fails to start), the queue is served on the page's thread in slices of SLICE_BUDGET_MS
 *    with a yield to the browser (input, paint) between slices;
 *  - each component is told when its formula is ready; a formula nobody shows any more is
 *    dropped from the queue.
 */
import { cachedTexToSvg, rememberTexRender, texRefusal, texToSvg, type TexRender } from './tex-to-svg.js';
import type { TypesetReply, TypesetRequest } from './typeset-worker.js';

/** Typesetting allowed inside one task while rendering, before formulas are deferred. */
export const SYNC_BUDGET_MS = 16;
/** Typesetting per queue slice before yielding to the browser (when there is no worker). */
export const SLICE_BUDGET_MS = 12;
/** Longer formulas are never typeset during render when a worker can take them. */
export const SYNC_MAX_CHARS = 200;
/** Formulas handed to the worker at once (more wait here, so unshown ones can be dropped). */
const WORKER_IN_FLIGHT = 4;

const now = () => performance.now();

/** A callback in a later task (not a microtask: the browser gets to paint and handle input). */
function laterTask(run: () => void): void {
  if (typeof MessageChannel !== 'undefined') {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      run();
    };
    channel.port2.postMessage(null);
  } else setTimeout(run, 0);
}

// Typesetting time spent in the current task; reset by a callback in the next task.
let spentThisTask = 0;
let resetScheduled = false;

function chargeTask(ms: number): void {
  spentThisTask += ms;
  if (!resetScheduled) {
    resetScheduled = true;
    laterTask(() => {
      spentThisTask = 0;
      resetScheduled = false;
    });
  }
}

/**
 * The result for a formula now if it is cached or the current task still has budget to typeset
 * it; null when it has to wait (then call `whenTypeset`). `preferWorker`: text that is still
 * streaming in has no first paint to complete, so while a worker can run, its formulas are
 * never typeset on the page's thread.
 */
export function typesetNowOrNull(tex: string, display: boolean, preferWorker = false): TexRender | null {
  const hit = cachedTexToSvg(tex, display);
  if (hit) return hit;
  const refused = texRefusal(tex); // free: refusals never wait
  if (refused) return refused;
  if (preferWorker && typesetWorker()) return null;
  if (spentThisTask >= SYNC_BUDGET_MS) return null;
  if (tex.length > SYNC_MAX_CHARS && typesetWorker()) return null;
  const start = now();
  const result = texToSvg(tex, display);
  chargeTask(now() - start);
  return result;
}

interface Job {
  tex: string;
  display: boolean;
  listeners: Set<() => void>;
  /** Request id while the worker has it. */
  sentAs?: number;
}

const jobs = new Map<string, Job>();
const inFlight = new Map<number, Job>();
let nextRequestId = 1;
let sliceScheduled = false;

const jobKey = (tex: string, display: boolean) => `${display ? 'D' : 'I'}:${tex}`;

// The worker: created on first need; null when it cannot run here (then slices serve the queue).
let worker: Worker | null | undefined;

function typesetWorker(): Worker | null {
  if (worker !== undefined) return worker;
  worker = null;
  if (typeof Worker === 'undefined' || typeof window === 'undefined') return null;
  try {
    const created = new Worker(new URL('./typeset-worker.ts', import.meta.url), { type: 'module', name: 'typeset' });
    created.onmessage = (event: MessageEvent<TypesetReply>) => finished(event.data);
    created.onerror = (event) => {
      event.preventDefault();
      workerFailed();
    };
    worker = created;
  } catch {
    worker = null;
  }
  return worker;
}

/** The worker could not start or died: everything it had goes back to the page's slices. */
function workerFailed(): void {
  worker?.terminate();
  worker = null;
  for (const job of inFlight.values()) job.sentAs = undefined;
  inFlight.clear();
  pump();
}

function finished({ id, result }: TypesetReply): void {
  const job = inFlight.get(id);
  if (!job) return;
  inFlight.delete(id);
  rememberTexRender(job.tex, job.display, result);
  const key = jobKey(job.tex, job.display);
  if (jobs.get(key) === job) jobs.delete(key);
  pump();
  for (const listener of job.listeners) listener();
}

/** Hands waiting formulas to the worker, or schedules a slice on the page's thread. */
function pump(): void {
  const w = typesetWorker();
  if (!w) {
    if (jobs.size > 0) scheduleSlice();
    return;
  }
  for (const job of jobs.values()) {
    if (inFlight.size >= WORKER_IN_FLIGHT) break;
    if (job.sentAs !== undefined) continue;
    const id = nextRequestId++;
    job.sentAs = id;
    inFlight.set(id, job);
    const request: TypesetRequest = { id, tex: job.tex, display: job.display };
    w.postMessage(request);
  }
}

function runSlice(): void {
  sliceScheduled = false;
  const start = now();
  const done: Job[] = [];
  for (const [key, job] of jobs) {
    if (now() - start >= SLICE_BUDGET_MS) break;
    if (job.sentAs !== undefined) continue;
    jobs.delete(key);
    texToSvg(job.tex, job.display);
    done.push(job);
  }
  chargeTask(now() - start);
  if (jobs.size > inFlight.size) pump();
  for (const job of done) for (const listener of job.listeners) listener();
  markSlice(start, done.length);
}

function scheduleSlice(): void {
  if (sliceScheduled) return;
  sliceScheduled = true;
  laterTask(runSlice);
}

/**
 * Calls `ready` once the formula is typeset (at once if it already is). Returns an
 * unsubscribe; a formula whose last listener leaves is not typeset.
 */
export function whenTypeset(tex: string, display: boolean, ready: () => void): () => void {
  if (cachedTexToSvg(tex, display)) {
    ready();
    return () => {};
  }
  const key = jobKey(tex, display);
  let job = jobs.get(key);
  if (!job) {
    job = { tex, display, listeners: new Set() };
    jobs.set(key, job);
  }
  const listener = () => ready();
  job.listeners.add(listener);
  pump();
  const mine = job;
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size === 0 && mine.sentAs === undefined && jobs.get(key) === mine) jobs.delete(key);
  };
}

/** Formulas waiting (for tests and diagnostics). */
export const pendingTypesetCount = (): number => jobs.size;

/** Resolves once the queue is empty and a new task's budget has started. */
export function typesetIdle(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (jobs.size === 0 && inFlight.size === 0 && !sliceScheduled && !resetScheduled ? resolve() : laterTask(check));
    check();
  });
}

// Each slice is visible in the browser's performance timeline (DevTools, and the e2e test's
// long-task check): "rf-typeset-slice", with the formulas typeset in it. Bounded in number.
let slicesMarked = 0;
function markSlice(start: number, formulas: number): void {
  if (slicesMarked >= 2000 || typeof performance.measure !== 'function') return;
  slicesMarked++;
  try {
    performance.measure('rf-typeset-slice', { start, end: now(), detail: { formulas } });
  } catch {
    // Older engines without the options form: diagnostics only, nothing lost.
  }
}
