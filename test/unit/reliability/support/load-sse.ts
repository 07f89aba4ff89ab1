/**
 * A lean SSE reader for the load test (twenty of them read every event of twenty streams):
 * per request id it keeps only the concatenated delta text, the number of deltas and the
 * terminal event, so the readers' own memory stays small.
 */
import http from 'node:http';
import type { StreamEvent } from '../../../../shared/contract.js';

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

export function openLeanSse(port: number, path: string): Promise<LeanSse> {
  const requests = new Map<string, RequestLog>();
  const waiters = new Set<() => void>();
  let buffer = '';
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`event stream refused with HTTP ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of block.split('\n')) {
            if (!line.startsWith('data: ')) continue;
            const e = JSON.parse(line.slice(6)) as StreamEvent;
            let log = requests.get(e.requestId);
            if (!log) requests.set(e.requestId, (log = { text: '', deltas: 0, terminal: null }));
            if (e.type === 'delta') {
              log.text += e.text;
              log.deltas++;
            } else if (e.type !== 'progress') log.terminal = e.type;
          }
        }
        for (const w of [...waiters]) w();
      });
      res.on('error', () => {});
      resolve(client);
    });
    req.on('error', reject);
    const client: LeanSse = {
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
  });
}
