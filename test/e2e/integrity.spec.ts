/**
 * Learning integrity in real Chromium: one walk per reasoning style a real deployment uses
 * (inline <think> blocks, thinking cut off by max_tokens and never closed, reasoning_content
 * deltas). Every reply thinks the final answer, and the visible replies try to state it in
 * other forms; before the last step, no form of the answer may be in the page text or in any
 * accessible name (formulas are images whose names are spoken).
 */
import { expect, test, type Page } from '@playwright/test';
import { startModelServer, type ModelServer, type ReplySpec, type ThinkingWireStyle } from '../support/model-server.js';
import { NO_MODEL_ENV, startHost, type E2eHost } from './support/host.js';
import { currentStep, roadmap, showScreen } from './support/tutor-page.js';

const PROBLEM = 'Given $a_1 = 3$ and $a_{n+1} = 2a_n + 5$, find a formula for $a_n$.';
/** Ways the answer can be written (TeX, typed, spoken labels keep the TeX source). */
const FORMS = ['2^{n+2}', '2^(n+2)', '4\\cdot 2^n', '4 \\cdot 2^n', '4·2^n', '2^{n-1} - 5', 'THOUGHT'];
const THOUGHT = 'THOUGHT: the closed form is a_n = 2^{n+2} - 5, boxed.';

const PLAN = JSON.stringify({
  analysis: 'Shift the sequence by a constant so that it becomes geometric; in the end $a_n = 4 \\cdot 2^n - 5$.',
  steps: [
    { title: 'Make it geometric', goal: 'Find $c$ so that $a_{n+1} + c = 2(a_n + c)$.', template_id: null, produces: 'the constant $c$' },
    { title: 'Shift back: $a_n = 2^{n+2} - 5$', goal: 'Undo the shift.', template_id: null, produces: '$a_n = 2^{n+2} - 5$' },
  ],
});
const HINT = 'Compare $a_{n+1} + c$ with $2(a_n + c)$; you should end up with $a_n = 2^{n+2}-5$.';
const WORKED = [
  'We want $a_{n+1} + c = 2(a_n + c)$, that is $a_{n+1} = 2a_n + c$, so $c = 5$.',
  'Then $b_n = a_n + 5$ has $b_1 = 8$ and doubles each time, so $b_n = 8 \\cdot 2^{n-1}$.',
  'Therefore $a_n = 2^{n+2} - 5$, and the final answer is \\boxed{2^{n+2}-5}.',
].join('\n');
const REFERENCE = 'ANSWER: \\boxed{2^{n+2} - 5}';

/** Page text plus every accessible name and title on the page. */
async function everythingShown(page: Page): Promise<string> {
  return page.evaluate(() => {
    const names = [...document.querySelectorAll('*')].flatMap((el) => ['aria-label', 'title', 'alt', 'aria-description'].map((a) => el.getAttribute(a) ?? ''));
    return `${document.body.innerText}\n${names.join('\n')}`;
  });
}

async function expectNoAnswer(page: Page, when: string) {
  const shown = await everythingShown(page);
  for (const form of FORMS) expect(shown.includes(form), `"${form}" on screen ${when}`).toBe(false);
}

const styles: { name: string; style: ThinkingWireStyle; cut: boolean }[] = [
  { name: 'inline <think> blocks', style: 'think', cut: false },
  { name: 'thinking cut off by max_tokens, never closed (one retry with a larger budget)', style: 'think', cut: true },
  { name: 'reasoning_content deltas', style: 'reasoning_content', cut: false },
];

for (const { name, style, cut } of styles) {
  test.describe(`integrity with ${name}`, () => {
    let server: ModelServer;
    let host: E2eHost;

    test.beforeAll(async () => {
      server = await startModelServer();
      host = await startHost({ env: { ...NO_MODEL_ENV, OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' } });
    });
    test.afterAll(async () => {
      await host?.stop();
      await server?.close();
    });

    test('no form of the answer is shown or named before the last step', async ({ page }) => {
      const think = (content: string, extra: Partial<ReplySpec> = {}): ReplySpec => ({ content, reasoning: THOUGHT, thinkingStyle: style, ...extra });
      const cutOff: ReplySpec = { reasoning: `${THOUGHT} `.repeat(40), thinkingStyle: style, thinkingUnclosed: true };
      server.script(...(cut ? [cutOff] : []), think(PLAN));
      server.scriptReference(...(cut ? [cutOff] : []), think(REFERENCE));

      await page.goto(host.url);
      await showScreen(page, 'Solve');
      await page.getByLabel('Problem', { exact: true }).fill(PROBLEM);
      await page.getByRole('button', { name: 'Start' }).click();
      await expect(roadmap(page).getByRole('listitem')).toHaveCount(2);
      await expectNoAnswer(page, 'after planning');
      await expect(page.getByText('held back until the last step').first()).toBeVisible();

      const step = currentStep(page);
      await step.getByRole('button', { name: 'Show the goal' }).click();
      server.script(think(HINT));
      await step.getByRole('button', { name: 'Show a hint' }).click();
      await expect(step.getByText('Compare')).toBeVisible();
      await expectNoAnswer(page, 'after the hint');

      server.script(think(WORKED, { chunkChars: 5, tokensPerSecond: 400 }));
      await step.getByRole('button', { name: 'Show the worked step' }).click();
      // While it streams and once it is done, nothing of the answer is on screen.
      await expect(step.locator('.stream-text, .worked-step').first()).toContainText('We want');
      await expectNoAnswer(page, 'while the worked step streams');
      await expect(step.locator('.worked-step')).toContainText('doubles');
      await expectNoAnswer(page, 'after the worked step');

      server.script(think(JSON.stringify({ verdict: 'correct', feedback: 'Yes, and then $a_n = 2^{n+2} - 5$ follows.', expected: '5' })));
      await step.getByLabel('Your result for this step').fill('c = 5');
      await step.getByRole('button', { name: 'Check my step' }).click();
      await expect(step.getByRole('status').first()).toBeVisible();
      await expectNoAnswer(page, 'after the step check');
    });
  });
}
