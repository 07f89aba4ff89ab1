/**
 * Solving in real Chromium against the real host and a scripted OpenAI-compatible server on
 * 127.0.0.1: a typed problem climbing every rung with a streamed worked step, a cancelled
 * stream, a wrong then right final answer, a restart in the middle of a session, and the
 * no-model path with a practice problem done end to end offline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { replies, startModelServer, type ModelServer } from '../support/model-server.js';
import { NO_MODEL_ENV, startHost, type E2eHost } from './support/host.js';
import { currentStep, expectNoRawTex, roadmap, showScreen, watchConsole } from './support/tutor-page.js';

const PROBLEM = 'Find the minimum value of $x^2 + 6x + 5$ over all real $x$.';
const PLAN = JSON.stringify({
  analysis: 'A quadratic with a positive leading coefficient has its minimum at the vertex; completing the square shows it.',
  steps: [
    { title: 'Complete the square', goal: 'Rewrite $x^2 + 6x + 5$ as a square plus a constant.', template_id: 'starter/completing-the-square', produces: 'the completed-square form' },
    { title: 'Read off the minimum', goal: 'Use that a square is never negative.', template_id: 'starter/completing-the-square', produces: 'the minimum value' },
  ],
});
const HINT = 'Ask yourself: half of the $x$ coefficient is $3$, so what is $3^2$?';
// Long enough to stream past the core's leak screen, which holds back the last 40 characters.
const WORKED = [
  'Half of the coefficient $6$ is $3$, and $3^2 = 9$.',
  'Add and subtract $9$: $x^2 + 6x + 5 = (x^2 + 6x + 9) - 9 + 5$.',
  'The bracket is a perfect square, so $x^2 + 6x + 5 = (x + 3)^2 - 4$.',
  'This form shows the quadratic as a square plus a constant.',
].join('\n');
const SLOW_WORKED = Array.from({ length: 30 }, (_, i) => `Line ${i + 1}: we keep $(x+3)^2 \\ge 0$ in mind.`).join('\n');

/** Presses Tab until `target` has focus (it must be reachable within a few stops). */
async function tabTo(page: Page, target: Locator, maxStops = 12) {
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reachable with Tab in ${maxStops} stops`);
}

const modelEnv = (server: ModelServer) => ({ ...NO_MODEL_ENV, OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' });

async function startTypedProblem(page: Page, server: ModelServer, host: E2eHost) {
  server.script(replies.text(PLAN));
  // The hidden reference answer is worked out beside the plan, at the start.
  server.scriptReference(replies.text('The minimum is attained at $x=-3$. ANSWER: \\boxed{-4}'));
  await page.goto(host.url);
  await showScreen(page, 'Solve');
  const problem = page.getByLabel('Problem', { exact: true });
  await problem.fill(PROBLEM);
  // Live preview: the typed TeX is shown rendered.
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.locator('.math svg').first()).toBeVisible();
  await expectNoRawTex(preview, 'the problem preview');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(roadmap(page).getByRole('listitem')).toHaveCount(2);
}

async function climbToHint(page: Page, server: ModelServer) {
  const step = currentStep(page);
  await step.getByRole('button', { name: 'Show the goal' }).click();
  await expect(step.getByText('as a square plus a constant')).toBeVisible();
  await step.getByRole('button', { name: 'Show the template' }).click();
  await expect(step.getByRole('article', { name: 'Template: Completing the square' })).toBeVisible();
  server.script(replies.text(HINT));
  await step.getByRole('button', { name: 'Show a hint' }).click();
  await expect(step.getByText('Ask yourself')).toBeVisible();
}

test.describe('with a model', () => {
  let server: ModelServer;
  let host: E2eHost;

  test.beforeAll(async () => {
    server = await startModelServer();
    host = await startHost({ env: modelEnv(server) });
  });

  test.afterAll(async () => {
    await host?.stop();
    await server?.close();
  });

  test.beforeEach(() => server.reset());

  test('a typed problem: every rung, a streamed worked step with rendered math, a step check, then the final answer', async ({ page }) => {
    const errors = watchConsole(page);
    await startTypedProblem(page, server, host);
    const steps = roadmap(page).getByRole('listitem');
    await expect(steps.nth(0)).toHaveAttribute('aria-current', 'step');
    await expect(steps.nth(0)).toContainText('Complete the square');
    await expect(steps.nth(0)).toContainText('Completing the square');
    await expect(page.getByText('completing the square shows it')).toBeVisible();

    await climbToHint(page, server);
    const step = currentStep(page);
    await expectNoRawTex(step.locator('.ladder'), 'the goal, template and hint');

    // Streamed: the text grows while Cancel and the elapsed time are shown.
    server.script(replies.text(WORKED, { chunkChars: 4, tokensPerSecond: 40 }));
    await step.getByRole('button', { name: 'Show the worked step' }).click();
    await expect(step.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect(step.getByRole('timer', { name: 'Time elapsed' })).toBeVisible();
    await expect(step.locator('.stream-text')).toContainText('Half of');
    const partial = (await step.locator('.stream-text').innerText()).length;
    await expect(step.getByRole('button', { name: 'Cancel' })).toBeHidden();
    const worked = step.locator('.worked-step');
    await expect(worked).toContainText('Half of');
    expect((await worked.innerText()).length).toBeGreaterThan(partial);
    await expect(worked.locator('.math svg').first()).toBeVisible();
    await expectNoRawTex(worked, 'the worked step');

    // The learner's own result, checked.
    server.script(replies.text('{"verdict": "correct", "feedback": "Yes, that is the completed square.", "expected": "(x+3)^2 - 4"}'));
    await step.getByLabel('Your result for this step').fill('(x+3)^2 - 4');
    await step.getByRole('button', { name: 'Check my step' }).click();
    await expect(step.getByRole('status').filter({ hasText: 'Correct.' })).toBeVisible();

    await step.getByRole('button', { name: 'Next step' }).click();
    await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
    await expect(steps.nth(0)).toContainText('Done:');
    await expect(step.getByRole('heading', { name: /Step 2 of 2/ })).toBeVisible();

    // (d) A wrong answer, then the right one; both are listed.
    const final = page.getByRole('region', { name: 'Final answer' });
    await final.getByLabel('Your final answer').fill('4');
    await final.getByRole('button', { name: 'Submit answer' }).click();
    await expect(final.getByRole('status')).toContainText('Not yet');
    await expect(final.getByRole('status')).toContainText('Try again.');
    await final.getByLabel('Your final answer').fill('-8/2');
    await final.getByRole('button', { name: 'Submit answer' }).click();
    await expect(final.getByRole('status')).toContainText('Right value, wrong form');
    await expect(final.getByRole('status')).toContainText('simplified');
    await final.getByLabel('Your final answer').fill('-4');
    await final.getByRole('button', { name: 'Submit answer' }).click();
    await expect(final.getByRole('status')).toContainText('Correct!');
    await expect(final.getByRole('list', { name: 'Your answers' }).getByRole('listitem')).toHaveCount(3);
    await expect(page.locator('.status-badge')).toHaveText('Solved');
    // plan, hint, worked step, check, reference answer: asked for once, then kept.
    expect(server.chatRequests).toHaveLength(5);
    await expect(page.getByText(/Model use: \d+ prompt/)).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('a slow worked step can be cancelled; the session stays usable and offers it again', async ({ page }) => {
    await startTypedProblem(page, server, host);
    await climbToHint(page, server);
    const step = currentStep(page);
    server.script(replies.text(SLOW_WORKED, { chunkChars: 4, tokensPerSecond: 30 }));
    await step.getByRole('button', { name: 'Show the worked step' }).click();
    await expect(step.locator('.stream-text')).toContainText('Line 1');
    await step.getByRole('button', { name: 'Cancel' }).click();
    await expect(step.getByText('Stopped. What arrived so far is kept')).toBeVisible();
    await expect(step.getByRole('button', { name: 'Show the worked step again' })).toBeVisible();
    // Requests: plan and reference (in either order), hint, then the worked step.
    expect(await server.settled(3)).toBe('client_closed');
    await expect(page.getByRole('alert')).toHaveCount(0);
    // The rest of the ladder is intact.
    await expect(step.getByText('Ask yourself')).toBeVisible();
  });

  test('two wrong results on a step revise the plan, and the revision is shown', async ({ page }) => {
    await startTypedProblem(page, server, host);
    const step = currentStep(page);
    const wrong = '{"verdict": "incorrect", "feedback": "Expand your square to compare.", "expected": "(x+3)^2 - 4"}';
    const revised = JSON.stringify({
      analysis: 'Use the vertex formula instead.',
      steps: [
        { title: 'Find the vertex', goal: 'Compute $x = -b/(2a)$.', template_id: 'starter/completing-the-square', produces: 'the x of the vertex' },
        { title: 'Evaluate there', goal: 'Put it into the quadratic.', template_id: 'starter/completing-the-square', produces: 'the minimum value' },
      ],
    });
    server.script(replies.text(wrong), replies.text(wrong), replies.text(revised));
    const result = step.getByLabel('Your result for this step');
    await result.fill('(x+2)^2');
    await step.getByRole('button', { name: 'Check my step' }).click();
    await expect(step.getByRole('status').filter({ hasText: 'Not yet.' })).toBeVisible();
    await result.fill('(x+6)^2 + 5');
    await step.getByRole('button', { name: 'Check my step' }).click();
    const changes = page.getByRole('region', { name: 'Plan revised (version 2)' });
    await expect(changes).toBeVisible();
    await expect(changes).toContainText('Step 1 changed:');
    await expect(changes).toContainText('Find the vertex');
    await expect(roadmap(page).getByRole('listitem').nth(0)).toContainText('Find the vertex');
    await expect(page.getByRole('status').filter({ hasText: 'The plan was revised' })).toBeVisible();
  });

  test('a model failure is shown as an alert with what to do, and the session stays as it was', async ({ page }) => {
    await startTypedProblem(page, server, host);
    const step = currentStep(page);
    await step.getByRole('button', { name: 'Show the goal' }).click();
    await step.getByRole('button', { name: 'Show the template' }).click();
    server.script(replies.error(503), replies.error(503), replies.error(503));
    await step.getByRole('button', { name: 'Show a hint' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(step.getByRole('button', { name: 'Show a hint' })).toBeEnabled();
    await expect(step.getByText('as a square plus a constant')).toBeVisible();
  });
});

test('a restarted app resumes the session from History with the revealed rungs intact', async ({ page }) => {
  const server = await startModelServer();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rf-e2e-restart-'));
  let host = await startHost({ env: modelEnv(server), dataDir });
  try {
    await startTypedProblem(page, server, host);
    await climbToHint(page, server);
    const step = currentStep(page);
    server.script(replies.text(SLOW_WORKED, { chunkChars: 4, tokensPerSecond: 30 }));
    await step.getByRole('button', { name: 'Show the worked step' }).click();
    await expect(step.locator('.stream-text')).toContainText('Line 2');

    // The app goes away mid-stream and comes back on the same data.
    await host.stop();
    host = await startHost({ env: modelEnv(server), dataDir });
    await page.goto(host.url);
    await showScreen(page, 'History');
    const sessions = page.getByRole('list', { name: 'Saved sessions' }).getByRole('listitem');
    await expect(sessions).toHaveCount(1);
    await expect(sessions.first().locator('.math svg').first()).toBeVisible();
    await sessions.first().getByRole('button', { name: 'Open session 1' }).click();

    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Solve' })).toHaveAttribute('aria-current', 'page');
    const resumed = currentStep(page);
    await expect(resumed.getByText('as a square plus a constant')).toBeVisible();
    await expect(resumed.getByRole('article', { name: 'Template: Completing the square' })).toBeVisible();
    await expect(resumed.getByText('Ask yourself')).toBeVisible();
    await expect(resumed.locator('.worked-step')).toContainText('Line 1');
    await expect(resumed.getByText('cut off before it finished')).toBeVisible();
    server.script(replies.text(WORKED, { chunkChars: 8 }));
    await resumed.getByRole('button', { name: 'Show the worked step again' }).click();
    await expect(resumed.locator('.worked-step')).toContainText('Half of');
    await expect(resumed.getByRole('button', { name: 'Next step' })).toBeEnabled();
  } finally {
    await host.stop();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.describe('without a model', () => {
  let host: E2eHost;

  test.beforeAll(async () => {
    host = await startHost({ env: NO_MODEL_ENV });
  });

  test.afterAll(async () => {
    await host?.stop();
  });

  test('the notice says so plainly; a typed problem gets template suggestions; a practice problem is done offline', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto(host.url);
    await showScreen(page, 'Solve');
    await expect(page.getByRole('heading', { name: 'No model is configured' })).toBeVisible();

    await page.getByLabel('Problem', { exact: true }).fill('Complete the square for $x^2 + 6x + 5$.');
    const suggestions = page.getByRole('list', { name: 'Templates that may help' });
    await expect(suggestions.getByRole('button', { name: /Completing the square/ })).toBeVisible();
    await suggestions.getByRole('button', { name: /Completing the square/ }).click();
    await expect(page.getByRole('article', { name: 'Template: Completing the square' })).toBeVisible();

    await page.getByRole('button', { name: /Practice: Up twenty, down twenty-five/ }).click();
    const steps = roadmap(page).getByRole('listitem');
    await expect(steps).toHaveCount(3);
    const step = currentStep(page);

    // Step 1: every rung, all from the practice pack.
    await step.getByRole('button', { name: 'Show the goal' }).click();
    await step.getByRole('button', { name: 'Show the template' }).click();
    await expect(step.getByRole('article', { name: 'Template: Percent change as a multiplier' })).toBeVisible();
    await step.getByRole('button', { name: 'Show a hint' }).click();
    await step.getByRole('button', { name: 'Show the worked step' }).click();
    await expect(step.locator('.worked-step')).toContainText('multiplies the price by');
    await expectNoRawTex(step.locator('.ladder'), 'the practice step');
    await step.getByRole('button', { name: 'Next step' }).click();

    // Step 2: the learner's own result is checked against the pack's expected value.
    await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
    await step.getByLabel('Your result for this step').fill('0.9');
    await step.getByRole('button', { name: 'Check my step' }).click();
    await expect(step.getByRole('status').filter({ hasText: 'Correct.' })).toBeVisible();
    await step.getByRole('button', { name: 'Next step' }).click();

    // Step 3 is the last: a held-back answer never shows before; the final answer is checked.
    await expect(steps.nth(2)).toHaveAttribute('aria-current', 'step');
    const final = page.getByRole('region', { name: 'Final answer' });
    await final.getByLabel('Your final answer').fill('80');
    await final.getByRole('button', { name: 'Submit answer' }).click();
    await expect(final.getByRole('status')).toContainText('Not yet');
    await final.getByLabel('Your final answer').fill('90');
    await final.getByRole('button', { name: 'Submit answer' }).click();
    await expect(final.getByRole('status')).toContainText('Correct!');
    await expect(page.locator('.status-badge')).toHaveText('Solved');

    // History lists it; it exports to Markdown and can be deleted after a confirmation.
    await showScreen(page, 'History');
    const sessions = page.getByRole('list', { name: 'Saved sessions' }).getByRole('listitem');
    await expect(sessions).toHaveCount(1);
    const download = page.waitForEvent('download');
    await sessions.first().getByRole('button', { name: 'Export session 1 to Markdown' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.md$/);
    await sessions.first().getByRole('button', { name: 'Delete session 1' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete this session?' });
    await dialog.getByRole('button', { name: 'Delete session' }).click();
    await expect(sessions).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('keyboard only: a practice step climbs the ladder and focus never falls to the page', async ({ page }) => {
    await page.goto(host.url);
    await showScreen(page, 'Solve');
    await page.getByRole('button', { name: /Practice: Sum of squares|Practice: Up twenty/ }).first().focus();
    await page.keyboard.press('Enter');
    const heading = currentStep(page).getByRole('heading', { name: /Step 1 of/ });
    await expect(heading).toBeFocused();
    for (const rung of ['Show the goal', 'Show the template', 'Show a hint', 'Show the worked step']) {
      const button = currentStep(page).getByRole('button', { name: rung });
      await tabTo(page, button);
      await page.keyboard.press('Enter');
      await expect(button).toBeHidden();
      // Focus moves back to the step (its heading) or stays on the next rung's button.
      expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
      await heading.focus();
    }
    await expect(currentStep(page).getByRole('button', { name: 'Next step' })).toBeEnabled();
  });
});
