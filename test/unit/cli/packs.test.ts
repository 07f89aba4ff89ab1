import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportOutcome, ImportPreview, PackSummary } from '../../../shared/domain.js';
import { hasStackTrace, runCli } from './run-cli.js';

const SCRIPT = 'electron/cli/packs.ts';
const PACK_ID = 'cli-test-pack';

/** A tiny pack written by the test itself, so it never depends on other fixtures. */
function tinyPack(version: string, extraTemplate = false) {
  const template = (id: string, name: string) => ({
    id,
    name,
    type: 'method',
    chapter: 'Algebra',
    section: 'Quadratic equations',
    tags: ['quadratic'],
    description: 'Rewrite $ax^2+bx+c$ so the square of a binomial appears.',
    scope: ['A quadratic expression or equation that does not factor easily.'],
    steps: ['Divide by the leading coefficient.', 'Add and subtract the square of half the linear coefficient.'],
    examples: [{ problem: 'Solve $x^2+6x+5=0$.', solution: ['$(x+3)^2 = 4$', '$x+3=\\pm 2$'], answer: '$x=-1$ or $x=-5$' }],
  });
  return {
    format: 'reasonflux-tutor-pack',
    formatVersion: 1,
    id: PACK_ID,
    version,
    name: 'CLI test pack',
    language: 'en',
    authors: ['Test author'],
    license: 'CC0-1.0',
    description: 'A pack the CLI tests write for themselves.',
    topics: [{ chapter: 'Algebra', sections: ['Quadratic equations'] }],
    templates: [
      template('complete-square', 'Completing the square'),
      ...(extraTemplate ? [template('quadratic-formula', 'Quadratic formula')] : []),
    ],
  };
}

let tmp: string;
let dataDir: string;
const file = (name: string) => path.join(tmp, name);
const packs = (...args: string[]) => runCli(SCRIPT, [...args, '--data-dir', dataDir]);

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'rf-packs-cli-'));
  dataDir = file('data');
  writeFileSync(file('v1.json'), JSON.stringify(tinyPack('1.0.0'), null, 2));
  writeFileSync(file('v1-1.json'), JSON.stringify(tinyPack('1.1.0', true), null, 2));
  const broken = tinyPack('one') as Record<string, unknown>;
  (broken.templates as Record<string, unknown>[])[0]!.steps = [];
  writeFileSync(file('broken.json'), JSON.stringify(broken, null, 2));
  writeFileSync(file('not-json.json'), '{ this is not json');
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('usage', () => {
  it('answers an unknown command with usage and exit 2', async () => {
    const run = await runCli(SCRIPT, ['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown command "frobnicate".');
    expect(run.stderr).toContain('Usage: npm run packs');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('answers a missing argument or unknown flag with exit 2, and --help with 0', async () => {
    expect((await runCli(SCRIPT, ['validate'])).code).toBe(2);
    expect((await runCli(SCRIPT, ['list', '--verbose'])).code).toBe(2);
    const help = await runCli(SCRIPT, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate FILE');
  });
});

describe('validate', () => {
  it('accepts a good file without creating a library', async () => {
    const dir = file('untouched');
    const run = await runCli(SCRIPT, ['validate', file('v1.json'), '--data-dir', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('v1.json is a valid pack.');
    expect(run.stdout).toContain(`${PACK_ID} 1.0.0`);
    expect(existsSync(dir)).toBe(false);
  });

  it('lists each problem with its path and rule, exits 1, prints no stack', async () => {
    const run = await runCli(SCRIPT, ['validate', file('broken.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Not a valid pack: .*broken\.json/m);
    expect(run.stderr).toMatch(/^ {2}templates\[0\]\.steps: .+ {2}\(rule: [a-z_]+\)$/m);
    expect(run.stderr).toMatch(/^ {2}version: .+ {2}\(rule: [a-z_]+\)$/m);
    expect(hasStackTrace(run.stderr + run.stdout)).toBe(false);
  });

  it('gives the Result as JSON with --json', async () => {
    const run = await runCli(SCRIPT, ['validate', file('broken.json'), '--json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ ok: false, error: { code: 'pack_invalid' } });
    expect(result.error.details.issues).toContainEqual(expect.objectContaining({ file: 'broken.json', path: 'templates[0].steps' }));
  });

  it('explains unreadable and missing files without a stack', async () => {
    const notJson = await runCli(SCRIPT, ['validate', file('not-json.json')]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr.length).toBeGreaterThan(0);
    expect(hasStackTrace(notJson.stderr)).toBe(false);
    const missing = await runCli(SCRIPT, ['validate', file('nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.json');
    expect(hasStackTrace(missing.stderr)).toBe(false);
  });
});

describe('preview, import, list, export, remove', () => {
  it('round-trips a pack through the library', async () => {
    const before = await packs('preview', file('v1.json'), '--json');
    expect(before.code).toBe(0);
    const preview = JSON.parse(before.stdout).value as ImportPreview;
    expect(preview).toMatchObject({ packId: PACK_ID, version: '1.0.0', installedVersion: null, action: 'install' });
    expect(preview.counts.added).toBe(1);

    const imported = await packs('import', file('v1.json'));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Pack ${PACK_ID} 1.0.0: installed.`);

    const listed = await packs('list', '--json');
    const list = JSON.parse(listed.stdout).value as PackSummary[];
    expect(list.find((p) => p.id === PACK_ID)).toMatchObject({ version: '1.0.0', name: 'CLI test pack', templateCount: 1 });
    const listText = await packs('list');
    expect(listText.stdout).toMatch(new RegExp(`^${PACK_ID}\\s+1\\.0\\.0\\s+1\\s+CLI test pack$`, 'm'));

    const update = await packs('preview', file('v1-1.json'));
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(/installed version: 1\.0\.0/);
    expect(update.stdout).toMatch(/action: +update/);
    expect(update.stdout).toMatch(/1 added, 0 changed, 0 removed, 1 unchanged/);

    expect((await packs('import', file('v1-1.json'))).code).toBe(0);
    const downgrade = await packs('import', file('v1.json'), '--json');
    expect(downgrade.code).toBe(1);
    expect(JSON.parse(downgrade.stdout)).toMatchObject({ ok: false, error: { code: 'pack_older_version' } });
    const forced = await packs('import', file('v1.json'), '--force', '--json');
    expect(forced.code).toBe(0);
    expect((JSON.parse(forced.stdout).value as ImportOutcome).action).toBe('downgraded');

    const out = file('exported.json');
    const exported = await packs('export', PACK_ID, '--out', out);
    expect(exported.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written).toMatchObject({ id: PACK_ID, version: '1.0.0', templates: [expect.objectContaining({ id: 'complete-square' })] });
    const again = await packs('export', PACK_ID, '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(again.stderr).toContain('--force');
    expect((await packs('export', PACK_ID, '--out', out, '--force')).code).toBe(0);
    // What was exported validates and imports again.
    expect((await runCli(SCRIPT, ['validate', out])).code).toBe(0);

    const removed = await packs('remove', PACK_ID);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`Removed pack ${PACK_ID} (1 template).`);
    const after = JSON.parse((await packs('list', '--json')).stdout).value as PackSummary[];
    expect(after.some((p) => p.id === PACK_ID)).toBe(false);
    const gone = await packs('remove', PACK_ID);
    expect(gone.code).toBe(1);
    expect(hasStackTrace(gone.stderr)).toBe(false);

    expect((await packs('import', out)).code).toBe(0);
  }, 240_000); // about fifteen subprocesses on a shared two-core machine
});

describe('built-in packs from the command line', () => {
  it('refuses a pack that takes a built-in id, installs it as a fork with --as, and restores a removed built-in', async () => {
    const impostor = { ...tinyPack('99.0.0'), id: 'core' };
    writeFileSync(file('impostor.json'), JSON.stringify(impostor));
    const refused = await packs('import', file('impostor.json'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"core"');
    expect(refused.stderr).toContain('--as NEW_ID');
    expect(hasStackTrace(refused.stderr)).toBe(false);

    const forked = await packs('import', file('impostor.json'), '--as', 'my-core', '--json');
    expect(forked.code).toBe(0);
    expect(JSON.parse(forked.stdout).value).toMatchObject({ packId: 'my-core', action: 'installed' });
    const list = JSON.parse((await packs('list', '--json')).stdout).value as PackSummary[];
    expect(list.find((p) => p.id === 'core')?.templateCount).toBeGreaterThan(100);

    expect((await packs('remove', 'starter')).code).toBe(0);
    const restored = await packs('restore', 'starter');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('Built-in pack starter');
    expect(restored.stdout).toContain('restored');
    expect((await runCli(SCRIPT, ['list', '--as', 'x'])).code).toBe(2);
  }, 120_000);
});
