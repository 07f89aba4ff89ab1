/**
 * Pack parse/validate on a worker thread: the same result (and the same failures) as on the
 * main thread, a clear error when a check runs over its time budget (and a fresh worker for
 * the next file), and a main thread that keeps ticking while a large pack is being checked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build } from 'esbuild';
import { bundleOptions } from '../../../../electron/build/bundle.js';
import { PACK_WORKER_BUNDLE, PackChecker, defaultBudgetMs } from '../../../../electron/core/packs/off-thread.js';
import { createCore } from '../../../../electron/core/core.js';
import { encodeTemplate } from '../../../../electron/core/packs/template-encoding.js';
import { parsePackFile } from '../../../../electron/core/packs/parse.js';
import { generatePack } from '../../../bench/generate-pack.js';
import { REPO_ROOT, asyncFailureOf, issuesOf } from './helpers.js';

const VALID_SMALL = fs.readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/packs/valid-small.json'), 'utf8');
const checker = new PackChecker();
afterAll(() => checker.close());

describe('pack checks on a worker thread', () => {
  it('give what parsePackFile gives on the main thread', async () => {
    const { encoded, ...parsed } = await checker.check('valid-small.json', VALID_SMALL);
    expect(parsed).toEqual(parsePackFile('valid-small.json', VALID_SMALL));
    // The templates come back encoded for storage too, as the main thread would encode them.
    expect(encoded).toEqual(parsed.pack.templates.map(encodeTemplate));
    const renamed = await checker.check('valid-small.json', VALID_SMALL, { packId: 'my-copy' });
    expect(renamed.pack.id).toBe('my-copy');
  }, 60_000);

  it('refuse a bad pack with the same AppError, issues and paths', async () => {
    const bad = VALID_SMALL.replace('"balance-a-linear-equation"', '"Bad Id!"');
    const error = await asyncFailureOf(() => checker.check('bad.json', bad));
    expect(error.code).toBe('pack_invalid');
    expect(issuesOf(error)).toContainEqual(expect.objectContaining({ path: 'templates[0].id', rule: 'bad_id' }));
  }, 60_000);

  it('stop a check over its budget with a clear error, then check the next file on a fresh worker', async () => {
    await checker.check('warm-up.json', VALID_SMALL); // the worker is running
    const big = JSON.stringify(generatePack(20_000, 7, 'slow-pack'));
    const started = performance.now();
    const error = await asyncFailureOf(() => checker.check('slow.json', big, { budgetMs: 50 }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('pack_unreadable');
    expect(error.message).toBe('slow.json: the pack took too long to check; it may be damaged');
    expect(error.action).toBeTruthy();
    const next = await checker.check('valid-small.json', VALID_SMALL);
    expect(next.pack.id).toBe('sample-small');
  }, 60_000);

  it('leave the main thread free while a large pack is checked', async () => {
    const big = JSON.stringify(generatePack(20_000, 8, 'big-pack'));
    await checker.check('warm-up.json', VALID_SMALL);
    let last = performance.now();
    let maxGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const parsed = await checker.check('big.json', big);
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(parsed.pack.templates).toHaveLength(20_000);
    // The check itself takes far longer than any gap: the main thread only receives the result.
    expect(maxGap, `longest main-thread gap during a ${Math.round(took)} ms check`).toBeLessThan(Math.max(500, took / 2));
  }, 120_000);

  it('through the core, a 20,000-template preview leaves the event loop free (no gap over 2 s; on the main thread its check alone takes longer)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-off-thread-'));
    const core = createCore({ dataDir: dir, shell: 'cli', skipBuiltIns: true });
    try {
      await core.dispatch('packs.previewImport', { fileName: 'warm.json', content: VALID_SMALL });
      const big = JSON.stringify(generatePack(20_000, 9, 'core-big-pack'));
      let last = performance.now();
      let maxGap = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - last);
        last = now;
      }, 10);
      const started = performance.now();
      const r = await core.dispatch('packs.previewImport', { fileName: 'big.json', content: big });
      const took = performance.now() - started;
      clearInterval(ticker);
      expect(r.ok && (r.value as { counts: { added: number } }).counts.added).toBe(20_000);
      expect(maxGap, `longest event-loop gap during a ${Math.round(took)} ms preview`).toBeLessThan(2_000);
    } finally {
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('run from the worker file the app bundle ships (pack-check-worker.mjs beside main.mjs)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-pack-bundle-'));
    const bundled = new PackChecker({ workerFile: path.join(dir, 'main', PACK_WORKER_BUNDLE) });
    try {
      const options = bundleOptions(REPO_ROOT, dir).packWorker;
      expect(options.outfile).toBe(path.join(dir, 'main', PACK_WORKER_BUNDLE));
      await build({ ...options, sourcemap: false });
      // Beside a node_modules, as out/main is in the app (npm packages stay external).
      fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
      const { encoded, ...parsed } = await bundled.check('valid-small.json', VALID_SMALL);
      expect(parsed).toEqual(parsePackFile('valid-small.json', VALID_SMALL));
      expect(encoded).toHaveLength(parsed.pack.templates.length);
      const error = await asyncFailureOf(() => bundled.check('bad.json', '{"format": 1}'));
      expect(error.code).toBe('pack_invalid');
    } finally {
      bundled.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('fall back to checking on the main thread, with the same results, when no worker can start', async () => {
    const broken = new PackChecker({ workerFile: path.join(os.tmpdir(), 'no-such-pack-worker.mjs') });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { encoded, ...parsed } = await broken.check('valid-small.json', VALID_SMALL);
      expect(encoded).toBeUndefined();
      expect(parsed).toEqual(parsePackFile('valid-small.json', VALID_SMALL));
      expect((await asyncFailureOf(() => broken.check('bad.json', '{"format": 1}'))).code).toBe('pack_invalid');
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("the pack checker's worker could not start"));
    } finally {
      logged.mockRestore();
      broken.close();
    }
  }, 60_000);

  it('budget grows with the file: 10 s plus 1 s per MB', () => {
    expect(defaultBudgetMs(1000)).toBe(11_000);
    expect(defaultBudgetMs(160 * 1024 * 1024)).toBe(170_000);
  });
});
