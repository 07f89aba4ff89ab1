/**
 * Every input from a renderer is untrusted: the dispatcher checks the method name against the
 * contract and the input against its schema before any handler runs. Junk of every shape
 * must come back as invalid_input / unknown_method, never reach a handler (no internal error,
 * no change to the data) and never pollute prototypes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/contract.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { createMemorySecretStore } from '../../../electron/core/model-settings/secret-store.js';

let core: Core;
let dir: string;
const internal: unknown[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-sec-dispatch-'));
  core = createCore({ dataDir: dir, shell: 'browser', env: {}, secretStore: createMemorySecretStore(), logError: (e) => internal.push(e) });
});
afterAll(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const JUNK: [string, unknown][] = [
  ['an array', []],
  ['a string', 'library.search'],
  ['a number', 42],
  ['null', null],
  ['true', true],
  ['an unknown key', { unexpected: 1 }],
  ['a prototype-polluting body', JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}')],
];

describe('the dispatcher', () => {
  it.each(JUNK)('refuses %s for every method before any handler runs', async (_label, input) => {
    const before = JSON.stringify(await core.dispatch('library.listPacks', {}));
    for (const method of methodNames) {
      const r = await core.dispatch(method, input);
      expect(r.ok, method).toBe(false);
      if (!r.ok) {
        expect(r.error.code, method).toBe('invalid_input');
        expect(r.error.message).toContain(method);
        expect(r.error.message).not.toMatch(/\n\s+at /);
      }
    }
    expect(JSON.stringify(await core.dispatch('library.listPacks', {}))).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(internal).toEqual([]);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'library', 'library.search.x', 'LIBRARY.SEARCH', '', '../app.info'])(
    'answers the non-method "%s" with unknown_method',
    async (name) => {
      const r = await core.dispatch(name, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    },
  );

  it('bounds sizes: long text, huge limits and deep strings are refused, not processed', async () => {
    const cases: [string, unknown][] = [
      ['library.search', { query: 'x'.repeat(10_001) }],
      ['library.search', { query: 'x', limit: 1_000_000 }],
      ['library.listTemplates', { offset: -1 }],
      ['library.getTemplate', { id: 'x'.repeat(201) }],
      ['tutor.startSession', { problem: 'x'.repeat(20_001), requestId: 'r' }],
      ['tutor.startSession', { problem: '   ', requestId: 'r' }],
      ['tutor.reveal', { sessionId: 's', stepIndex: 1.5, rung: 'hint', requestId: 'r' }],
      ['tutor.reveal', { sessionId: 's', stepIndex: 0, rung: 'answer', requestId: 'r' }],
      ['settings.setModel', { role: 'navigator', settings: { baseUrl: 'not a url', model: 'm' } }],
      ['settings.setModel', { role: 'admin', settings: null }],
      ['settings.setModel', { role: 'navigator', settings: { baseUrl: 'http://127.0.0.1:1/v1', model: 'm', apiKey: 'k'.repeat(1001) } }],
    ];
    for (const [method, input] of cases) {
      const r = await core.dispatch(method, input);
      expect(r, `${method} ${JSON.stringify(input).slice(0, 80)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    // Nothing above was saved.
    const models = await core.dispatch('settings.getModels', {});
    expect(models).toMatchObject({ ok: true, value: { navigator: null, configured: false } });
  });
});
