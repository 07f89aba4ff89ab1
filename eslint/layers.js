/**
 * The one place the architecture's layering is written and held (an ESLint rule, run by
 * `npm run lint`; test/unit/boundaries.test.ts shows it fires).
 *
 *   shared/            the contract and domain types: imports nothing of ours and no runtime
 *   electron/core/     one ordered list of floors (CORE_FLOORS, bottom first): a room imports
 *                      its own files, shared/ and rooms on strictly lower floors, so no import
 *                      runs back up and no two rooms form a circle; core.ts is the top floor
 *                      and the core's front door
 *   shells             electron/main, host, cli, preload: each imports itself, shared/,
 *                      electron/common/ and the core's front door only, never another shell
 *   electron/common/   code both shells use: shared/ and itself only
 *   renderer/          itself and shared/ only: no electron/, no Node, no database
 *
 * Packages: only electron/main and electron/preload load `electron`; the launcher and build
 * scripts may name its types but never load it (plain Node would start a binary download);
 * react belongs to the renderer; the renderer and shared/ use no Node built-ins or SQLite.
 * Tests, configs and tooling outside these folders are not held.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The core's floors, bottom first: a room is a folder of electron/core or a file at its top.
 * A new room goes on the floor above everything it imports.
 */
export const CORE_FLOORS = [
  ['util', 'settings.ts', 'data-dir.ts', 'practice'],
  ['db', 'model', 'events.ts', 'dispatcher.ts'],
  ['retrieval', 'model-settings', 'sessions', 'prompts'],
  ['library'],
  ['packs', 'navigator', 'app-info.ts'],
  ['tutor', 'authoring'],
  ['core.ts'],
];

/** The core's front door: the one core file the shells may import. */
export const CORE_FRONT_DOOR = 'electron/core/core.ts';
export const SHELLS = ['main', 'host', 'cli', 'preload'];
/** Files in a held folder that are build scripts rather than part of it. */
const EXEMPT = new Set(['shared/packs/write-json-schema.ts']);

const floorOf = new Map(CORE_FLOORS.flatMap((rooms, i) => rooms.map((room) => [room, i + 1])));
const NODE_BUILTINS = new Set(builtinModules);

/** Where a repository path sits: a core room, a shell, common, renderer, shared, tooling, or outside. */
export function placeOf(relPath) {
  const p = relPath.split(path.sep).join('/');
  if (EXEMPT.has(p)) return { kind: 'outside' };
  if (p.startsWith('shared/')) return { kind: 'shared', name: 'shared/' };
  if (p.startsWith('renderer/')) return { kind: 'renderer', name: 'renderer/' };
  if (p.startsWith('electron/core/')) {
    const rest = p.slice('electron/core/'.length);
    const slash = rest.indexOf('/');
    let room = slash >= 0 ? rest.slice(0, slash) : rest;
    if (slash < 0) {
      // A specifier names the built file (`../events.js`); the room is the source file.
      const bare = room.replace(/\.(js|mjs|cjs|ts|mts|cts|tsx)$/, '');
      if (bare !== room || floorOf.has(`${bare}.ts`)) room = `${bare}.ts`;
    }
    return { kind: 'core', room, floor: floorOf.get(room) ?? null, name: `electron/core/${room}${room.endsWith('.ts') ? '' : '/'}`, frontDoor: `electron/core/${room}` === CORE_FRONT_DOOR };
  }
  if (p.startsWith('electron/common/')) return { kind: 'common', name: 'electron/common/' };
  for (const shell of SHELLS) if (p.startsWith(`electron/${shell}/`)) return { kind: 'shell', shell, name: `electron/${shell}/` };
  if (p.startsWith('electron/')) return { kind: 'tooling', name: 'electron/ (launcher, build)' };
  return { kind: 'outside' };
}

/** Why `from` may not import `to` (both places), or null when it may. */
export function relativeProblem(from, to) {
  if (to.kind === 'outside') return from.kind === 'tooling' ? null : `${from.name} imports only inside the app's folders`;
  switch (from.kind) {
    case 'shared':
      return to.kind === 'shared' ? null : 'shared/ imports neither side';
    case 'renderer':
      return to.kind === 'renderer' || to.kind === 'shared' ? null : 'the renderer talks to the core only through `api` (it imports renderer/ and shared/ only)';
    case 'common':
      return to.kind === 'common' || to.kind === 'shared' ? null : 'electron/common/ is used by both shells and imports only shared/ and itself';
    case 'shell':
      if (to.kind === 'shared' || to.kind === 'common') return null;
      if (to.kind === 'shell' && to.shell === from.shell) return null;
      if (to.kind === 'core' && to.frontDoor) return null;
      if (to.kind === 'core') return `shells reach the core only through its front door, ${CORE_FRONT_DOOR} (export what is needed there)`;
      if (to.kind === 'shell') return `one shell never imports another: move what both use to electron/common/`;
      return `${from.name} imports only itself, shared/, electron/common/ and ${CORE_FRONT_DOOR}`;
    case 'core':
      if (from.floor === null) return `${from.name} is on no floor: add it to CORE_FLOORS in eslint/layers.js`;
      if (to.kind === 'shared') return null;
      if (to.kind !== 'core') return 'the core imports only itself and shared/ (never a shell, electron/common/ or the renderer)';
      if (to.room === from.room) return null;
      if (to.floor === null) return `${to.name} is on no floor: add it to CORE_FLOORS in eslint/layers.js`;
      if (to.floor < from.floor) return null;
      return to.floor === from.floor
        ? `${from.name} and ${to.name} share floor ${from.floor}: rooms on one floor do not import each other (no circles); put one above the other in CORE_FLOORS`
        : `${to.name} is on floor ${to.floor}, above ${from.name} on floor ${from.floor}: imports run down the floors only`;
    default:
      return null;
  }
}

/** Why `from` may not import the package `spec` (typeOnly: `import type`), or null. */
export function packageProblem(from, spec, typeOnly) {
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  const isNode = spec.startsWith('node:') || NODE_BUILTINS.has(name);
  if (name === 'electron') {
    if (from.kind === 'shell' && (from.shell === 'main' || from.shell === 'preload')) return null;
    if (from.kind === 'tooling' && typeOnly) return null;
    if (from.kind === 'outside') return null;
    return 'only electron/main and electron/preload load electron (the rest runs in plain Node or the browser)';
  }
  if ((name === 'react' || name === 'react-dom') && from.kind !== 'renderer' && from.kind !== 'outside' && from.kind !== 'tooling') {
    return `${from.name} has no UI: react belongs to the renderer`;
  }
  if (from.kind === 'renderer' && (isNode || name === 'better-sqlite3')) return 'the renderer runs in a browser: no Node built-ins or database (it talks only to `api`)';
  if (from.kind === 'shared' && (isNode || name === 'better-sqlite3' || name === 'react')) return 'shared/ is runtime-free: no Node built-ins, database or UI';
  return null;
}

const literal = (node) => (node && node.type === 'Literal' && typeof node.value === 'string' ? node.value : null);

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layering in eslint/layers.js: down the core floors, shells through the front door' },
    schema: [],
    messages: { layer: '{{from}} may not import "{{spec}}": {{why}}.' },
  },
  create(context) {
    const file = path.resolve(context.physicalFilename ?? context.filename);
    const from = placeOf(path.relative(ROOT, file));
    if (from.kind === 'outside') return {};

    const check = (node, spec, typeOnly) => {
      if (spec === null) return;
      let why;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = path.resolve(path.dirname(file), spec);
        why = relativeProblem(from, placeOf(path.relative(ROOT, target)));
      } else {
        why = packageProblem(from, spec, typeOnly);
      }
      if (why) context.report({ node, messageId: 'layer', data: { from: from.name, spec, why } });
    };
    const allTypes = (node) =>
      node.importKind === 'type' || node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

    return {
      ImportDeclaration: (node) => check(node.source, literal(node.source), allTypes(node)),
      ExportNamedDeclaration: (node) => node.source && check(node.source, literal(node.source), allTypes(node)),
      ExportAllDeclaration: (node) => check(node.source, literal(node.source), node.exportKind === 'type'),
      ImportExpression: (node) => check(node.source, literal(node.source), false),
      TSImportType: (node) => check(node, literal(node.argument?.literal ?? node.argument), true),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
          check(node.arguments[0], literal(node.arguments[0]), false);
        }
      },
    };
  },
};

export const layersPlugin = { rules: { imports: layersRule } };
