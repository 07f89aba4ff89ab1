/**
 * The CAS off the main thread. One long-lived worker (cas-worker.ts) does the comparisons, one
 * at a time, each with a time budget; a comparison that overruns, or a worker that runs out of
 * its memory limit, ends with the worker terminated (a fresh one starts on the next request)
 * and the caller told "could not decide" (null), so it falls back to the quick path. The host's
 * event loop only ever posts a message and waits.
 *
 * Finding the worker's code, in this order:
 *  - RF_CAS_WORKER (a path to a built worker), for tests and unusual layouts;
 *  - cas-worker.mjs beside this module: the bundled app (electron/build/bundle.ts builds it next
 *    to main.mjs, which is every core module's own folder once bundled);
 *  - cas-worker.ts beside this module: running from source (tsx, vitest). The worker then starts
 *    with tsx's loader registered inside it, since a worker does not inherit the parent's.
 * With none of these there is no worker and every check uses the quick path.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnswerCheck } from './compare.js';

/** One CAS comparison may run this long before the worker is stopped. */
export const CAS_BUDGET_MS = 1_500;
/** A request may wait this long for the worker to start (cold start with tsx is ~1 s). */
const START_TIMEOUT_MS = 20_000;
/**
 * Once a worker has been up, a request waits at most this long for its replacement (after an
 * overrun or a crash) before the caller falls back to the quick path: one slow answer must not
 * make the next one wait for a whole start-up. The replacement keeps starting for later checks.
 */
const RESTART_WAIT_MS = 2_000;
/** The worker's heap: a CAS bomb hits this instead of growing the app to gigabytes. */
const WORKER_HEAP_MB = 256;

export interface CasPoolOptions {
  budgetMs?: number;
  /** A built worker file (.mjs/.js) or the .ts source; default: found as described above. */
  workerFile?: string | null;
  heapMb?: number;
  /** How long a request waits for a replacement worker (default RESTART_WAIT_MS). */
  restartWaitMs?: number;
}

export interface CasPoolStats {
  started: number;
  overruns: number;
  failures: number;
  completed: number;
}

interface Job {
  submitted: string;
  reference: string;
  question?: string;
  resolve: (check: AnswerCheck | null) => void;
}

/** Where the worker code is, or null when there is none to run. */
export function findCasWorker(): string | null {
  const env = process.env.RF_CAS_WORKER;
  if (env && fs.existsSync(env)) return env;
  for (const casWorkerName of ['cas-worker.mjs', 'cas-worker.js', 'cas-worker.ts']) {
    const file = path.join(import.meta.dirname, casWorkerName);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

function spawn(file: string, heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
  if (!file.endsWith('.ts')) return new Worker(file, { resourceLimits });
  // From source only (bundled, cas-worker.mjs is found first): register tsx inside the
  // worker, then load the TypeScript entry.
  const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const boot = `import(${JSON.stringify(pathToFileURL(tsxApi).href)})
    .then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })
    .catch((err) => { console.error('CAS worker failed to start:', err); process.exit(1); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

export class CasPool {
  private worker: Worker | null = null;
  private ready: Promise<boolean> | null = null;
  private readonly queue: Job[] = [];
  private busy = false;
  private nextId = 1;
  private closed = false;
  readonly stats: CasPoolStats = { started: 0, overruns: 0, failures: 0, completed: 0 };
  private readonly budgetMs: number;
  private readonly heapMb: number;
  private readonly file: string | null;
  private readonly restartWaitMs: number;
  /** A worker has been ready once: later starts are replacements, waited for only briefly. */
  private everReady = false;

  constructor(options: CasPoolOptions = {}) {
    this.budgetMs = options.budgetMs ?? CAS_BUDGET_MS;
    this.heapMb = options.heapMb ?? WORKER_HEAP_MB;
    this.file = options.workerFile === undefined ? findCasWorker() : options.workerFile;
    this.restartWaitMs = options.restartWaitMs ?? RESTART_WAIT_MS;
  }

  /** Whether a worker can run at all (false: every compare resolves null). */
  get available(): boolean {
    return this.file !== null && !this.closed;
  }

  /** The CAS verdict, or null when it could not be had within the budget (or at all). */
  compare(submitted: string, reference: string, question?: string): Promise<AnswerCheck | null> {
    if (!this.available) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.queue.push({ submitted, reference, question, resolve });
      void this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(null);
    await this.stop();
  }

  private start(): Promise<boolean> {
    if (this.ready) return this.ready;
    const worker = spawn(this.file as string, this.heapMb);
    worker.unref();
    this.worker = worker;
    this.stats.started++;
    this.ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), START_TIMEOUT_MS);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onFail);
        worker.off('exit', onFail);
        resolve(ok);
      };
      const onMessage = (msg: { ready?: boolean }) => {
        if (msg?.ready) done(true);
      };
      const onFail = () => done(false);
      worker.on('message', onMessage);
      worker.once('error', onFail);
      worker.once('exit', onFail);
    });
    // A worker that dies later (out of memory, crash) is dropped; the next job starts another.
    worker.once('exit', () => {
      if (this.worker === worker) {
        this.worker = null;
        this.ready = null;
      }
    });
    worker.on('error', () => undefined);
    return this.ready;
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate().catch(() => undefined);
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) {
        job.resolve(await this.run(job));
      }
    } finally {
      this.busy = false;
    }
  }

  private async run(job: Job): Promise<AnswerCheck | null> {
    if (this.closed) return null;
    const starting = this.start();
    let waitTimer: NodeJS.Timeout | undefined;
    const ok = this.everReady
      ? await Promise.race([
          starting,
          new Promise<'waiting'>((resolve) => {
            waitTimer = setTimeout(() => resolve('waiting'), this.restartWaitMs);
          }),
        ])
      : await starting;
    clearTimeout(waitTimer);
    if (ok === 'waiting') {
      // The replacement is still starting: this check falls back, the worker keeps starting.
      this.stats.failures++;
      return null;
    }
    if (ok) this.everReady = true;
    const worker = this.worker;
    if (!ok || !worker) {
      this.stats.failures++;
      await this.stop();
      return null;
    }
    const id = this.nextId++;
    return new Promise<AnswerCheck | null>((resolve) => {
      const finish = (check: AnswerCheck | null, outcome: 'completed' | 'overruns' | 'failures') => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        this.stats[outcome]++;
        resolve(check);
      };
      const onMessage = (msg: { id?: number; check?: AnswerCheck }) => {
        if (msg?.id === id && msg.check) finish(msg.check, 'completed');
      };
      const onExit = () => finish(null, 'failures');
      const timer = setTimeout(() => {
        // Over budget: the CAS is stuck in synchronous work; only terminating stops it. A fresh
        // worker starts at once so the next check does not pay the start-up.
        finish(null, 'overruns');
        void this.stop().then(() => {
          if (!this.closed) void this.start();
        });
      }, this.budgetMs);
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.postMessage({ id, submitted: job.submitted, reference: job.reference, question: job.question });
    });
  }
}

let shared: CasPool | null = null;

/** The process-wide pool the tutor's checkAnswer uses. */
export function casPool(): CasPool {
  shared ??= new CasPool();
  return shared;
}
