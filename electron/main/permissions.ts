/**
 * The tutor needs no camera, microphone, notifications, geolocation or anything else a page
 * can ask for, so every permission request and check is answered "no", and the session may
 * not reach the network on the renderer's behalf.
 */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
  webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
    ): void;
  };
}

export const denyPermissionRequest = (_wc: unknown, _permission: string, callback: (granted: boolean) => void) =>
  callback(false);
export const denyPermissionCheck = (_wc: unknown, _permission: string) => false;

/** Remote URLs the renderer must never load (the CSP says the same; this holds even if it is bypassed). */
export const BLOCKED_REQUEST_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

export function applyPermissionPolicy(session: PermissionSession): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.webRequest.onBeforeRequest({ urls: BLOCKED_REQUEST_URLS }, (_details, callback) => callback({ cancel: true }));
}
