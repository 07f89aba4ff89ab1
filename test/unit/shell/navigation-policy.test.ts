import { describe, expect, it, vi } from 'vitest';
import {
  applyNavigationPolicy,
  handleWillNavigate,
  handleWillRedirect,
  handleWindowOpen,
  isSafeExternalUrl,
} from '../../../electron/main/navigation-policy.js';

const navEvent = (url: string) => ({ url, preventDefault: vi.fn() });

describe('external link filter', () => {
  it.each(['https://arxiv.org/abs/2502.06772', 'http://example.com/a?b=c#d', 'HTTPS://EXAMPLE.COM'])('opens %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ms-msdt:/id PCWDiagnostic',
    'smb://attacker/share',
    'app://renderer/index.html',
    'not a url',
    '',
    '//example.com/no-scheme',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('navigation', () => {
  it('lets the page move within our bundle', () => {
    const e = navEvent('app://renderer/index.html#/library');
    const open = vi.fn();
    handleWillNavigate(e, open);
    expect(e.preventDefault).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it('stops navigation away and sends only web links to the system browser', () => {
    const open = vi.fn();
    const web = navEvent('https://example.com/');
    handleWillNavigate(web, open);
    expect(web.preventDefault).toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith('https://example.com/');

    const local = navEvent('file:///home/user/secret.txt');
    handleWillNavigate(local, open);
    expect(local.preventDefault).toHaveBeenCalled();
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('stops redirects that leave the bundle, including look-alike hosts', () => {
    for (const url of ['https://evil.example/', 'app://renderer.evil/index.html', 'app://evil/index.html']) {
      const e = navEvent(url);
      handleWillRedirect(e);
      expect(e.preventDefault).toHaveBeenCalled();
    }
    const ok = navEvent('app://renderer/assets/x.js');
    handleWillRedirect(ok);
    expect(ok.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every new window; web links go to the system browser instead', () => {
    const open = vi.fn();
    expect(handleWindowOpen({ url: 'https://example.com/' }, open)).toEqual({ action: 'deny' });
    expect(handleWindowOpen({ url: 'javascript:alert(1)' }, open)).toEqual({ action: 'deny' });
    expect(handleWindowOpen({ url: 'app://renderer/index.html' }, open)).toEqual({ action: 'deny' });
    expect(open.mock.calls).toEqual([['https://example.com/']]);
  });

  it('wires all guards onto a web contents', () => {
    const handlers: Record<string, (e: { url: string; preventDefault(): void }) => void> = {};
    let windowOpen: ((d: { url: string }) => { action: 'deny' }) | undefined;
    const contents = {
      on: (event: string, l: (e: { url: string; preventDefault(): void }) => void) => (handlers[event] = l),
      setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => (windowOpen = h),
    };
    const open = vi.fn();
    applyNavigationPolicy(contents, open);
    expect(Object.keys(handlers).sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);

    const nav = navEvent('https://example.com/');
    handlers['will-navigate']!(nav);
    expect(nav.preventDefault).toHaveBeenCalled();
    const webview = navEvent('');
    handlers['will-attach-webview']!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(windowOpen!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('survives a system without a browser', async () => {
    const open = vi.fn().mockRejectedValue(new Error('no browser'));
    expect(handleWindowOpen({ url: 'https://example.com/' }, open)).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0)); // an unhandled rejection would fail the run
  });
});
