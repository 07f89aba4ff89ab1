/** Advice for authors that the pack format does not enforce: 3–7 steps make a usable template. */
import type { PackV1 } from '../../../shared/packs/schema.js';

export const ADVISED_STEPS = { min: 3, max: 7 } as const;

export function stepCountWarnings(pack: PackV1): string[] {
  return pack.templates.flatMap((template, i) => {
    const n = template.steps.length;
    if (n >= ADVISED_STEPS.min && n <= ADVISED_STEPS.max) return [];
    return [`templates[${i}].steps: "${template.name}" has ${n} steps; ${ADVISED_STEPS.min} to ${ADVISED_STEPS.max} are easiest to follow`];
  });
}
