/** Settings form rules: the same limits as the contract, and a key that is write-only. */
import { describe, expect, it } from 'vitest';
import { modelRoleInput } from '../../../../shared/tutor.js';
import { DEFAULT_FORM, formFromSettings, toRoleInput, validateForm } from '../../../../renderer/state/settings-store.js';

const valid = { ...DEFAULT_FORM, baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-7b' };

describe('settings form', () => {
  it('accepts exactly what the contract accepts, field by field', () => {
    expect(validateForm(valid)).toEqual({});
    expect(modelRoleInput.safeParse(toRoleInput(valid)).success).toBe(true);
    const cases: [Partial<typeof valid>, string][] = [
      [{ baseUrl: '127.0.0.1:8000' }, 'baseUrl'],
      [{ baseUrl: 'ftp://host/v1' }, 'baseUrl'],
      [{ model: '   ' }, 'model'],
      [{ temperature: '2.5' }, 'temperature'],
      [{ temperature: 'warm' }, 'temperature'],
      [{ topP: '0' }, 'topP'],
      [{ maxTokens: '15' }, 'maxTokens'],
      [{ maxTokens: '100.5' }, 'maxTokens'],
    ];
    for (const [patch, field] of cases) {
      const form = { ...valid, ...patch };
      expect(Object.keys(validateForm(form)), JSON.stringify(patch)).toEqual([field]);
      if (field !== 'baseUrl') expect(modelRoleInput.safeParse(toRoleInput(form)).success, JSON.stringify(patch)).toBe(false);
    }
  });

  it('keeps the stored key unless a new one is typed or clearing is asked for', () => {
    expect('apiKey' in toRoleInput(valid)).toBe(false);
    expect(toRoleInput({ ...valid, apiKey: 'sk-new' }).apiKey).toBe('sk-new');
    expect(toRoleInput({ ...valid, clearKey: true }).apiKey).toBeNull();
  });

  it('starts the key field empty whatever is stored', () => {
    const form = formFromSettings({ baseUrl: 'http://x/v1', model: 'm', temperature: 0.3, topP: 0.9, maxTokens: 512, apiKeyMask: '••••3f9a', source: 'settings' });
    expect(form).toEqual({ baseUrl: 'http://x/v1', model: 'm', temperature: '0.3', topP: '0.9', maxTokens: '512', structuredOutput: 'auto', apiKey: '', clearKey: false });
  });

  it('carries the structured output mode both ways; settings saved before it read as automatic', () => {
    for (const mode of ['auto', 'on', 'off'] as const) {
      const form = formFromSettings({ baseUrl: 'http://x/v1', model: 'm', temperature: 0.3, topP: 0.9, maxTokens: 512, structuredOutput: mode, apiKeyMask: null, source: 'settings' });
      expect(form.structuredOutput).toBe(mode);
      const input = modelRoleInput.parse(toRoleInput({ ...valid, structuredOutput: mode }));
      expect(input.structuredOutput).toBe(mode);
    }
    expect(DEFAULT_FORM.structuredOutput).toBe('auto');
  });
});
