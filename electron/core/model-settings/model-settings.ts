/**
 * The navigator and solver endpoints: saved in the settings table (without keys), keys in
 * the SecretStore, the environment as a fallback. The renderer only ever sees a key's mask.
 */
import { errorMessage, failure } from '../../../shared/result.js';
import { msg, textMessage } from '../../../shared/messages.js';
import { MODEL_ROLES, modelRoleInput, type ModelRole, type ModelRoleInput, type ModelRoleSettings, type ModelSettingsView, type StructuredOutputMode } from '../../../shared/tutor.js';
import { ModelFailure, toAppError, type ModelClient, type ModelEndpoint } from '../model/index.js';
import { ROLE_MAX_TOKENS } from '../model/budgets.js';
import type { Settings } from '../settings.js';
import { registerSecret, scrubSecrets } from '../util/scrub-secrets.js';
import { roleFromEnv } from './environment.js';
import type { SecretStore } from './secret-store.js';

/** What is saved in the meta table for a role: everything but the key. */
interface StoredRole {
  baseUrl: string;
  model: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  /** Absent in roles saved before the option: 'auto'. */
  structuredOutput?: StructuredOutputMode;
}

/** Sampling defaults; max tokens has a per-role default (ROLE_MAX_TOKENS). */
const DEFAULTS = { temperature: 0.6, topP: 0.95 };
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

/** A stored mode, or 'auto' for roles saved before the option (or a value this version does not know). */
const structuredOutputOf = (v: unknown): StructuredOutputMode => (v === 'on' || v === 'off' ? v : 'auto');

interface ResolvedRole extends StoredRole {
  structuredOutput: StructuredOutputMode;
  apiKey: string | null;
  source: ModelRoleSettings['source'];
}

export class ModelSettingsService {
  constructor(
    private readonly settings: Settings,
    private readonly secrets: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    // Every key the app knows is scrubbed from errors, events, sessions and exports from now on.
    for (const role of MODEL_ROLES) this.resolve(role);
  }

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
    // The key first: if it cannot be written (disk full, read-only folder), nothing changes.
    if (input === null) {
      this.secrets.delete(secretName(role));
      this.settings.set(settingsKey(role), null);
      return this.view();
    }
    const parsed = modelRoleInput.parse(input);
    const stored: StoredRole = { baseUrl: parsed.baseUrl, model: parsed.model, temperature: parsed.temperature, topP: parsed.topP, maxTokens: parsed.maxTokens, structuredOutput: parsed.structuredOutput };
    if (parsed.apiKey === null || parsed.apiKey === '') this.secrets.delete(secretName(role));
    else if (parsed.apiKey !== undefined) {
      registerSecret(parsed.apiKey);
      this.secrets.set(secretName(role), parsed.apiKey);
    }
    this.settings.set(settingsKey(role), stored);
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
    return { baseUrl: r.baseUrl, model: r.model, temperature: r.temperature, topP: r.topP, maxTokens: r.maxTokens, structuredOutput: r.structuredOutput, ...(r.apiKey ? { apiKey: r.apiKey } : {}) };
  }

  /**
   * The endpoint to test: unsaved values or the saved role. The stored key goes only to the
   * stored address: a typed URL that differs from the saved one is tested without it unless
   * a key is typed too (`keyWithheld` says so), so a mistyped or discovered address never
   * receives the key.
   */
  endpointForTest(role: ModelRole, input?: ModelRoleInput): { endpoint: ModelEndpoint; keyWithheld: boolean; savedBaseUrl: string | null } {
    if (input) {
      const p = modelRoleInput.parse(input);
      registerSecret(p.apiKey);
      const saved = this.resolve(role);
      const sameAddress = saved !== null && sameBaseUrl(saved.baseUrl, p.baseUrl);
      let apiKey = p.apiKey ?? null;
      let keyWithheld = false;
      if (p.apiKey === undefined && saved?.apiKey) {
        if (sameAddress) apiKey = saved.apiKey;
        else keyWithheld = true;
      }
      return { endpoint: { baseUrl: p.baseUrl, model: p.model, ...(apiKey ? { apiKey } : {}) }, keyWithheld, savedBaseUrl: saved?.baseUrl ?? null };
    }
    const ep = this.endpoint(role);
    if (!ep) throw failure(NOT_CONFIGURED.code, msg(role === 'navigator' ? 'core.noNavigatorModel' : 'core.noSolverModel'), { action: msg('tutor.openSettingsAction') });
    return { endpoint: ep, keyWithheld: false, savedBaseUrl: ep.baseUrl };
  }

  /** "Test connection": lists the server's models, with the key rule of endpointForTest. */
  async testConnection(client: Pick<ModelClient, 'listModels'>, role: ModelRole, input?: ModelRoleInput): Promise<{ models: string[]; latencyMs: number; modelFound: boolean; keyWithheld?: true }> {
    const { endpoint, keyWithheld, savedBaseUrl } = this.endpointForTest(role, input);
    try {
      const { models, latencyMs } = await client.listModels(endpoint);
      // Names come from the server: scrubbed like every other text it sends.
      return { models: models.map((m) => scrubSecrets(m)), latencyMs, modelFound: models.includes(endpoint.model), ...(keyWithheld ? { keyWithheld: true as const } : {}) };
    } catch (err) {
      if (keyWithheld && err instanceof ModelFailure && (err.code === 'auth' || err.code === 'forbidden')) {
        const e = toAppError(err);
        const cause = errorMessage(e) ?? textMessage(e.message);
        throw failure(
          e.code,
          savedBaseUrl ? msg('core.keyWithheld', { cause, savedBaseUrl }) : msg('core.keyWithheldNoAddress', { cause }),
          { action: msg('core.keyWithheld.action'), details: { ...(e.details ?? {}), keyWithheld: true } },
        );
      }
      throw err;
    }
  }

  private resolve(role: ModelRole): ResolvedRole | null {
    // Roles saved before per-role max-token defaults may lack maxTokens.
    const saved = this.settings.get<(Omit<StoredRole, 'maxTokens'> & { maxTokens?: number }) | null>(settingsKey(role), null);
    if (saved && saved.baseUrl && saved.model) {
      const apiKey = this.secrets.get(secretName(role));
      registerSecret(apiKey);
      return { ...DEFAULTS, ...saved, maxTokens: saved.maxTokens ?? ROLE_MAX_TOKENS[role], structuredOutput: structuredOutputOf(saved.structuredOutput), apiKey, source: 'settings' };
    }
    const fromEnv = roleFromEnv(role, this.env);
    registerSecret(fromEnv?.apiKey);
    // Reasoning models spend max_tokens on thinking: each role has its own default (docs/models.md).
    if (fromEnv) return { ...DEFAULTS, maxTokens: ROLE_MAX_TOKENS[role], structuredOutput: 'auto', baseUrl: fromEnv.baseUrl, model: fromEnv.model, apiKey: fromEnv.apiKey, source: 'environment' };
    return null;
  }
}

function toView(r: ResolvedRole): ModelRoleSettings {
  return { baseUrl: r.baseUrl, model: r.model, temperature: r.temperature, topP: r.topP, maxTokens: r.maxTokens, structuredOutput: r.structuredOutput, apiKeyMask: maskKey(r.apiKey), source: r.source };
}

/** Same server address: scheme, host, port and path compared after URL normalisation (case of the host, default port, trailing slashes). */
export function sameBaseUrl(a: string, b: string): boolean {
  const norm = (u: string): string => {
    try {
      const url = new URL(u.trim());
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
    } catch {
      return u.trim();
    }
  };
  return norm(a) === norm(b);
}
