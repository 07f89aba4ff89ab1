/**
 * Switch to another screen from inside a screen (Solve → Settings, History → Solve). The App
 * shell keeps the current screen in its own state and offers no setter, so this presses the
 * screen's navigation button, exactly as the learner would (focus and aria-current follow).
 */
import { SCREENS } from '../screens/registry.js';

export function goToScreen(id: string): boolean {
  // Read at call time: the registry imports the screens that import this module.
  const index = SCREENS.findIndex((screen) => screen.id === id);
  if (index < 0 || typeof document === 'undefined') return false;
  const button = document.querySelectorAll<HTMLButtonElement>('.app-nav button')[index];
  if (!button) return false;
  button.click();
  return true;
}
