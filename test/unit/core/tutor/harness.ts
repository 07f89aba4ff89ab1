/** A real core on a temp data dir, optionally pointed at the scripted model server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput, StreamEvent } from '../../../../shared/contract.js';
import type { AppError } from '../../../../shared/result.js';
import { createCore, type Core } from '../../../../electron/core/core.js';
import { ModelClient } from '../../../../electron/core/model/index.js';
import { createMemorySecretStore } from '../../../../electron/core/model-settings/secret-store.js';
import type { ModelServer } from '../../../support/model-server.js';

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'rf-tutor-'));

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
