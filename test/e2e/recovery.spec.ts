/** A damaged library file at start: the app starts fresh, keeps a backup, and says so on screen. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type E2eHost } from './support/host.js';

let host: E2eHost;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-e2e-recovery-'));
  fs.writeFileSync(path.join(dataDir, 'library.sqlite'), Buffer.from('this is not a database '.repeat(400)));
  host = await startHost({ dataDir });
});

test.afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the learner is told the library was damaged and where the backup is; the built-in packs are back', async ({ page }) => {
  await page.goto(host.url);
  const notice = page.getByRole('status').getByText(/library file was damaged/);
  await expect(notice).toBeVisible();
  const backups = fs.readdirSync(dataDir).filter((f) => f.startsWith('library.sqlite.corrupt-'));
  expect(backups).toHaveLength(1);
  await expect(notice).toContainText(backups[0]!);
  await expect(page.getByRole('navigation', { name: 'Browse' }).getByRole('button', { name: /Core templates/ })).toBeVisible();
});
