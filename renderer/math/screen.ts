/**
 * Refuses TeX that is not on the shared allowlist (shared/tex-allowlist.ts): anything that
 * could put a link, id, class, style or HTML into the page (`\mmlToken`, `\href`, `\class`,
 * `\cssId`, `\style`, `\html`, `\unicode`, `\require`, …) and anything else the list does not
 * name. A refused formula never reaches MathJax; the learner sees its source as text.
 */
import { findDisallowedTex } from '../../shared/tex-allowlist.js';

export interface ScreenVerdict {
  ok: boolean;
  /** The refused macro or environment, e.g. `\href` or `\begin{equation}`. */
  macro?: string;
}

export function screenTex(tex: string): ScreenVerdict {
  const refused = findDisallowedTex(tex);
  return refused ? { ok: false, macro: refused.command } : { ok: true };
}
