/**
 * The navigator and solver endpoints: saved in the settings table (without keys), keys in
 * the SecretStore, the environment as a fallback. The renderer only ever sees a key's mask.
 */
import { failure } from '../../../shared/result.js';
import { MODEL_ROLES, modelRoleInput, type ModelRole, type ModelRoleInput, type ModelRoleSettings, type ModelSettingsView } from '../../../shared/tutor.js';
import type { ModelEndpoint } from '../model/index.js';
import type { Settings } from '../settings.js';
import { roleFromEnv } from './environment.js';
import type { SecretStore } from './secret-store.js';

/** What is saved in the meta table for a role: everything but the key. */
interface StoredRole {
  baseUrl: string;
  model: string;
  temperature: number;
  topP: number;
  maxTokens: number;
}

const DEFAULTS = { temperature: 0.6, topP: 0.95, maxTokens: 4096 };
const settingsKey = (role: ModelRole) => `models.${role}`;
const secretName = (role: ModelRole) => `model.${role}.apiKey`;
const SOLVER_USES_NAVIGATOR = 'models.solverUsesNavigator';

export const NOT_CONFIGURED = {
  code: 'model_not_configured' as const,
  message: 'No model is configured, so the tutor cannot plan this problem.',
  action: 'Open Settings to add a model endpoint.',
};

export function maskKey(key: string | null): string | null {
  if (!key) return null;
  return `••••${key.length > 8 ? key.slice(-4) : ''}`;
}

interface ResolvedRole extends StoredRole {
  apiKey: string | null;
  source: ModelRoleSettings['source'];
}

export class ModelSettingsService {
  constructor(
    private readonly settings: Settings,
    private readonly secrets: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  view(): ModelSettingsView {
    const [navigator, solver] = MODEL_ROLES.map((r) => this.resolve(r)).map((r) => (r ? toView(r) : null)) as [ModelRoleSettings | null, ModelRoleSettings | null];
    return {
      navigator,
      solver,
      solverUsesNavigator: this.solverUsesNavigator(),
      configured: navigator !== null,
      secretStorageNote: this.secrets.note(),
    };
  }

  setRole(role: ModelRole, input: ModelRoleInput | null): ModelSettingsView {
    if (input === null) {
      this.settings.set(settingsKey(role), null);
      this.secrets.delete(secretName(role));
      return this.view();
    }
    const parsed = modelRoleInput.parse(input);
    const stored: StoredRole = { baseUrl: parsed.baseUrl, model: parsed.model, temperature: parsed.temperature, topP: parsed.topP, maxTokens: parsed.maxTokens };
    this.settings.set(settingsKey(role), stored);
    if (parsed.apiKey === null || parsed.apiKey === '') this.secrets.delete(secretName(role));
    else if (parsed.apiKey !== undefined) this.secrets.set(secretName(role), parsed.apiKey);
    return this.view();
  }

  setSolverUsesNavigator(value: boolean): ModelSettingsView {
    this.settings.set(SOLVER_USES_NAVIGATOR, value);
    return this.view();
  }

  solverUsesNavigator(): boolean {
    const saved = this.settings.get<boolean | null>(SOLVER_USES_NAVIGATOR, null);
    if (typeof saved === 'boolean') return saved;
    // Until someone decides, one endpoint does both jobs unless a solver was set up.
    return this.resolve('solver') === null;
  }

  /** The endpoint to call for a role (with its key), or null when none is configured. */
  endpoint(role: ModelRole): ModelEndpoint | null {
    const r = role === 'solver' && this.solverUsesNavigator() ? this.resolve('navigator') : this.resolve(role);
    if (!r) return null;
    return { baseUrl: r.baseUrl, model: r.model, temperature: r.temperature, topP: r.topP, maxTokens: r.maxTokens, ...(r.apiKey ? { apiKey: r.apiKey } : {}) };
  }

  /** The endpoint to test: unsaved values (keeping the stored key unless replaced) or the saved role. */
  endpointForTest(role: ModelRole, input?: ModelRoleInput): ModelEndpoint {
    if (input) {
      const p = modelRoleInput.parse(input);
      const apiKey = p.apiKey === undefined ? (this.resolve(role)?.apiKey ?? null) : p.apiKey;
      return { baseUrl: p.baseUrl, model: p.model, ...(apiKey ? { apiKey } : {}) };
    }
    const ep = this.endpoint(role);
    if (!ep) throw failure(NOT_CONFIGURED.code, `No ${role} model is configured yet.`, { action: NOT_CONFIGURED.action });
    return ep;
  }

  private resolve(role: ModelRole): ResolvedRole | null {
    const saved = this.settings.get<StoredRole | null>(settingsKey(role), null);
    if (saved && saved.baseUrl && saved.model) {
      return { ...DEFAULTS, ...saved, apiKey: this.secrets.get(secretName(role)), source: 'settings' };
    }
    const fromEnv = roleFromEnv(role, this.env);
    if (fromEnv) return { ...DEFAULTS, baseUrl: fromEnv.baseUrl, model: fromEnv.model, apiKey: fromEnv.apiKey, source: 'environment' };
    return null;
  }
}

function toView(r: ResolvedRole): ModelRoleSettings {
  return { baseUrl: r.baseUrl, model: r.model, temperature: r.temperature, topP: r.topP, maxTokens: r.maxTokens, apiKeyMask: maskKey(r.apiKey), source: r.source };
}
