/**
 * Checks every request to the browser host passes before it is routed. The host serves one
 * person on this machine; these guards keep other web pages (DNS rebinding, cross-site
 * requests) and other local users without the token from reaching the core.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh secret per run: 32 random bytes, base64url (43 characters, URL- and HTML-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes unequal lengths take the same time too. */
export function tokensMatch(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Why a request was refused, for the log; the client only sees a short generic message. */
export type GuardRefusal = { status: 403 | 405; reason: string };

/**
 * The Host header must name this loopback server exactly: a page on another site whose DNS
 * name was rebound to 127.0.0.1 still sends its own name here, and is refused.
 */
function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

function originAllowed(origin: string, port: number): boolean {
  const o = origin.toLowerCase();
  return o === `http://127.0.0.1:${port}` || o === `http://localhost:${port}`;
}

/**
 * Sec-Fetch-Site: 'same-origin' (our own page) and 'none' (typed or opened URL) are fine.
 * 'same-site' is refused too: another port on localhost is a different program.
 */
function fetchSiteAllowed(site: string | undefined): boolean {
  return site === undefined || site === 'same-origin' || site === 'none';
}

export function checkRequest(req: IncomingMessage, port: number): GuardRefusal | null {
  if (!hostAllowed(req.headers.host, port)) return { status: 403, reason: 'foreign Host header' };
  const origin = req.headers.origin;
  if (origin !== undefined && !originAllowed(origin, port)) return { status: 403, reason: 'foreign Origin header' };
  const site = req.headers['sec-fetch-site'];
  if (!fetchSiteAllowed(Array.isArray(site) ? site[0] : site)) return { status: 403, reason: `Sec-Fetch-Site ${String(site)}` };
  // No CORS, ever: a preflight (OPTIONS) or any other verb is simply not allowed.
  if (req.method !== 'GET' && req.method !== 'POST') return { status: 405, reason: `method ${String(req.method)}` };
  return null;
}
