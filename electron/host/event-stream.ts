/**
 * Server-Sent Events fan-out: every StreamEvent from the core goes to every connected page as
 * one `data: <json>` message. A comment ping keeps idle connections (and proxies) from timing
 * out; the retry hint tells EventSource how soon to reconnect after the host restarts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamEvent } from '../../shared/contract.js';

export const PING_INTERVAL_MS = 15_000;
const RETRY_MS = 2_000;

export interface EventHub {
  attach(req: IncomingMessage, res: ServerResponse): void;
  publish(event: StreamEvent): void;
  readonly clientCount: number;
  /** Ends every stream; later attaches are refused. */
  close(): void;
}

export function createEventHub(pingIntervalMs = PING_INTERVAL_MS): EventHub {
  const clients = new Set<ServerResponse>();
  let closed = false;

  const writeAll = (chunk: string) => {
    for (const res of clients) res.write(chunk);
  };
  const ping = setInterval(() => writeAll(': ping\n\n'), pingIntervalMs);
  ping.unref();

  return {
    attach(req, res) {
      if (closed) {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The host is shutting down.\n');
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
      clients.add(res);
      const drop = () => clients.delete(res);
      req.on('close', drop);
      res.on('close', drop);
    },
    publish(event) {
      if (closed) return;
      // JSON.stringify never emits raw newlines, so one data line per event is safe.
      writeAll(`data: ${JSON.stringify(event)}\n\n`);
    },
    get clientCount() {
      return clients.size;
    },
    close() {
      closed = true;
      clearInterval(ping);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
