/**
 * Fuzzing the one door into the core: at least 10,000 random and mutated payloads, seeded,
 * sent through the dispatcher of a real core (temp data dir, built-in packs, no model
 * configured) to EVERY contract method, plus unknown method names. Nothing may escape
 * dispatch, no promise may be left rejected, every refusal is a plain {code, message} a
 * person can read, and Object.prototype stays clean. Nothing may reach for a network
 * beyond loopback: the environment has no model endpoints, and any other address is refused.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames, type MethodName } from '../../../shared/contract.js';
import type { Core } from '../../../electron/core/core.js';
import { seededRandom } from './support/child.js';
import { offlineCore, tempDataDir } from './support/library-state.js';
import fs from 'node:fs';

const PAYLOADS = Number(process.env.RF_FUZZ_PAYLOADS ?? 10_000);
const SEED = Number(process.env.RF_FUZZ_SEED ?? 7);
const WALL_CLOCK_CAP_MS = 150_000;

const SMALL_PACK = JSON.stringify({
  format: 'reasonflux-tutor-pack',
  formatVersion: 1,
  id: 'fuzz-pack',
  version: '1.0.0',
  name: 'Fuzz pack',
  language: 'en',
  authors: ['Fuzzer'],
  license: 'CC0-1.0',
  description: 'One template for the fuzzer.',
  topics: [{ chapter: 'Algebra', sections: ['Equations'] }],
  templates: [
    {
      id: 'isolate',
      name: 'Isolate the unknown',
      type: 'method',
      chapter: 'Algebra',
      section: 'Equations',
      tags: ['linear'],
      description: 'Undo each operation on $x$.',
      scope: ['Linear equations.'],
      steps: ['Subtract.', 'Divide.'],
      examples: [],
    },
  ],
});

/** A valid input for each method (a list: alternatives), the starting point of mutations. */
const VALID: Partial<Record<MethodName, unknown>> = {
  'app.info': {},
  'library.listPacks': {},
  'library.topicTree': { packId: 'starter' },
  'library.listTemplates': { packId: 'starter', offset: 0, limit: 20 },
  'library.search': { query: 'quadratic roots', limit: 5 },
  'library.getTemplate': { id: 'starter/vietas-formulas' },
  'library.tags': { packId: 'starter' },
  'packs.previewImport': { fileName: 'fuzz.json', content: SMALL_PACK },
  'packs.applyImport': [{ fileName: 'fuzz.json', content: SMALL_PACK, force: true }, { importId: 'fuzz-import', force: true }],
  'packs.discardImport': { importId: 'fuzz-import' },
  'packs.remove': { packId: 'fuzz-pack' },
  'packs.export': { packId: 'starter' },
  'packs.listBuiltIns': {},
  'packs.restoreBuiltIn': { packId: 'starter' },
  'settings.getModels': {},
  // Loopback, closed port: even a call that gets through fails at once, on this machine.
  'settings.setModel': { role: 'navigator', settings: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'k' } },
  'settings.setSolverUsesNavigator': { value: true },
  'settings.testConnection': { role: 'navigator', settings: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } },
  'settings.presets': {},
  'settings.discoverServers': {},
  'practice.list': { packId: 'practice' },
  'tutor.suggestTemplates': { problem: 'Find the roots of $x^2-5x+6=0$.', limit: 3 },
  'tutor.startSession': [
    { practiceId: 'practice/sum-of-squares-of-roots', requestId: 'r1' },
    // Needs a model: none, or the closed loopback port one of the setModel payloads may store.
    { problem: 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.', requestId: 'r4' },
  ],
  'tutor.getSession': { sessionId: 'no-such-session' },
  'tutor.listSessions': { limit: 10 },
  'tutor.reveal': { sessionId: 'no-such-session', stepIndex: 0, rung: 'hint', requestId: 'r2' },
  'tutor.checkStep': { sessionId: 'no-such-session', stepIndex: 0, attempt: 'x = 2', requestId: 'r3' },
  'tutor.advance': { sessionId: 'no-such-session' },
  'tutor.submitAnswer': { sessionId: 'no-such-session', answer: '19' },
  'tutor.exportSession': { sessionId: 'no-such-session' },
  'tutor.deleteSession': { sessionId: 'no-such-session' },
  'requests.cancel': { requestId: 'r1' },
  'authoring.listDrafts': {},
  'authoring.getDraft': { draftId: 'no-such-draft' },
  'authoring.saveDraft': [{ draft: JSON.parse(SMALL_PACK) as unknown }, { draftId: 'no-such-draft', draft: { name: 'half-written' } }],
  'authoring.deleteDraft': { draftId: 'no-such-draft' },
  'authoring.validateDraft': { draftId: 'no-such-draft' },
  'authoring.exportDraft': { draftId: 'no-such-draft' },
  'authoring.installDraft': { draftId: 'no-such-draft', force: true },
  'authoring.draftFromPack': { packId: 'starter' },
};

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];
const STRINGS = ['', ' ', '\u0000', '\ud800', '\udfff', '\u202e\u2066evil', '😀'.repeat(50), 'Ω≈ç√∫', '${x}', '$$', '\\href{javascript:alert(1)}{x}', '<script>alert(1)</script>', "'; DROP TABLE packs; --", 'starter', 'starter/vietas-formulas', '../../../etc/passwd', 'a'.repeat(101), '%s%n%x', 'null', 'undefined', '{}'];

function makeGen(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const hugeString = () => pick(['x', 'é', '😀', '\u0000', 'ab ']).repeat(pick([1_000, 10_001, 20_001, 100_001, 300_000]));
  const randomString = () => {
    const r = random();
    if (r < 0.4) return pick(STRINGS);
    if (r < 0.5) return hugeString();
    return Array.from({ length: int(40) }, () => String.fromCharCode(int(r < 0.8 ? 0x80 : 0x10000))).join('');
  };
  const deep = (depth: number): unknown => {
    let v: unknown = pick([1, 'x', null]);
    for (let i = 0; i < depth; i++) v = random() < 0.5 ? [v] : { a: v };
    return v;
  };
  const numbers = [0, -0, -1, 1, 0.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 53), 1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-320];
  const randomValue = (depth = 0): unknown => {
    const r = random();
    if (r < 0.1) return null;
    if (r < 0.15) return undefined;
    if (r < 0.25) return random() < 0.5;
    if (r < 0.4) return pick(numbers);
    if (r < 0.6) return randomString();
    if (r < 0.65) return deep(pick([10, 100, 1_000, 5_000]));
    if (depth > 4) return pick(numbers);
    if (r < 0.8) return Array.from({ length: int(6) }, () => randomValue(depth + 1));
    const o: Record<string, unknown> = {};
    // Own properties even for "__proto__", as JSON.parse and structured clone deliver them.
    for (let i = int(6); i > 0; i--) {
      const key = random() < 0.2 ? pick(PROTO_KEYS) : randomString().slice(0, 30);
      Object.defineProperty(o, key, { value: randomValue(depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return o;
  };
  /** Own "__proto__"/"constructor" keys the way JSON.parse makes them (a literal would set the prototype). */
  const pollute = (base: unknown): unknown => {
    const fields = base && typeof base === 'object' && !Array.isArray(base) ? JSON.stringify(base).slice(1, -1) : '';
    const bomb = pick([
      '"__proto__": {"polluted": "yes", "isAdmin": true}',
      '"constructor": {"prototype": {"polluted": "yes"}}',
      '"__proto__": {"__proto__": {"polluted": "yes"}}',
      '"prototype": {"polluted": "yes"}',
    ]);
    return JSON.parse(`{${fields ? `${fields}, ` : ''}${bomb}}`);
  };
  const mutate = (valid: unknown): unknown => {
    const copy = structuredClone(valid) as Record<string, unknown>;
    const set = (key: string, value: unknown) => Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    const keys = Object.keys(copy);
    const n = 1 + int(3);
    for (let i = 0; i < n; i++) {
      const r = random();
      const key = keys.length && r < 0.85 ? pick(keys) : random() < 0.5 ? pick(PROTO_KEYS) : randomString().slice(0, 20);
      // Recurse into the valid sample's own value only (earlier mutations may be 5,000 deep).
      const own = valid && typeof valid === 'object' && Object.hasOwn(valid, key) ? (valid as Record<string, unknown>)[key] : undefined;
      if (r < 0.1) delete copy[key];
      else if (r < 0.3) set(key, hugeString());
      else if (r < 0.4) set(key, deep(pick([50, 500, 5_000])));
      else if (r < 0.5) set(key, pick(STRINGS));
      else if (r < 0.6) set(key, pick(numbers));
      else if (own && typeof own === 'object' && r < 0.75) set(key, mutate(own));
      else set(key, randomValue());
    }
    return copy;
  };
  /** Same shape and types as the valid sample, odd content: reaches the handlers, not just zod. */
  const reshape = (valid: unknown): unknown => {
    if (typeof valid === 'string') return random() < 0.3 ? valid : random() < 0.5 ? pick(STRINGS).slice(0, 60) : randomString().slice(0, 60);
    if (typeof valid === 'number') return random() < 0.5 ? valid : int(60);
    if (Array.isArray(valid)) return valid.map(reshape);
    if (valid && typeof valid === 'object') return Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, k === 'content' && random() < 0.7 ? v : reshape(v)]));
    return valid;
  };
  const unknownMethod = () =>
    pick(['', ' ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app.info ', 'APP.INFO', 'app', 'app.', '.info', 'library.search.x', 'tutor.__proto__', '../packs.remove', randomString()]);
  return { random, int, pick, randomValue, mutate, reshape, pollute, unknownMethod };
}

/** Refuse any TCP connection that is not to this machine, and remember who tried. */
const blockedConnections: string[] = [];
const originalConnect = net.Socket.prototype.connect;
function guardNetwork() {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; path?: string } | number | string;
    const host = typeof first === 'object' && first !== null ? (first.path ? 'localhost' : (first.host ?? 'localhost')) : typeof args[1] === 'string' ? args[1] : 'localhost';
    if (!/^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/.test(host)) {
      blockedConnections.push(host);
      process.nextTick(() => this.destroy(new Error(`network access to ${host} is blocked in this test`)));
      return this;
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
}

const unhandled: unknown[] = [];
const onUnhandled = (err: unknown) => unhandled.push(err);
let dataDir: string;
let core: Core;
const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayProtoKeysBefore = Object.getOwnPropertyNames(Array.prototype).sort();

beforeAll(() => {
  guardNetwork();
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  dataDir = tempDataDir('rf-fuzz-');
  core = offlineCore(dataDir, { env: {} });
});
afterAll(() => {
  net.Socket.prototype.connect = originalConnect;
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  core?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Tally = Record<string, number>;

/** A short picture of a payload for failure messages (deep payloads overflow JSON.stringify). */
function preview(input: unknown): string {
  try {
    return String(JSON.stringify(input)).slice(0, 120);
  } catch {
    return `(${typeof input} too deep to print)`;
  }
}

describe('fuzzing every contract method through the dispatcher', () => {
  it(`${PAYLOADS} seeded payloads: no throw, no unhandled rejection, readable refusals, no prototype pollution`, { timeout: WALL_CLOCK_CAP_MS + 30_000 }, async () => {
    const g = makeGen(seededRandom(SEED));
    const tallies = new Map<string, Tally>();
    const problems: string[] = [];
    const started = Date.now();
    let sent = 0;
    // Known methods take turns on their own count: with a round-robin over `sent`, a method count
    // that shares a factor with 20 left some methods only on the unknown-method slots (40 methods: two never ran).
    let known = 0;
    let liveSession: string | null = null;
    for (; sent < PAYLOADS && Date.now() - started < WALL_CLOCK_CAP_MS; sent++) {
      const method: string = sent % 20 === 19 ? g.unknownMethod() : methodNames[known++ % methodNames.length]!;
      const sample = Object.hasOwn(VALID, method) ? VALID[method as MethodName] : {};
      let valid = Array.isArray(sample) ? g.pick(sample) : sample;
      // Most tutor payloads name a session that exists, so the handlers behind validation run.
      if (liveSession && valid && typeof valid === 'object' && 'sessionId' in valid && g.random() < 0.7) valid = { ...valid, sessionId: liveSession };
      const r = g.random();
      const input =
        r < 0.05 ? structuredClone(valid) : r < 0.25 ? g.reshape(valid) : r < 0.6 ? g.mutate(valid) : r < 0.7 ? g.pollute(valid) : g.randomValue();
      let result: Awaited<ReturnType<Core['dispatch']>>;
      try {
        result = await core.dispatch(method, input);
      } catch (err) {
        problems.push(`${method} threw: ${String(err).slice(0, 200)}`);
        continue;
      }
      const name = methodNames.includes(method as MethodName) ? method : '(unknown method)';
      const tally = tallies.get(name) ?? {};
      tallies.set(name, tally);
      if (result.ok) {
        tally.ok = (tally.ok ?? 0) + 1;
        if (method === 'tutor.startSession') liveSession = (result.value as { id: string }).id;
        continue;
      }
      const { code, message } = result.error ?? {};
      tally[code] = (tally[code] ?? 0) + 1;
      const where = `${method}(${preview(input)})`;
      if (typeof code !== 'string' || !/^[a-z_]+$/.test(code)) problems.push(`${where}: bad code ${String(code)}`);
      if (typeof message !== 'string' || !message.trim()) problems.push(`${where}: empty message`);
      else if (/\n\s+at |\bat .+\.(ts|js):\d+|\[object Object\]/.test(message)) problems.push(`${where}: unreadable message ${message.slice(0, 200)}`);
      else if (message.length > 4_000) problems.push(`${where}: ${message.length}-character message`);
      if (code === 'internal') problems.push(`${where}: internal error: ${message.slice(0, 300)}`);
      if (name === '(unknown method)' && code !== 'unknown_method') problems.push(`${where}: ${code} instead of unknown_method`);
    }
    // Let any stray stream finish or fail before counting unhandled rejections.
    await new Promise((r) => setTimeout(r, 200));

    const rows = [...tallies].sort(([a], [b]) => a.localeCompare(b));
    console.log(
      `[fuzz-dispatch] ${sent} payloads in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED}; cap ${PAYLOADS} payloads / ${WALL_CLOCK_CAP_MS / 1000} s)\n` +
        rows
          .map(([m, t]) => {
            const other = Object.entries(t).filter(([c]) => c !== 'ok' && c !== 'invalid_input');
            return `  ${m.padEnd(32)} ok ${String(t.ok ?? 0).padStart(4)}  invalid_input ${String(t.invalid_input ?? 0).padStart(4)}  ${other.map(([c, n]) => `${c} ${n}`).join('  ')}`;
          })
          .join('\n'),
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect(unhandled.map(String)).toEqual([]);
    expect(blockedConnections).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(Math.min(PAYLOADS, 10_000));
    for (const m of methodNames) expect(tallies.get(m), `${m} was fuzzed`).toBeDefined();
    // Some payloads must get through validation, or the fuzzer only tested zod.
    expect(rows.reduce((n, [, t]) => n + (t.ok ?? 0), 0)).toBeGreaterThan(sent / 20);

    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayProtoKeysBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();

    // The core still answers normally afterwards.
    const info = await core.dispatch('app.info', {});
    expect(info.ok).toBe(true);
  });
});
