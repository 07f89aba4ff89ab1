/**
 * Token budgets for reasoning models: each role's default max_tokens, as the app resolves an
 * endpoint, and the one larger budget a reply that was all thinking is retried with.
 */
import { describe, expect, it } from 'vitest';
import { ModelSettingsService } from '../../../../electron/core/model-settings/model-settings.js';
import { createMemorySecretStore } from '../../../../electron/core/model-settings/secret-store.js';
import { DEFAULT_THINKING_RETRY, largerBudget, ROLE_MAX_TOKENS } from '../../../../electron/core/model/index.js';
import type { Settings } from '../../../../electron/core/settings.js';

/** The meta table as a map: enough for the settings service. */
function memorySettings(): Settings {
  const map = new Map<string, string>();
  return {
    get: <T>(key: string, fallback: T): T => (map.has(key) ? (JSON.parse(map.get(key)!) as T) : fallback),
    set: (key: string, value: unknown) => void map.set(key, JSON.stringify(value)),
  } as unknown as Settings;
}

describe('per-role max tokens', () => {
  it('the navigator gets a larger default than the solver (a whole plan after thinking about the whole problem)', () => {
    expect(ROLE_MAX_TOKENS).toEqual({ navigator: 8192, solver: 4096 });
  });

  it('endpoints configured by the environment use each role\'s default', () => {
    const env = { OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1', RF_NAVIGATOR_MODEL: 'r1-distill', RF_SOLVER_MODEL: 'qwq' };
    const models = new ModelSettingsService(memorySettings(), createMemorySecretStore(), env);
    expect(models.endpoint('navigator')!.maxTokens).toBe(8192);
    expect(models.endpoint('solver')!.maxTokens).toBe(4096);
    expect(models.view().navigator!.maxTokens).toBe(8192);
  });

  it('a value the learner saved wins over the default', () => {
    const models = new ModelSettingsService(memorySettings(), createMemorySecretStore(), {});
    models.setRole('navigator', { baseUrl: 'http://127.0.0.1:8000/v1', model: 'm', maxTokens: 2048 });
    expect(models.endpoint('navigator')!.maxTokens).toBe(2048);
  });
});

describe('the retry budget after all-thinking', () => {
  it('doubles, capped, and is null at the cap', () => {
    expect(largerBudget(4096)).toBe(8192);
    expect(largerBudget(20_000)).toBe(DEFAULT_THINKING_RETRY.maxTokens);
    expect(largerBudget(DEFAULT_THINKING_RETRY.maxTokens)).toBeNull();
    expect(largerBudget(100, { factor: 1.5, maxTokens: 1000 })).toBe(150);
  });
});
