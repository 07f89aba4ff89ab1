/**
 * The real Solve screen in headless Chromium, served by the real browser host (a subprocess,
 * as a user runs it) and talking to the scripted model server in this process. The renderer
 * is built into a private temp folder first, so a parallel build of dist/renderer cannot race.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startModelServer, type ModelServer, type RecordedRequest, type ReplySpec } from '../../support/model-server.js';
import { NO_MODEL_ENV, repoRoot, startHost, type E2eHost } from '../../e2e/support/host.js';
import { armFirstTextProbe, type FirstText } from './page-probes.js';
import { promptKind, type PromptKind } from './replies.js';

/** The same launch flags as playwright.config.ts (Debian's Chromium, never a download). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface SolveUi {
  server: ModelServer;
  host: E2eHost;
  browser: Browser;
  page: Page;
  /** How the scripted server answers each prompt kind (replace per scenario). */
  setReplies(fn: (req: RecordedRequest, kind: PromptKind) => ReplySpec): void;
  close(): Promise<void>;
}

export async function startSolveUi(): Promise<SolveUi> {
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-renderer-'));
  execFileSync('npx', ['vite', 'build', '--outDir', staticDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  let replyFor: (req: RecordedRequest, kind: PromptKind) => ReplySpec = () => ({ content: 'unused' });
  const server = await startModelServer({ defaultReply: (req) => replyFor(req, promptKind(req)), idleTimeoutMs: 0 });
  const previousStatic = process.env.RF_E2E_STATIC_DIR;
  process.env.RF_E2E_STATIC_DIR = staticDir;
  let host: E2eHost;
  try {
    host = await startHost({ env: { ...NO_MODEL_ENV, OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' } });
  } finally {
    if (previousStatic === undefined) delete process.env.RF_E2E_STATIC_DIR;
    else process.env.RF_E2E_STATIC_DIR = previousStatic;
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // tsx keeps function names with a __name helper that page.evaluate'd functions then call.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Solve', exact: true }).click();
  return {
    server,
    host,
    browser,
    page,
    setReplies(fn) {
      replyFor = fn;
    },
    async close() {
      await browser.close();
      await host.stop();
      await server.close();
      fs.rmSync(staticDir, { recursive: true, force: true });
    },
  };
}

const rungButton = (page: Page) => page.locator('section.current-step .button-row button').first();

/** Types the problem and starts a session; waits until the roadmap lists `steps` steps. */
export async function startTypedSession(page: Page, problem: string, steps: number): Promise<void> {
  const newProblem = page.getByRole('button', { name: 'New problem' });
  if (await newProblem.isVisible()) await newProblem.click();
  await page.getByLabel('Problem', { exact: true }).fill(problem);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('navigation', { name: 'Roadmap' }).getByRole('listitem').nth(steps - 1).waitFor();
}

/** Climbs the ladder (goal, template if any, hint) until the next rung is the worked step. */
export async function climbToWorkedStep(page: Page): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const button = rungButton(page);
    await button.waitFor();
    const label = (await button.innerText()).trim();
    if (label === 'Show the worked step') return;
    await button.click();
    await page.waitForFunction(
      (prev) => {
        const b = document.querySelector<HTMLButtonElement>('section.current-step .button-row button');
        return !!b && b.textContent?.trim() !== prev && !b.disabled;
      },
      label,
    );
  }
  throw new Error('the ladder never offered the worked step');
}

/** Reveals the worked step with the first-text probe armed; resolves when the stream is over. */
export async function revealWorkedStep(page: Page): Promise<FirstText> {
  await page.evaluate(armFirstTextProbe);
  await rungButton(page).click();
  await page.waitForFunction(() => !!window.__rfFirstText && !document.querySelector('.stream-text'), undefined, { timeout: 60_000 });
  const first = await page.evaluate(() => window.__rfFirstText ?? null);
  if (!first) throw new Error('no streamed text was seen');
  return first;
}

export async function nextStep(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next step' }).click();
}
