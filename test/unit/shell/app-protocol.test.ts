import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, createAppProtocolHandler, DESKTOP_CSP, isAppUrl } from '../../../electron/main/app-protocol.js';

let root: string;
let outside: string;
let handler: (r: Request) => Promise<Response>;

beforeAll(() => {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rf-app-protocol-')));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  outside = path.join(base, 'secret.txt');
  fs.writeFileSync(outside, 'not for the page');
  handler = createAppProtocolHandler(root);
});
afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('serves the bundle with the desktop CSP', async () => {
    const res = await handler(new Request(APP_INDEX_URL));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(DESKTOP_CSP);
    expect(await res.text()).toContain('assets/app.js');
    const js = await handler(new Request('app://renderer/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(DESKTOP_CSP);
  });

  it('has a CSP with no remote code, no inline script, no eval and no network', () => {
    const directives = Object.fromEntries(DESKTOP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'font-src': "'self' data:",
      'connect-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
  });

  it('never reads outside the bundle', async () => {
    for (const url of [
      'app://renderer/../secret.txt',
      'app://renderer/%2e%2e/secret.txt',
      'app://renderer/assets/..%2f..%2fsecret.txt',
      'app://renderer/.hidden',
    ]) {
      const res = await handler(new Request(url));
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text()).not.toContain('not for the page');
    }
  });

  it('answers only its own host and only reads', async () => {
    expect((await handler(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handler(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
    expect((await handler(new Request('app://renderer/missing.js'))).status).toBe(404);
  });

  it('recognises our URLs exactly', () => {
    expect(isAppUrl('app://renderer/index.html')).toBe(true);
    expect(isAppUrl('app://renderer/')).toBe(true);
    for (const url of ['app://renderer.evil/x', 'app://evil/renderer', 'https://renderer/', 'app://x@evil/', 'nonsense', ''])
      expect(isAppUrl(url), url).toBe(false);
  });
});
