/** Raw HTTP helpers for host tests: full control over Host/Origin and the request path. */
import http from 'node:http';
import type { StreamEvent } from '../../../shared/contract.js';
import { ok, type Result } from '../../../shared/result.js';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

export function rawRequest({ port, method = 'GET', path, headers = {}, body }: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers: { Host: `127.0.0.1:${port}`, ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A stand-in for the core: records calls and lets the test emit stream events. */
export function fakeCore() {
  const listeners = new Set<(e: StreamEvent) => void>();
  const calls: { method: string; input: unknown }[] = [];
  return {
    calls,
    listenerCount: () => listeners.size,
    emit: (e: StreamEvent) => listeners.forEach((l) => l(e)),
    dispatch: async (method: string, input: unknown): Promise<Result<unknown>> => {
      calls.push({ method, input });
      return ok({ echoed: method, input });
    },
    onEvent: (l: (e: StreamEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

/** Opens an SSE stream and collects its raw text; `waitFor` resolves once a substring arrives. */
export function openEventStream(port: number, path: string) {
  let text = '';
  const waiters: { needle: string; resolve: () => void }[] = [];
  let status = 0;
  let contentType = '';
  let request: http.ClientRequest | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}` }, agent: false }, (res) => {
      status = res.statusCode ?? 0;
      contentType = String(res.headers['content-type'] ?? '');
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const w of waiters.filter((w) => text.includes(w.needle))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      });
      res.on('error', () => {});
      resolve();
    });
    req.on('error', reject);
    request = req;
  });
  const stream = {
    ready,
    /** Drops the connection from the client side. */
    close: () => request?.destroy(),
    get text() {
      return text;
    },
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
    waitFor(needle: string, timeoutMs = 3_000): Promise<void> {
      if (text.includes(needle)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(needle)} in ${JSON.stringify(text)}`)), timeoutMs);
        waiters.push({ needle, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
  return stream;
}
