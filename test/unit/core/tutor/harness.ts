/** A real core on a temp data dir, optionally pointed at the scripted model server. */
import type { MethodInput, MethodName, MethodOutput, StreamEvent } from '../../../../shared/contract.js';
import type { AppError } from '../../../../shared/result.js';
import { createCore, type Core } from '../../../../electron/core/core.js';
import { ModelClient } from '../../../../electron/core/model/index.js';
import { createMemorySecretStore } from '../../../../electron/core/model-settings/secret-store.js';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startModelServer, type ModelServer } from '../../../support/model-server.js';
import { makeTempDir } from '../helpers/temp-db.js';

export const tempDir = () => makeTempDir('rf-tutor-');

export interface TestCore {
  core: Core;
  events: StreamEvent[];
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  fail<M extends MethodName>(method: M, input: MethodInput<M>): Promise<AppError>;
}

export function makeCore(opts: { dataDir?: string; server?: ModelServer | { url: string }; env?: NodeJS.ProcessEnv; secretStore?: boolean } = {}): TestCore {
  const env: NodeJS.ProcessEnv = opts.env ?? (opts.server ? { OPENAI_BASE_URL: opts.server.url, RF_NAVIGATOR_MODEL: 'scripted-model' } : {});
  const core = createCore({
    dataDir: opts.dataDir ?? tempDir(),
    shell: 'browser',
    env,
    logError: () => {},
    modelClient: new ModelClient({ maxRetries: 0, firstByteTimeoutMs: 5_000, idleTimeoutMs: 5_000 }),
    ...(opts.secretStore === false ? {} : { secretStore: createMemorySecretStore() }),
  });
  const events: StreamEvent[] = [];
  core.onEvent((e) => events.push(e));
  return {
    core,
    events,
    async call(method, input) {
      const r = await core.dispatch(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
      return r.value as never;
    },
    async fail(method, input) {
      const r = await core.dispatch(method, input);
      if (r.ok) throw new Error(`${method} was expected to fail`);
      return r.error;
    },
  };
}

/** A navigator answer in the JSON shape we ask for. */
export const planJson = (steps: { title: string; goal?: string; template_id: string | null; produces?: string }[], analysis = 'A plan.') =>
  JSON.stringify({ analysis, steps: steps.map((s) => ({ goal: `Do: ${s.title}.`, produces: 'a result', ...s })) });

/** The scripted model server and the core under test, replaced by the hooks below. */
export interface ScriptedCore {
  server: ModelServer;
  /** A fresh core per test; a test may swap it (e.g. to reopen the same data dir). */
  t: TestCore;
}

/**
 * Registers the hooks every model-backed core test needs: one scripted server for the file,
 * a fresh core (and a reset script) before each test, and both closed at the end.
 */
export function useScriptedCore(): ScriptedCore {
  const ctx = {} as ScriptedCore;
  beforeAll(async () => {
    ctx.server = await startModelServer();
  });
  afterAll(async () => {
    ctx.t?.core.close();
    await ctx.server.close();
  });
  beforeEach(() => {
    ctx.t?.core.close();
    ctx.server.reset();
    ctx.t = makeCore({ server: ctx.server });
  });
  return ctx;
}
