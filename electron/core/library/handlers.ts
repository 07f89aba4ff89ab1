/** The contract methods that read the library (packs, topics, templates, search, tags). */
import type { Handlers } from '../dispatcher.js';
import type { Library } from './library.js';

export type LibraryHandlers = { [M in keyof Handlers as M extends `library.${string}` ? M : never]: Handlers[M] };

export function createLibraryHandlers(library: Library): LibraryHandlers {
  return {
    'library.listPacks': () => library.listPacks(),
    'library.topicTree': ({ packId }) => library.topicTree(packId),
    'library.listTemplates': (input) => library.listTemplates(input),
    'library.search': (input) => library.search(input),
    'library.getTemplate': ({ id }) => library.getTemplate(id),
    'library.tags': ({ packId }) => library.tags(packId),
  };
}
