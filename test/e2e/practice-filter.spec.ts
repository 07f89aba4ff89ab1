/** The practice list is long; a subject filter narrows it, and every problem stays reachable. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { PackV1 } from '../../shared/packs/schema.js';
import { NO_MODEL_ENV, startHost, type E2eHost } from './support/host.js';

const practice = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'resources', 'packs', 'practice.json'), 'utf8'),
) as PackV1;
let host: E2eHost;

test.beforeAll(async () => {
  host = await startHost({ env: NO_MODEL_ENV });
});

test.afterAll(async () => {
  await host?.stop();
});

test('the subject filter shows only that subject, with the counts the practice set has', async ({ page }) => {
  const problems = practice.problems ?? [];
  const geometry = problems.filter((p) => p.subject === 'Geometry');
  expect(geometry.length).toBeGreaterThan(0);

  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Solve' }).click();
  const list = page.getByRole('list', { name: 'Practice problems' });
  const start = list.getByRole('button', { name: /^Practice: / });
  await expect(start).toHaveCount(problems.length);

  const subject = page.getByRole('combobox', { name: 'Subject' });
  await subject.selectOption({ label: `Geometry (${geometry.length})` });
  await expect(start).toHaveCount(geometry.length);
  for (const p of geometry) await expect(list.getByRole('button', { name: `Practice: ${p.title}` })).toBeVisible();

  await subject.selectOption({ label: `All subjects (${problems.length})` });
  await expect(start).toHaveCount(problems.length);
});

test('the library lists the practice set by its problems, not as an empty template pack', async ({ page }) => {
  await page.goto(host.url);
  const browse = page.getByRole('navigation', { name: 'Browse' });
  await expect(browse.getByRole('button', { name: `Practice problems ${practice.problems?.length ?? 0} practice problems` })).toBeVisible();
});
