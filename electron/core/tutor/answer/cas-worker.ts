/**
 * The CAS worker thread: runs the full comparison (Compute Engine) off the host's event loop.
 * Started by cas-pool.ts; bundled as its own entry (out/main/cas-worker.mjs, see
 * electron/build/bundle.ts). Messages: in `{ id, submitted, reference }`, out `{ id, check }`;
 * `{ ready: true }` once the engine is loaded. The pool terminates this thread when a
 * comparison runs over its budget, so nothing here needs to be interruptible.
 */
import { parentPort } from 'node:worker_threads';
import { compareAnswers } from './compare.js';

export interface CasRequest {
  id: number;
  submitted: string;
  reference: string;
  /** The question text, for its conventions (percent, probability). */
  question?: string;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (msg: CasRequest) => {
    const check = compareAnswers(msg.submitted, msg.reference, { question: msg.question });
    port.postMessage({ id: msg.id, check });
  });
  // Loading and first use of the engine cost ~0.5 s; pay it before the first real request.
  compareAnswers('x+1', '1+x');
  port.postMessage({ ready: true });
}
