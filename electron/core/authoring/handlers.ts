/** The contract methods of template authoring (the Author screen). */
import type { Handlers } from '../dispatcher.js';
import type { AuthoringService } from './service.js';

export type AuthoringHandlers = { [M in keyof Handlers as M extends `authoring.${string}` ? M : never]: Handlers[M] };

export function createAuthoringHandlers(authoring: AuthoringService): AuthoringHandlers {
  return {
    'authoring.listDrafts': () => authoring.drafts.list(),
    'authoring.getDraft': ({ draftId }) => authoring.drafts.get(draftId),
    'authoring.saveDraft': ({ draftId, draft }) => authoring.drafts.save(draft, draftId),
    'authoring.deleteDraft': ({ draftId }) => authoring.drafts.delete(draftId),
    'authoring.validateDraft': ({ draftId }) => authoring.validate(draftId),
    'authoring.exportDraft': ({ draftId }) => authoring.export(draftId),
    'authoring.installDraft': ({ draftId, force }) => authoring.install(draftId, force),
    'authoring.draftFromPack': ({ packId }) => authoring.fromPack(packId),
  };
}
