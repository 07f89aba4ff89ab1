/** Shared steps for the tutoring e2e specs: navigation, the ladder, and a raw-TeX check. */
import { expect, type Locator, type Page } from '@playwright/test';

export type ScreenName = 'Library' | 'Solve' | 'History' | 'Packs' | 'Settings';

export const showScreen = (page: Page, name: ScreenName) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();

/** The card of the step being worked. */
export const currentStep = (page: Page) => page.locator('section.current-step');

export const roadmap = (page: Page) => page.getByRole('navigation', { name: 'Roadmap' });

/** Fails when text that should be rendered math still shows TeX source. */
export async function expectNoRawTex(area: Locator, what: string): Promise<void> {
  const text = await area.innerText();
  const raw = /.{0,30}(\$|\\frac|\\boxed|\\sqrt|\^\{).{0,30}/s.exec(text);
  expect(raw?.[0] ?? null, `raw TeX visible in ${what}`).toBeNull();
}

/** Collects console errors and page crashes, so a spec can assert there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
