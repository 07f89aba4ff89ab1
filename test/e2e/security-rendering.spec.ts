/**
 * Model output is untrusted text. In real Chromium, against the real host and a scripted
 * model whose plan, hint and streamed worked step carry HTML, script, javascript: links and
 * MathJax's HTML-producing macros: no script runs, no javascript: link or onerror handler
 * reaches the DOM, the page does not navigate, and the text is shown as text (refused TeX
 * visibly marked).
 */
import { expect, test, type Page } from '@playwright/test';
import { isReferenceRequest, startModelServer, type ModelServer, type RecordedRequest, type ReplySpec } from '../support/model-server.js';
import { NO_MODEL_ENV, startHost, type E2eHost } from './support/host.js';
import { currentStep, roadmap, showScreen, watchConsole } from './support/tutor-page.js';

/** Each payload sets window.__pwned to its own number if it ever runs. */
const HTML_PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '[link](javascript:window.__pwned=3)',
  '<a href="javascript:window.__pwned=4">open the answer</a>',
];
const TEX_PAYLOADS = [
  '$\\href{javascript:window.__pwned=5}{x}$',
  '$\\html{<img src=x onerror="window.__pwned=6">}$',
  '$\\class{x}{y}$',
  '$\\unicode{<img src=x onerror="window.__pwned=7">}$',
];
const HOSTILE = [...HTML_PAYLOADS, ...TEX_PAYLOADS].join('\n');

const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const PLAN = JSON.stringify({
  analysis: `Relate the roots to the coefficients. ${HTML_PAYLOADS[0]} ${TEX_PAYLOADS[0]}`,
  steps: [
    { title: `Sum and product ${HTML_PAYLOADS[3]}`, goal: `Read off the sum and product. ${HTML_PAYLOADS[1]} ${TEX_PAYLOADS[2]}`, template_id: 'starter/vietas-formulas', produces: 'r + s and rs' },
    { title: 'Sum of squares', goal: 'Express the sum of squares through them.', template_id: 'starter/vietas-formulas', produces: 'the sum of squares' },
  ],
});
const HINT = `Look at the coefficients first.\n${HOSTILE}`;
const WORKED = `By Vieta, $r + s = 5$ and $rs = 3$.\n${HOSTILE}\nThat gives the sum and the product.`;

const reply = (req: RecordedRequest): ReplySpec => {
  if (req.body?.response_format) return { content: PLAN };
  if (isReferenceRequest(req)) return { content: 'ANSWER: \\boxed{19}' };
  const prompt = JSON.stringify(req.body?.messages ?? []);
  return /Do NOT carry out the computation/.test(prompt) ? { content: HINT } : { content: WORKED, chunkChars: 7, tokensPerSecond: 200 };
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

async function expectNothingRan(page: Page, startUrl: string): Promise<void> {
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(page.url()).toBe(startUrl);
  const dom = await page.evaluate(() => ({
    javascriptLinks: document.querySelectorAll('a[href^="javascript:" i], [href^="javascript:" i], [src^="javascript:" i]').length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
    scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    modelImages: document.querySelectorAll('img[src="x"]').length,
    iframes: document.querySelectorAll('iframe, object, embed').length,
  }));
  expect(dom).toEqual({ javascriptLinks: 0, handlers: 0, scripts: 0, modelImages: 0, iframes: 0 });
}

test('hostile model output in the plan, hint and streamed worked step is shown as text and runs nothing', async ({ page }) => {
  const errors = watchConsole(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(host.url);
  const startUrl = page.url();
  await showScreen(page, 'Solve');
  await page.getByLabel('Problem', { exact: true }).fill(PROBLEM);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(roadmap(page).getByRole('listitem')).toHaveCount(2);

  // The plan: its title and analysis carry payloads too, shown as typed.
  await expect(roadmap(page)).toContainText('<a href="javascript:window.__pwned=4">open the answer</a>');
  await expect(page.getByText('<img src=x onerror="window.__pwned=1">').first()).toBeVisible();

  const step = currentStep(page);
  await step.getByRole('button', { name: 'Show the goal' }).click();
  await expect(step.locator('.ladder')).toContainText('<script>window.__pwned=2</script>');
  await step.getByRole('button', { name: 'Show the template' }).click();
  await step.getByRole('button', { name: 'Show a hint' }).click();
  const hint = step.locator('.rung').filter({ has: page.getByRole('heading', { name: 'Hint' }) });
  await expect(hint).toContainText('Look at the coefficients first.');
  await expectNothingRan(page, startUrl);

  await step.getByRole('button', { name: 'Show the worked step' }).click();
  const worked = step.locator('.worked-step');
  await expect(step.getByRole('button', { name: 'Cancel' })).toBeHidden();
  await expect(worked).toContainText('That gives the sum and the product.');

  for (const area of [hint, worked]) {
    const text = await area.innerText();
    // Every HTML payload is on screen exactly as the model wrote it.
    for (const payload of HTML_PAYLOADS) expect(text).toContain(payload);
    // Each refused macro is shown as its source, marked as a math error.
    const refused = area.locator('.math-error[data-tex-error="forbidden"]');
    await expect(refused).toHaveCount(TEX_PAYLOADS.length);
    expect(await refused.allInnerTexts()).toEqual(TEX_PAYLOADS);
    // The harmless formula around them still renders.
    if (area === worked) await expect(area.locator('.math svg').first()).toBeVisible();
  }

  // Clicking what looks like links does nothing either.
  await worked.getByText('[link](javascript:window.__pwned=3)').click();
  await worked.locator('.math-error').first().click();
  await expectNothingRan(page, startUrl);
  expect(dialogs).toEqual([]);
  expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  expect(errors).toEqual([]);
});
