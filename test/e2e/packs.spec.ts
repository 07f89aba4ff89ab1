/** Packs in real Chromium against the real host: preview, apply by import id, search, remove; bad files; an expired preview. */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeWithVersion } from './support/generated-packs.js';
import { repoRoot, startHost, type E2eHost } from './support/host.js';

const VALID_PACK = path.join(repoRoot, 'test/fixtures/packs/valid-small.json');
const MALFORMED_PACK = path.join(repoRoot, 'test/fixtures/malformed-packs/bad-semver.json');

let host: E2eHost;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});

const showScreen = (page: Page, name: 'Library' | 'Packs') =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

async function openPacks(page: Page) {
  await page.goto(host.url);
  await showScreen(page, 'Packs');
  await expect(page.getByRole('heading', { name: 'Packs', level: 2 })).toBeVisible();
}

const packRows = (page: Page) => page.getByRole('table').getByRole('row');

test('import a pack with a preview, find its templates, then remove it', async ({ page }) => {
  await openPacks(page);
  await expect(packRows(page).filter({ hasText: 'starter' })).toHaveCount(1);

  await page.getByLabel('Choose pack file…').setInputFiles(VALID_PACK);
  const preview = page.getByRole('region', { name: 'Preview of valid-small.json' });
  await expect(preview).toBeVisible();
  await expect(preview).toContainText('Small sample pack');
  await expect(preview).toContainText('Install as a new pack');
  await expect(preview.getByRole('row', { name: /Added/ })).toContainText('3');
  await expect(preview.getByRole('row', { name: /Changed/ })).toContainText('0');
  await preview.getByText('Show which templates change').click();
  await expect(preview.getByRole('listitem').filter({ hasText: 'Sum of an arithmetic sequence' })).toContainText('Added');
  await preview.getByRole('button', { name: 'Apply import' }).click();

  await expect(page.getByRole('status')).toContainText('Installed Small sample pack 1.0.0');
  await expect(preview).toHaveCount(0);
  const row = packRows(page).filter({ hasText: 'sample-small' });
  await expect(row).toContainText('1.0.0');
  await expect(row).toContainText('3');

  // The library knows the pack, and search finds its templates.
  await showScreen(page, 'Library');
  await expect(page.getByRole('navigation', { name: 'Browse' }).getByRole('button', { name: /Small sample pack/ })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search templates' }).fill('arithmetic sequence');
  await expect(page.getByRole('option', { name: /Sum of an arithmetic sequence/ })).toBeVisible();

  // Remove: cancelling leaves everything as it was and puts focus back on the button.
  await showScreen(page, 'Packs');
  const removeButton = page.getByRole('button', { name: 'Remove Small sample pack' });
  await removeButton.click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove this pack?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(removeButton).toBeFocused();
  await expect(row).toHaveCount(1);

  await removeButton.click();
  await dialog.getByRole('button', { name: 'Remove pack' }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Removed sample-small');

  await showScreen(page, 'Library');
  await expect(page.getByRole('navigation', { name: 'Browse' }).getByRole('button', { name: /Small sample pack/ })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search templates' }).fill('arithmetic sequence');
  await expect(page.getByText(/^\d+ match(es)?$/)).toBeVisible();
  await expect(page.getByRole('option', { name: /Sum of an arithmetic sequence/ })).toHaveCount(0);
});

test('replacing a pack with an older version needs an explicit choice', async ({ page }) => {
  await openPacks(page);
  await page.getByLabel('Choose pack file…').setInputFiles(VALID_PACK);
  await page.getByRole('button', { name: 'Apply import' }).click();
  await expect(packRows(page).filter({ hasText: 'sample-small' })).toContainText('1.0.0');

  await page.getByLabel('Choose pack file…').setInputFiles(writeWithVersion(VALID_PACK, '0.9.0'));
  const preview = page.getByRole('region', { name: 'Preview of valid-small.json' });
  await expect(preview).toContainText('Replace with an older version');
  const apply = preview.getByRole('button', { name: 'Apply import' });
  await expect(apply).toBeDisabled();
  await preview.getByRole('checkbox', { name: /Replace the installed version 1\.0\.0 with the older version 0\.9\.0/ }).check();
  await apply.click();
  await expect(page.getByRole('status')).toContainText('Replaced Small sample pack with version 0.9.0');
  await expect(packRows(page).filter({ hasText: 'sample-small' })).toContainText('0.9.0');

  // Cancel leaves nothing behind.
  await page.getByLabel('Choose pack file…').setInputFiles(VALID_PACK);
  await expect(preview).toContainText('Update the installed pack');
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview).toHaveCount(0);
  await expect(packRows(page).filter({ hasText: 'sample-small' })).toContainText('0.9.0');
});

test('the file goes to the core once: Apply sends only the preview\'s import id', async ({ page }) => {
  await openPacks(page);
  const calls: { method: string; body: Record<string, unknown> }[] = [];
  page.on('request', (request) => {
    const method = /\/api\/call\/(packs\.[A-Za-z]+)/.exec(request.url())?.[1];
    if (method) calls.push({ method, body: JSON.parse(request.postData() ?? '{}') as Record<string, unknown> });
  });

  await page.getByLabel('Choose pack file…').setInputFiles(writeWithVersion(VALID_PACK, '1.2.0'));
  const preview = page.getByRole('region', { name: 'Preview of valid-small.json' });
  await expect(preview).toContainText('1.2.0');
  await preview.getByRole('button', { name: 'Apply import' }).click();
  // Installed, or updated from the version an earlier test left.
  await expect(page.getByRole('status')).toContainText(/Small sample pack (to )?1\.2\.0/);
  await expect(packRows(page).filter({ hasText: 'sample-small' })).toContainText('1.2.0');

  const previews = calls.filter((c) => c.method === 'packs.previewImport');
  const applies = calls.filter((c) => c.method === 'packs.applyImport');
  expect(previews).toHaveLength(1);
  expect(String(previews[0]!.body.content)).toContain('Sum of an arithmetic sequence');
  expect(applies).toHaveLength(1);
  expect(Object.keys(applies[0]!.body)).toEqual(['importId']);
  expect(applies[0]!.body.importId).toMatch(/^[0-9a-f-]{36}$/);

  // Remove it, so the next test starts without it.
  await page.getByRole('button', { name: 'Remove Small sample pack' }).click();
  await page.getByRole('alertdialog', { name: 'Remove this pack?' }).getByRole('button', { name: 'Remove pack' }).click();
  await expect(packRows(page).filter({ hasText: 'sample-small' })).toHaveCount(0);
});

test('applying a preview the core no longer holds says to choose the file again and changes nothing', async ({ page }) => {
  await openPacks(page);
  await expect(packRows(page).filter({ hasText: 'starter' })).toHaveCount(1); // the table has loaded
  const rowsBefore = await packRows(page).count();
  await page.getByLabel('Choose pack file…').setInputFiles(VALID_PACK);
  const preview = page.getByRole('region', { name: 'Preview of valid-small.json' });
  await expect(preview).toContainText('Install as a new pack');
  // As if the preview had expired (30 minutes) or been pushed out: the core gets an id it does not hold.
  await page.route('**/api/call/packs.applyImport**', (route) =>
    route.continue({ postData: JSON.stringify({ importId: '00000000-0000-0000-0000-000000000000' }) }),
  );
  await preview.getByRole('button', { name: 'Apply import' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not import valid-small.json');
  await expect(alert).toContainText('no longer held');
  await expect(alert.locator('.error-action')).toContainText('Choose the pack file again');
  await expect(preview).toHaveCount(0);
  await expect(packRows(page)).toHaveCount(rowsBefore);
  await expect(packRows(page).filter({ hasText: 'sample-small' })).toHaveCount(0);
});

test('a malformed pack shows where it is wrong and changes nothing', async ({ page }) => {
  await openPacks(page);
  await expect(packRows(page).filter({ hasText: 'starter' })).toHaveCount(1); // the table has loaded
  const rowsBefore = await packRows(page).count();

  await page.getByLabel('Choose pack file…').setInputFiles(MALFORMED_PACK);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not import bad-semver.json');
  const issues = alert.getByRole('list', { name: 'Problems in bad-semver.json' });
  await expect(issues.getByRole('listitem').filter({ hasText: 'version' })).toContainText(/version: .*semantic version/);
  await expect(page.getByRole('button', { name: 'Apply import' })).toHaveCount(0);
  await expect(packRows(page)).toHaveCount(rowsBefore);
});

test('a file that is not JSON at all gets a readable error and a next step', async ({ page }) => {
  await openPacks(page);
  await page.getByLabel('Choose pack file…').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ "format": "reasonflux-tutor-pack", '),
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not import notes.json');
  await expect(alert.locator('.error-action')).not.toBeEmpty();
});

test('export downloads <id>-<version>.json', async ({ page }) => {
  await openPacks(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Starter templates' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('starter-1.0.0.json');
});

test('a removed built-in pack is restored from Packs', async ({ page }) => {
  await openPacks(page);
  const builtIns = page.getByRole('region', { name: 'Built-in packs' });
  await expect(builtIns.getByRole('listitem').filter({ hasText: 'starter' })).toContainText('installed as shipped');
  await expect(builtIns.getByRole('button', { name: 'Restore built-in pack Starter templates' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Remove Starter templates' }).click();
  await page.getByRole('alertdialog', { name: 'Remove this pack?' }).getByRole('button', { name: 'Remove pack' }).click();
  await expect(packRows(page).filter({ hasText: 'starter' })).toHaveCount(0);
  await expect(builtIns.getByRole('listitem').filter({ hasText: 'starter' })).toContainText('removed');

  await builtIns.getByRole('button', { name: 'Restore built-in pack Starter templates' }).click();
  await expect(page.getByRole('status')).toContainText('Restored Starter templates 1.0.0');
  await expect(packRows(page).filter({ hasText: 'starter' })).toHaveCount(1);
  await expect(builtIns.getByRole('listitem').filter({ hasText: 'starter' })).toContainText('installed as shipped');
});
