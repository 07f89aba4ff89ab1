/** The contract methods for model settings, practice problems and tutoring sessions. */
import type { Handlers } from '../dispatcher.js';
import { discoverLocalServers, SERVER_PRESETS, ModelFailure, toAppError, type ModelClient } from '../model/index.js';
import type { ModelSettingsService } from '../model-settings/model-settings.js';
import type { PracticeSource } from '../practice/practice-problem.js';
import { AppFailure } from '../../../shared/result.js';
import type { Tutor } from './tutor.js';

type TutorMethods =
  | `settings.${string}`
  | `practice.${string}`
  | `tutor.${string}`
  | 'requests.cancel';
export type TutorHandlers = { [M in keyof Handlers as M extends TutorMethods ? M : never]: Handlers[M] };

export interface TutorHandlerDeps {
  tutor: Tutor;
  models: ModelSettingsService;
  client: ModelClient;
  practice: PracticeSource;
}

/** Model failures become the contract's Result error with the failure's own words. */
async function modelCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ModelFailure) throw new AppFailure(toAppError(err));
    throw err;
  }
}

export function createTutorHandlers({ tutor, models, client, practice }: TutorHandlerDeps): TutorHandlers {
  return {
    'settings.getModels': () => models.view(),
    'settings.setModel': ({ role, settings }) => models.setRole(role, settings),
    'settings.setSolverUsesNavigator': ({ value }) => models.setSolverUsesNavigator(value),
    // The stored key goes only to the stored address (see ModelSettingsService.testConnection).
    'settings.testConnection': ({ role, settings }) => modelCall(() => models.testConnection(client, role ?? 'navigator', settings)),
    'settings.presets': () => SERVER_PRESETS.map(({ id, label, baseUrl, local }) => ({ id, label, baseUrl, local })),
    'settings.discoverServers': async () =>
      (await discoverLocalServers(client)).map((s) => ({ presetId: s.preset.id, label: s.preset.label, baseUrl: s.baseUrl, models: s.models })),

    'practice.list': ({ packId }) => practice.list(packId),

    'tutor.suggestTemplates': ({ problem, limit }) => tutor.suggestTemplates(problem, limit),
    'tutor.startSession': (input) => tutor.startSession(input),
    'tutor.getSession': ({ sessionId }) => tutor.getSession(sessionId),
    'tutor.listSessions': ({ limit }) => tutor.listSessions(limit),
    'tutor.reveal': (input) => tutor.reveal(input),
    'tutor.checkStep': (input) => tutor.checkStep(input),
    'tutor.advance': ({ sessionId }) => tutor.advance(sessionId),
    'tutor.submitAnswer': (input) => tutor.submitAnswer(input),
    'tutor.exportSession': ({ sessionId }) => tutor.exportSession(sessionId),
    'tutor.deleteSession': ({ sessionId }) => tutor.deleteSession(sessionId),

    'requests.cancel': ({ requestId }) => ({ cancelled: tutor.cancel(requestId) }),
  };
}
