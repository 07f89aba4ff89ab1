/**
 * Model text as Markdown in real Chromium (issue 11, point 7): a scripted model's hint and
 * streamed worked step carry a table, an ordered and a bullet list, a code fence, a safe and a
 * javascript: link; on screen they are a table, lists and code (found by role), formulas in
 * cells and items are typeset (no raw TeX), and only the https link is a link.
 */
import { expect, test } from '@playwright/test';
import { isReferenceRequest, startModelServer, type ModelServer, type RecordedRequest, type ReplySpec } from '../support/model-server.js';
import { NO_MODEL_ENV, startHost, type E2eHost } from './support/host.js';
import { currentStep, expectNoRawTex, roadmap, showScreen, watchConsole } from './support/tutor-page.js';

const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const PLAN = JSON.stringify({
  analysis: 'Relate the roots to the **coefficients**.',
  steps: [
    { title: 'Sum and product', goal: 'Read off:\n\n- the sum $r + s$\n- the product $rs$', template_id: 'starter/vietas-formulas', produces: 'r + s and rs' },
    { title: 'Sum of squares', goal: 'Express the sum of squares through them.', template_id: 'starter/vietas-formulas', produces: 'the sum of squares' },
  ],
});
const HINT = 'Compare with the general form:\n\n| form | sum | product |\n|---|---|---|\n| $x^2 + bx + c$ | $-b$ | $c$ |';
const WORKED = [
  '### By Vieta',
  '',
  '| quantity | value |',
  '|:--|--:|',
  '| $r + s$ | $5$ |',
  '| $rs$ | $3$ |',
  '',
  '1. The sum of the roots is $-\\frac{-5}{1} = 5$.',
  '2. The product is $\\frac{3}{1} = 3$.',
  '',
  '- keep $r + s$ for the next step',
  '- keep **$rs$** too',
  '',
  '```',
  'check: 5*5 - 2*3',
  '```',
  '',
  'See [Vieta](https://en.wikipedia.org/wiki/Vieta%27s_formulas) and [this](javascript:window.__pwned=1).',
  'That gives the sum and the product.',
].join('\n');

const reply = (req: RecordedRequest): ReplySpec => {
  if (req.body?.response_format) return { content: PLAN };
  if (isReferenceRequest(req)) return { content: 'ANSWER: \\boxed{19}' };
  const prompt = JSON.stringify(req.body?.messages ?? []);
  return /Do NOT carry out the computation/.test(prompt) ? { content: HINT } : { content: WORKED, chunkChars: 7, tokensPerSecond: 400 };
};

let server: ModelServer;
let host: E2eHost;

test.beforeAll(async () => {
  server = await startModelServer({ defaultReply: reply });
  host = await startHost({ env: { ...NO_MODEL_ENV, OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' } });
});

test.afterAll(async () => {
  await host?.stop();
  await server?.close();
});

test('a worked step with a table and lists renders as a table and lists, with its formulas typeset', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(host.url);
  const startUrl = page.url();
  await showScreen(page, 'Solve');
  await page.getByLabel('Problem', { exact: true }).fill(PROBLEM);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(roadmap(page).getByRole('listitem')).toHaveCount(2);
  await expect(page.locator('.session-panel strong, section strong').filter({ hasText: 'coefficients' }).first()).toBeVisible();

  const step = currentStep(page);
  await step.getByRole('button', { name: 'Show the goal' }).click();
  const goal = step.locator('.rung').filter({ has: page.getByRole('heading', { name: 'Goal' }) });
  await expect(goal.getByRole('list').getByRole('listitem')).toHaveCount(2);

  await step.getByRole('button', { name: 'Show the template' }).click();
  await step.getByRole('button', { name: 'Show a hint' }).click();
  const hint = step.locator('.rung').filter({ has: page.getByRole('heading', { name: 'Hint' }) });
  await expect(hint.getByRole('table')).toBeVisible();
  await expect(hint.getByRole('columnheader')).toHaveText(['form', 'sum', 'product']);

  await step.getByRole('button', { name: 'Show the worked step' }).click();
  const worked = step.locator('.worked-step');
  await expect(step.getByRole('button', { name: 'Cancel' })).toBeHidden();
  await expect(worked).toContainText('That gives the sum and the product.');

  const table = worked.getByRole('table');
  await expect(table).toHaveCount(1);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('columnheader')).toHaveText(['quantity', 'value']);
  await expect(table.getByRole('cell').first().locator('.math svg')).toBeVisible();
  await expect(table.getByRole('cell').nth(1)).toHaveCSS('text-align', 'right');

  const lists = worked.getByRole('list');
  await expect(lists).toHaveCount(2);
  await expect(worked.locator('ol > li')).toHaveCount(2);
  await expect(worked.locator('ul > li')).toHaveCount(2);
  await expect(worked.locator('ol > li').first().locator('.math svg')).toBeVisible();
  await expect(worked.getByRole('heading', { name: 'By Vieta' })).toBeVisible();
  await expect(worked.locator('pre code')).toHaveText('check: 5*5 - 2*3');

  // Only the https link is a link, and it opens outside the app; the javascript: one is text.
  const links = worked.getByRole('link');
  await expect(links).toHaveCount(1);
  await expect(links.first()).toHaveAttribute('href', 'https://en.wikipedia.org/wiki/Vieta%27s_formulas');
  await expect(links.first()).toHaveAttribute('target', '_blank');
  await expect(worked).toContainText('[this](javascript:window.__pwned=1)');
  await worked.getByText('[this](javascript:window.__pwned=1)').click();
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(page.url()).toBe(startUrl);

  // Everything outside the code block is rendered: no TeX source, no Markdown syntax.
  const prose = await worked.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('pre').forEach((p) => p.remove());
    return copy.innerText;
  });
  expect(prose).not.toMatch(/\\frac|\$|\|---|^\s*###|\*\*/m);
  await expectNoRawTex(table, 'the worked step table');
  expect(errors).toEqual([]);
});
