/**
 * The answer checker never holds the event loop: CAS bombs are refused cheaply or stopped by
 * the worker's budget, the quick path is bounded and agrees with the CAS where it decides, and
 * the worker runs both from source (tsx) and bundled (as electron/build/bundle.ts builds it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions } from '../../../../../electron/build/bundle.js';
import { CasPool, casPool } from '../../../../../electron/core/tutor/answer/cas-pool.js';
import { checkAnswer, compareAnswers, compareAnswersQuick } from '../../../../../electron/core/tutor/answer/index.js';
import { casRisk } from '../../../../../electron/core/tutor/answer/risk.js';
import { english } from '../../../../../shared/messages.js';

/** The check's words in English (they travel as a coded message). */
const detailText = (c: { detail?: Parameters<typeof english>[0] }) => (c.detail ? english(c.detail) : '');

const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const BOMBS = ['9^{9^{9^{9}}}', '\\sum_{n=1}^{10^{12}} n', '9^{9^{9}}', '(10^{6})!', '\\prod_{k=1}^{10^{9}} k', '\\binom{10^{9}}{5000}', '2^{10^{8}}'];

/** Runs `fn` while a 10 ms timer measures how late the event loop lets it fire. */
async function maxLoopDelay<T>(fn: () => Promise<T>): Promise<{ result: T; delayMs: number; elapsedMs: number }> {
  let delayMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    delayMs = Math.max(delayMs, now - last - 10);
    last = now;
  }, 10);
  const start = performance.now();
  try {
    const result = await fn();
    return { result, delayMs, elapsedMs: performance.now() - start };
  } finally {
    clearInterval(timer);
  }
}

const pools: CasPool[] = [];
let bundleDir = '';
let bundledWorker = '';

/** The worker built exactly as the app's bundle builds it, beside a node_modules like out/main's. */
beforeAll(async () => {
  bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-cas-bundle-'));
  const options = bundleOptions(repoRoot, bundleDir).casWorker;
  await build({ ...options, sourcemap: false });
  bundledWorker = options.outfile as string;
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(bundleDir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(bundleDir, 'package.json'), '{"type":"module"}\n');
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  if (bundleDir) fs.rmSync(bundleDir, { recursive: true, force: true });
});

describe('CAS bombs', () => {
  it('are recognised by the cheap screen, normal answers are not', () => {
    for (const bomb of BOMBS) expect(casRisk(bomb), bomb).not.toBeNull();
    for (const fine of ['2^{10}', '\\frac{\\sqrt{3}}{2}', '\\sum_{k=1}^{10}k^2', '\\binom{10}{3}', 'x^{2}+2x+1', '2^{2024}', 'e^{x^2}', '5!']) {
      expect(casRisk(fine), fine).toBeNull();
    }
  });

  it('as a reference or as an answer, come back at once as "could not check", without holding the event loop', async () => {
    for (const bomb of BOMBS) {
      for (const [submitted, reference] of [['3', bomb], [bomb, '3']] as const) {
        const { result, delayMs, elapsedMs } = await maxLoopDelay(() => checkAnswer(submitted, reference));
        expect(result.verdict, `${submitted} vs ${reference}`).toBe('unparseable');
        expect(detailText(result)).toMatch(/check(ed)? automatically/);
        expect(elapsedMs).toBeLessThan(2_000);
        expect(delayMs).toBeLessThan(200);
      }
    }
    // The same bomb typed by the learner and given as the reference is simply equal text.
    expect((await checkAnswer('9^{9^{9^{9}}}', '9^{9^{9^{9}}}')).verdict).toBe('correct');
  });

  it('sent straight to the worker (past the screen) are stopped by the budget, and the next check still works', async () => {
    // The bundled worker starts in well under a second (from source, tsx takes seconds).
    // This test is about the replacement worker, so it waits for it however long it takes to start.
    const pool = new CasPool({ budgetMs: 1_000, workerFile: bundledWorker, restartWaitMs: 30_000 });
    pools.push(pool);
    expect((await pool.compare('x+1', '1+x'))?.verdict).toBe('correct'); // started and warm
    for (const [i, bomb] of ['9^{9^{9^{9}}}', '\\sum_{n=1}^{10^{12}} n'].entries()) {
      const { result, delayMs, elapsedMs } = await maxLoopDelay(() => pool.compare('3', bomb));
      expect(result).toBeNull();
      // The second waits for the replacement worker to start (seconds under tsx), never the loop.
      if (i === 0) expect(elapsedMs).toBeLessThan(3_000);
      expect(delayMs).toBeLessThan(200);
    }
    expect(pool.stats.overruns + pool.stats.failures).toBe(2);
    expect((await pool.compare('\\sqrt{12}', '2\\sqrt{3}'))?.verdict).toBe('equivalent_form');
    expect(pool.stats.started).toBe(3);
  }, 60_000);
});

describe('after an overrun', () => {
  it('a check waits for the replacement worker at most restartWaitMs, then falls back (null), and the replacement serves later checks', async () => {
    const pool = new CasPool({ budgetMs: 1_000, workerFile: bundledWorker, restartWaitMs: 1 });
    pools.push(pool);
    expect((await pool.compare('x+1', '1+x'))?.verdict).toBe('correct');
    expect(await pool.compare('3', '9^{9^{9^{9}}}')).toBeNull(); // overrun: the worker is replaced
    const started = performance.now();
    expect(await pool.compare('\\sqrt{12}', '2\\sqrt{3}')).toBeNull(); // the replacement is not up within 1 ms
    expect(performance.now() - started).toBeLessThan(500);
    let later = null;
    for (let i = 0; i < 100 && !later; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      later = await pool.compare('\\sqrt{12}', '2\\sqrt{3}');
    }
    expect(later?.verdict).toBe('equivalent_form');
    expect(pool.stats.started).toBe(2);
  }, 60_000);
});

describe('checkAnswer through the worker', () => {
  it('gives the CAS verdicts (symbolic and numeric) and keeps the event loop free', async () => {
    await checkAnswer('x+1', '1+x'); // the shared worker's cold start is not what is measured
    const { result, delayMs } = await maxLoopDelay(() => checkAnswer('\\sqrt{12}', '2\\sqrt{3}'));
    expect(result).toMatchObject({ verdict: 'equivalent_form', method: 'symbolic' });
    expect(delayMs).toBeLessThan(200);
    expect((await checkAnswer('2^{n+2}-5', '4\\cdot 2^n - 5')).method).toBe('numeric');
    // What the quick path cannot tell (or reads as text) still goes to the CAS.
    expect((await checkAnswer('xy', 'yx')).verdict).toBe('correct');
    expect((await checkAnswer('\\sin^2 x + \\cos^2 x', '1')).verdict).not.toBe('incorrect');
    expect(casPool().stats.completed).toBeGreaterThan(0);
  }, 60_000);

  it('answers too long to compare are refused before normalising, with a clear message', async () => {
    const long = `${'1+'.repeat(5_000)}1`;
    const started = performance.now();
    const result = await checkAnswer(long, '10001');
    expect(result.verdict).toBe('unparseable');
    expect(detailText(result)).toMatch(/too long/);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('compareAnswersQuick (synchronous, no CAS)', () => {
  const PAIRS: [string, string][] = [
    ['\\frac{1}{2}', '0.5'],
    ['0.5', '\\frac{1}{2}'],
    ['x+1', '1+x'],
    ['(x-1)(x+1)', 'x^2-1'],
    ['\\sqrt{12}', '2\\sqrt{3}'],
    ['2\\pi', '\\pi+\\pi'],
    ['3', '4'],
    ['\\frac{2}{4}', '\\frac{1}{2}'],
    ['y=2x+3', '2x-y+3=0'],
    ['(1,2)', '(1, 2)'],
    ['(2,1)', '(1,2)'],
    ['\\{1,2\\}', '\\{2,1\\}'],
    ['x^2', 'x^3'],
    ['e^{x}', '\\exp(x)'],
    ['\\sin x', '\\cos x'],
    ['5!', '120'],
    ['-3', '3'],
    ['even', 'odd'],
    ['2^{n+2}-5', '4\\cdot 2^n - 5'],
    ['\\frac{1}{\\sqrt{2}}', '\\frac{\\sqrt{2}}{2}'],
  ];

  it('never contradicts the CAS: where it decides, correct/incorrect agree with compareAnswers', () => {
    let decided = 0;
    for (const [sub, ref] of PAIRS) {
      const quick = compareAnswersQuick(sub, ref);
      if (quick.verdict === 'unparseable') continue;
      decided++;
      const full = compareAnswers(sub, ref);
      const right = (v: string) => v === 'correct' || v === 'equivalent_form';
      expect(right(quick.verdict), `${sub} vs ${ref}: quick ${quick.verdict}, CAS ${full.verdict}`).toBe(right(full.verdict));
    }
    expect(decided).toBeGreaterThanOrEqual(PAIRS.length - 2);
  });

  it('is bounded on bombs and long input: a few ms, "could not decide" instead of a guess', () => {
    for (const bomb of [...BOMBS, `${'('.repeat(5_000)}1${')'.repeat(5_000)}`, '\\sqrt{'.repeat(2_000), '-'.repeat(3_000)]) {
      const started = performance.now();
      const result = compareAnswersQuick('3', bomb);
      expect(performance.now() - started, bomb.slice(0, 40)).toBeLessThan(50);
      expect(result.verdict).toBe('unparseable');
    }
  });
});

describe('the bundled worker', () => {
  it('builds as its own entry (out/main/cas-worker.mjs) and runs comparisons', async () => {
    expect(path.basename(bundledWorker)).toBe('cas-worker.mjs');
    expect(path.basename(path.dirname(bundledWorker))).toBe('main');
    const pool = new CasPool({ workerFile: bundledWorker });
    pools.push(pool);
    expect(await pool.compare('\\frac{2}{4}', '\\frac{1}{2}')).toMatchObject({ verdict: 'equivalent_form', method: 'symbolic' });
  }, 60_000);

  it('without any worker file, checks still answer from the quick path', async () => {
    const pool = new CasPool({ workerFile: null });
    expect(pool.available).toBe(false);
    expect(await pool.compare('1', '1')).toBeNull();
  });
});
