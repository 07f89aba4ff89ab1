/**
 * Splitting a normalised answer into its parts: tuples and intervals (ordered, brackets
 * matter), sets and bare lists of roots (unordered), unions of intervals, matrices.
 */
import { stripVariablePrefix } from './normalize.js';

export type AnswerShape =
  | { kind: 'scalar'; text: string }
  | { kind: 'ordered'; open: string; close: string; items: string[] }
  | { kind: 'unordered'; items: string[]; union?: boolean }
  | { kind: 'matrix'; rows: number; cols: number; items: string[] };

const MAX_ITEMS = 24;

/** Splits at `sep` where brackets/braces are balanced. `\{`/`\}` count as brackets. */
export function splitTopLevel(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '\\') {
      const next = s[i + 1];
      if (next === '{' || next === '(' || next === '[') depth++;
      else if (next === '}' || next === ')' || next === ']') depth--;
      if (depth === 0 && s.startsWith(sep, i) && sep.startsWith('\\')) {
        parts.push(s.slice(start, i));
        start = i + sep.length;
        i += sep.length - 1;
        continue;
      }
      i++;
      continue;
    }
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === ']') depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      parts.push(s.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** True when the bracket at 0 closes exactly at the last character. */
function wrapsWhole(s: string, openLen: number, closeLen: number): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    let delta = 0;
    if (ch === '\\') {
      const next = s[i + 1];
      if (next === '{') delta = 1;
      else if (next === '}') delta = -1;
      i++;
    } else if (ch === '{' || ch === '(' || ch === '[') delta = 1;
    else if (ch === '}' || ch === ')' || ch === ']') delta = -1;
    depth += delta;
    if (depth === 0 && i < s.length - 1 && i >= openLen - 1) return false;
  }
  return depth === 0 && s.length >= openLen + closeLen;
}

export function answerShape(normalized: string): AnswerShape {
  const s = normalized;
  const matrix = /^\\begin\{([pbvBV]?matrix|array)\}(?:\{[^}]*\})?(.*)\\end\{\1\}$/.exec(s);
  if (matrix) {
    const rows = (matrix[2] ?? '').split('\\\\').filter((r) => r !== '');
    const cells = rows.map((r) => r.split('&'));
    const cols = Math.max(0, ...cells.map((c) => c.length));
    return { kind: 'matrix', rows: rows.length, cols, items: cells.flat().slice(0, MAX_ITEMS * 4) };
  }
  const union = splitTopLevel(s, '\\cup');
  if (union.length > 1) return { kind: 'unordered', items: union.slice(0, MAX_ITEMS), union: true };
  if (s.startsWith('\\{') && s.endsWith('\\}') && wrapsWhole(s, 2, 2)) {
    const inner = s.slice(2, -2);
    return { kind: 'unordered', items: splitTopLevel(inner, ',').map(stripVariablePrefix).slice(0, MAX_ITEMS) };
  }
  const first = s[0];
  const last = s[s.length - 1];
  if ((first === '(' || first === '[') && (last === ')' || last === ']') && wrapsWhole(s, 1, 1)) {
    const items = splitTopLevel(s.slice(1, -1), ',');
    if (items.length > 1) return { kind: 'ordered', open: first, close: last, items: items.slice(0, MAX_ITEMS) };
  }
  const list = splitTopLevel(s, ',');
  if (list.length > 1) return { kind: 'unordered', items: list.map(stripVariablePrefix).slice(0, MAX_ITEMS) };
  return { kind: 'scalar', text: s };
}
