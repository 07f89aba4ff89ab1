/**
 * A minimal Server-Sent Events reader for the browser host's /api/events: parses each
 * `data:` line as a StreamEvent and lets a test wait for the event that ends a request.
 */
import http from 'node:http';
import type { StreamEvent } from '../../../../shared/contract.js';

export interface SseClient {
  readonly events: StreamEvent[];
  /** Every event seen for one request id, in order. */
  forRequest(requestId: string): StreamEvent[];
  /** Resolves with the event that ended the request ('done', 'error' or 'cancelled'). */
  terminal(requestId: string, timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
}

const TERMINAL = new Set(['done', 'error', 'cancelled']);

export function openSse(port: number, path: string): Promise<SseClient> {
  const events: StreamEvent[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`event stream refused with HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) events.push(JSON.parse(data) as StreamEvent);
        }
        for (const w of waiters.splice(0)) w();
      });
      // The host ends streams on close; nothing to report then.
      res.on('error', () => {});
      resolve(client);
    });
    req.on('error', reject);
    const client: SseClient = {
      events,
      forRequest: (id) => events.filter((e) => e.requestId === id),
      terminal(requestId, timeoutMs = 10_000) {
        const find = () => events.find((e) => e.requestId === requestId && TERMINAL.has(e.type));
        return new Promise((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`no terminal event for ${requestId}; saw ${JSON.stringify(client.forRequest(requestId)).slice(0, 400)}`)), timeoutMs);
          const check = () => {
            const hit = find();
            if (hit) {
              clearTimeout(timer);
              done(hit);
            } else waiters.push(check);
          };
          check();
        });
      },
      close: () => req.destroy(),
    };
  });
}
