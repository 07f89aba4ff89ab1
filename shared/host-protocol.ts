/**
 * How the browser host carries the contract over loopback HTTP. The host and the renderer's
 * HTTP transport both import these, so neither spells a path or header on its own.
 *
 *   GET  /?token=T              the renderer's index.html, with T in <meta name="rf-token">
 *   GET  /assets/...            static bundle files (no secrets in them)
 *   POST /api/call/<method>     body: JSON input; header x-rf-token: T; reply: Result JSON
 *   GET  /api/events?token=T    Server-Sent Events, one `data:` line of StreamEvent JSON each
 */
import { PACK_LIMITS } from './packs/schema.js';

export const TOKEN_HEADER = 'x-rf-token';
export const TOKEN_QUERY = 'token';
export const TOKEN_META = 'rf-token';
export const CALL_PREFIX = '/api/call/';
export const EVENTS_PATH = '/api/events';
/** Largest request body the host reads: a pack file as a JSON string (escaping can double it). */
export const MAX_BODY_BYTES = 2 * PACK_LIMITS.maxFileBytes + 1024 * 1024;
