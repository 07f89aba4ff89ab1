/**
 * The window never leaves our bundle: navigations and redirects away from app://renderer
 * are stopped, new windows are refused, and only plain web links (http/https) are handed to
 * the system browser. Everything else (javascript:, file:, data:, custom schemes that could
 * launch other programs, malformed text) is dropped.
 */
import { isAppUrl } from './app-protocol.js';

export type OpenExternal = (url: string) => unknown;

/** Only web pages may leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Open `url` in the system browser if it is a web link; returns whether it did. */
export function openExternalIfSafe(url: string, openExternal: OpenExternal): boolean {
  if (!isSafeExternalUrl(url)) return false;
  void Promise.resolve(openExternal(url)).catch(() => {
    // No default browser: nothing sensible to do from here, and the app must stay up.
  });
  return true;
}

interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** The subset of WebContents this policy needs (real WebContents satisfy it). */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function handleWillNavigate(event: NavigationEvent, openExternal: OpenExternal): void {
  if (isAppUrl(event.url)) return;
  event.preventDefault();
  // A clicked web link in a template is the user's intent: show it in their browser.
  openExternalIfSafe(event.url, openExternal);
}

export function handleWillRedirect(event: NavigationEvent): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

export function handleWindowOpen({ url }: { url: string }, openExternal: OpenExternal): { action: 'deny' } {
  openExternalIfSafe(url, openExternal);
  return { action: 'deny' };
}

export function applyNavigationPolicy(contents: GuardedContents, openExternal: OpenExternal): void {
  contents.on('will-navigate', (event: NavigationEvent) => handleWillNavigate(event, openExternal));
  contents.on('will-redirect', (event: NavigationEvent) => handleWillRedirect(event));
  contents.on('will-attach-webview', (event: { preventDefault(): void }) => event.preventDefault());
  contents.setWindowOpenHandler((details) => handleWindowOpen(details, openExternal));
}
