/**
 * The browser host: carries the contract over loopback HTTP so the renderer can run in an
 * ordinary browser (see shared/host-protocol.ts for the routes). It listens on 127.0.0.1 only
 * and every request must pass the guards in request-guards.ts; the API and the event stream
 * also need the per-run token that only the person who started the host has seen.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Dispatch, StreamEvent } from '../../shared/contract.js';
import {
  CALL_PREFIX,
  EVENTS_PATH,
  MAX_BODY_BYTES,
  TOKEN_HEADER,
  TOKEN_QUERY,
} from '../../shared/host-protocol.js';
import { failure } from '../../shared/result.js';
import { createEventHub, PING_INTERVAL_MS } from './event-stream.js';
import { readBody } from './request-body.js';
import { checkRequest, newToken, tokensMatch } from './request-guards.js';
import { sendApiError, sendJson, sendText, setSecurityHeaders } from './responses.js';
import { realStaticDir, resolveStaticPath } from '../common/static-paths.js';
import { serveIndex, serveStaticFile } from './static-files.js';

export interface HostOptions {
  dispatch: Dispatch;
  onEvent: (listener: (e: StreamEvent) => void) => () => void;
  /** The built renderer (dist/renderer): index.html plus assets. */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Fixed token, e.g. for tests; otherwise a fresh random one per run. */
  token?: string;
  log?: (line: string) => void;
  /** Overrides for tests; the defaults come from the protocol. */
  maxBodyBytes?: number;
  pingIntervalMs?: number;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const NO_TOKEN_PAGE =
  'This page needs the access token of the running tutor.\n' +
  'Open the full address printed in the terminal where you started it (it ends in ?token=...).';
const NO_TOKEN_ACTION = 'Reload the page from the address printed in the terminal.';

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isJsonContentType(value: string | undefined): boolean {
  return (value ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  if (opts.token !== undefined && !/^[A-Za-z0-9_-]{16,}$/.test(opts.token)) {
    throw failure('invalid_input', 'The host token must be at least 16 letters, digits, "-" or "_".');
  }
  let rootDir: string;
  try {
    rootDir = await realStaticDir(opts.staticDir);
  } catch {
    throw failure('not_found', `The app's page files were not found in ${opts.staticDir}.`, {
      action: 'Build them with: npm run build:renderer',
    });
  }
  const token = opts.token ?? newToken();
  const maxBodyBytes = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const log = opts.log ?? (() => {});
  const hub = createEventHub(opts.pingIntervalMs ?? PING_INTERVAL_MS);
  const unsubscribe = opts.onEvent((e) => hub.publish(e));
  const sockets = new Set<Socket>();
  let port = 0;

  const refuse = (req: IncomingMessage, status: number, reason: string, pathOnly: string) => {
    // Log the path without the query: it may hold the token.
    log(`refused ${status} ${String(req.method)} ${pathOnly.slice(0, 200)}: ${reason}`);
  };

  async function handleCall(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    if (!tokensMatch(headerValue(req, TOKEN_HEADER), token)) {
      refuse(req, 403, 'missing or wrong token', rawPath);
      return sendApiError(res, 403, 'forbidden', 'This request does not carry the access token.', NO_TOKEN_ACTION);
    }
    if (!isJsonContentType(headerValue(req, 'content-type'))) {
      return sendApiError(res, 415, 'invalid_input', 'Requests to the API must be sent as application/json.');
    }
    let methodName: string;
    try {
      methodName = decodeURIComponent(rawPath.slice(CALL_PREFIX.length));
    } catch {
      return sendApiError(res, 400, 'invalid_input', 'The method name in the address is not valid.');
    }
    const body = await readBody(req, maxBodyBytes);
    if (!body.ok) {
      if (body.reason === 'aborted') return;
      // Stop reading: close the connection once the reply is out, and drop it if the
      // client keeps sending.
      res.setHeader('Connection', 'close');
      res.on('finish', () => setTimeout(() => req.socket.destroy(), 2_000).unref());
      req.resume();
      const mb = Math.round(maxBodyBytes / (1024 * 1024));
      return sendApiError(
        res,
        413,
        'pack_too_large',
        `The request is larger than the host accepts (${mb > 0 ? `${mb} MB` : `${maxBodyBytes} bytes`}).`,
        'Use a smaller file.',
      );
    }
    let input: unknown = {};
    if (body.text.trim() !== '') {
      try {
        input = JSON.parse(body.text);
      } catch (err) {
        const why = err instanceof Error ? err.message.slice(0, 200) : 'syntax error';
        return sendApiError(res, 400, 'invalid_input', `The request body is not valid JSON (${why}).`);
      }
    }
    const result = await opts.dispatch(methodName, input);
    sendJson(res, 200, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));

    const refusal = checkRequest(req, port);
    if (refusal) {
      refuse(req, refusal.status, refusal.reason, rawPath);
      if (refusal.status === 405) res.setHeader('Allow', 'GET, POST');
      return sendText(res, refusal.status, refusal.status === 405 ? 'Method not allowed.' : 'Forbidden.');
    }
    if (!rawPath.startsWith('/')) return sendText(res, 400, 'Bad request.');

    if (rawPath.startsWith(CALL_PREFIX)) {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return sendApiError(res, 405, 'invalid_input', 'API methods are called with POST.');
      }
      return handleCall(req, res, rawPath);
    }
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return sendText(res, 405, 'Method not allowed.');
    }
    if (rawPath === EVENTS_PATH) {
      const given = query.get(TOKEN_QUERY) ?? headerValue(req, TOKEN_HEADER);
      if (!tokensMatch(given, token)) {
        refuse(req, 403, 'missing or wrong token', rawPath);
        return sendApiError(res, 403, 'forbidden', 'This request does not carry the access token.', NO_TOKEN_ACTION);
      }
      return hub.attach(req, res);
    }
    if (rawPath.startsWith('/api/')) return sendApiError(res, 404, 'not_found', 'There is no such API address.');
    if (rawPath === '/' || rawPath === '/index.html') {
      if (!tokensMatch(query.get(TOKEN_QUERY), token)) {
        refuse(req, 403, 'page requested without token', rawPath);
        return sendText(res, 403, NO_TOKEN_PAGE);
      }
      return serveIndex(res, rootDir, token);
    }
    const resolved = await resolveStaticPath(rootDir, rawPath);
    if (!resolved.ok) {
      if (resolved.status !== 404) refuse(req, resolved.status, 'unsafe static path', rawPath);
      return sendText(res, resolved.status, resolved.status === 404 ? 'Not found.' : 'Forbidden.');
    }
    return serveStaticFile(res, resolved.file);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Details go to the log only; the client gets a plain message, never a stack.
      log(`error handling ${String(req.method)} ${(req.url ?? '').split('?')[0]}: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent && (req.url ?? '').startsWith('/api/')) {
        sendApiError(res, 500, 'internal', 'The tutor host hit an unexpected problem.', 'Try again.');
      } else {
        sendText(res, 500, 'The tutor host hit an unexpected problem.');
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: LOOPBACK, port: opts.port ?? 0 }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    unsubscribe();
    hub.close();
    throw listenFailure(err, opts.port ?? 0);
  }
  server.on('error', (err) => log(`server error: ${err.message}`));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      unsubscribe();
      hub.close();
      server.close(() => resolve());
      // Keep-alive and streaming sockets would hold close() open; end them now.
      for (const socket of sockets) socket.destroy();
    }));

  return { url: `http://${LOOPBACK}:${port}/?${TOKEN_QUERY}=${token}`, port, token, close };
}

function listenFailure(err: unknown, port: number) {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return failure('internal', `Port ${port} on ${LOOPBACK} is already in use by another program.`, {
      action: 'Start the tutor with a different --port, or leave --port out to pick a free one.',
    });
  }
  if (code === 'EACCES') {
    return failure('internal', `This system does not allow listening on port ${port}.`, {
      action: 'Use a port above 1024, or leave --port out to pick a free one.',
    });
  }
  return failure('internal', `The tutor host could not start: ${err instanceof Error ? err.message : String(err)}`, {
    action: 'Try again, or pick another --port.',
  });
}
