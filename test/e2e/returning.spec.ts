/**
 * A returning student (issue 13, points 4 and 5) in real Chromium against the real host, with
 * no model (a practice problem): part of a problem is solved and a step checked wrong; the host
 * restarts on the same data; the app opens on Solve with "Continue where you left off"; the
 * attempt and what was typed are there; Next step after the wrong check records "moved on
 * without a correct check"; picking the problem again resumes it (no duplicate in History);
 * the practice list says "In progress" in words; a notice can be dismissed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { NO_MODEL_ENV, startHost } from './support/host.js';
import { currentStep, roadmap, showScreen, watchConsole } from './support/tutor-page.js';

const PRACTICE = /Practice: Up twenty, down twenty-five/;

test('a returning student continues where they left off; moving on after a wrong check is recorded', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchConsole(page);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rf-e2e-returning-'));
  let host = await startHost({ env: NO_MODEL_ENV, dataDir });
  try {
    await page.goto(host.url);
    // Nothing open yet: the app starts on the first screen (Library).
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('button', { name: 'Library', exact: true })).toHaveAttribute('aria-current', 'page');
    await showScreen(page, 'Solve');
    await page.getByRole('button', { name: PRACTICE }).click();
    const steps = roadmap(page).getByRole('listitem');
    await expect(steps).toHaveCount(3);
    const step = currentStep(page);

    // Step 1 done by its worked step; step 2 checked wrong.
    await step.getByRole('button', { name: 'Show the goal' }).click();
    await step.getByRole('button', { name: 'Show the template' }).click();
    await step.getByRole('button', { name: 'Show a hint' }).click();
    await step.getByRole('button', { name: 'Show the worked step' }).click();
    await expect(step.locator('.worked-step')).toContainText('multiplies the price by');
    await step.getByRole('button', { name: 'Next step' }).click();
    await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
    const input = step.getByLabel('Your result for this step');
    await input.fill('0.5');
    await step.getByRole('button', { name: 'Check my step' }).click();
    await expect(step.getByRole('status').filter({ hasText: 'Not yet.' })).toBeVisible();
    // What was typed stays after the check.
    await expect(input).toHaveValue('0.5');
    await expect(step.getByRole('list', { name: 'Your attempts at this step' }).getByRole('listitem')).toHaveCount(1);

    // The app goes away and comes back on the same data.
    await host.stop();
    host = await startHost({ env: NO_MODEL_ENV, dataDir });
    await page.goto(host.url);
    await expect(nav.getByRole('button', { name: 'Solve', exact: true })).toHaveAttribute('aria-current', 'page');
    // The old page's requests to the stopped host failed while it was down; count only from here.
    expect(errors.filter((e) => !e.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
    errors.splice(0);
    const card = page.getByRole('region', { name: 'Continue where you left off' });
    await expect(card).toBeVisible();
    // Library is one click away.
    await expect(nav.getByRole('button', { name: 'Library', exact: true })).toBeEnabled();
    // The practice list says in words that the problem is in progress.
    const item = page.getByRole('list', { name: 'Practice problems' }).getByRole('listitem').filter({ has: page.getByRole('button', { name: PRACTICE }) });
    await expect(item.getByText('In progress')).toBeVisible();

    await card.getByRole('button', { name: 'Continue' }).click();
    await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
    const resumed = currentStep(page);
    const attempts = resumed.getByRole('list', { name: 'Your attempts at this step' }).getByRole('listitem');
    await expect(attempts).toHaveCount(1);
    await expect(attempts.first()).toContainText('0.5');
    await expect(attempts.first()).toContainText('Not yet.');

    // Moving on after a wrong check is allowed, said beforehand, and recorded.
    await expect(resumed.getByText('You can still go on')).toBeVisible();
    await resumed.getByRole('button', { name: 'Next step' }).click();
    await expect(steps.nth(2)).toHaveAttribute('aria-current', 'step');
    await expect(steps.nth(1)).toContainText('moved on without a correct check');
    // The new step's input starts empty.
    await expect(currentStep(page).getByLabel('Your result for this step')).toHaveValue('');

    // Picking the same practice problem again resumes it: still one session in History.
    await page.getByRole('button', { name: 'New problem' }).click();
    await page.getByRole('button', { name: PRACTICE }).click();
    await expect(steps.nth(2)).toHaveAttribute('aria-current', 'step');
    await expect(steps.nth(1)).toContainText('moved on without a correct check');

    await showScreen(page, 'History');
    const sessions = page.getByRole('list', { name: 'Saved sessions' }).getByRole('listitem');
    await expect(sessions).toHaveCount(1);
    await expect(sessions.first()).toContainText('In progress');

    // A notice (the export) can be dismissed by its named button.
    const download = page.waitForEvent('download');
    await sessions.first().getByRole('button', { name: 'Export session 1 to Markdown' }).click();
    await download;
    const status = page.locator('.status-area');
    await expect(status.getByText(/^Saved .*\.md\.$/)).toBeVisible();
    await status.getByRole('button', { name: 'Dismiss notice' }).click();
    await expect(status.locator('.notice')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
