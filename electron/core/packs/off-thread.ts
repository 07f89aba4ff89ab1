/**
 * Pack parse + validate on a worker thread, with a time budget, so a slow or hostile pack
 * file never holds the host's event loop (every request from every tab would wait) or the
 * CLI. The worker is started on first use and kept for the next file; when a check runs over
 * its budget the worker is terminated (that is the only way to stop a busy thread) and the
 * caller gets "the pack took too long to check; it may be damaged". The next check starts a
 * fresh worker.
 *
 * Where the worker code is: the bundled app ships out/main/pack-check-worker.mjs next to
 * main.mjs (electron/build/bundle.ts); from source (tsx, vitest) the TypeScript entry is
 * loaded through tsx's ESM loader, registered inside the worker.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PACK_LIMITS } from '../../../shared/packs/schema.js';
import { AppFailure, failure, type AppError } from '../../../shared/result.js';
import { msg } from '../../../shared/messages.js';
import type { CheckRequest } from './check-worker.js';
import { parsePackFile, type ParsedPack } from './parse.js';

/** The bundled worker's file name (electron/build/bundle.ts writes it next to main.mjs). */
export const PACK_WORKER_BUNDLE = 'pack-check-worker.mjs';

const MB = 1024 * 1024;

/**
 * Time allowed for one file: 10 s plus 1 s per MB. Every transform is linear, so a real pack
 * (a 100,000-template, 126 MB file checks in about half of that on a busy laptop) fits with room
 * to spare; only something pathological runs out.
 */
export function defaultBudgetMs(contentLength: number): number {
  return 10_000 + Math.ceil(contentLength / MB) * 1000;
}

export const tooSlow = (fileName: string, budgetMs: number): AppFailure =>
  failure('pack_unreadable', msg('core.packTooSlow', { fileName }), {
    action: msg('core.packTooSlow.action'),
    details: { budgetMs },
  });

/**
 * Where the worker code is (the same lookup as the CAS worker's, cas-pool.ts): the bundled
 * pack-check-worker.mjs beside this module (out/main once bundled), else the TypeScript entry
 * beside it (running from source), started with tsx's loader registered inside the worker,
 * since a worker does not inherit the parent's loaders.
 */
export function findPackWorker(): string {
  for (const name of [PACK_WORKER_BUNDLE, 'check-worker.ts']) {
    const file = path.join(import.meta.dirname, name);
    if (fs.existsSync(file)) return file;
  }
  throw failure('internal', `the pack checker's code (${PACK_WORKER_BUNDLE}) is missing beside ${import.meta.dirname}`);
}

function spawn(file: string): Worker {
  if (!file.endsWith('.ts')) return new Worker(file);
  const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const boot = `import(${JSON.stringify(pathToFileURL(tsxApi).href)})
    .then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })
    .catch((err) => { console.error('pack checker failed to start:', err); process.exit(1); });`;
  return new Worker(boot, { eval: true });
}

/**
 * Raw lone surrogates in the file's text (JSON escapes like \ud800 are ASCII and are judged
 * per field by the validator). Such text cannot come from a UTF-8 file; said as the reader would.
 */
function loneSurrogateInFile(fileName: string, content: string): AppFailure {
  const at = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(content)?.index ?? 0;
  return failure('pack_unreadable', msg('core.loneSurrogate', { fileName, at: at + 1 }), {
    action: msg('core.notUtf8.action'),
    details: { offset: at },
  });
}

type Reply = { id: number; ok: true; parsed: ParsedPack } | { id: number; ok: false; error: AppError };

interface Job {
  req: CheckRequest;
  /** The text itself, kept for the main-thread fallback (the bytes are transferred away). */
  content: string;
  budgetMs: number;
  resolve: (parsed: ParsedPack) => void;
  reject: (err: unknown) => void;
}

export class PackChecker {
  /** `workerFile`: a built worker (.mjs) or the .ts source; default: found by findPackWorker. */
  constructor(private readonly opts: { workerFile?: string } = {}) {}

  private worker: Worker | null = null;
  /** The worker that said it loaded; one that dies before that could not start at all. */
  private readyWorker: Worker | null = null;
  /** Set when no worker can start here (a packaging fault): checks then run on this thread. */
  private inline = false;
  private queue: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private closed = false;

  /** Parse and validate one pack file off the main thread; rejects with the same AppFailures as parsePackFile. */
  check(fileName: string, content: string, opts: { packId?: string; budgetMs?: number } = {}): Promise<ParsedPack> {
    if (this.closed) return Promise.reject(failure('internal', 'the pack checker was closed'));
    // Cheap limit first, on this thread: a too-large file is never copied to the worker.
    if (content.length > PACK_LIMITS.maxFileBytes) {
      return Promise.reject(failure('pack_too_large', msg('core.packTooLarge', { fileName, megabytes: PACK_LIMITS.maxFileBytes / MB }), { action: msg('core.splitPack.action') }));
    }
    return new Promise<ParsedPack>((resolve, reject) => {
      // Lone surrogates would not survive UTF-8: checked here, where the text still has them.
      const bytes = (content as string & { isWellFormed(): boolean }).isWellFormed() ? Buffer.from(content, 'utf8') : null; // Node 20+
      if (!bytes) {
        reject(loneSurrogateInFile(fileName, content));
        return;
      }
      const req: CheckRequest = { id: this.nextId++, fileName, bytes, ...(opts.packId ? { packId: opts.packId } : {}) };
      this.queue.push({ req, content, budgetMs: opts.budgetMs ?? defaultBudgetMs(content.length), resolve, reject });
      this.pump();
    });
  }

  /** Stop the worker (pending checks fail); the checker cannot be used afterwards. */
  close(): void {
    this.closed = true;
    const pending = [...(this.running ? [this.running.job] : []), ...this.queue];
    this.queue = [];
    if (this.running) clearTimeout(this.running.timer);
    this.running = null;
    void this.worker?.terminate();
    this.worker = null;
    for (const job of pending) job.reject(failure('cancelled', 'the app is closing; the pack was not checked'));
  }

  private startWorker(): Worker {
    const worker = spawn(this.opts.workerFile ?? findPackWorker());
    worker.unref(); // an idle checker never keeps a CLI run alive
    worker.on('message', (reply: Reply | { ready: true }) => {
      if ('ready' in reply) this.readyWorker = worker;
      else this.finish(worker, reply);
    });
    worker.on('error', (err) => this.crash(worker, err));
    worker.on('exit', (code) => this.crash(worker, new Error(`the pack checker stopped (exit code ${code})`)));
    return worker;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    if (this.inline) {
      this.runInline(job);
      return;
    }
    try {
      this.worker ??= this.startWorker();
    } catch (err) {
      this.fallBackToInline(err);
      this.runInline(job);
      return;
    }
    const worker = this.worker;
    // The budget includes the worker's start (fast when bundled; tsx compiles from source).
    const timer = setTimeout(() => {
      if (this.running?.job !== job) return;
      this.running = null;
      this.worker = null;
      void worker.terminate();
      job.reject(tooSlow(job.req.fileName, job.budgetMs));
      this.pump();
    }, job.budgetMs);
    this.running = { job, timer };
    const { buffer } = job.req.bytes;
    // A Buffer from the shared pool cannot be transferred; only then is it copied.
    worker.postMessage(job.req, buffer.byteLength === job.req.bytes.byteLength ? [buffer as ArrayBuffer] : []);
  }

  private fallBackToInline(err: unknown): void {
    this.inline = true;
    console.error(`[packs] the pack checker's worker could not start (${err instanceof Error ? err.message : String(err)}); checking packs on the main thread`);
  }

  private runInline(job: Job): void {
    try {
      job.resolve(parsePackFile(job.req.fileName, job.content, job.req.packId ? { packId: job.req.packId } : {}));
    } catch (err) {
      job.reject(err);
    }
    queueMicrotask(() => this.pump());
  }

  private finish(worker: Worker, reply: Reply): void {
    if (worker !== this.worker || !this.running || this.running.job.req.id !== reply.id) return;
    const { job, timer } = this.running;
    clearTimeout(timer);
    this.running = null;
    if (reply.ok) job.resolve(reply.parsed);
    else job.reject(new AppFailure(reply.error));
    this.pump();
  }

  private crash(worker: Worker, err: unknown): void {
    if (worker !== this.worker) return; // a terminated worker's exit
    this.worker = null;
    const running = this.running;
    this.running = null;
    if (running && this.readyWorker !== worker) {
      // The worker never loaded (its code is missing or cannot run here): rather than fail every
      // import, check on this thread, which every pack transform being linear keeps bounded.
      clearTimeout(running.timer);
      this.fallBackToInline(err);
      this.queue.unshift(running.job);
      this.pump();
      return;
    }
    if (running) {
      clearTimeout(running.timer);
      const why = err instanceof Error ? err.message : String(err);
      running.job.reject(
        /out of memory|heap/i.test(why)
          ? failure('pack_too_large', msg('core.packTooBig', { fileName: running.job.req.fileName }), { action: msg('core.splitPack.action') })
          : failure('internal', msg('core.packCheckFailed', { fileName: running.job.req.fileName, why })),
      );
    }
    this.pump();
  }
}
