/**
 * Multi-round adjustment in real Chromium, against the real host and a scripted model server:
 * on step 1 the learner reveals the goal and a hint, then checks a result; the check says the
 * plan no longer fits, so the navigator revises it at once. The revised plan shows what
 * changed in words (roadmap mark, changes list, every version), and the current step keeps
 * the goal, hint and attempt from before the change on screen. Found by role and name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { isReferenceRequest, promptText, replies, startModelServer, type ModelServer, type RecordedRequest } from '../support/model-server.js';
import { NO_MODEL_ENV, startHost, type E2eHost } from './support/host.js';
import { currentStep, roadmap, showScreen, watchConsole } from './support/tutor-page.js';

const PROBLEM = 'Find the minimum value of $x^2 + 6x + 5$ over all real $x$.';
const PLAN = JSON.stringify({
  analysis: 'A quadratic with a positive leading coefficient has its minimum at the vertex.',
  steps: [
    { title: 'Complete the square', goal: 'Rewrite the quadratic as a square plus a constant.', template_id: 'starter/completing-the-square', produces: 'the completed-square form' },
    { title: 'Read off the minimum', goal: 'Use that a square is never negative.', template_id: 'starter/completing-the-square', produces: 'the minimum value' },
  ],
});
const REVISED = JSON.stringify({
  analysis: 'Find where the parabola turns first, then evaluate there.',
  steps: [
    { title: 'Locate the vertex', goal: 'Find the x where the parabola turns, from the coefficients.', template_id: null, produces: 'the x of the vertex' },
    { title: 'Read off the minimum', goal: 'Use that a square is never negative.', template_id: 'starter/completing-the-square', produces: 'the minimum value' },
  ],
});
const HINT = 'Ask yourself what half of the linear coefficient is.';
const ATTEMPT = 'x^2 + 6x = -5';
const FEEDBACK = 'That moves the constant but does not complete the square.';
const CHECK_SAYS_PLAN_BROKE = JSON.stringify({
  verdict: 'incorrect',
  feedback: FEEDBACK,
  expected: null,
  plan_fits: false,
  plan_reason: 'this learner is working from the vertex, not from a completed square',
});

/**
 * Every call answered by what it asks for (the prompt's task), so the walk does not depend on
 * how many calls the navigator makes before planning (e.g. a category call) or in which order.
 */
function answer(req: RecordedRequest) {
  const prompt = promptText(req.body);
  if (isReferenceRequest(req)) return replies.text('The minimum is at $x=-3$. ANSWER: \\boxed{-4}');
  if (prompt.includes('The current plan has stopped working')) return replies.text(REVISED);
  if (prompt.includes("checking a learner's result")) return replies.text(CHECK_SAYS_PLAN_BROKE);
  if (prompt.includes('Give a hint for the current step')) return replies.text(HINT);
  if (prompt.includes('Classify the problem')) return replies.text('{"category": "Algebra", "direction": "quadratic functions", "methods": ["completing the square"], "knowledge": ["vertex"]}');
  return replies.text(PLAN);
}

/** Presses Tab until `target` has focus (it must be reachable within a few stops). */
async function tabTo(page: Page, target: Locator, maxStops = 40) {
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reachable with Tab in ${maxStops} stops`);
}

test.describe('re-planning when a step check says the plan broke', () => {
  let server: ModelServer;
  let host: E2eHost;
  let dataDir: string;
  const env = () => ({ ...NO_MODEL_ENV, OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' });

  test.beforeAll(async () => {
    server = await startModelServer();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rf-e2e-replan-'));
    host = await startHost({ env: env(), dataDir });
  });

  test.afterAll(async () => {
    await host?.stop();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the revised plan appears with what changed marked, and the hint and attempt stay on screen', async ({ page }) => {
    const errors = watchConsole(page);
    server.setDefaultReply(answer);
    await page.goto(host.url);
    await showScreen(page, 'Solve');
    await page.getByLabel('Problem', { exact: true }).fill(PROBLEM);
    await page.getByRole('button', { name: 'Start' }).click();
    const steps = roadmap(page).getByRole('listitem');
    await expect(steps).toHaveCount(2);

    const step = currentStep(page);
    await step.getByRole('button', { name: 'Show the goal' }).click();
    await expect(step.getByText('as a square plus a constant')).toBeVisible();
    await step.getByRole('button', { name: 'Show the template' }).click();
    await expect(step.getByRole('article', { name: 'Template: Completing the square' })).toBeVisible();
    await step.getByRole('button', { name: 'Show a hint' }).click();
    await expect(step.getByText('half of the linear coefficient')).toBeVisible();

    // One check that says the plan no longer fits: the check, then the re-plan, at once.
    await step.getByLabel('Your result for this step').fill(ATTEMPT);
    await step.getByRole('button', { name: 'Check my step' }).click();

    const changes = page.getByRole('region', { name: 'Plan revised (version 2)' });
    await expect(changes).toBeVisible();
    await expect(changes).toContainText('working from the vertex');
    const changeList = changes.getByRole('list', { name: 'What changed' });
    await expect(changeList.getByRole('listitem')).toHaveCount(1);
    await expect(changeList.getByRole('listitem')).toContainText('Step 1 changed: Locate the vertex');
    // The roadmap is the revised plan, the changed step marked in words.
    await expect(steps).toHaveCount(2);
    await expect(steps.nth(0)).toContainText('Locate the vertex');
    await expect(steps.nth(0)).toContainText('(changed in version 2)');
    await expect(steps.nth(1)).not.toContainText('changed');
    await expect(page.getByRole('status').filter({ hasText: 'revised from step 1' })).toBeVisible();

    // The current step is the revised one, and what was revealed and tried before stays shown.
    await expect(step.getByRole('heading', { name: /Step 1 of 2: Locate the vertex/ })).toBeVisible();
    const before = step.getByRole('region', { name: 'Your work here before the plan changed' });
    await expect(before).toBeVisible();
    await expect(before).toContainText('Under plan version 1: Complete the square');
    await expect(before.getByText('as a square plus a constant')).toBeVisible();
    await expect(before.getByText('half of the linear coefficient')).toBeVisible();
    const attempts = before.getByRole('list', { name: 'Your attempts under plan version 1' });
    await expect(attempts.getByRole('listitem')).toHaveCount(1);
    await expect(attempts).toContainText(ATTEMPT);
    await expect(attempts).toContainText('Not yet.');
    await expect(attempts).toContainText(FEEDBACK);
    // The new step starts its own ladder.
    await expect(step.getByRole('button', { name: 'Show the goal' })).toBeVisible();

    // Every version stays readable, opened from the keyboard.
    const versions = changes.getByText('Every version of the plan (2)');
    await tabTo(page, versions);
    await page.keyboard.press('Enter');
    const versionList = changes.getByRole('list', { name: 'Every version of the plan (2)' });
    await expect(versionList).toBeVisible();
    await expect(versionList.locator(':scope > li')).toHaveCount(2);
    await expect(versionList.locator(':scope > li').nth(0)).toContainText('Complete the square');
    await expect(versionList.locator(':scope > li').nth(1)).toContainText('Locate the vertex');

    // One check, one re-plan: nothing waited for a second wrong check.
    const asked = server.chatRequests.map((r) => promptText(r.body));
    expect(asked.filter((p) => p.includes("checking a learner's result"))).toHaveLength(1);
    expect(asked.filter((p) => p.includes('The current plan has stopped working'))).toHaveLength(1);
    // No console errors while working (the restart below drops the page's connection on purpose).
    expect(errors).toEqual([]);

    // The app restarts on the same data: the view is rebuilt from the stored events, earlier work included.
    await host.stop();
    host = await startHost({ env: env(), dataDir });
    await page.goto(host.url);
    await showScreen(page, 'History');
    await page.getByRole('list', { name: 'Saved sessions' }).getByRole('button', { name: 'Open session 1' }).click();
    const resumed = currentStep(page);
    await expect(resumed.getByRole('heading', { name: /Step 1 of 2: Locate the vertex/ })).toBeVisible();
    await expect(resumed.getByRole('region', { name: 'Your work here before the plan changed' })).toContainText(ATTEMPT);
    await expect(resumed.getByRole('region', { name: 'Your work here before the plan changed' })).toContainText('half of the linear coefficient');
    await expect(page.getByRole('region', { name: 'Plan revised (version 2)' })).toContainText('Step 1 changed: Locate the vertex');
  });
});
