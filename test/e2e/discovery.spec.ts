/**
 * On the first visit with no model configured, the app looks for model servers on this
 * computer's usual ports and offers to use one. A scripted server stands in for LM Studio on
 * 127.0.0.1:1234 (skipped, with the reason, when that port is taken on this machine).
 */
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { NO_MODEL_ENV, startHost, type E2eHost } from './support/host.js';

const LM_STUDIO_PORT = 1234;
let host: E2eHost | undefined;
let server: ModelServer | undefined;

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

test.afterAll(async () => {
  await host?.stop();
  await server?.close();
});

test('a local server found at start is offered, and one click configures it', async ({ page }) => {
  test.skip(!(await portIsFree(LM_STUDIO_PORT)), `port ${LM_STUDIO_PORT} is in use on this machine, so no stand-in can listen there`);
  server = await startModelServer({ port: LM_STUDIO_PORT, models: ['local-7b'] });
  host = await startHost({ env: NO_MODEL_ENV });

  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Solve' }).click();
  const notice = page.getByRole('region', { name: 'No model is configured' });
  await expect(notice.getByText('A model server is running on this computer:')).toBeVisible();
  await expect(notice.getByText('local-7b')).toBeVisible();
  await notice.getByRole('button', { name: 'Use LM Studio' }).click();
  await expect(page.getByRole('region', { name: 'No model is configured' })).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('textbox', { name: /Base URL/ }).first()).toHaveValue(`http://127.0.0.1:${LM_STUDIO_PORT}/v1`);
});
