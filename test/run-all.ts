/**
 * `npm test`: every check the project has, in one run, ending with one plain line
 * `N passed, N failed, N skipped` counted from the runners' own JSON reports.
 *   1. typecheck and lint (each counts as one check)
 *   2. unit and integration tests (vitest, plain Node, real SQLite and HTTP)
 *   3. the reference tests over third-party data (`npm run test:reference`), when
 *      ../shared/reference exists beside the repository; otherwise it says why they are skipped
 *   4. the renderer bundle build, then end-to-end tests in real Chromium (Playwright)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasReferenceData, SKIP_REASON } from './reference/reference-dir.js';

const root = path.resolve(import.meta.dirname, '..');
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-test-reports-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];
/** Said again just above the closing line, e.g. why a suite did not run. */
const notes: string[] = [];

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function check(label: string, cmd: string, args: string[]): void {
  const code = run(label, cmd, args);
  if (code === 0) totals.passed++;
  else {
    totals.failed++;
    failures.push(label);
  }
}

function ensureChromium(): string | null {
  const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(exe)) return exe;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian\'s chromium package (apt-get)…');
    run('apt-get update', 'apt-get', ['update', '-qq']);
    run('apt-get install chromium', 'apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (fs.existsSync(exe)) return exe;
  }
  console.log(`No Chromium at ${exe}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  return null;
}

// --- 1. static checks
check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);

// --- 2. and 3. vitest: the unit suite, then the reference suite when its data is there
/** Run one vitest suite with a JSON report and add its counts to the totals. */
function vitestSuite(label: string, name: string, extraArgs: string[]): void {
  const json = path.join(reportDir, `${name}.json`);
  run(label, 'npx', ['vitest', 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]);
  if (!fs.existsSync(json)) {
    totals.failed++;
    failures.push(`${name} produced no report`);
    return;
  }
  const r = JSON.parse(fs.readFileSync(json, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
    testResults: { name: string; status: string; message?: string; assertionResults: { status: string; fullName: string }[] }[];
  };
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  for (const file of r.testResults) {
    for (const a of file.assertionResults) if (a.status === 'failed') failures.push(`${name}: ${a.fullName}`);
    // A file that fails to load has no assertion results but must still count as a failure.
    if (file.status === 'failed' && file.assertionResults.every((a) => a.status !== 'failed')) {
      totals.failed++;
      failures.push(`${name}: ${path.relative(root, file.name)} failed to run`);
    }
  }
}

vitestSuite('unit and integration tests', 'vitest', []);
if (hasReferenceData()) {
  vitestSuite('reference tests (third-party data)', 'vitest-reference', ['--config', 'vitest.reference.config.ts']);
} else {
  console.log(`\n=== reference tests: ${SKIP_REASON}`);
  notes.push(SKIP_REASON);
}

// --- 4. renderer build + end to end
const chromium = ensureChromium();
const built = run('renderer build', 'npx', ['vite', 'build', '--logLevel', 'warn']) === 0;
if (!built) {
  totals.failed++;
  failures.push('renderer build');
}
if (chromium && built) {
  const pwJson = path.join(reportDir, 'playwright.json');
  run('end-to-end tests (Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
    CHROMIUM_PATH: chromium,
  });
  if (fs.existsSync(pwJson)) {
    const r = JSON.parse(fs.readFileSync(pwJson, 'utf8')) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
      errors?: { message?: string }[];
    };
    totals.passed += r.stats.expected + r.stats.flaky;
    totals.failed += r.stats.unexpected;
    totals.skipped += r.stats.skipped;
    if (r.stats.unexpected) failures.push(`playwright: ${r.stats.unexpected} failed`);
    if (r.errors?.length) {
      totals.failed += r.errors.length;
      failures.push(...r.errors.map((e) => `playwright: ${(e.message ?? '').split('\n')[0]}`));
    }
  } else {
    totals.failed++;
    failures.push('playwright produced no report');
  }
} else if (!chromium) {
  totals.failed++;
  failures.push('end-to-end tests could not run: no Chromium');
}

fs.rmSync(reportDir, { recursive: true, force: true });
if (failures.length) console.log(`\nFailed:\n  ${failures.join('\n  ')}`);
for (const note of notes) console.log(`\nNote: ${note}`);
if (totals.passed + totals.failed === 0) {
  console.log('No tests ran.');
  process.exitCode = 1;
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.failed > 0) process.exitCode = 1;
