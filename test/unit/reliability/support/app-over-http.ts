/**
 * The real app as a browser would reach it: createCore on a temp data dir, the browser host
 * in front of it on 127.0.0.1, contract calls as HTTP POSTs with the token, and the event
 * stream read over SSE. Nothing is called in-process, so the host's mapping of Results,
 * errors and events is part of what the tests see.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName } from '../../../../shared/contract.js';
import { CALL_PREFIX, EVENTS_PATH, TOKEN_HEADER, TOKEN_QUERY } from '../../../../shared/host-protocol.js';
import type { Result } from '../../../../shared/result.js';
import { createCore, type Core } from '../../../../electron/core/core.js';
import { createMemorySecretStore } from '../../../../electron/core/model-settings/secret-store.js';
import type { ModelClient } from '../../../../electron/core/model/index.js';
import { startHost, type RunningHost } from '../../../../electron/host/server.js';
import { openSse, type SseClient } from './sse-client.js';

const INDEX_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tutor</title></head><body><div id="root"></div></body></html>\n';

export interface AppOverHttp {
  core: Core;
  host: RunningHost;
  dataDir: string;
  sse: SseClient;
  /** Internal errors the core logged (a fault should never end up here). */
  internalErrors: unknown[];
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<unknown>>;
  /** The HTTP status of the last call (the host answers 200 for every Result, ok or not). */
  lastStatus: number;
  close(): Promise<void>;
}

export interface AppOverHttpOptions {
  env: NodeJS.ProcessEnv;
  modelClient?: ModelClient;
  /** Keep keys in the core's default owner-only file in the data dir instead of memory. */
  fileSecrets?: boolean;
}

export async function startAppOverHttp(opts: AppOverHttpOptions): Promise<AppOverHttp> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-fault-'));
  const staticDir = path.join(root, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  const internalErrors: unknown[] = [];
  const core = createCore({
    dataDir: path.join(root, 'data'),
    shell: 'browser',
    env: opts.env,
    ...(opts.modelClient ? { modelClient: opts.modelClient } : {}),
    ...(opts.fileSecrets ? {} : { secretStore: createMemorySecretStore() }),
    logError: (err) => internalErrors.push(err),
  });
  const host = await startHost({ dispatch: core.dispatch, onEvent: core.onEvent, staticDir });
  const sse = await openSse(host.port, `${EVENTS_PATH}?${TOKEN_QUERY}=${host.token}`);
  const app: AppOverHttp = {
    core,
    host,
    dataDir: core.dataDir,
    sse,
    internalErrors,
    lastStatus: 0,
    async call(method, input) {
      const res = await fetch(`http://127.0.0.1:${host.port}${CALL_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
        body: JSON.stringify(input),
      });
      app.lastStatus = res.status;
      return (await res.json()) as Result<unknown>;
    },
    async close() {
      sse.close();
      await host.close();
      core.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  return app;
}
