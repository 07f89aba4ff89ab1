/**
 * Every file of the malformed-pack corpus, imported through the real core (dispatch of
 * packs.previewImport and packs.applyImport on a library with packs installed), is refused
 * with its expected error, a readable message and a next action, and leaves the database
 * exactly as it was: the same rows in every pack table, the same FTS row counts, and the same
 * bytes on disk after a checkpoint. Path-like strings in a pack are only ever text.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../../shared/domain.js';
import type { AppError } from '../../../shared/result.js';
import { databaseFile } from '../../../electron/core/data-dir.js';
import { readPackFile } from '../../../electron/core/packs/read-file.js';
import type { Core } from '../../../electron/core/core.js';
import { generatePack } from '../../bench/generate-pack.js';
import { hostilePacks } from '../../bench/hostile-packs.js';
import { MALFORMED_DIR, listMalformedCases } from '../core/packs/malformed-cases.js';
import { builtInPackIds, dumpLibrary, offlineCore, sha256File, tempDataDir } from './support/library-state.js';

const cases = listMalformedCases();
const expectedExtras = JSON.parse(fs.readFileSync(path.join(MALFORMED_DIR, 'expected.json'), 'utf8')) as Record<string, { readFileMessage?: string }>;
const VALID_SMALL = path.resolve(import.meta.dirname, '../../fixtures/packs/valid-small.json');

let dataDir: string;
let core: Core;
let reader: Database.Database;
let baseline: { dump: ReturnType<typeof dumpLibrary>; sha: string };

/** Fold the WAL into the main file (the core is idle), then hash the file. */
function checkpointAndHash(): string {
  const [row] = reader.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  expect(row!.busy, 'checkpoint was not blocked').toBe(0);
  return sha256File(databaseFile(dataDir));
}

beforeAll(async () => {
  dataDir = tempDataDir('rf-bad-input-');
  core = offlineCore(dataDir);
  for (const [fileName, content] of [
    ['valid-small.json', fs.readFileSync(VALID_SMALL, 'utf8')],
    ['generated.json', JSON.stringify(generatePack(300, 3, 'generated'))],
  ] as const) {
    const r = await core.dispatch('packs.applyImport', { fileName, content });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }
  reader = new Database(databaseFile(dataDir));
  baseline = { dump: dumpLibrary(reader), sha: checkpointAndHash() };
  expect(baseline.dump.packs.length).toBe(builtInPackIds().length + 2); // the built-ins, sample-small, generated
  expect(baseline.dump.problems.length).toBeGreaterThan(0);
});
afterAll(() => {
  reader?.close();
  core?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function expectReadableError(error: AppError, fileName: string) {
  expect(error.code).toMatch(/^[a-z_]+$/);
  expect(error.message.length).toBeGreaterThan(10);
  expect(error.message, 'no stack trace in a message').not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(error.action, 'every failure says what to do next').toBeTruthy();
  if (fileName.includes('/')) expect(error.message).not.toContain(fileName);
}

const isUtf8 = (bytes: Buffer) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('every malformed pack, imported through the real core', () => {
  it('the corpus has at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s is refused and changes nothing', async (_name, c) => {
    const bytes = fs.readFileSync(path.join(MALFORMED_DIR, c.file));
    if (!isUtf8(bytes)) {
      // Binary files reach the core through readPackFile, which names the bad byte.
      const read = await readPackFile(path.join(MALFORMED_DIR, c.file)).then(
        () => null,
        (err: { error: AppError }) => err.error,
      );
      expect(read?.code).toBe('pack_unreadable');
      expect(read?.message).toContain(expectedExtras[c.file]?.readFileMessage ?? 'is not UTF-8 text');
      expectReadableError(read!, c.file);
    }
    for (const method of ['packs.previewImport', 'packs.applyImport'] as const) {
      // Also through a path-like file name: only its last part may ever be used.
      for (const fileName of [c.file, `../../../../tmp/${c.file}`]) {
        const r = await core.dispatch(method, { fileName, content: c.content, ...(method === 'packs.applyImport' ? { force: true } : {}) });
        expect(r.ok, `${method} accepted ${c.file}`).toBe(false);
        if (r.ok) continue;
        expect(r.error.code).toBe(c.expected.code);
        expectReadableError(r.error, fileName);
        if (c.expected.message && r.error.code !== 'pack_invalid') expect(r.error.message).toContain(c.expected.message);
      }
    }
    expect(dumpLibrary(reader)).toEqual(baseline.dump);
    expect(checkpointAndHash()).toBe(baseline.sha);
  });

  it('Object.prototype was not polluted by any of them', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

/**
 * The same broken template placed SECOND, after a valid one: large packs may be checked by a
 * faster path than the first template's, and both must refuse the same things.
 */
function withValidTemplateFirst(content: string): string | null {
  let pack: { templates?: unknown; topics?: unknown };
  try {
    pack = JSON.parse(content) as typeof pack;
  } catch {
    return null;
  }
  const topic = Array.isArray(pack.topics) ? (pack.topics[0] as { chapter?: unknown; sections?: unknown } | undefined) : undefined;
  const section = Array.isArray(topic?.sections) ? topic.sections[0] : undefined;
  if (!Array.isArray(pack.templates) || pack.templates.length !== 1 || typeof topic?.chapter !== 'string' || typeof section !== 'string') return null;
  const padding = {
    id: 'padding-first',
    name: 'A valid template placed first',
    type: 'method',
    chapter: topic.chapter,
    section,
    tags: ['padding'],
    description: 'Valid, so only the second template is wrong.',
    scope: ['Anything.'],
    steps: ['Do the thing.'],
    examples: [],
  };
  // Re-serialised: fine, the broken value itself is unchanged (duplicate JSON keys are already resolved).
  return JSON.stringify({ ...pack, templates: [padding, ...pack.templates] });
}

describe('a broken template after a valid one is refused the same way', () => {
  const shifted = cases
    .filter((c) => c.expected.code === 'pack_invalid' && c.file.endsWith('.json'))
    .map((c) => ({ c, content: withValidTemplateFirst(c.content) }))
    // Re-serialising resolves duplicate keys, so those cases cannot be shifted.
    .filter((x): x is { c: (typeof cases)[number]; content: string } => x.content !== null && (x.c.expected.issues ?? []).every((i) => i.path.startsWith('templates[0]') && i.rule !== 'duplicate_key') && (x.c.expected.issues ?? []).length > 0);

  it('covers the template-level cases of the corpus', () => {
    expect(shifted.length).toBeGreaterThanOrEqual(25);
  });

  it.each(shifted.map((x) => [x.c.file, x] as const))('%s, second of two templates', async (_name, { c, content }) => {
    const r = await core.dispatch('packs.applyImport', { fileName: c.file, content, force: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('pack_invalid');
    const issues = (r.error.details as { issues: { path: string; rule: string }[] }).issues.map((i) => ({ path: i.path, rule: i.rule }));
    for (const want of c.expected.issues ?? []) expect(issues).toContainEqual({ ...want, path: want.path.replace('templates[0]', 'templates[1]') });
    expect(dumpLibrary(reader)).toEqual(baseline.dump);
  });
});

describe('path-like strings inside a pack are only text', () => {
  // A Windows path with backslashes (`..\\Windows\\System32`) reads as TeX commands, which packs
  // may only use from the TeX allowlist: it is refused (tested below), so the drive form is used here.
  const PATHS = ['../../../../etc/passwd', 'C:/Windows/System32/config', 'file:///etc/shadow', '/dev/zero', '~/.ssh/id_rsa'];

  it('a backslash path is refused as TeX off the allowlist, with its path, and changes nothing', async () => {
    const pack = JSON.parse(fs.readFileSync(VALID_SMALL, 'utf8')) as Record<string, unknown> & { templates: Record<string, unknown>[] };
    pack.id = 'backslash-path';
    pack.templates[0]!.description = 'See ..\\..\\Windows\\System32\\config for details.';
    const r = await core.dispatch('packs.applyImport', { fileName: 'pack.json', content: JSON.stringify(pack) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details).toMatchObject({ issues: [{ path: 'templates[0].description', rule: 'unsafe_tex' }] });
    expect(dumpLibrary(reader)).toEqual(baseline.dump);
  });

  it('are stored and shown verbatim, never opened or created; the export name comes from the pack id', async () => {
    const before = new Set(fs.readdirSync(path.dirname(dataDir)));
    const pack = JSON.parse(fs.readFileSync(VALID_SMALL, 'utf8')) as Record<string, unknown> & { templates: Record<string, unknown>[] };
    pack.id = 'path-strings';
    pack.$schema = PATHS[0];
    pack.attribution = `Copied from ${PATHS[2]}`;
    pack.templates[0]!.license = PATHS[4];
    pack.templates[0]!.tags = PATHS.slice(0, 4);
    pack.templates[0]!.description = `Paths such as ${PATHS.join(' and ')} are just words here.`;
    const r = await core.dispatch('packs.applyImport', { fileName: '../../../../../tmp/evil/../pack.json', content: JSON.stringify(pack) });
    expect(r.ok, JSON.stringify(r)).toBe(true);

    const t = await core.dispatch('library.getTemplate', { id: `path-strings/${pack.templates[0]!.id as string}` });
    expect(t.ok).toBe(true);
    const template = (t as { value: Template }).value;
    expect(template.tags).toEqual(PATHS.slice(0, 4));
    expect(template.description).toContain(PATHS[1]);
    const exported = await core.dispatch('packs.export', { packId: 'path-strings' });
    expect(exported.ok).toBe(true);
    const { fileName, content } = (exported as { value: { fileName: string; content: string } }).value;
    expect(fileName).toBe('path-strings-1.0.0.json');
    expect((JSON.parse(content) as { $schema: string }).$schema).toBe(PATHS[0]);

    // Nothing appeared next to the data dir, and the data dir holds only the library files.
    expect(new Set(fs.readdirSync(path.dirname(dataDir)))).toEqual(before);
    expect(fs.readdirSync(dataDir).every((f) => f.startsWith('library.sqlite'))).toBe(true);
    expect(fs.existsSync('/tmp/evil')).toBe(false);

    const removed = await core.dispatch('packs.remove', { packId: 'path-strings' });
    expect(removed.ok).toBe(true);
    expect(dumpLibrary(reader)).toEqual(baseline.dump);
  });
});

describe('packs that would take a built-in pack\'s place, or stall the reader', () => {
  const coreFile = path.resolve(import.meta.dirname, '../../../resources/packs/core.json');
  const shippedCore = () => JSON.parse(fs.readFileSync(coreFile, 'utf8')) as Record<string, unknown> & { templates: unknown[] };

  const impostors: [string, string][] = [
    ['"core" with a higher version', JSON.stringify({ ...shippedCore(), version: '99.0.0', templates: shippedCore().templates.slice(0, 1) })],
    ['"starter" with other content, same version', JSON.stringify({ ...shippedCore(), id: 'starter', version: '1.0.0', templates: shippedCore().templates.slice(0, 2) })],
    ['a second "id" key saying "core"', JSON.stringify({ ...shippedCore(), id: 'innocent', version: '99.0.0' }).replace('"id":"innocent"', '"id":"innocent","id":"core"')],
  ];

  it.each(impostors)('%s is refused, naming the id, and changes nothing', async (_name, content) => {
    for (const method of ['packs.previewImport', 'packs.applyImport'] as const) {
      const r = await core.dispatch(method, { fileName: 'impostor.json', content, ...(method === 'packs.applyImport' ? { force: true } : {}) });
      expect(r.ok, `${method} accepted it`).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('pack_invalid');
      expectReadableError(r.error, 'impostor.json');
      const issues = (r.error.details as { issues: { path: string; rule: string; message: string }[] }).issues;
      expect(issues.some((i) => i.path === 'id' && (i.rule === 'built_in_id' || i.rule === 'duplicate_key'))).toBe(true);
      expect([r.error.message, ...issues.map((i) => i.message)].join(' ')).toMatch(/"(core|starter|id)"/);
    }
    expect(dumpLibrary(reader)).toEqual(baseline.dump);
  });

  it.each(hostilePacks().map((p) => [p.name, p] as const))('%s is answered at once and changes nothing', async (_name, p) => {
    const started = performance.now();
    const r = await core.dispatch('packs.previewImport', { fileName: p.fileName, content: p.content });
    expect(performance.now() - started).toBeLessThan(10_000); // generous: the worker's first start is included
    if (!r.ok) {
      expect(['pack_invalid', 'pack_unreadable']).toContain(r.error.code);
      expectReadableError(r.error, p.fileName);
    }
    expect(dumpLibrary(reader)).toEqual(baseline.dump);
  });
});
