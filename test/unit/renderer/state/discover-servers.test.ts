/** Local model servers are looked for in one place, the settings store, whoever asks. */
import { describe, expect, it } from 'vitest';
import { createApi, type MethodName, type Transport } from '../../../../shared/contract.js';
import { ok, type Result } from '../../../../shared/result.js';
import type { DiscoveredServer } from '../../../../shared/tutor.js';
import { setApi } from '../../../../renderer/api/index.js';
import { useSettings } from '../../../../renderer/state/settings-store.js';

const server: DiscoveredServer = { presetId: 'ollama', label: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', models: ['qwen'] };

describe('discovering local servers', () => {
  it('shares a look under way between callers and keeps the answer; a later call looks again', async () => {
    const calls: MethodName[] = [];
    let release: () => void = () => {};
    const transport: Transport = {
      async call(method): Promise<Result<unknown>> {
        calls.push(method);
        await new Promise<void>((r) => (release = r));
        return ok([server]);
      },
      onEvent: () => () => {},
    };
    setApi(createApi(transport));

    const first = useSettings.getState().discover();
    const second = useSettings.getState().discover();
    expect(useSettings.getState().discovering).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    release();
    await Promise.all([first, second]);
    expect(calls).toEqual(['settings.discoverServers']);
    expect(useSettings.getState()).toMatchObject({ discovering: false, discovered: [server], discoverError: null });

    const third = useSettings.getState().discover();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await third;
    expect(calls).toHaveLength(2);
  });
});
