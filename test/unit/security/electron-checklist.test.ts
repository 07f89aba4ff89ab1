/**
 * The Electron security checklist, asserted item by item against the code that enforces it
 * (docs/security.md points here). No Electron binary needed: the window options, policies
 * and IPC guard are pure functions fed with stand-ins shaped like Electron's objects, and
 * main.ts is checked to wire each one up.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/contract.js';
import { invokeChannels } from '../../../electron/common/ipc-channels.js';
import { buildPreloadApi } from '../../../electron/preload/preload-api.js';
import { APP_INDEX_URL, createAppProtocolHandler, DESKTOP_CSP } from '../../../electron/main/app-protocol.js';
import { createMethodHandler, FORBIDDEN_MESSAGE, type IpcWindow } from '../../../electron/main/ipc.js';
import { handleWillNavigate, handleWillRedirect, handleWindowOpen, applyNavigationPolicy, isSafeExternalUrl } from '../../../electron/main/navigation-policy.js';
import { applyPermissionPolicy, BLOCKED_REQUEST_URLS, type PermissionSession } from '../../../electron/main/permissions.js';
import { buildWindowOptions } from '../../../electron/main/window-options.js';
import { CONTENT_SECURITY_POLICY as HOST_CSP } from '../../../electron/host/responses.js';
import { parseCsp } from './support/csp.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const mainSource = fs.readFileSync(path.join(root, 'electron/main/main.ts'), 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-sec-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('window', () => {
  const prefs = buildWindowOptions({ preloadPath: '/app/out/preload/preload.cjs' }).webPreferences!;

  it('isolates the page from Node and from the preload, and keeps web security on', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    // Experimental features and remote module switches stay at their safe defaults.
    expect(prefs).not.toHaveProperty('experimentalFeatures', true);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('is the only way main.ts builds a window, and main.ts loads our bundle only', () => {
    expect(mainSource).toMatch(/new BrowserWindow\(buildWindowOptions\(/);
    expect(mainSource.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(mainSource).not.toMatch(/loadURL\(\s*['"`]https?:/);
  });
});

describe('content security policy', () => {
  const desktop = parseCsp(DESKTOP_CSP);
  const host = parseCsp(HOST_CSP);

  it.each([
    ['desktop (app://)', desktop],
    ['browser host', host],
  ])('%s: scripts only from the bundle, no inline script, no eval, no remote sources', (_name, csp) => {
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['form-action']).toEqual(["'none'"]);
    for (const [directive, sources] of Object.entries(csp)) {
      for (const source of sources) {
        expect(source, `${directive} ${source}`).not.toMatch(/unsafe-eval|wasm-unsafe-eval|strict-dynamic|^\*$|^https?:|^wss?:|^blob:|\/\//);
        if (directive !== 'style-src') expect(source, `${directive} ${source}`).not.toBe("'unsafe-inline'");
      }
    }
  });

  it('desktop: the renderer may open no connection at all (it talks through the preload)', () => {
    expect(desktop['connect-src']).toEqual(["'none'"]);
  });

  it('browser host: connections only back to the host itself', () => {
    expect(host['connect-src']).toEqual(["'self'"]);
  });

  it('is sent as a header with every app:// response, errors included', async () => {
    const dir = path.join(tmp, 'renderer');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
    const handle = createAppProtocolHandler(fs.realpathSync(dir));
    for (const url of [APP_INDEX_URL, 'app://renderer/missing.js', 'app://renderer/../../etc/passwd', 'app://other/index.html']) {
      const res = await handle(new Request(url));
      expect(res.headers.get('content-security-policy'), url).toBe(DESKTOP_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await handle(new Request(APP_INDEX_URL))).status).toBe(200);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    expect(mainSource).toMatch(/protocol\.handle\(/);
  });

  it('the page itself has no inline script or event handler attributes to allow', () => {
    const html = fs.readFileSync(path.join(root, 'renderer/index.html'), 'utf8');
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc=/);
    expect(html).not.toMatch(/<script\b[^>]*>\s*[^<\s]/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});

describe('navigation and new windows', () => {
  const nav = (url: string) => ({ url, preventDefault: vi.fn() });

  it.each(['https://evil.example/', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<b>x</b>', 'app://other/index.html', 'about:blank'])(
    'a navigation to %s is stopped',
    (url) => {
      const e = nav(url);
      const open = vi.fn();
      handleWillNavigate(e, open);
      expect(e.preventDefault).toHaveBeenCalled();
      // Only a plain web link goes on, and only to the system browser.
      expect(open).toHaveBeenCalledTimes(/^https?:/.test(url) ? 1 : 0);
      const r = nav(url);
      handleWillRedirect(r);
      expect(r.preventDefault).toHaveBeenCalled();
    },
  );

  it('window.open is always denied; web links go to the system browser, nothing else does', () => {
    const open = vi.fn();
    for (const url of ['https://arxiv.org/abs/2502.06772', 'javascript:window.__pwned=1', 'file:///etc/passwd', 'ms-msdt:/id x', 'app://renderer/index.html']) {
      expect(handleWindowOpen({ url }, open)).toEqual({ action: 'deny' });
    }
    expect(open.mock.calls).toEqual([['https://arxiv.org/abs/2502.06772']]);
  });

  it('every web contents gets the policy, webviews are refused', () => {
    const listeners: Record<string, (e: { url: string; preventDefault(): void }) => void> = {};
    let windowOpen: ((d: { url: string }) => { action: string }) | null = null;
    applyNavigationPolicy(
      {
        on: (event: string, l: (e: { url: string; preventDefault(): void }) => void) => (listeners[event] = l),
        setWindowOpenHandler: (h) => (windowOpen = h),
      } as Parameters<typeof applyNavigationPolicy>[0],
      vi.fn(),
    );
    const webview = nav('');
    listeners['will-attach-webview']!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(windowOpen!({ url: 'https://x.example' })).toEqual({ action: 'deny' });
    expect(mainSource).toMatch(/web-contents-created[\s\S]{0,120}applyNavigationPolicy/);
  });

  it('external links: only http and https leave the app', () => {
    expect(['https://a.example', 'http://a.example/x'].every(isSafeExternalUrl)).toBe(true);
    for (const url of ['javascript:x', 'JAVASCRIPT:x', 'file:///c:/windows', 'smb://host/share', 'mailto:a@b.c', 'vbscript:x', '//a.example', ' ']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('permissions', () => {
  function fakeSession() {
    const s = {
      request: null as null | ((wc: unknown, p: string, cb: (g: boolean) => void) => void),
      check: null as null | ((wc: unknown, p: string) => boolean),
      blocked: { urls: [] as string[], listener: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) },
    };
    const session: PermissionSession = {
      setPermissionRequestHandler: (h) => (s.request = h),
      setPermissionCheckHandler: (h) => (s.check = h),
      webRequest: { onBeforeRequest: (filter, listener) => (s.blocked = { urls: filter.urls, listener }) },
    };
    return { s, session };
  }

  it('every permission request and check is answered no, and remote requests are cancelled', () => {
    const { s, session } = fakeSession();
    applyPermissionPolicy(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      const cb = vi.fn();
      s.request!({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(s.check!({}, permission)).toBe(false);
    }
    expect(s.blocked.urls).toEqual(BLOCKED_REQUEST_URLS);
    for (const scheme of ['http', 'https', 'ws', 'wss']) expect(s.blocked.urls).toContain(`${scheme}://*/*`);
    const cb = vi.fn();
    s.blocked.listener!({ url: 'https://evil.example/x.js' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: true });
    expect(mainSource).toMatch(/applyPermissionPolicy\(session\.defaultSession\)/);
  });
});

describe('IPC', () => {
  function window(url: string) {
    const mainFrame = { url };
    const win: IpcWindow = {
      isDestroyed: () => false,
      webContents: { mainFrame, send: () => {}, isDestroyed: () => false, once: () => undefined },
    };
    return { win, mainFrame };
  }

  it('answers only our window main frame showing our bundle; everyone else gets forbidden', async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'answered' }));
    const { win, mainFrame } = window(APP_INDEX_URL);
    const handler = createMethodHandler('settings.getModels', dispatch, () => win);
    expect(await handler({ senderFrame: mainFrame }, {})).toEqual({ ok: true, value: 'answered' });
    expect(dispatch).toHaveBeenCalledTimes(1);

    const refused = [
      { senderFrame: { url: APP_INDEX_URL } }, // a subframe (or another window) with our URL
      { senderFrame: null },
    ];
    for (const event of refused) expect(await handler(event, {})).toEqual({ ok: false, error: { code: 'forbidden', message: FORBIDDEN_MESSAGE } });
    // Our main frame after it navigated somewhere else.
    const away = window('https://evil.example/');
    expect((await createMethodHandler('settings.getModels', dispatch, () => away.win)({ senderFrame: away.mainFrame }, {})) as { ok: boolean }).toMatchObject({ ok: false });
    // No window at all (closed).
    expect(await createMethodHandler('settings.getModels', dispatch, () => null)({ senderFrame: mainFrame }, {})).toMatchObject({ ok: false });
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(mainSource).toMatch(/registerIpcHandlers\(ipcMain, core\.dispatch/);
  });

  it('the preload exposes the contract methods and onEvent, nothing else', async () => {
    const preload = fs.readFileSync(path.join(root, 'electron/preload/preload.ts'), 'utf8');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\('api', buildPreloadApi\(ipcRenderer\)\)/);
    const invoked: string[] = [];
    const api = buildPreloadApi({ invoke: async (channel) => void invoked.push(channel), on: () => undefined, removeListener: () => undefined }) as unknown as Record<string, unknown>;
    const namespaces = [...new Set(methodNames.map((m) => m.split('.')[0]!))];
    expect(Object.keys(api).sort()).toEqual([...namespaces, 'onEvent'].sort());
    // No generic invoke(channel) for the page: each function calls its own channel only.
    for (const name of methodNames) {
      const [ns, fn] = name.split('.') as [string, string];
      await (api[ns] as Record<string, (i: unknown) => Promise<unknown>>)[fn]!({});
    }
    expect(invoked).toEqual([...invokeChannels]);
  });
});

describe('fuses', () => {
  const require = createRequire(import.meta.url);
  const hook = require('../../../electron/build/after-pack.cjs') as { FUSE_SETTINGS: Record<string, boolean> };
  const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');

  it('the packaged binary cannot run as Node, take NODE_OPTIONS or --inspect, or load an app outside the asar', () => {
    expect(hook.FUSE_SETTINGS).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('electron-builder packs an asar and runs the fuses hook', () => {
    expect(yml).toMatch(/^asar: true$/m);
    expect(yml).toMatch(/^afterPack: electron\/build\/after-pack\.cjs$/m);
  });
});
