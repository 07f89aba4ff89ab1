/**
 * Authoring in real Chromium against the real host: a teacher writes a pack in forms, sees
 * math render in the live preview while typing, fixes what validation finds, exports a file
 * the pack parser accepts, installs it, finds it in Library search, and the draft survives
 * a reload.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parsePackFile } from '../../electron/core/packs/parse.js';
import { startHost, type E2eHost } from './support/host.js';

let host: E2eHost;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});

const showScreen = (page: Page, name: 'Library' | 'Author') =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

async function openAuthor(page: Page) {
  await showScreen(page, 'Author');
  await expect(page.getByRole('heading', { name: 'Author', level: 2 })).toBeVisible();
}

test('write a pack with a live preview, validate, export, install, and keep the draft across a reload', async ({ page }) => {
  await page.goto(host.url);
  await openAuthor(page);
  await page.getByRole('button', { name: 'New pack' }).click();

  await page.getByLabel('Pack name').fill('Factoring by hand');
  await page.getByLabel('Pack id').fill('factoring-by-hand');
  await page.getByRole('textbox', { name: 'Author 1' }).fill('Ms Lee');
  await page.getByLabel('Pack description').fill('Factoring tricks for the classroom.');
  await page.getByLabel('Title of chapter 1').fill('Algebra');
  await page.getByRole('textbox', { name: 'Section 1 of chapter 1' }).fill('Factoring');

  await page.getByRole('button', { name: 'Add template' }).click();
  const form = page.getByRole('form', { name: 'Template' });
  await form.getByLabel('Template name').fill('Difference of cubes by hand');
  // The id follows the name, and the template is filed under the first topic.
  await expect(form.getByLabel('Template id')).toHaveValue('difference-of-cubes-by-hand');
  await expect(form.getByLabel('Chapter')).toHaveValue('Algebra');
  await expect(form.getByLabel('Section')).toHaveValue('Factoring');

  // Live preview: the formula renders as SVG once its closing dollar sign is typed.
  const preview = page.getByRole('region', { name: 'Live preview' });
  await expect(preview.getByRole('heading', { name: 'Difference of cubes by hand' })).toBeVisible();
  const description = form.getByLabel('Description');
  await description.pressSequentially('Write $a^3 - b^3', { delay: 10 });
  await expect(preview.locator('svg')).toHaveCount(0);
  await description.pressSequentially('$ as a product.', { delay: 10 });
  await expect(preview.locator('.math svg')).toHaveCount(1);
  await expect(preview).toContainText('as a product.');

  await form.getByRole('textbox', { name: 'Scope item 1' }).fill('A difference of two cubes.');
  await form.getByRole('textbox', { name: 'Step 1' }).fill('Find $a$ and $b$.');
  await form.getByRole('textbox', { name: 'Step 2' }).fill('Write $(a-b)(a^2+ab+b^2)$.');
  await expect(preview.getByRole('listitem').filter({ hasText: 'Find' }).locator('svg')).toHaveCount(2);

  // Step 3 is still empty: validation names the field, and choosing the issue focuses it.
  await page.getByRole('button', { name: 'Validate' }).click();
  const problems = page.getByRole('list', { name: 'Problems in the draft' });
  const stepIssue = problems.getByRole('button', { name: /templates\[0\]\.steps\[2\]/ });
  await expect(stepIssue).toBeVisible();
  await stepIssue.click();
  const step3 = form.getByRole('textbox', { name: 'Step 3' });
  await expect(step3).toBeFocused();
  await step3.fill('Check by expanding.');
  await page.getByRole('button', { name: 'Validate' }).click();
  await expect(page.getByRole('heading', { name: 'The pack is valid: you can export or install it.' })).toBeVisible();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  // Export: the downloaded file is a pack the real parser accepts.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('factoring-by-hand-1.0.0.json');
  const parsed = parsePackFile(download.suggestedFilename(), readFileSync(await download.path(), 'utf8'));
  expect(parsed.pack.templates.map((tpl) => tpl.id)).toEqual(['difference-of-cubes-by-hand']);
  expect(parsed.pack.templates[0]!.steps).toHaveLength(3);
  expect(parsed.pack.templates[0]!.description).toBe('Write $a^3 - b^3$ as a product.');

  // Install, then Library search finds the template.
  await page.getByRole('button', { name: 'Install in library' }).click();
  await expect(page.getByRole('status')).toContainText('Installed Factoring by hand 1.0.0');
  await showScreen(page, 'Library');
  await page.getByRole('searchbox', { name: 'Search templates' }).fill('cubes by hand');
  await expect(page.getByRole('option', { name: /Difference of cubes by hand/ })).toBeVisible();

  // Reload: the draft comes back as it was.
  await page.reload();
  await openAuthor(page);
  await expect(page.getByLabel('Pack name')).toHaveValue('Factoring by hand');
  await expect(page.getByRole('form', { name: 'Template' }).getByRole('textbox', { name: 'Step 3' })).toHaveValue('Check by expanding.');
  await page.getByRole('button', { name: 'Back to drafts' }).click();
  await expect(page.getByRole('button', { name: 'Open draft Factoring by hand' })).toBeVisible();
});

test('templates can be reordered and duplicated, and a draft is deleted only after confirming', async ({ page }) => {
  await page.goto(host.url);
  await openAuthor(page);
  await page.getByRole('button', { name: 'New pack' }).click();
  await page.getByLabel('Pack name').fill('Scratch pack');
  await page.getByRole('button', { name: 'Add template' }).click();
  await page.getByLabel('Template name').fill('First one');
  await page.getByRole('button', { name: 'Add template' }).click();
  await page.getByLabel('Template name').fill('Second one');

  const list = page.getByRole('list', { name: 'Templates in this pack' });
  await expect(list.getByRole('button')).toHaveText(['First one', 'Second one']);
  await page.getByRole('button', { name: 'Move up' }).click();
  await expect(list.getByRole('button')).toHaveText(['Second one', 'First one']);
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(list.getByRole('button')).toHaveText(['Second one', 'Second one', 'First one']);
  await expect(page.getByLabel('Template id')).toHaveValue('second-one-2');

  await page.getByRole('button', { name: 'Back to drafts' }).click();
  const deleteButton = page.getByRole('button', { name: 'Delete draft Scratch pack' });
  await deleteButton.click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete this draft?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(deleteButton).toBeVisible();
  await deleteButton.click();
  await dialog.getByRole('button', { name: 'Delete draft' }).click();
  await expect(deleteButton).toHaveCount(0);
});
