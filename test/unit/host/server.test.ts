import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../electron/host/server.js';
import { MAX_BODY_BYTES, TOKEN_HEADER } from '../../../shared/host-protocol.js';
import { fakeCore, openEventStream, rawRequest } from './http-helpers.js';

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Tutor</title>
    <script type="module" crossorigin src="./assets/app.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

let tmp: string;
let staticDir: string;
let host: RunningHost;
const core = fakeCore();
const logLines: string[] = [];
const SMALL_CAP = 64 * 1024;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'rf-host-'));
  staticDir = path.join(tmp, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");\n');
  writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body{margin:0}\n');
  writeFileSync(path.join(staticDir, '.hidden'), 'hidden\n');
  writeFileSync(path.join(tmp, 'secret.txt'), 'TOP SECRET\n');
  symlinkSync(path.join(tmp, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
  host = await startHost({
    dispatch: core.dispatch,
    onEvent: core.onEvent,
    staticDir,
    port: 0,
    log: (l) => logLines.push(l),
    maxBodyBytes: SMALL_CAP,
    pingIntervalMs: 100,
  });
});

afterAll(async () => {
  await host?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const call = (method: string, body: string, headers: Record<string, string> = {}) =>
  rawRequest({
    port: host.port,
    method: 'POST',
    path: `/api/call/${method}`,
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: host.token, ...headers },
    body,
  });

describe('listening', () => {
  it('listens on 127.0.0.1 with a fresh 43-character base64url token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is not reachable on another local address', async () => {
    // 127.0.0.2 is loopback too on Linux, but the host bound 127.0.0.1 only.
    const attempt = new Promise<string>((resolve) => {
      const req = http.get({ host: '127.0.0.2', port: host.port, path: '/', agent: false, timeout: 2_000 }, () => resolve('connected'));
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    // Usually ECONNREFUSED; some sandboxes route 127.0.0.2 differently, but never to us.
    expect(await attempt).not.toBe('connected');
  });

  it('gives each run its own token and honours a given one', async () => {
    const other = await startHost({ dispatch: core.dispatch, onEvent: core.onEvent, staticDir });
    const fixed = await startHost({ dispatch: core.dispatch, onEvent: core.onEvent, staticDir, token: 'fixed-token-for-tests-123' });
    try {
      expect(other.token).not.toBe(host.token);
      expect(fixed.token).toBe('fixed-token-for-tests-123');
    } finally {
      await other.close();
      await fixed.close();
    }
  });

  it('reports a port that is taken in words, not a stack', async () => {
    await expect(startHost({ dispatch: core.dispatch, onEvent: core.onEvent, staticDir, port: host.port })).rejects.toMatchObject({
      error: { code: 'internal', message: expect.stringContaining(`Port ${host.port}`), action: expect.stringContaining('--port') },
    });
  });
});

describe('index page', () => {
  it('refuses the page without the token, pointing at the terminal', async () => {
    const res = await rawRequest({ port: host.port, path: '/' });
    expect(res.status).toBe(403);
    expect(res.body).toContain('printed in the terminal');
    expect(res.body).not.toContain('<meta');
    const wrong = await rawRequest({ port: host.port, path: '/index.html?token=nope' });
    expect(wrong.status).toBe(403);
  });

  it('serves index.html with the token meta and strict headers', async () => {
    for (const p of [`/?token=${host.token}`, `/index.html?token=${host.token}`]) {
      const res = await rawRequest({ port: host.port, path: p });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain(`<meta name="rf-token" content="${host.token}">`);
      // The meta sits inside <head>, before the module script that reads it.
      expect(res.body.indexOf('rf-token')).toBeGreaterThan(res.body.indexOf('<head>'));
      expect(res.body.indexOf('rf-token')).toBeLessThan(res.body.indexOf('</head>'));
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
      expect(scriptSrc).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});

describe('static files', () => {
  it('serves bundle files with their MIME types and 404s unknown ones', async () => {
    const js = await rawRequest({ port: host.port, path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("app");\n');
    const css = await rawRequest({ port: host.port, path: '/assets/app.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await rawRequest({ port: host.port, path: '/assets/missing.js' })).status).toBe(404);
    expect((await rawRequest({ port: host.port, path: '/assets' })).status).toBe(404);
    expect((await rawRequest({ port: host.port, path: '/.hidden' })).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2E%2E/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/app.js%00.png',
    '/%252e%252e/secret.txt',
    '/assets/link.txt',
    '/%ZZ',
  ])('never serves anything outside the folder: %s', async (p) => {
    const res = await rawRequest({ port: host.port, path: p });
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body).not.toContain('TOP SECRET');
  });
});

describe('API calls', () => {
  it('passes the method and parsed input to dispatch and returns its Result', async () => {
    const res = await call('library.search', JSON.stringify({ query: 'quadratic' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { echoed: 'library.search', input: { query: 'quadratic' } } });
    expect(core.calls.at(-1)).toEqual({ method: 'library.search', input: { query: 'quadratic' } });
  });

  it('refuses calls without the token or with a wrong one', async () => {
    const before = core.calls.length;
    const missing = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/call/app.info',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await call('app.info', '{}', { [TOKEN_HEADER]: `${host.token}x` });
    expect(wrong.status).toBe(403);
    const inQuery = await rawRequest({
      port: host.port,
      method: 'POST',
      path: `/api/call/app.info?token=${host.token}`,
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(inQuery.status).toBe(403);
    expect(core.calls.length).toBe(before);
  });

  it('answers bad JSON with a readable 400 Result', async () => {
    const res = await call('app.info', '{"query": ');
    expect(res.status).toBe(400);
    const parsed = JSON.parse(res.body);
    expect(parsed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(parsed.error.message).toContain('not valid JSON');
    expect(res.body).not.toMatch(/\n\s+at /);
  });

  it('requires a JSON content type (so plain HTML forms cannot call it)', async () => {
    const res = await call('app.info', '{}', { 'Content-Type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses an oversized body with 413 and a Result', async () => {
    const res = await call('packs.previewImport', JSON.stringify({ fileName: 'a.json', content: 'x'.repeat(SMALL_CAP) }));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'pack_too_large' } });
  });

  it('refuses a body that declares more than the protocol limit before reading it', async () => {
    const dflt = await startHost({ dispatch: core.dispatch, onEvent: core.onEvent, staticDir });
    try {
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: dflt.port,
            method: 'POST',
            path: '/api/call/packs.previewImport',
            agent: false,
            headers: {
              Host: `127.0.0.1:${dflt.port}`,
              'Content-Type': 'application/json',
              'Content-Length': MAX_BODY_BYTES + 1,
              [TOKEN_HEADER]: dflt.token,
            },
          },
          (r) => {
            let body = '';
            r.on('data', (c) => (body += c));
            r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.flushHeaders(); // send the headers only; the body never comes
      });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'pack_too_large' } });
    } finally {
      await dflt.close();
    }
  });

  it('turns a throwing dispatch into a 500 Result without a stack', async () => {
    const lines: string[] = [];
    const broken = await startHost({
      dispatch: async () => {
        throw new Error('database exploded at /secret/path');
      },
      onEvent: core.onEvent,
      staticDir,
      log: (l) => lines.push(l),
    });
    try {
      const res = await rawRequest({
        port: broken.port,
        method: 'POST',
        path: '/api/call/app.info',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: broken.token },
        body: '{}',
      });
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(res.body).not.toContain('/secret/path');
      expect(res.body).not.toMatch(/\bat .+:\d+/);
      expect(lines.join('\n')).toContain('database exploded');
    } finally {
      await broken.close();
    }
  });

  it('only accepts POST for calls and answers unknown API paths with 404', async () => {
    const get = await rawRequest({ port: host.port, path: '/api/call/app.info', headers: { [TOKEN_HEADER]: host.token } });
    expect(get.status).toBe(405);
    const unknown = await rawRequest({ port: host.port, path: '/api/nothing' });
    expect(unknown.status).toBe(404);
  });
});

describe('request guards', () => {
  it('refuses a foreign Host header (DNS rebinding)', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`, `localhost.evil:${host.port}`]) {
      const res = await rawRequest({ port: host.port, path: `/?token=${host.token}`, headers: { Host: hostHeader } });
      expect(res.status).toBe(403);
      const api = await call('app.info', '{}', { Host: hostHeader });
      expect(api.status).toBe(403);
    }
    const ok = await rawRequest({ port: host.port, path: `/?token=${host.token}`, headers: { Host: `localhost:${host.port}` } });
    expect(ok.status).toBe(200);
  });

  it('refuses a foreign Origin and cross-site fetches, accepts its own origin', async () => {
    const foreign = await call('app.info', '{}', { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const otherPort = await call('app.info', '{}', { Origin: `http://127.0.0.1:${host.port + 1}` });
    expect(otherPort.status).toBe(403);
    const nullOrigin = await call('app.info', '{}', { Origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const crossSite = await call('app.info', '{}', { 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const own = await call('app.info', '{}', { Origin: `http://localhost:${host.port}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(own.status).toBe(200);
  });

  it('never answers a CORS preflight or other verbs, and sends no CORS headers', async () => {
    const preflight = await rawRequest({
      port: host.port,
      method: 'OPTIONS',
      path: '/api/call/app.info',
      headers: { Origin: `http://127.0.0.1:${host.port}`, 'Access-Control-Request-Method': 'POST' },
    });
    expect([403, 405]).toContain(preflight.status);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    for (const method of ['PUT', 'DELETE', 'HEAD']) {
      const res = await rawRequest({ port: host.port, method, path: '/' });
      expect(res.status).toBe(405);
    }
  });

  it('keeps the token out of its log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(host.token);
  });
});

describe('event stream', () => {
  it('refuses a stream without the token', async () => {
    const res = await rawRequest({ port: host.port, path: '/api/events' });
    expect(res.status).toBe(403);
  });

  it('delivers every core event to every connected client, with pings', async () => {
    const a = openEventStream(host.port, `/api/events?token=${host.token}`);
    const b = openEventStream(host.port, `/api/events?token=${host.token}`);
    await Promise.all([a.ready, b.ready, a.waitFor(': connected'), b.waitFor(': connected')]);
    expect(a.status).toBe(200);
    expect(a.contentType).toBe('text/event-stream; charset=utf-8');
    expect(a.text).toMatch(/^retry: \d+\n/);
    core.emit({ requestId: 'r1', type: 'delta', channel: 'solver', text: 'line one\nline two' });
    core.emit({ requestId: 'r1', type: 'done' });
    for (const s of [a, b]) {
      await s.waitFor('"type":"done"');
      const data = s.text
        .split('\n\n')
        .filter((m) => m.startsWith('data: '))
        .map((m) => JSON.parse(m.slice('data: '.length)));
      expect(data).toEqual([
        { requestId: 'r1', type: 'delta', channel: 'solver', text: 'line one\nline two' },
        { requestId: 'r1', type: 'done' },
      ]);
      await s.waitFor(': ping');
    }
    a.close();
    b.close();
  });
});

describe('close', () => {
  it('resolves promptly with an open event stream and unsubscribes from the core', async () => {
    const events = fakeCore();
    const h = await startHost({ dispatch: events.dispatch, onEvent: events.onEvent, staticDir });
    expect(events.listenerCount()).toBe(1);
    const s = openEventStream(h.port, `/api/events?token=${h.token}`);
    await s.ready;
    await s.waitFor(': connected');
    // A keep-alive socket left idle must not hold close() open either.
    const keepAlive = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      http.get({ host: '127.0.0.1', port: h.port, path: '/assets/app.js', agent: keepAlive }, (r) => r.resume().on('end', resolve)),
    );
    const started = Date.now();
    await h.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(events.listenerCount()).toBe(0);
    const after = await new Promise<string>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: h.port, path: '/', agent: false }, () => resolve('connected'));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(after).toBe('ECONNREFUSED');
    keepAlive.destroy();
  });
});
