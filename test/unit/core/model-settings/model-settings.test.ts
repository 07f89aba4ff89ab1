import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileSecretStore, SECRETS_FILE_NAME } from '../../../../electron/core/model-settings/secret-store.js';
import { startModelServer, type ModelServer } from '../../../support/model-server.js';
import { makeCore, tempDir } from '../tutor/harness.js';

const KEY = 'sk-test-0123456789abcdef';
let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({ apiKey: KEY, models: ['nav-model', 'solver-model'] });
});
afterAll(async () => {
  await server.close();
});

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('file secret store', () => {
  it.skipIf(process.platform === 'win32')('creates secrets.json with mode 0600 and tightens a loosened file', () => {
    const dir = tempDir();
    const store = createFileSecretStore(dir);
    store.set('a', 'one');
    const file = path.join(dir, SECRETS_FILE_NAME);
    expect(modeOf(file)).toBe(0o600);
    fs.chmodSync(file, 0o644);
    expect(createFileSecretStore(dir).get('a')).toBe('one');
    expect(modeOf(file)).toBe(0o600);
    store.delete('a');
    expect(store.get('a')).toBeNull();
    expect(store.note()).toContain(file);
  });
});

describe('model settings through the contract', () => {
  it('keeps the key out of the meta table and out of every reply', async () => {
    const dataDir = tempDir();
    const t = makeCore({ dataDir, env: {}, secretStore: false });
    let view = await t.call('settings.getModels', {});
    expect(view).toMatchObject({ navigator: null, configured: false });
    expect(view.secretStorageNote).toMatch(/unencrypted in a file only your user can read/);
    view = await t.call('settings.setModel', { role: 'navigator', settings: { baseUrl: server.url, model: 'nav-model', apiKey: KEY } });
    expect(view.configured).toBe(true);
    expect(view.navigator).toMatchObject({ baseUrl: server.url, model: 'nav-model', source: 'settings', apiKeyMask: '••••cdef', temperature: 0.6 });
    expect(view.solverUsesNavigator).toBe(true);
    for (const method of ['settings.getModels', 'settings.setSolverUsesNavigator'] as const) {
      const out = await t.call(method, method === 'settings.getModels' ? {} : { value: true });
      expect(JSON.stringify(out)).not.toContain(KEY);
    }
    // The connection test uses the stored key.
    const test = await t.call('settings.testConnection', { role: 'navigator' });
    expect(test).toMatchObject({ models: ['nav-model', 'solver-model'], modelFound: true });
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
    t.core.close();
    const db = fs.readFileSync(path.join(dataDir, 'library.sqlite'));
    expect(db.includes(Buffer.from(KEY))).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, SECRETS_FILE_NAME), 'utf8')).toContain(KEY);

    // Keeping the key (apiKey undefined), then clearing it (null).
    const again = makeCore({ dataDir, env: {}, secretStore: false });
    view = await again.call('settings.setModel', { role: 'navigator', settings: { baseUrl: server.url, model: 'other' } });
    expect(view.navigator!.apiKeyMask).toBe('••••cdef');
    expect((await again.call('settings.testConnection', {})).modelFound).toBe(false);
    view = await again.call('settings.setModel', { role: 'navigator', settings: { baseUrl: server.url, model: 'nav-model', apiKey: null } });
    expect(view.navigator!.apiKeyMask).toBeNull();
    again.core.close();
  });

  it('reads the environment, and saved settings win over it', async () => {
    const env = { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: KEY, RF_NAVIGATOR_MODEL: 'nav-model', RF_SOLVER_MODEL: 'solver-model', RF_SOLVER_BASE_URL: 'http://127.0.0.1:9/v1' };
    const t = makeCore({ env });
    let view = await t.call('settings.getModels', {});
    expect(view.navigator).toMatchObject({ baseUrl: server.url, model: 'nav-model', source: 'environment', apiKeyMask: '••••cdef' });
    expect(view.solver).toMatchObject({ baseUrl: 'http://127.0.0.1:9/v1', model: 'solver-model', source: 'environment' });
    expect(view.solverUsesNavigator).toBe(false);
    view = await t.call('settings.setModel', { role: 'navigator', settings: { baseUrl: 'http://127.0.0.1:1/v1', model: 'mine' } });
    expect(view.navigator).toMatchObject({ model: 'mine', source: 'settings', apiKeyMask: null });
    t.core.close();
  });

  it('maps connection failures to clear errors: wrong key, nothing listening', async () => {
    const t = makeCore({ env: {} });
    let err = await t.fail('settings.testConnection', { settings: { baseUrl: server.url, model: 'nav-model', apiKey: 'wrong' } });
    expect(err).toMatchObject({ code: 'model_error', message: 'The model server rejected the API key.' });
    const dead = await startModelServer();
    await dead.close();
    err = await t.fail('settings.testConnection', { settings: { baseUrl: dead.url, model: 'x' } });
    expect(err.message).toMatch(/Could not reach a model server/);
    expect(err.action).toMatch(/Start the model server/);
    err = await t.fail('settings.testConnection', {});
    expect(err.code).toBe('model_not_configured');
    const presets = await t.call('settings.presets', {});
    expect(presets.map((p) => p.id)).toContain('ollama');
    expect(Array.isArray(await t.call('settings.discoverServers', {}))).toBe(true);
    t.core.close();
  });
});

describe('structured output per role (auto / on / off)', () => {
  const plan = JSON.stringify({ analysis: 'A plan.', steps: [{ title: 'One', goal: 'Do one.', template_id: null, produces: 'x' }, { title: 'Two', goal: 'Do two.', template_id: null, produces: 'y' }] });
  /** The navigator's plan requests on `s` (not the hidden reference asked beside it). */
  const planRequests = (s: ModelServer) => s.chatRequests.filter((r) => !JSON.stringify(r.body?.messages).includes('ANSWER: \\\\boxed'));

  it("reads 'auto' for roles saved before the option and for the environment, and keeps what is saved", async () => {
    const t = makeCore({ env: { OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'nav-model' } });
    let view = await t.call('settings.getModels', {});
    expect(view.navigator!.structuredOutput).toBe('auto');
    view = await t.call('settings.setModel', { role: 'navigator', settings: { baseUrl: server.url, model: 'nav-model', structuredOutput: 'off' } });
    expect(view.navigator!.structuredOutput).toBe('off');
    view = await t.call('settings.setModel', { role: 'solver', settings: { baseUrl: server.url, model: 'solver-model', structuredOutput: 'on' } });
    expect(view.solver!.structuredOutput).toBe('on');
    view = await t.call('settings.setModel', { role: 'navigator', settings: { baseUrl: server.url, model: 'nav-model' } });
    expect(view.navigator!.structuredOutput).toBe('auto');
    const bad = await t.core.dispatch('settings.setModel', { role: 'navigator', settings: { baseUrl: server.url, model: 'nav-model', structuredOutput: 'sometimes' } });
    expect(bad.ok).toBe(false);
    t.core.close();
  });

  it('decides what the navigator sends: off never, on always (a refusal names the setting), auto falls back', async () => {
    const refusing = await startModelServer({ refuseResponseFormat: { status: 422 }, defaultReply: { content: plan } });
    try {
      for (const mode of ['off', 'on', 'auto'] as const) {
        refusing.reset();
        const t = makeCore({ env: {} });
        await t.call('settings.setModel', { role: 'navigator', settings: { baseUrl: refusing.url, model: 'scripted-model', structuredOutput: mode } });
        const s = await t.call('tutor.startSession', { problem: 'Find $x$ if $x + 1 = 2$.', requestId: `so-${mode}` });
        const sent = planRequests(refusing).map((r) => r.body?.response_format !== undefined);
        if (mode === 'off') {
          expect(sent).toEqual([false]);
          expect(s.status).toBe('active');
        } else if (mode === 'on') {
          expect(sent).toEqual([true]);
          expect(s.status).toBe('failed');
          // The refusal names structured output (in words, or as the coded message model.structuredRefused).
          expect(JSON.stringify(s.notice)).toMatch(/structured ?(output|refused)/i);
        } else {
          expect(sent).toEqual([true, false]);
          expect(s.status).toBe('active');
        }
        t.core.close();
      }
    } finally {
      await refusing.close();
    }
  });
});
