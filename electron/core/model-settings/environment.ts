/**
 * Headless configuration from environment variables (CI, servers, the CLI). Settings saved
 * in the app win over these. Documented in docs/models.md.
 */
import type { ModelRole } from '../../../shared/tutor.js';

export interface EnvRole {
  baseUrl: string;
  model: string;
  apiKey: string | null;
}

export const MODEL_ENV = {
  baseUrl: 'OPENAI_BASE_URL',
  apiKey: 'OPENAI_API_KEY',
  navigatorModel: 'RF_NAVIGATOR_MODEL',
  solverModel: 'RF_SOLVER_MODEL',
  solverBaseUrl: 'RF_SOLVER_BASE_URL',
} as const;

const value = (env: NodeJS.ProcessEnv, name: string): string | null => {
  const v = env[name]?.trim();
  return v ? v : null;
};

/** The role as the environment describes it, or null when base URL or model is missing. */
export function roleFromEnv(role: ModelRole, env: NodeJS.ProcessEnv): EnvRole | null {
  const apiKey = value(env, MODEL_ENV.apiKey);
  const baseUrl = role === 'solver' ? (value(env, MODEL_ENV.solverBaseUrl) ?? value(env, MODEL_ENV.baseUrl)) : value(env, MODEL_ENV.baseUrl);
  const model = value(env, role === 'solver' ? MODEL_ENV.solverModel : MODEL_ENV.navigatorModel);
  return baseUrl && model ? { baseUrl, model, apiKey } : null;
}
