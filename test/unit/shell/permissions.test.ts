import { describe, expect, it, vi } from 'vitest';
import { applyPermissionPolicy, BLOCKED_REQUEST_URLS, type PermissionSession } from '../../../electron/main/permissions.js';

function fakeSession() {
  const s = {
    request: undefined as undefined | Parameters<PermissionSession['setPermissionRequestHandler']>[0],
    check: undefined as undefined | Parameters<PermissionSession['setPermissionCheckHandler']>[0],
    beforeRequest: [] as { filter: { urls: string[] }; listener: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void }[],
  };
  const session: PermissionSession = {
    setPermissionRequestHandler: (h) => (s.request = h),
    setPermissionCheckHandler: (h) => (s.check = h),
    webRequest: { onBeforeRequest: (filter, listener) => s.beforeRequest.push({ filter, listener }) },
  };
  return { s, session };
}

describe('permission policy', () => {
  it('denies every permission request and check', () => {
    const { s, session } = fakeSession();
    applyPermissionPolicy(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      s.request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(s.check!({}, permission)).toBe(false);
    }
  });

  it('cancels remote requests from the renderer', () => {
    const { s, session } = fakeSession();
    applyPermissionPolicy(session);
    expect(s.beforeRequest).toHaveLength(1);
    expect(s.beforeRequest[0]!.filter.urls).toEqual(BLOCKED_REQUEST_URLS);
    expect(BLOCKED_REQUEST_URLS).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    const cb = vi.fn();
    s.beforeRequest[0]!.listener({ url: 'https://cdn.example/x.js' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: true });
  });
});
