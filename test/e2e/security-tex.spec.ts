/**
 * Issue 10, points 3 and 4, in real Chromium against the real host:
 *  - a scripted model whose hint and streamed worked step carry the hostile TeX corpus
 *    (test/support/hostile-tex.ts: \mmlToken href/class/id/style, \href to https, //host,
 *    javascript: and data:, \class, \cssId, \style, \html, \unicode, \require, \bbox, labels,
 *    definitions, a 65k-character formula, braces 10k deep, the 240 KB formula…): every element
 *    of both is clicked, the page stays put, opens nothing, requests nothing from the attacker,
 *    and no element carries an href, id, class or style planted by the text;
 *  - formulas over the size limit are a collapsed, keyboard-operable "formula too long" button
 *    that shows the source on request;
 *  - typesetting never holds the page: long tasks (PerformanceObserver 'longtask') while the
 *    hint with ~300 ordinary formulas plus the corpus renders are reported and bounded;
 *  - a pack carrying the same TeX is refused at import with the JSON path.
 */
import { expect, test, type Page } from '@playwright/test';
import { isReferenceRequest, startModelServer, type ModelServer, type RecordedRequest, type ReplySpec } from '../support/model-server.js';
import { HOSTILE_TEX, HUGE_FORMULA } from '../support/hostile-tex.js';
import { NO_MODEL_ENV, startHost, type E2eHost } from './support/host.js';
import { currentStep, roadmap, showScreen } from './support/tutor-page.js';

const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const PLAN = JSON.stringify({
  analysis: 'Relate the roots to the coefficients.',
  steps: [
    { title: 'Sum and product', goal: 'Read off the sum and product.', template_id: 'starter/vietas-formulas', produces: 'r + s and rs' },
    { title: 'Sum of squares', goal: 'Express the sum of squares through them.', template_id: 'starter/vietas-formulas', produces: 'the sum of squares' },
  ],
});

/** Every case on its own line, in \( \) so a `$` inside a case cannot pair with another. */
const corpusLines = HOSTILE_TEX.map((c, i) => `Case ${i + 1}: \\(${c.tex}\\)`);
/** Ordinary formulas, all different, to give the typesetting queue real work. */
const ORDINARY = Array.from({ length: 300 }, (_, i) => `$\\frac{${i + 2}}{y_{${i}}} + \\sqrt{${i + 3}}$`);
const END_OF_HINT = 'End of the hint.';
const HINT = [
  'Look at the coefficients first.',
  ORDINARY.join(' '),
  ...corpusLines,
  `The long one: $${HUGE_FORMULA}$`,
  END_OF_HINT,
].join('\n');
const END_OF_WORKED = 'That gives the sum and the product.';
const WORKED = ['By Vieta, $r + s = 5$ and $rs = 3$.', ...corpusLines.filter((_, i) => !HOSTILE_TEX[i]!.tooLong), END_OF_WORKED].join('\n');

const reply = (req: RecordedRequest): ReplySpec => {
  if (req.body?.response_format) return { content: PLAN };
  if (isReferenceRequest(req)) return { content: 'ANSWER: \\boxed{19}' };
  const prompt = JSON.stringify(req.body?.messages ?? []);
  return /Do NOT carry out the computation/.test(prompt) ? { content: HINT } : { content: WORKED, chunkChars: 400, tokensPerSecond: 2000 };
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

/** Records every long task (> 50 ms of main-thread work) from the first script on. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

const longTasksSince = (page: Page, since: number) =>
  page.evaluate((t) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((e) => e.start >= t), since);

/** Every attribute in the document whose name or value came from the hostile text. */
const plantedAttributes = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes]
        .filter((a) => /evil|pwned|javascript:|url\(/i.test(`${a.name}=${a.value}`))
        .map((a) => `<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}">`),
    ),
  );

test('hostile TeX from the model is shown as text or collapsed, every element clicks to nothing, and typesetting never holds the page', async ({ page, context }) => {
  test.setTimeout(180_000);
  const popups: string[] = [];
  context.on('page', (p) => popups.push(p.url()));
  const attackerRequests: string[] = [];
  page.on('request', (r) => {
    if (/evil/i.test(r.url())) attackerRequests.push(r.url());
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await watchLongTasks(page);

  await page.goto(host.url);
  const startUrl = page.url();
  await showScreen(page, 'Solve');
  await page.getByLabel('Problem', { exact: true }).fill(PROBLEM);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(roadmap(page).getByRole('listitem')).toHaveCount(2);
  const step = currentStep(page);
  await step.getByRole('button', { name: 'Show the goal' }).click();
  await step.getByRole('button', { name: 'Show the template' }).click();

  // --- The hint: ~300 ordinary formulas, the corpus, and the 240 KB formula.
  const clickedAt = await page.evaluate(() => performance.now());
  await step.getByRole('button', { name: 'Show a hint' }).click();
  const hint = step.locator('.rung').filter({ has: page.getByRole('heading', { name: 'Hint' }) });
  // Wait inside the page with a cheap check: Playwright's own polling (innerText of a big
  // subtree) forces layouts that would show up as long tasks of the test, not of the app.
  await page.waitForFunction(
    (end) => {
      const rung = [...document.querySelectorAll('.rung')].find((r) => r.querySelector('h4')?.textContent === 'Hint');
      return !!rung && (rung.textContent ?? '').includes(end) && rung.querySelectorAll('.math-pending').length === 0;
    },
    END_OF_HINT,
    { polling: 250, timeout: 90_000 },
  );
  const renderedAt = await page.evaluate(() => performance.now());
  const longTasks = await longTasksSince(page, clickedAt);
  const longest = Math.max(0, ...longTasks.map((t) => t.duration));
  const pageSlices = await page.evaluate(() => performance.getEntriesByName('rf-typeset-slice').length);
  console.log(
    `[security-tex] hint with ${ORDINARY.length} formulas + ${HOSTILE_TEX.length} hostile + 240 KB formula: shown and typeset ${Math.round(renderedAt - clickedAt)} ms after the click ` +
      `(model and host included); typesetting slices on the page's thread: ${pageSlices}; long tasks: ${longTasks.length}, longest ${Math.round(longest)} ms ` +
      `(${longTasks.map((t) => Math.round(t.duration)).join(', ') || 'none'})`,
  );
  // Before: the 240 KB formula alone held the page 37.6 s. Typesetting now runs in a worker
  // (pageSlices 0) and the design bound is 50 ms of work per task; this shared 2-core machine
  // adds React/layout/paint work and heavy contention, so the assertion is a generous safety
  // bound and the figure above is the measurement.
  expect(longest).toBeLessThan(2000);
  expect(pageSlices).toBe(0);
  await expect(hint.locator('.math svg')).toHaveCount(ORDINARY.length);

  // Refused TeX: the source as text, marked, one per refused case.
  const refusedCases = HOSTILE_TEX.filter((c) => c.refused);
  const refused = hint.locator('.math-error[data-tex-error="forbidden"]');
  await expect(refused).toHaveCount(refusedCases.length);
  expect(await refused.allInnerTexts()).toEqual(refusedCases.map((c) => `\\(${c.tex}\\)`));
  expect(await refused.evaluateAll((els) => els.map((e) => e.getAttribute('title')))).toEqual(
    refusedCases.map((c) => `This formula uses ${c.refused}, which is not allowed here.`),
  );

  // Too long: a collapsed button with a name, operable from the keyboard, source on request.
  const tooLongCases = HOSTILE_TEX.filter((c) => c.tooLong).length + 1;
  const toggles = hint.getByRole('button', { name: /^Formula (too long|nested too deeply) to display/ });
  await expect(toggles).toHaveCount(tooLongCases);
  for (const toggle of await toggles.all()) await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(hint.locator('.math-source')).toHaveCount(0);
  const huge = hint.getByRole('button', { name: `Formula too long to display (${HUGE_FORMULA.length.toLocaleString('en-US')} characters): show or hide its source` });
  await expect(huge).toHaveCount(1);
  expect(await huge.evaluate((b) => (b as HTMLButtonElement).tabIndex)).toBe(0);
  await huge.focus();
  await page.keyboard.press('Enter');
  await expect(huge).toHaveAttribute('aria-expanded', 'true');
  const sourceId = await huge.getAttribute('aria-controls');
  const source = page.locator(`[id="${sourceId}"]`);
  await expect(source).toBeVisible();
  expect(await source.innerText()).toBe(`$${HUGE_FORMULA}$`);
  await page.keyboard.press('Space');
  await expect(huge).toHaveAttribute('aria-expanded', 'false');
  await expect(source).toHaveCount(0);

  // --- The streamed worked step carries the corpus too.
  await step.getByRole('button', { name: 'Show the worked step' }).click();
  const worked = step.locator('.worked-step');
  await expect(step.getByRole('button', { name: 'Cancel' })).toBeHidden({ timeout: 60_000 });
  await expect(worked).toContainText(END_OF_WORKED);
  await expect(worked.locator('.math-error[data-tex-error="forbidden"]')).toHaveCount(refusedCases.length);

  // --- Click everything: real clicks on every refused, collapsed and typeset formula of the
  // corpus areas, then a synthetic click on every single element (SVG parts included).
  for (const area of [hint, worked]) {
    for (const target of await area.locator('.math-error, .math-too-long-toggle').all()) await target.click();
    for (const target of (await area.locator('.math').all()).slice(0, 20)) await target.click();
    const clicked = await area.evaluate((root) => {
      let n = 0;
      for (const el of [root, ...root.querySelectorAll('*')]) {
        el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
        n++;
      }
      return n;
    });
    expect(clicked).toBeGreaterThan(area === hint ? 1000 : 40); // the hint holds 300 typeset formulas
  }
  await page.waitForTimeout(500); // a navigation or request would have started by now

  expect(page.url()).toBe(startUrl);
  expect(popups).toEqual([]);
  expect(attackerRequests).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await plantedAttributes(page)).toEqual([]);
  for (const area of [hint, worked]) {
    const dom = await area.evaluate((root) => ({
      links: root.querySelectorAll('a, [href], [*|href]').length,
      svgHooks: [...root.querySelectorAll('.math svg, .math svg *')].filter((el) => el.hasAttribute('id') || el.hasAttribute('class') || el.hasAttribute('style')).length,
      foreign: root.querySelectorAll('foreignObject, iframe, object, embed, img, script, use, image').length,
    }));
    expect(dom).toEqual({ links: 0, svgHooks: 0, foreign: 0 });
  }
  expect(pageErrors).toEqual([]);
});

test('a pack carrying hostile TeX is refused at import with the JSON path of each field', async ({ page }) => {
  const cases = HOSTILE_TEX.filter((c) => c.refused).slice(0, 8);
  const pack = {
    format: 'reasonflux-tutor-pack',
    formatVersion: 1,
    id: 'hostile-tex',
    version: '1.0.0',
    name: 'Hostile TeX',
    language: 'en',
    authors: ['Test author'],
    license: 'CC-BY-4.0',
    description: 'Each step carries TeX the app refuses.',
    topics: [{ chapter: 'Algebra', sections: ['Equations'] }],
    templates: [
      {
        id: 'isolate-the-unknown',
        name: 'Isolate the unknown',
        type: 'method',
        chapter: 'Algebra',
        section: 'Equations',
        tags: ['linear equation'],
        description: 'Undo each operation on $x$ in reverse order.',
        scope: ['A linear equation in one unknown.'],
        steps: cases.map((c) => `Then \\(${c.tex}\\).`),
        examples: [{ problem: 'Solve $2x + 1 = 7$.', solution: ['$2x = 6$', '$x = 3$'], answer: '$x = 3$' }],
      },
    ],
  };
  await page.goto(host.url);
  const startUrl = page.url();
  await showScreen(page, 'Packs');
  await page.getByLabel('Choose pack file…').setInputFiles({ name: 'hostile-tex.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)) });
  const issues = page.getByRole('list', { name: 'Problems in hostile-tex.json' });
  await expect(issues).toBeVisible();
  for (const [i, c] of cases.entries()) {
    await expect(issues.getByRole('listitem').filter({ hasText: `templates[0].steps[${i}]` }).first()).toContainText(c.refused as string);
  }
  await expect(page.getByRole('button', { name: 'Apply import' })).toHaveCount(0);
  expect(page.url()).toBe(startUrl);
});
