/** The browser host refuses anyone without the page token. */
import { expect, test } from '@playwright/test';
import { CALL_PREFIX, TOKEN_HEADER } from '../../shared/host-protocol.js';
import { startHost, type E2eHost } from './support/host.js';

let host: E2eHost;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});

test('the page without its token is refused', async ({ request }) => {
  const response = await request.get(`${host.origin}/`);
  expect(response.status()).toBe(403);
  const wrong = await request.get(`${host.origin}/?token=not-the-token`);
  expect(wrong.status()).toBe(403);
  expect(await wrong.text()).not.toContain(host.token);
});

test('an API call without the token is refused, with it answered', async ({ request }) => {
  const refused = await request.post(`${host.origin}${CALL_PREFIX}library.listPacks`, { data: {} });
  expect(refused.status()).toBe(403);
  const body = (await refused.json()) as { ok: boolean; error: { code: string } };
  expect(body).toMatchObject({ ok: false, error: { code: 'forbidden' } });

  const allowed = await request.post(`${host.origin}${CALL_PREFIX}library.listPacks`, {
    data: {},
    headers: { [TOKEN_HEADER]: host.token },
  });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({ ok: true });
});

test('the page with its token loads and carries a strict content security policy', async ({ page }) => {
  const response = await page.goto(host.url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: 'ReasonFlux Tutor' })).toBeVisible();
});
