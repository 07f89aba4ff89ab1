/**
 * "Test connection" sends the stored API key only to the stored address. A URL typed into
 * the form that differs from the saved one is tested without the key (the reply says so),
 * and a server there that wants a key gets a message saying why none was sent. Called over
 * the browser host (the renderer's own path) and through the Settings store, against
 * scripted servers that record every Authorization header they receive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Transport } from '../../../shared/contract.js';
import type { ModelRoleSettings } from '../../../shared/tutor.js';
import { sameBaseUrl } from '../../../electron/core/model-settings/model-settings.js';
import { ModelClient } from '../../../electron/core/model/index.js';
import { setApi } from '../../../renderer/api/index.js';
import { DEFAULT_FORM, storedKeyWithheld, useSettings } from '../../../renderer/state/settings-store.js';
import { startModelServer, type ModelServer } from '../../support/model-server.js';
import { startAppOverHttp, type AppOverHttp } from '../reliability/support/app-over-http.js';

const KEY = 'sk-saved-Wq81LmZpX9wRt4VbN8cJ';
const OTHER_KEY = 'sk-other-Hy72KdLs0QpWm5NxB3vC';

let saved: ModelServer; // the address the key was saved for
let open: ModelServer; // another server that needs no key
let guarded: ModelServer; // another server that wants its own key
let app: AppOverHttp;

beforeAll(async () => {
  saved = await startModelServer({ apiKey: KEY, models: ['nav-model'] });
  open = await startModelServer({ models: ['local-model'] });
  guarded = await startModelServer({ apiKey: OTHER_KEY, models: ['cloud-model'] });
  app = await startAppOverHttp({ env: {}, modelClient: new ModelClient({ maxRetries: 0, firstByteTimeoutMs: 5_000, idleTimeoutMs: 5_000 }) });
  const set = await app.call('settings.setModel', { role: 'navigator', settings: { baseUrl: saved.url, model: 'nav-model', apiKey: KEY } });
  expect(set.ok).toBe(true);
});

afterAll(async () => {
  await app?.close();
  await Promise.all([saved, open, guarded].map((s) => s?.close()));
});

const authHeaders = (s: ModelServer) => s.requests.map((r) => r.headers.authorization);
const everythingSent = (s: ModelServer) => JSON.stringify(s.requests);
/** The client's placeholder when it has no key (the SDK always sends a header). */
const NO_KEY = 'Bearer no-key';

describe('test connection and the stored key (over the browser host)', () => {
  it('sends the stored key to the saved address, however the address is spelled', async () => {
    saved.reset();
    const variants = [saved.url, `${saved.url}/`, saved.url.replace('http://', 'HTTP://'), saved.url.replace('/v1', '/v1//')];
    for (const baseUrl of variants) {
      const r = await app.call('settings.testConnection', { role: 'navigator', settings: { baseUrl, model: 'nav-model' } });
      expect(r, baseUrl).toMatchObject({ ok: true, value: { models: ['nav-model'], modelFound: true } });
      expect((r as { value: Record<string, unknown> }).value.keyWithheld).toBeUndefined();
    }
    // And the saved role with no form values at all.
    expect((await app.call('settings.testConnection', { role: 'navigator' })).ok).toBe(true);
    expect(authHeaders(saved)).toEqual(Array(variants.length + 1).fill(`Bearer ${KEY}`));
  });

  it('does not send the stored key to a different address typed into the form', async () => {
    open.reset();
    const r = await app.call('settings.testConnection', { role: 'navigator', settings: { baseUrl: open.url, model: 'local-model' } });
    expect(r).toMatchObject({ ok: true, value: { models: ['local-model'], modelFound: true, keyWithheld: true } });
    expect(open.requests).toHaveLength(1);
    expect(authHeaders(open)).toEqual([NO_KEY]);
    expect(everythingSent(open)).not.toContain(KEY);
  });

  it('treats another host name for the same machine as a different address', async () => {
    open.reset();
    const r = await app.call('settings.testConnection', { role: 'navigator', settings: { baseUrl: saved.url.replace('127.0.0.1', 'localhost'), model: 'nav-model' } });
    // The saved server wants its key, so without it the test fails, and says why.
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/saved API key was not sent/);
    expect(r.error.message).toContain(saved.url);
    expect(r.error.action).toMatch(/Type the API key again/);
  });

  it('explains a refusal from the other server: the key was withheld, type it again', async () => {
    guarded.reset();
    const r = await app.call('settings.testConnection', { role: 'navigator', settings: { baseUrl: guarded.url, model: 'cloud-model' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('model_error');
    expect(r.error.message).toBe(`The model server rejected the API key. The saved API key was not sent, because it belongs to ${saved.url} and this address is different.`);
    expect(r.error.action).toBe('Type the API key again in Settings to test this address with it.');
    expect(r.error.details).toMatchObject({ keyWithheld: true, modelCode: 'auth' });
    expect(authHeaders(guarded)).toEqual([NO_KEY]);
    expect(everythingSent(guarded)).not.toContain(KEY);
    expect(JSON.stringify(r)).not.toContain(KEY);
  });

  it('uses a key typed into the form for that address, and never the stored one', async () => {
    guarded.reset();
    const r = await app.call('settings.testConnection', { role: 'navigator', settings: { baseUrl: guarded.url, model: 'cloud-model', apiKey: OTHER_KEY } });
    expect(r).toMatchObject({ ok: true, value: { models: ['cloud-model'], modelFound: true } });
    expect(authHeaders(guarded)).toEqual([`Bearer ${OTHER_KEY}`]);
    expect(everythingSent(guarded)).not.toContain(KEY);
  });

  it('scrubs a key-shaped model name a server lists', async () => {
    const echo = await startModelServer({ models: ['real-model', `sk-proj-${'Ab1'.repeat(8)}`] });
    try {
      const r = await app.call('settings.testConnection', { role: 'navigator', settings: { baseUrl: echo.url, model: 'real-model' } });
      expect(r).toMatchObject({ ok: true, value: { models: ['real-model', '[redacted]'], modelFound: true } });
    } finally {
      await echo.close();
    }
  });

  it('has not changed what is saved', async () => {
    const view = await app.call('settings.getModels', {});
    expect(view).toMatchObject({ ok: true, value: { navigator: { baseUrl: saved.url, apiKeyMask: `••••${KEY.slice(-4)}` } } });
    expect(app.internalErrors).toEqual([]);
  });
});

describe('the Settings screen state', () => {
  const stored: ModelRoleSettings = { baseUrl: 'http://127.0.0.1:8000/v1', model: 'm', temperature: 0.6, topP: 0.95, maxTokens: 4096, apiKeyMask: '••••abcd', source: 'settings' };
  const form = { ...DEFAULT_FORM, baseUrl: stored.baseUrl, model: 'm' };

  it('flags a changed address while a key is stored and none is typed, like the core', () => {
    expect(storedKeyWithheld(form, stored)).toBe(false);
    expect(storedKeyWithheld({ ...form, baseUrl: 'http://127.0.0.1:8000/v1/' }, stored)).toBe(false);
    expect(storedKeyWithheld({ ...form, baseUrl: 'http://127.0.0.1:9000/v1' }, stored)).toBe(true);
    expect(storedKeyWithheld({ ...form, baseUrl: 'http://127.0.0.1:9000/v1', apiKey: 'sk-typed' }, stored)).toBe(false);
    expect(storedKeyWithheld({ ...form, baseUrl: 'http://127.0.0.1:9000/v1', clearKey: true }, stored)).toBe(false);
    expect(storedKeyWithheld({ ...form, baseUrl: 'http://127.0.0.1:9000/v1' }, { ...stored, apiKeyMask: null })).toBe(false);
    expect(storedKeyWithheld({ ...form, baseUrl: 'http://127.0.0.1:9000/v1' }, null)).toBe(false);
    for (const other of ['http://127.0.0.1:8000/v1', 'http://127.0.0.1:8000/v1/', 'http://127.0.0.1:8001/v1', 'http://localhost:8000/v1', 'https://127.0.0.1:8000/v1', 'http://127.0.0.1:8000/v2']) {
      expect(storedKeyWithheld({ ...form, baseUrl: other }, stored), other).toBe(!sameBaseUrl(other, stored.baseUrl));
    }
  });

  it('tests a changed address without the key and shows that it did', async () => {
    const transport: Transport = { call: (m, i) => app.core.dispatch(m, i), onEvent: (l) => app.core.onEvent(l) };
    setApi(createApi(transport));
    await useSettings.getState().load();
    const state = useSettings.getState();
    expect(state.view?.navigator?.apiKeyMask).toBe(`••••${KEY.slice(-4)}`);
    state.edit('navigator', { baseUrl: open.url, model: 'local-model' });
    expect(storedKeyWithheld(useSettings.getState().roles.navigator.form, useSettings.getState().view!.navigator)).toBe(true);
    open.reset();
    await useSettings.getState().testConnection('navigator');
    expect(useSettings.getState().roles.navigator.test).toMatchObject({ modelFound: true, keyWithheld: true });
    expect(authHeaders(open)).toEqual([NO_KEY]);

    // Typing the key again sends it (here to the saved server under another spelling).
    saved.reset();
    useSettings.getState().edit('navigator', { baseUrl: saved.url.replace('127.0.0.1', 'localhost'), model: 'nav-model', apiKey: KEY });
    await useSettings.getState().testConnection('navigator');
    expect(useSettings.getState().roles.navigator.test).toMatchObject({ modelFound: true });
    expect(useSettings.getState().roles.navigator.test?.keyWithheld).toBeUndefined();
    expect(authHeaders(saved)).toEqual([`Bearer ${KEY}`]);
  });
});
