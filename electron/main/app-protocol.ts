/**
 * The renderer is served from a privileged `app://renderer/` scheme instead of file://, so
 * it gets a real origin ('self' in the CSP means exactly the bundle), and every response
 * carries the desktop CSP as a header. Only files inside the built bundle are ever read
 * (path checks shared with the browser host's static server).
 */
import { promises as fs } from 'node:fs';
import { mimeTypeFor, resolveStaticPath } from '../common/static-paths.js';
import { COMMON_SECURITY_HEADERS, contentSecurityPolicy } from '../common/security-headers.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * No remote code, no inline scripts, no eval, and no network at all from the renderer:
 * in the desktop shell it reaches the core only through the preload's `window.api`.
 */
export const DESKTOP_CSP = contentSecurityPolicy("'none'");

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': DESKTOP_CSP,
  ...COMMON_SECURITY_HEADERS,
  'Cache-Control': 'no-cache',
};

/** True for URLs of our own bundle (and nothing that merely starts with the same text). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The scheme's privileges; must be registered before the app is ready. */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
} as const;

const textResponse = (status: number, text: string) =>
  new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * A `protocol.handle` handler for `app://renderer/...`. `rendererDir` must be a real
 * absolute path (fs.realpath) of the built renderer.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'Bad request');
    }
    if (!isAppUrl(url.href)) return textResponse(404, 'Not found');
    const pathname = url.pathname === '/' ? '/index.html' : url.pathname;
    const resolved = await resolveStaticPath(rendererDir, pathname);
    if (!resolved.ok) return textResponse(resolved.status, resolved.status === 404 ? 'Not found' : 'Forbidden');
    let body: Buffer;
    try {
      body = await fs.readFile(resolved.file);
    } catch {
      return textResponse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeFor(resolved.file) },
    });
  };
}
