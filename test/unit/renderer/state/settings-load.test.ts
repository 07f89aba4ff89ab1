/** Settings that arrive after the person started typing do not wipe what they typed. */
import { describe, expect, it } from 'vitest';
import { createApi, type Transport } from '../../../../shared/contract.js';
import { ok, type Result } from '../../../../shared/result.js';
import { setApi } from '../../../../renderer/api/index.js';
import { useSettings } from '../../../../renderer/state/settings-store.js';

const stored = { baseUrl: 'http://127.0.0.1:9000/v1', model: 'stored', temperature: 0.6, topP: 0.95, maxTokens: 8192, apiKeyMask: null, source: 'settings' };

describe('loading settings', () => {
  it('keeps a form edited while loading and fills the untouched one from the stored settings', async () => {
    let release: () => void = () => {};
    const transport: Transport = {
      async call(method): Promise<Result<unknown>> {
        if (method === 'settings.presets') return ok([]);
        await new Promise<void>((r) => (release = r));
        return ok({ navigator: stored, solver: { ...stored, model: 'stored-solver' }, solverUsesNavigator: false });
      },
      onEvent: () => () => {},
    };
    setApi(createApi(transport));
    const loading = useSettings.getState().load();
    await new Promise((r) => setTimeout(r, 0));
    useSettings.getState().edit('navigator', { baseUrl: 'http://127.0.0.1:8000/v1', model: 'typed' });
    release();
    await loading;
    const { roles } = useSettings.getState();
    expect(roles.navigator.form).toMatchObject({ baseUrl: 'http://127.0.0.1:8000/v1', model: 'typed' });
    expect(roles.solver.form).toMatchObject({ baseUrl: stored.baseUrl, model: 'stored-solver' });
  });
});
