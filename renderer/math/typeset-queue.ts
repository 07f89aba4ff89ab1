/**
 * Spreads typesetting over tasks so the page never waits long on MathJax. One formula is one
 * uninterruptible MathJax call, bounded by TEX_LIMITS; many formulas are not: a page of
 * templates or a long worked step can hold hundreds. So:
 *  - while rendering, formulas are typeset on the spot until SYNC_BUDGET_MS of typesetting
 *    has been spent in the current task (cached ones are free), so a normal page appears whole
 *    in its first paint;
 *  - the rest wait in a queue, typeset in slices of at most SLICE_BUDGET_MS each, with a yield
 *    to the browser (input, paint) between slices; each component is told when its formula is
 *    ready; a formula nobody shows any more is dropped from the queue.
 * Nothing here blocks for longer than a budget plus one formula.
 */
import { cachedTexToSvg, texRefusal, texToSvg, type TexRender } from './tex-to-svg.js';

/** Typesetting allowed inside one task while rendering, before formulas are deferred. */
export const SYNC_BUDGET_MS = 16;
/** Typesetting per queue slice before yielding to the browser. */
export const SLICE_BUDGET_MS = 12;

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
 * it; null when it has to wait (then call `whenTypeset`).
 */
export function typesetNowOrNull(tex: string, display: boolean): TexRender | null {
  const hit = cachedTexToSvg(tex, display);
  if (hit) return hit;
  const refused = texRefusal(tex); // free: refusals never wait
  if (refused) return refused;
  if (spentThisTask >= SYNC_BUDGET_MS) return null;
  const start = now();
  const result = texToSvg(tex, display);
  chargeTask(now() - start);
  return result;
}

interface Job {
  tex: string;
  display: boolean;
  listeners: Set<() => void>;
}

const jobs = new Map<string, Job>();
let sliceScheduled = false;

const jobKey = (tex: string, display: boolean) => `${display ? 'D' : 'I'}:${tex}`;

function runSlice(): void {
  sliceScheduled = false;
  const start = now();
  const done: Job[] = [];
  for (const [key, job] of jobs) {
    if (now() - start >= SLICE_BUDGET_MS) break;
    jobs.delete(key);
    texToSvg(job.tex, job.display);
    done.push(job);
  }
  chargeTask(now() - start);
  if (jobs.size > 0) scheduleSlice();
  for (const job of done) for (const listener of job.listeners) listener();
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
  scheduleSlice();
  const mine = job;
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size === 0 && jobs.get(key) === mine) jobs.delete(key);
  };
}

/** Formulas waiting (for tests and diagnostics). */
export const pendingTypesetCount = (): number => jobs.size;

/** Resolves once the queue is empty and a new task's budget has started. */
export function typesetIdle(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (jobs.size === 0 && !sliceScheduled && !resetScheduled ? resolve() : laterTask(check));
    check();
  });
}
