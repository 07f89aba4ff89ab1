/** Library in real Chromium against the real host: starter pack, search as you type, detail, tags. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { PackV1 } from '../../shared/packs/schema.js';
import { startHost, type E2eHost } from './support/host.js';

/** How many built-in templates carry a tag, read from the packs the app ships. */
function builtInTagCount(tag: string): number {
  const dir = path.resolve(import.meta.dirname, '..', '..', 'resources', 'packs');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as PackV1)
    .reduce((n, pack) => n + pack.templates.filter((t) => t.tags.includes(tag)).length, 0);
}

let host: E2eHost;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});

test('the starter pack is installed on first start and browsable', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'ReasonFlux Tutor', level: 1 })).toBeVisible();
  const browse = page.getByRole('navigation', { name: 'Browse' });
  await expect(browse.getByRole('button', { name: /Starter templates/ })).toBeVisible();

  await browse.getByRole('button', { name: /Starter templates/ }).click();
  await browse.getByRole('button', { name: 'Algebra', exact: true }).click();
  await browse.getByRole('button', { name: /Quadratics/ }).click();
  const list = page.getByRole('listbox', { name: 'Templates' });
  await expect(list.getByRole('option', { name: /Completing the square/ })).toBeVisible();
  await expect(list.getByRole('option', { name: /Percent change/ })).toHaveCount(0);
});

test('search as you type highlights matches; a template opens with rendered math', async ({ page }) => {
  // CSP violations and crashes show up as console errors; the page must have none.
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(host.url);
  const search = page.getByRole('searchbox', { name: 'Search templates' });
  await search.pressSequentially('discrimin', { delay: 30 });
  const list = page.getByRole('listbox', { name: 'Templates' });
  const option = list.getByRole('option', { name: /Quadratic formula and the discriminant/ });
  await expect(option).toBeVisible();
  await expect(list.locator('mark').first()).toBeVisible();
  await expect(list.locator('mark').first()).toContainText(/discrimin/i);
  await expect(page.getByText(/\d+ match/)).toBeVisible();

  // Keyboard: focus the list, Enter opens the active (first) result.
  await list.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: 'Template details' });
  await expect(detail.getByRole('heading', { level: 3 })).toBeVisible();
  await option.click();
  await expect(detail.getByRole('heading', { name: 'Quadratic formula and the discriminant' })).toBeVisible();

  const formulas = detail.locator('.math[role="img"] svg');
  await expect(formulas.first()).toBeVisible();
  expect(await formulas.count()).toBeGreaterThan(2);
  const visibleText = await detail.innerText();
  const raw = /.{0,40}(\$|\\frac).{0,40}/s.exec(visibleText);
  expect(raw?.[0] ?? null, 'raw TeX visible in the detail').toBeNull();
  await expect(detail.locator('.math-error')).toHaveCount(0);
  await expect(detail.getByRole('heading', { name: 'How to apply it' })).toBeVisible();
  await expect(detail.locator('ol.step-list > li').first()).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the tag filter narrows the list', async ({ page }) => {
  await page.goto(host.url);
  const list = page.getByRole('listbox', { name: 'Templates' });
  await expect(list.getByRole('option').first()).toBeVisible();
  const allCount = await list.getByRole('option').count();

  const counting = builtInTagCount('counting');
  expect(counting).toBeGreaterThan(1);
  await page.getByRole('combobox', { name: 'Tag' }).selectOption({ label: `counting (${counting})` });
  await expect(page.getByRole('region', { name: 'Templates' }).getByText(`${counting} templates`, { exact: true })).toBeVisible();
  await expect(list.getByRole('option')).toHaveCount(counting);
  expect(allCount).toBeGreaterThan(counting);

  // The tag also applies to search.
  await page.getByRole('searchbox', { name: 'Search templates' }).fill('circle');
  await expect(page.getByText(/^\d+ match(es)?$/)).toBeVisible();
  await page.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'Any tag' });
  await expect(list.getByRole('option', { name: /circle/i }).first()).toBeVisible();
});

test('search snippets never show raw TeX, even where the excerpt cuts a formula', async ({ page }) => {
  // A tall window renders many rows of the virtual list at once.
  await page.setViewportSize({ width: 1280, height: 4000 });
  await page.goto(host.url);
  const search = page.getByRole('searchbox', { name: 'Search templates' });
  const list = page.getByRole('listbox', { name: 'Templates' });
  for (const query of ['sum', 'n', 'k', 'frac', 'root', 'the']) {
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/library.search') && (r.request().postDataJSON() as { query: string }).query === query,
    );
    await search.fill(query);
    await answered;
    await expect(list.getByRole('option').first()).toBeVisible();
    const text = await list.innerText();
    const raw = /.{0,40}(\$|\\[a-zA-Z]+|\\\(|\\\[).{0,40}/s.exec(text);
    expect(raw?.[0] ?? null, `raw TeX in snippets for "${query}"`).toBeNull();
  }
});

test('the language chooser switches the interface and the page language', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '模板库' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: '搜索模板' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // Keys missing from the Chinese catalog fall back to English rather than showing a key.
  await page.getByRole('button', { name: '模板包', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Source' })).toBeVisible();
});
