/**
 * The security headers the renderer is served with, in both shells. One policy so the browser
 * host and the desktop app:// scheme cannot drift apart; the only intended difference is
 * where the page may connect (the browser talks to its host's /api, the desktop to nothing).
 * Pure data: imported by electron/host and electron/main alike.
 */

/** No inline scripts, no eval, nothing loaded from elsewhere, never framed. */
export function contentSecurityPolicy(connectSrc: "'self'" | "'none'"): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connectSrc}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The headers besides the CSP that every renderer response carries in both shells. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
