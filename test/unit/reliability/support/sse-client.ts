/**
 * Server-Sent Events readers for the browser host's /api/events. One transport parses each
 * event block's `data:` lines as a StreamEvent; two views sit on it:
 * - openSse keeps every event, so a test can inspect one request's whole stream;
 * - openLeanSse (the load test: twenty of them read every event of twenty streams) keeps, per
 *   request id, only the concatenated delta text, the number of deltas and the terminal event,
 *   so the readers' own memory stays small.
 */
import http from 'node:http';
import type { StreamEvent } from '../../../../shared/contract.js';

/**
 * Connects and calls `onEvent` for each event, then `afterChunk` once per received chunk
 * (where waiters re-check). Resolves with the request once the stream is accepted.
 */
function readEvents(port: number, path: string, onEvent: (e: StreamEvent) => void, afterChunk: () => void): Promise<http.ClientRequest> {
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
          if (data) onEvent(JSON.parse(data) as StreamEvent);
        }
        afterChunk();
      });
      // The host ends streams on close; nothing to report then.
      res.on('error', () => {});
      resolve(req);
    });
    req.on('error', reject);
  });
}

export interface SseClient {
  readonly events: StreamEvent[];
  /** Every event seen for one request id, in order. */
  forRequest(requestId: string): StreamEvent[];
  /** Resolves with the event that ended the request ('done', 'error' or 'cancelled'). */
  terminal(requestId: string, timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
}

const TERMINAL = new Set(['done', 'error', 'cancelled']);

export async function openSse(port: number, path: string): Promise<SseClient> {
  const events: StreamEvent[] = [];
  const waiters: (() => void)[] = [];
  const req = await readEvents(
    port,
    path,
    (e) => events.push(e),
    () => {
      for (const w of waiters.splice(0)) w();
    },
  );
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
  return client;
}

export interface RequestLog {
  text: string;
  deltas: number;
  terminal: StreamEvent['type'] | null;
}

export interface LeanSse {
  /** Every request id seen, with what arrived for it. */
  readonly requests: Map<string, RequestLog>;
  /** Resolves once every id in `ids` has a terminal event. */
  allEnded(ids: string[], timeoutMs: number): Promise<void>;
  close(): void;
}

export async function openLeanSse(port: number, path: string): Promise<LeanSse> {
  const requests = new Map<string, RequestLog>();
  const waiters = new Set<() => void>();
  const req = await readEvents(
    port,
    path,
    (e) => {
      if (e.type === 'shell') return; // the host never sends these; they come from the desktop menu
      let log = requests.get(e.requestId);
      if (!log) requests.set(e.requestId, (log = { text: '', deltas: 0, terminal: null }));
      if (e.type === 'delta') {
        log.text += e.text;
        log.deltas++;
      } else log.terminal = e.type;
    },
    () => {
      for (const w of [...waiters]) w();
    },
  );
  return {
    requests,
    allEnded(ids, timeoutMs) {
      return new Promise((done, fail) => {
        const check = () => {
          if (!ids.every((id) => requests.get(id)?.terminal)) return;
          clearTimeout(timer);
          waiters.delete(check);
          done();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(new Error(`streams not ended after ${timeoutMs} ms: ${ids.filter((id) => !requests.get(id)?.terminal).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => req.destroy(),
  };
}
