/**
 * Settings in real Chromium: the stored API key belongs to the saved address. Typing another
 * base URL shows, under the key field, that the key will not be sent there; "Test connection"
 * then runs without it and says so, and the other server never receives the key. Typing the
 * key again sends it.
 */
import { expect, test, type Page } from '@playwright/test';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { NO_MODEL_ENV, startHost, type E2eHost } from './support/host.js';
import { showScreen } from './support/tutor-page.js';

const KEY = 'sk-e2e-saved-Qw81LmZpX9wRt4Vb';
let saved: ModelServer;
let other: ModelServer;
let host: E2eHost;

test.beforeAll(async () => {
  saved = await startModelServer({ models: ['saved-model'], apiKey: KEY });
  other = await startModelServer({ models: ['other-model'] });
  host = await startHost({ env: NO_MODEL_ENV });
});

test.afterAll(async () => {
  await host?.stop();
  await saved?.close();
  await other?.close();
});

const navigatorForm = (page: Page) => page.getByRole('group', { name: /Navigator model/ });

test('a changed address is tested without the stored key, and the form says so first', async ({ page }) => {
  await page.goto(host.url);
  await showScreen(page, 'Settings');
  const form = navigatorForm(page);
  await form.getByLabel('Base URL').fill(saved.url);
  await form.getByLabel('Model', { exact: true }).fill('saved-model');
  await form.getByLabel('API key').fill(KEY);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText(/A key is stored/)).toBeVisible();
  const key = form.getByLabel('API key');
  await expect(form.getByTestId('key-other-address')).toHaveCount(0);

  // Another address: the note appears under the key field and describes it.
  await form.getByLabel('Base URL').fill(other.url);
  const note = form.getByTestId('key-other-address');
  await expect(note).toContainText(`The stored key belongs to ${saved.url}`);
  await expect(key).toHaveAccessibleDescription(/It is not sent to a different address/);
  await expect(key).toHaveAttribute('placeholder', 'Type the key again for this address');

  other.reset();
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Tested without the stored key');
  expect(other.requests).toHaveLength(1);
  expect(JSON.stringify(other.requests)).not.toContain(KEY);

  // Back to the saved address: the note goes, and the stored key is used.
  await form.getByLabel('Base URL').fill(`${saved.url}/`);
  await expect(note).toHaveCount(0);
  saved.reset();
  await form.getByRole('button', { name: 'Test connection' }).click();
  const ok = form.getByRole('status').filter({ hasText: 'Connected' });
  await expect(ok).toBeVisible();
  await expect(ok).not.toContainText('Tested without the stored key');
  expect(saved.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
  expect(await page.content()).not.toContain(KEY);
});
