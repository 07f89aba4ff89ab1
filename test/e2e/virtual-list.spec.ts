/** The template list stays usable with 12,000 templates: few DOM rows, keyboard to the end. */
import { expect, test } from '@playwright/test';
import { writeLargePack } from './support/generated-packs.js';
import { startHost, type E2eHost } from './support/host.js';

const COUNT = 12_000;
let host: E2eHost;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});

test('12,000 templates: virtualized list, End key reaches the last one, Enter opens it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Packs' }).click();
  await page.getByLabel('Choose pack file…').setInputFiles(writeLargePack(COUNT));
  const preview = page.getByRole('region', { name: 'Preview of bulk-load.json' });
  await expect(preview.getByRole('row', { name: /Added/ })).toContainText(String(COUNT), { timeout: 60_000 });
  await preview.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByRole('status')).toContainText('Installed Bulk load pack', { timeout: 60_000 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
  await page.getByRole('navigation', { name: 'Browse' }).getByRole('button', { name: /Bulk load pack/ }).click();
  await expect(page.getByRole('region', { name: 'Templates' }).getByText(`${COUNT} templates`, { exact: true })).toBeVisible();

  const list = page.getByRole('listbox', { name: 'Templates' });
  await expect(list.getByRole('option', { name: /Bulk template/ }).first()).toBeVisible();
  // Only the visible window is in the DOM, not 12,000 rows.
  expect(await list.getByRole('option').count()).toBeLessThan(80);

  await list.focus();
  const started = Date.now();
  await page.keyboard.press('End');
  const lastOption = list.locator(`[role="option"][aria-posinset="${COUNT}"]`);
  await expect(lastOption).toBeVisible();
  await expect(lastOption).toContainText('Bulk template');
  expect(Date.now() - started).toBeLessThan(5_000);

  await page.keyboard.press('ArrowUp');
  const previous = list.locator(`[role="option"][aria-posinset="${COUNT - 1}"]`);
  await expect(list).toHaveAttribute('aria-activedescendant', (await previous.getAttribute('id')) ?? '');
  await page.keyboard.press('Enter');
  const name = await previous.locator('.result-name').innerText();
  await expect(page.getByRole('heading', { name, level: 3 })).toBeVisible();
  await expect(previous).toHaveAttribute('aria-selected', 'true');
  expect(await list.getByRole('option').count()).toBeLessThan(80);
});
