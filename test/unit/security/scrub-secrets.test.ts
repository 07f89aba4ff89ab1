/**
 * The secret scrubber on its own: what it removes (known keys, bearer tokens, sk- keys,
 * Authorization values, key=/token= values), what it leaves alone (maths, ordinary words),
 * keys split across streamed pieces, and linear time on hostile input.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { forgetRegisteredSecrets, REDACTED, registerSecret, scrubDeep, scrubSecrets, StreamScrubber } from '../../../electron/core/util/scrub-secrets.js';

const KEY = 'sk-proj-Zx81LmQp7RtVw2NbHc4Jk9Dq';

afterEach(() => forgetRegisteredSecrets());

describe('scrubSecrets', () => {
  it('removes a registered key verbatim and in its URL- and JSON-escaped forms, whatever its shape', () => {
    const odd = 'pl41n/k3y+with"quote';
    registerSecret(odd);
    const text = `key ${odd} url ?k=${encodeURIComponent(odd)} json ${JSON.stringify({ k: odd })}`;
    const out = scrubSecrets(text);
    expect(out).not.toContain(odd);
    expect(out).not.toContain(encodeURIComponent(odd));
    expect(out).not.toContain(JSON.stringify(odd).slice(1, -1));
    expect(out.split(REDACTED)).toHaveLength(4);
  });

  it('does not register empty or very short values (they would eat ordinary words)', () => {
    registerSecret('');
    registerSecret('  ');
    registerSecret('abc');
    expect(scrubSecrets('abc is a word')).toBe('abc is a word');
  });

  it.each([
    ['an sk- key', `Incorrect API key provided: ${KEY}.`, KEY],
    ['a legacy sk- key', 'key sk-abcdefghijklmnopqrstuvwx1234 rejected', 'sk-abcdefghijklmnopqrstuvwx1234'],
    ['a Bearer token', 'got Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123 from you', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123'],
    ['an Authorization header line', 'Authorization: Basic dXNlcjpwYXNz\nnext line', 'dXNlcjpwYXNz'],
    ['an Authorization value in JSON', '{"authorization":"Bearer abc"}', 'abc"'],
    ['api_key= in a URL', 'GET /v1/models?api_key=AbCdEf0123456789XyZ&x=1', 'AbCdEf0123456789XyZ'],
    ['a JSON "token" field', '{"token": "q8W2e4R6t8Y0u2I4o6P8"}', 'q8W2e4R6t8Y0u2I4o6P8'],
    ['an x-api-key header', 'x-api-key: 9f8e7d6c5b4a39281706f5e4', '9f8e7d6c5b4a39281706f5e4'],
  ])('removes %s', (_name, text, secret) => {
    const out = scrubSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('keeps the words around a secret', () => {
    expect(scrubSecrets(`Incorrect API key provided: ${KEY}. Check it.`)).toBe(`Incorrect API key provided: ${REDACTED}. Check it.`);
    expect(scrubSecrets('Authorization: Bearer abcdef123456 was refused')).toBe(`Authorization: ${REDACTED} was refused`);
    expect(scrubSecrets('(Authorization: Bearer abc.def-123).')).toBe(`(Authorization: ${REDACTED}).`);
  });

  it('gives the same text when run again (streams re-scrub what they held back)', () => {
    registerSecret(KEY);
    for (const text of [`Authorization: Bearer ${KEY}`, `Authorization: Bearer ${REDACTED}`, `"authorization": "Basic dXNlcjpwYXNz"`, `token=${KEY} and Bearer abcDEF123456`, `x-api-key: 9f8e7d6c5b4a39281706f5e4`]) {
      const once = scrubSecrets(text);
      expect(scrubSecrets(once)).toBe(once);
    }
  });

  it.each([
    'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.',
    'The key idea: use Vieta. The token count is 4096. Task-sk-style names stay.',
    'A bearer instrument and a load-bearing wall.',
    'token=1234567890123456789 (digits only: a number, not a key)',
    'The model server rejected the API key.',
    '••••fGk2',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(scrubSecrets(text)).toBe(text);
  });

  it('can keep the length of the text (for stored pieces addressed by offset)', () => {
    registerSecret(KEY);
    const text = `a ${KEY} b Authorization: Bearer abcdef123456 c token=Q1w2E3r4T5y6U7i8O9p0 d`;
    const out = scrubSecrets(text, { keepLength: true });
    expect(out).toHaveLength(text.length);
    expect(out).not.toContain(KEY);
    expect(out).not.toContain('abcdef123456');
    expect(out).not.toContain('Q1w2E3r4T5y6U7i8O9p0');
    expect(out.startsWith('a ***')).toBe(true);
  });

  it('is linear on hostile input (a safety bound, not a benchmark)', () => {
    const inputs = [
      'authorization:' + ' '.repeat(1_000_000),
      'token '.repeat(200_000),
      'sk-'.repeat(300_000),
      'Bearer '.repeat(150_000),
      'key=' + 'a'.repeat(1_000_000),
      'x'.repeat(1_000_000),
    ];
    registerSecret(KEY);
    const start = performance.now();
    for (const text of inputs) scrubSecrets(text);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe('scrubDeep', () => {
  it('scrubs every string in an object, keys too, and returns the same object when nothing changed', () => {
    registerSecret(KEY);
    const clean = { a: ['x', { b: 'y' }], n: 3, ok: true, none: null };
    expect(scrubDeep(clean)).toBe(clean);
    const dirty = { error: { message: `echo ${KEY}`, details: { list: [KEY], [KEY]: 1 } } };
    const out = scrubDeep(dirty);
    expect(JSON.stringify(out)).not.toContain(KEY);
    expect(JSON.stringify(dirty)).toContain(KEY);
  });
});

describe('StreamScrubber', () => {
  it('catches a key split across streamed pieces, and releases everything by the end', () => {
    registerSecret(KEY);
    const full = `Here is the step. The server said Bearer ${KEY} and also ${KEY} then more words follow here.`;
    for (const size of [1, 2, 3, 5, 7, 13]) {
      const s = new StreamScrubber();
      const shown: string[] = [];
      for (let i = 0; i < full.length; i += size) shown.push(s.push(full.slice(i, i + size)));
      shown.push(s.flush());
      const joined = shown.join('');
      expect(joined).toBe(scrubSecrets(full));
      for (const piece of shown) expect(piece).not.toContain(KEY.slice(0, 12));
      // No prefix of the shown text ever ended in a fragment of the key that later completed it.
      let acc = '';
      for (const piece of shown) {
        acc += piece;
        expect(acc).not.toMatch(/sk-proj-Zx81/);
      }
    }
  });

  it('stays linear on a 1 MB stream with and without whitespace (a safety bound, not a benchmark)', () => {
    registerSecret(KEY);
    for (const text of ['x'.repeat(1_000_000), 'word '.repeat(200_000), `Bearer ${'a1'.repeat(500_000)}`]) {
      const s = new StreamScrubber();
      const start = performance.now();
      let out = '';
      for (let i = 0; i < text.length; i += 48) out += s.push(text.slice(i, i + 48));
      out += s.flush();
      expect(performance.now() - start).toBeLessThan(2_000);
      expect(out.length).toBeGreaterThan(0);
    }
  });

  it('holds back only the last few words, so the text keeps flowing', () => {
    const s = new StreamScrubber();
    expect(s.push('one two three four five six ')).toBe('one two three ');
    expect(s.push('seven ')).toBe('four ');
    expect(s.flush()).toBe('five six seven ');
  });
});
