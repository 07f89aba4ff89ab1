/**
 * Response helpers for the browser host: the security headers every reply carries, and the
 * two error shapes (plain text for pages, Result JSON for the API). Nothing here ever puts a
 * stack trace or an internal path into a reply.
 */
import type { ServerResponse } from 'node:http';
import { fail, type ErrorCode } from '../../shared/result.js';
import { COMMON_SECURITY_HEADERS, contentSecurityPolicy } from '../common/security-headers.js';

/** The browser's renderer may call its own host's /api, and nothing else. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy("'self'");

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  ...COMMON_SECURITY_HEADERS,
  // For old browsers that ignore frame-ancestors.
  'X-Frame-Options': 'DENY',
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(text.endsWith('\n') ? text : `${text}\n`, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** An API failure as the same Result shape dispatch returns, so the renderer has one path. */
export function sendApiError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  action?: string,
): void {
  sendJson(res, status, fail(code, message, action ? { action } : {}));
}
