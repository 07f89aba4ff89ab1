/**
 * One scrubber for every place where text leaves the core (AppErrors, stream events, stored
 * session events, the Markdown export). It removes:
 *
 * - the API keys the app knows (every key it has stored, read from the environment or been
 *   given to test), verbatim and in their URL- and JSON-escaped forms;
 * - `Authorization: …` values and `Bearer …` tokens;
 * - `sk-…` shaped keys (`sk-proj-…`, `sk-ant-…`, `sk-or-…`);
 * - long high-entropy values after `api_key=`, `token=`, `secret:` and the like.
 *
 * Everything here is linear in the text: known keys are found with indexOf, and every regex
 * has bounded quantifiers around a single character class (no nested or overlapping
 * repetition), so a hostile server's 1 MB error body cannot hold the event loop.
 */

/** What a removed secret is replaced with. */
export const REDACTED = '[redacted]';

/** Keys shorter than this are not scrubbed verbatim (they would eat ordinary words). */
const MIN_KNOWN_LENGTH = 6;
/** The most keys remembered; the oldest is forgotten first (test-connection keys pile up). */
const MAX_KNOWN = 64;

const known = new Set<string>();
/** `known`, longest first (so a key that contains another key is removed whole); rebuilt on change. */
let knownByLength: string[] = [];
const reorder = () => {
  knownByLength = [...known].sort((a, b) => b.length - a.length);
};

/** Remember a secret so it is scrubbed verbatim from now on (no-op for empty or short values). */
export function registerSecret(value: string | null | undefined): void {
  const v = value?.trim();
  if (!v || v.length < MIN_KNOWN_LENGTH) return;
  const variants = new Set([v, encodeURIComponent(v), JSON.stringify(v).slice(1, -1)]);
  for (const s of variants) {
    known.delete(s);
    known.add(s);
  }
  while (known.size > MAX_KNOWN) known.delete(known.values().next().value as string);
  reorder();
}

/** For tests: forget every registered secret. */
export function forgetRegisteredSecrets(): void {
  known.clear();
  reorder();
}

/** The characters a token is made of (base64, base64url, hex, JWT dots). */
const TOKEN_CHAR = 'A-Za-z0-9._~+/=-';

const AUTHORIZATION = new RegExp(`(authorization["']?\\s{0,4}[:=]\\s{0,4}["']?)(?:(?:bearer|basic|token|apikey)\\s{1,4})?(?!(?:bearer|basic|token|apikey)\\s)[^\\s"',;()[\\]{}<>]{1,2000}`, 'gi');
const BEARER = new RegExp(`\\b(bearer\\s{1,4})([${TOKEN_CHAR}]{8,2000})`, 'gi');
const SK_KEY = /\bsk-[A-Za-z0-9_-]{16,2000}/g;
const KEY_VALUE = new RegExp(
  `\\b((?:x-)?(?:api[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|token|secret|password|passwd|key)["']?\\s{0,4}[:=]\\s{0,4}["']?)([${TOKEN_CHAR}]{16,2000})`,
  'gi',
);

/** Mixed character classes: what a generated token looks like, unlike a word or a number. */
function looksRandom(token: string): boolean {
  let classes = 0;
  if (/[a-z]/.test(token)) classes++;
  if (/[A-Z]/.test(token)) classes++;
  if (/[0-9]/.test(token)) classes++;
  return classes >= 2;
}

function replaceAllLiteral(text: string, needle: string, replacement: string): string {
  if (!text.includes(needle)) return text;
  return text.split(needle).join(replacement);
}

/**
 * The text with every secret replaced by `[redacted]`; with `keepLength`, by as many `*` as
 * the secret had characters (for stored pieces whose offsets must not move).
 */
export function scrubSecrets(text: string, opts: { keepLength?: boolean } = {}): string {
  if (!text) return text;
  const mask = opts.keepLength ? (secret: string) => '*'.repeat(secret.length) : () => REDACTED;
  let out = text;
  // The header first, so `Authorization: Bearer <known key>` goes as one value.
  out = out.replace(AUTHORIZATION, (m, head: string) => `${head}${mask(m.slice(head.length))}`);
  for (const secret of knownByLength) out = replaceAllLiteral(out, secret, mask(secret));
  out = out.replace(BEARER, (m, head: string, token: string) => (looksRandom(token) ? `${head}${mask(token)}` : m));
  out = out.replace(SK_KEY, (m) => (looksRandom(m.slice(3)) ? mask(m) : m));
  out = out.replace(KEY_VALUE, (m, head: string, value: string) => (looksRandom(value) ? `${head}${mask(value)}` : m));
  return out;
}

const MAX_DEPTH = 64;

/**
 * A copy of a JSON-like value with every string (keys of objects too) scrubbed. Values that
 * contain no secret are returned as they are (same reference), so the common case copies
 * nothing.
 */
export function scrubDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return scrubSecrets(value) as T;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v: unknown) => {
      const s = scrubDeep(v, depth + 1);
      if (s !== v) changed = true;
      return s;
    });
    return (changed ? out : value) as T;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sk = scrubSecrets(k);
    const sv = scrubDeep(v, depth + 1);
    if (sk !== k || sv !== v) changed = true;
    out[sk] = sv;
  }
  return (changed ? out : value) as T;
}

/** How much text a stream holds back at most while waiting to see whether it ends a secret. */
const MAX_HOLD_CHARS = 600;
/** What is kept of one endless "word" once it passes MAX_HOLD_CHARS (longer than any usual key). */
const LONG_WORD_TAIL = 300;
/** Complete words held back: enough context for `Authorization: Bearer <token>`. */
const HELD_WORDS = 3;

/**
 * Scrubs text that arrives in pieces (streamed deltas), where a key may be split across two
 * pieces. A word is only scrubbed once it is complete (whitespace follows it), together with
 * the words before it; the last few words are held back until the next piece shows how they
 * end, and `flush` releases what is left at the end. Work per piece is bounded by the piece
 * and MAX_HOLD_CHARS.
 */
export class StreamScrubber {
  private held = '';

  /** The part of `piece` (and what was held) that is safe to show now. */
  push(piece: string): string {
    const raw = this.held + piece;
    // The last word may still be growing: it is kept raw, unscrubbed, until it ends.
    let end = raw.length;
    const floor = Math.max(0, raw.length - MAX_HOLD_CHARS);
    while (end > floor && !isSpace(raw.charCodeAt(end - 1))) end--;
    if (end === floor && floor > 0) {
      // One endless "word": scrub it whole and keep only its tail, so it is not rescanned for every piece.
      const all = scrubSecrets(raw);
      this.held = all.slice(all.length - LONG_WORD_TAIL);
      return all.slice(0, all.length - LONG_WORD_TAIL);
    }
    const complete = scrubSecrets(raw.slice(0, end));
    const cut = holdBackStart(complete);
    this.held = complete.slice(cut) + raw.slice(end);
    return complete.slice(0, cut);
  }

  /** Whatever is still held, scrubbed; the stream has ended. */
  flush(): string {
    const rest = scrubSecrets(this.held);
    this.held = '';
    return rest;
  }
}

/** Where the last HELD_WORDS words (and any whitespace after them) begin, within MAX_HOLD_CHARS of the end. */
function holdBackStart(text: string): number {
  const floor = Math.max(0, text.length - MAX_HOLD_CHARS);
  let i = text.length;
  let words = 0;
  while (i > floor) {
    while (i > floor && isSpace(text.charCodeAt(i - 1))) i--;
    if (i === floor) break;
    while (i > floor && !isSpace(text.charCodeAt(i - 1))) i--;
    words++;
    if (words === HELD_WORDS) break;
  }
  return i;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
