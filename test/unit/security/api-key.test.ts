/**
 * The API key never reaches the renderer: every contract method is called over the browser
 * host (the renderer's own path) with keys stored for both roles, and every reply, every
 * streamed event and the served page are scanned for the keys. The keys are really in use
 * (the scripted servers demand them), and they never land in the library database either.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName } from '../../../shared/contract.js';
import type { SessionView } from '../../../shared/tutor.js';
import { databaseFile } from '../../../electron/core/data-dir.js';
import { ModelClient } from '../../../electron/core/model/index.js';
import { startModelServer, type ModelServer, type RecordedRequest } from '../../support/model-server.js';
import { startAppOverHttp, type AppOverHttp } from '../reliability/support/app-over-http.js';

const NAVIGATOR_KEY = 'sk-nav-7Hq2LmZpX9wRt4VbN8cJ3fGk';
const SOLVER_KEY = 'sk-sol-Qe5TyU1iO0pAs6DfGh2JkL9z';
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const SAMPLE_PACK = fs.readFileSync(path.join(root, 'test/fixtures/packs/valid-small.json'), 'utf8');
const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const PLAN = JSON.stringify({
  analysis: 'Relate the roots to the coefficients.',
  steps: [
    { title: 'Sum and product', goal: 'Read off the sum and product of the roots.', template_id: 'starter/vietas-formulas', produces: 'r + s and rs' },
    { title: 'Sum of squares', goal: 'Express the sum of squares through them.', template_id: 'starter/vietas-formulas', produces: 'the sum of squares' },
  ],
});

let navigator: ModelServer;
let solver: ModelServer;
let app: AppOverHttp;
const replies: { method: string; text: string }[] = [];

const solverReply = (req: RecordedRequest) => {
  const prompt = JSON.stringify(req.body?.messages ?? []);
  if (/expert competition mathematician/.test(prompt)) return { content: 'ANSWER: \\boxed{19}' };
  if (/checking a learner's result/.test(prompt)) return { content: '{"verdict": "correct", "feedback": "Right.", "expected": "r+s=5"}' };
  return { content: 'Which coefficient gives the sum of the roots?' };
};

beforeAll(async () => {
  navigator = await startModelServer({ apiKey: NAVIGATOR_KEY, models: ['nav-model'], defaultReply: { content: PLAN } });
  solver = await startModelServer({ apiKey: SOLVER_KEY, models: ['solver-model'], defaultReply: solverReply });
  // The default file secret store, so the data folder is what a real install would hold.
  app = await startAppOverHttp({ env: {}, fileSecrets: true, modelClient: new ModelClient({ maxRetries: 0, firstByteTimeoutMs: 5_000, idleTimeoutMs: 5_000 }) });
});

afterAll(async () => {
  await app?.close();
  await navigator?.close();
  await solver?.close();
});

/** Each method's input, built from what earlier calls returned; called in this order. */
function plan(): { [M in MethodName]: (s: { sessionId: string; draftId: string }) => MethodInput<M> } {
  return {
    'settings.setModel': () => ({ role: 'navigator', settings: { baseUrl: navigator.url, model: 'nav-model', apiKey: NAVIGATOR_KEY } }),
    'settings.setSolverUsesNavigator': () => ({ value: false }),
    'settings.getModels': () => ({}),
    'settings.testConnection': () => ({ role: 'navigator' }),
    'settings.presets': () => ({}),
    'settings.discoverServers': () => ({}),
    'app.info': () => ({}),
    'library.listPacks': () => ({}),
    'library.topicTree': () => ({ packId: 'starter' }),
    'library.listTemplates': () => ({ limit: 5 }),
    'library.search': () => ({ query: 'roots of a quadratic', limit: 5 }),
    'library.getTemplate': () => ({ id: 'starter/vietas-formulas' }),
    'library.tags': () => ({}),
    'packs.previewImport': () => ({ fileName: 'valid-small.json', content: SAMPLE_PACK }),
    'packs.applyImport': () => ({ fileName: 'valid-small.json', content: SAMPLE_PACK }),
    'packs.discardImport': () => ({ importId: 'not-held' }),
    'packs.export': () => ({ packId: 'sample-small' }),
    'packs.remove': () => ({ packId: 'sample-small' }),
    'packs.listBuiltIns': () => ({}),
    'packs.restoreBuiltIn': () => ({ packId: 'starter' }),
    'practice.list': () => ({}),
    'tutor.suggestTemplates': () => ({ problem: PROBLEM }),
    'tutor.startSession': () => ({ problem: PROBLEM, requestId: 'plan-1' }),
    'tutor.getSession': (s) => ({ sessionId: s.sessionId }),
    'tutor.listSessions': () => ({}),
    'tutor.reveal': (s) => ({ sessionId: s.sessionId, stepIndex: 0, rung: 'hint', requestId: 'hint-1' }),
    'tutor.checkStep': (s) => ({ sessionId: s.sessionId, stepIndex: 0, attempt: 'r+s=5', requestId: 'check-1' }),
    'tutor.advance': (s) => ({ sessionId: s.sessionId }),
    'tutor.submitAnswer': (s) => ({ sessionId: s.sessionId, answer: '19' }),
    'tutor.exportSession': (s) => ({ sessionId: s.sessionId }),
    'tutor.deleteSession': (s) => ({ sessionId: s.sessionId }),
    'authoring.draftFromPack': () => ({ packId: 'starter' }),
    'authoring.listDrafts': () => ({}),
    'authoring.getDraft': (s) => ({ draftId: s.draftId }),
    'authoring.validateDraft': (s) => ({ draftId: s.draftId }),
    'authoring.exportDraft': (s) => ({ draftId: s.draftId }),
    'authoring.installDraft': (s) => ({ draftId: s.draftId }),
    'authoring.saveDraft': (s) => ({ draftId: s.draftId, draft: { id: 'edited', name: 'Edited' } }),
    'authoring.deleteDraft': (s) => ({ draftId: s.draftId }),
    'requests.cancel': () => ({ requestId: 'nothing-running' }),
  };
}

describe('the API key', () => {
  it('is in no reply of any contract method, no streamed event and not in the page', async () => {
    const state = { sessionId: '', draftId: '' };
    const inputs = plan();
    // The solver gets its own endpoint and key once the navigator is set.
    const solverSettings = await app.call('settings.setModel', { role: 'solver', settings: { baseUrl: solver.url, model: 'solver-model', apiKey: SOLVER_KEY } });
    replies.push({ method: 'settings.setModel(solver)', text: JSON.stringify(solverSettings) });
    const failures: string[] = [];
    for (const method of Object.keys(inputs) as MethodName[]) {
      const result = await app.call(method, (inputs[method] as (s: typeof state) => unknown)(state) as never);
      if (!result.ok) failures.push(`${method}: ${result.error.code} ${result.error.message}`);
      if (method === 'authoring.draftFromPack' && result.ok) state.draftId = (result.value as { draftId: string }).draftId;
      if (method === 'tutor.startSession' && result.ok) state.sessionId = (result.value as SessionView).id;
      replies.push({ method, text: JSON.stringify(result) });
    }
    // Every call ran for real (a refused call would prove nothing about its reply).
    expect(failures).toEqual([]);
    expect(replies.map((r) => r.method)).toEqual(['settings.setModel(solver)', ...Object.keys(inputs)]);

    const page = await fetch(`http://127.0.0.1:${app.host.port}/?token=${app.host.token}`).then((r) => r.text());
    const surfaces = [...replies, { method: 'SSE events', text: JSON.stringify(app.sse.events) }, { method: 'index.html', text: page }];
    for (const { method, text } of surfaces) {
      for (const key of [NAVIGATOR_KEY, SOLVER_KEY]) {
        expect(text, method).not.toContain(key);
        // Not even most of it: only the 4-character mask tail may show.
        expect(text, method).not.toContain(key.slice(0, -4));
      }
    }
    const models = JSON.parse(replies.find((r) => r.method === 'settings.getModels')!.text) as { value: { navigator: { apiKeyMask: string }; solver: { apiKeyMask: string } } };
    expect(models.value.navigator.apiKeyMask).toBe(`••••${NAVIGATOR_KEY.slice(-4)}`);
    expect(models.value.solver.apiKeyMask).toBe(`••••${SOLVER_KEY.slice(-4)}`);
  });

  it('was really used: each server got its own key, and only its own', () => {
    const auth = (s: ModelServer) => new Set(s.requests.map((r) => r.headers.authorization));
    expect(navigator.chatRequests.length).toBeGreaterThan(0);
    expect(solver.chatRequests.length).toBeGreaterThanOrEqual(3);
    expect(auth(navigator)).toEqual(new Set([`Bearer ${NAVIGATOR_KEY}`]));
    expect(auth(solver)).toEqual(new Set([`Bearer ${SOLVER_KEY}`]));
  });

  it('is not written into the library database or its journal', () => {
    const db = databaseFile(app.dataDir);
    const files = [db, `${db}-wal`, `${db}-journal`].filter((f) => fs.existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const key of [NAVIGATOR_KEY, SOLVER_KEY]) expect(bytes.includes(Buffer.from(key)), file).toBe(false);
    }
  });
});
