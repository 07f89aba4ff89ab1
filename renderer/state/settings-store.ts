/**
 * The Settings screen's state: one editable form per model role, kept as the strings the
 * learner typed; validated here (field → message key) before anything is sent. The API key
 * is write-only: the form starts empty and shows the stored mask; an empty field keeps it.
 */
import { create } from 'zustand';
import type { AppError } from '../../shared/result.js';
import { type DiscoveredServer, type ModelRole, type ModelRoleInput, type ModelRoleSettings, type ModelSettingsView, ROLE_MAX_TOKENS, type ServerPresetView, type StructuredOutputMode } from '../../shared/tutor.js';
import { getApi } from '../api/index.js';
import type { MessageKey } from '../i18n/translate.js';

export interface RoleForm {
  baseUrl: string;
  model: string;
  temperature: string;
  topP: string;
  maxTokens: string;
  /** Whether JSON calls send response_format (see STRUCTURED_OUTPUT_MODES). */
  structuredOutput: StructuredOutputMode;
  /** A new key to store; '' keeps the stored one. */
  apiKey: string;
  clearKey: boolean;
}

export type FormField = 'baseUrl' | 'model' | 'temperature' | 'topP' | 'maxTokens';
export type FormErrors = Partial<Record<FormField, MessageKey>>;

export interface ConnectionTest {
  models: string[];
  latencyMs: number;
  modelFound: boolean;
  /** The stored key was not sent: the form's address is not the saved one. */
  keyWithheld?: boolean;
}

export interface RoleUi {
  form: RoleForm;
  errors: FormErrors;
  testing: boolean;
  test: ConnectionTest | null;
  testError: AppError | null;
  saving: boolean;
  saveError: AppError | null;
  /** Bumped on each successful save, so the screen can announce it. */
  savedCount: number;
}

export interface SettingsState {
  view: ModelSettingsView | null;
  loadError: AppError | null;
  presets: ServerPresetView[];
  roles: Record<ModelRole, RoleUi>;
  discovering: boolean;
  discovered: DiscoveredServer[] | null;
  discoverError: AppError | null;
  toggleError: AppError | null;

  load(): Promise<void>;
  edit(role: ModelRole, patch: Partial<RoleForm>): void;
  applyPreset(role: ModelRole, presetId: string): void;
  useDiscovered(role: ModelRole, server: DiscoveredServer, model?: string): void;
  testConnection(role: ModelRole): Promise<void>;
  save(role: ModelRole): Promise<boolean>;
  setSolverUsesNavigator(value: boolean): Promise<void>;
  discover(): Promise<void>;
}

/** Stands in for an empty model name when only the server's model list is wanted. */
const UNNAMED_MODEL = '-';

export const DEFAULT_FORM: RoleForm = {
  baseUrl: '',
  model: '',
  temperature: '0.6',
  topP: '0.95',
  maxTokens: '4096',
  structuredOutput: 'auto',
  apiKey: '',
  clearKey: false,
};

/** A new role's form: the role's own max-token default (reasoning models think out of it). */
export const defaultForm = (role: ModelRole): RoleForm => ({ ...DEFAULT_FORM, maxTokens: String(ROLE_MAX_TOKENS[role]) });

export function formFromSettings(settings: ModelRoleSettings | null, role: ModelRole = 'solver'): RoleForm {
  if (!settings) return defaultForm(role);
  return {
    baseUrl: settings.baseUrl,
    model: settings.model,
    temperature: String(settings.temperature),
    topP: String(settings.topP),
    maxTokens: String(settings.maxTokens),
    structuredOutput: settings.structuredOutput ?? 'auto',
    apiKey: '',
    clearKey: false,
  };
}

const numberIn = (text: string, min: number, max: number, { integer = false, minExclusive = false } = {}): boolean => {
  if (!text.trim()) return false;
  const n = Number(text);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return false;
  return (minExclusive ? n > min : n >= min) && n <= max;
};

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The same limits as the contract's modelRoleInput, as message keys for the form. */
export function validateForm(form: RoleForm): FormErrors {
  const errors: FormErrors = {};
  if (!isHttpUrl(form.baseUrl)) errors.baseUrl = 'settings.error.baseUrl';
  if (!form.model.trim()) errors.model = 'settings.error.model';
  if (!numberIn(form.temperature, 0, 2)) errors.temperature = 'settings.error.temperature';
  if (!numberIn(form.topP, 0, 1, { minExclusive: true })) errors.topP = 'settings.error.topP';
  if (!numberIn(form.maxTokens, 16, 200_000, { integer: true })) errors.maxTokens = 'settings.error.maxTokens';
  return errors;
}

/** The address a server is known by: host case, default port and trailing slashes do not count. */
function addressOf(text: string): string {
  try {
    const url = new URL(text.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return text.trim();
  }
}

/**
 * True when "Test connection" will not send the stored key: a key is stored, none is typed,
 * and the form's address differs from the saved one (the core applies the same rule).
 */
export function storedKeyWithheld(form: RoleForm, saved: ModelRoleSettings | null): boolean {
  if (!saved?.apiKeyMask || form.apiKey || form.clearKey || !form.baseUrl.trim()) return false;
  return addressOf(form.baseUrl) !== addressOf(saved.baseUrl);
}

/** The contract input for a valid form: an empty key field keeps the stored key. */
export function toRoleInput(form: RoleForm): ModelRoleInput {
  return {
    baseUrl: form.baseUrl.trim(),
    model: form.model.trim(),
    temperature: Number(form.temperature),
    topP: Number(form.topP),
    maxTokens: Number(form.maxTokens),
    structuredOutput: form.structuredOutput,
    ...(form.apiKey ? { apiKey: form.apiKey } : form.clearKey ? { apiKey: null } : {}),
  };
}

const freshRole = (form: RoleForm): RoleUi => ({
  form,
  errors: {},
  testing: false,
  test: null,
  testError: null,
  saving: false,
  saveError: null,
  savedCount: 0,
});

/** The local-server look under way, if any. */
let probe: Promise<void> | null = null;

export const useSettings = create<SettingsState>((set, get) => {
  const patchRole = (role: ModelRole, patch: Partial<RoleUi>) =>
    set((s) => ({ roles: { ...s.roles, [role]: { ...s.roles[role], ...patch } } }));

  return {
    view: null,
    loadError: null,
    presets: [],
    roles: { navigator: freshRole(defaultForm('navigator')), solver: freshRole(defaultForm('solver')) },
    discovering: false,
    discovered: null,
    discoverError: null,
    toggleError: null,

    async load() {
      // A form the person edited while the settings were loading keeps their edits.
      const before = get().roles;
      const [models, presets] = await Promise.all([getApi().settings.getModels({}), getApi().settings.presets({})]);
      if (presets.ok) set({ presets: presets.value });
      if (!models.ok) {
        set({ loadError: models.error });
        return;
      }
      const view = models.value;
      set({
        view,
        loadError: null,
        roles: {
          navigator: get().roles.navigator !== before.navigator ? get().roles.navigator : freshRole(formFromSettings(view.navigator, 'navigator')),
          solver: get().roles.solver !== before.solver ? get().roles.solver : freshRole(formFromSettings(view.solver, 'solver')),
        },
      });
    },

    edit(role, patch) {
      const current = get().roles[role];
      const form = { ...current.form, ...patch };
      // Errors clear as the field is fixed, never appear while typing.
      const stillWrong = validateForm(form);
      const errors: FormErrors = {};
      for (const key of Object.keys(current.errors) as FormField[]) if (stillWrong[key]) errors[key] = stillWrong[key];
      patchRole(role, { form, errors });
    },

    applyPreset(role, presetId) {
      const preset = get().presets.find((p) => p.id === presetId);
      if (preset) get().edit(role, { baseUrl: preset.baseUrl });
    },

    useDiscovered(role, server, model) {
      const chosen = model ?? server.models[0];
      get().edit(role, { baseUrl: server.baseUrl, ...(chosen ? { model: chosen } : {}) });
    },

    async testConnection(role) {
      const { form } = get().roles[role];
      const errors = validateForm(form);
      // The address is all a test needs; a missing model name is reported but not blocking.
      if (errors.baseUrl) {
        patchRole(role, { errors: { ...get().roles[role].errors, baseUrl: errors.baseUrl } });
        return;
      }
      patchRole(role, { testing: true, test: null, testError: null });
      // Fields not needed to list models fall back to defaults so the test can still run.
      const testable: RoleForm = {
        ...form,
        model: form.model.trim() || UNNAMED_MODEL,
        temperature: errors.temperature ? DEFAULT_FORM.temperature : form.temperature,
        topP: errors.topP ? DEFAULT_FORM.topP : form.topP,
        maxTokens: errors.maxTokens ? defaultForm(role).maxTokens : form.maxTokens,
      };
      const settings = toRoleInput(testable);
      const result = await getApi().settings.testConnection({ role, settings });
      patchRole(role, result.ok ? { testing: false, test: result.value } : { testing: false, testError: result.error });
    },

    async save(role) {
      const { form } = get().roles[role];
      const errors = validateForm(form);
      if (Object.keys(errors).length > 0) {
        patchRole(role, { errors });
        return false;
      }
      patchRole(role, { saving: true, saveError: null, errors: {} });
      const result = await getApi().settings.setModel({ role, settings: toRoleInput(form) });
      if (!result.ok) {
        patchRole(role, { saving: false, saveError: result.error });
        return false;
      }
      const view = result.value;
      set({ view });
      patchRole(role, { saving: false, savedCount: get().roles[role].savedCount + 1, form: formFromSettings(view[role], role) });
      return true;
    },

    async setSolverUsesNavigator(value) {
      const before = get().view;
      if (!before) return;
      // Shown at once (a checkbox must follow the click); put back if the core refuses.
      set({ view: { ...before, solverUsesNavigator: value }, toggleError: null });
      const result = await getApi().settings.setSolverUsesNavigator({ value });
      if (result.ok) set({ view: result.value });
      else set({ view: { ...(get().view ?? before), solverUsesNavigator: before.solverUsesNavigator }, toggleError: result.error });
    },

    // The one place the renderer looks for local model servers (Settings' button and the Solve
    // screen's no-model notice both come here); a look already under way is shared, not repeated.
    discover() {
      probe ??= (async () => {
        set({ discovering: true, discoverError: null });
        const result = await getApi().settings.discoverServers({});
        if (result.ok) set({ discovering: false, discovered: result.value });
        else set({ discovering: false, discovered: null, discoverError: result.error });
      })().finally(() => {
        probe = null;
      });
      return probe;
    },
  };
});
