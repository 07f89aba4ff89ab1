// Types for eslint/layers.js (plain JS so eslint.config.js can load it without a build step).
import type { ESLint, Rule } from 'eslint';

export const CORE_FLOORS: string[][];
export const CORE_FRONT_DOOR: string;
export const SHELLS: string[];
export type Place =
  | { kind: 'core'; room: string; floor: number | null; name: string; frontDoor: boolean }
  | { kind: 'shell'; shell: string; name: string }
  | { kind: 'shared' | 'renderer' | 'common' | 'tooling'; name: string }
  | { kind: 'outside' };
export function placeOf(relPath: string): Place;
export function relativeProblem(from: Place, to: Place): string | null;
export function packageProblem(from: Place, spec: string, typeOnly: boolean): string | null;
export const layersRule: Rule.RuleModule;
export const layersPlugin: ESLint.Plugin;
