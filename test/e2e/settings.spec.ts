/**
 * Settings in real Chromium against the real host: validation inline, a connection test
 * against a scripted OpenAI-compatible server (models and latency, then a failure as an
 * alert), presets, saving with a write-only key, and the Solve screen following along.
 */
import { expect, test, type Page } from '@playwright/test';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { NO_MODEL_ENV, startHost, type E2eHost } from './support/host.js';
import { showScreen, watchConsole } from './support/tutor-page.js';

let server: ModelServer;
let host: E2eHost;

test.beforeAll(async () => {
  server = await startModelServer({ models: ['scripted-model', 'scripted-small'], apiKey: 'sk-e2e-secret-9876' });
  host = await startHost({ env: NO_MODEL_ENV });
});

test.afterAll(async () => {
  await host?.stop();
  await server?.close();
});

const navigatorForm = (page: Page) => page.getByRole('group', { name: /Navigator model/ });

test('configure the endpoint: inline validation, test connection shows models and latency, save keeps only a mask', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(host.url);
  await showScreen(page, 'Solve');
  await expect(page.getByRole('heading', { name: 'No model is configured' })).toBeVisible();
  await page.getByRole('button', { name: 'Open Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();

  const form = navigatorForm(page);
  // A preset fills the base URL.
  await form.getByLabel('Server preset').selectOption({ label: 'Ollama' });
  await expect(form.getByLabel('Base URL')).toHaveValue('http://127.0.0.1:11434/v1');

  // Saving with errors marks the fields and says what is wrong.
  await form.getByLabel('Base URL').fill('not a url');
  await form.getByLabel('Temperature').fill('7');
  await form.getByRole('button', { name: 'Save' }).click();
  const baseUrl = form.getByLabel('Base URL');
  await expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(baseUrl).toHaveAccessibleDescription(/starting with http:\/\/ or https:\/\//);
  await expect(form.getByLabel('Model', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Temperature')).toHaveAccessibleDescription('Enter a number from 0 to 2.');

  await baseUrl.fill(server.url);
  await expect(baseUrl).not.toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Model', { exact: true }).fill('scripted-model');
  await form.getByLabel('Temperature').fill('0.2');

  // Without the key the server refuses: the reason is an alert.
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('alert')).toContainText('The connection test failed');

  const key = form.getByLabel('API key');
  await expect(key).toHaveAttribute('type', 'password');
  await key.fill('sk-e2e-secret-9876');
  await form.getByRole('button', { name: 'Test connection' }).click();
  const result = form.getByRole('status').filter({ hasText: 'Connected' });
  await expect(result).toContainText(/Round trip: \d+ ms/);
  const models = form.getByRole('list', { name: 'Models on this server' });
  await expect(models.getByRole('listitem')).toHaveText(['scripted-model', 'scripted-small']);

  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved: Navigator model')).toBeVisible();
  // The key field is empty again; only the mask is shown, never the key.
  await expect(key).toHaveValue('');
  await expect(form.getByText(/A key is stored: .*9876/)).toBeVisible();
  expect(await page.content()).not.toContain('sk-e2e-secret-9876');

  // After a reload the saved values come back from the core, the key still only as a mask.
  await page.reload();
  await showScreen(page, 'Settings');
  await expect(navigatorForm(page).getByLabel('Base URL')).toHaveValue(server.url);
  await expect(navigatorForm(page).getByLabel('Model', { exact: true })).toHaveValue('scripted-model');
  await expect(navigatorForm(page).getByText(/A key is stored/)).toBeVisible();
  expect(await page.content()).not.toContain('sk-e2e-secret-9876');

  // The solver may get its own endpoint.
  await expect(page.getByRole('group', { name: /Solver model/ })).toHaveCount(0);
  await page.getByLabel("Solver uses the navigator's endpoint").uncheck();
  await expect(page.getByRole('group', { name: /Solver model/ })).toBeVisible();
  await page.getByLabel("Solver uses the navigator's endpoint").check();

  // Solve no longer says that no model is configured.
  await showScreen(page, 'Solve');
  await expect(page.getByLabel('Problem', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No model is configured' })).toHaveCount(0);
  expect(errors.filter((e) => !/401|Failed to load resource/.test(e))).toEqual([]);
});

test('find local servers answers with what it found (or that there is none), keyboard only', async ({ page }) => {
  await page.goto(host.url);
  await showScreen(page, 'Settings');
  const find = page.getByRole('button', { name: 'Find local servers' });
  await find.focus();
  await page.keyboard.press('Enter');
  const section = page.getByRole('region', { name: 'Local servers' });
  await expect(section.getByRole('status')).toContainText(/No local model server was found|Use for the navigator/, { timeout: 15_000 });
});
