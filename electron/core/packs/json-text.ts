/**
 * JSON text handling that fails with a teacher-readable place: nesting deeper than the pack
 * limit is refused with the line/column of the first bracket too deep, and a syntax
 * error is reported as "line L column C" rather than V8's byte position or snippet.
 */
import type { PackIssue } from '../../../shared/domain.js';
import { PACK_LIMITS } from '../../../shared/packs/schema.js';
import { failure } from '../../../shared/result.js';
import { msg } from '../../../shared/messages.js';
import { formatPath, type PathPart } from './issues.js';

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Offset of the first bracket that goes deeper than maxDepth, or -1. Strings are skipped. */
export function findExcessNesting(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth = Math.max(0, depth - 1);
  }
  return -1;
}

const quoteChar = (ch: string | undefined) =>
  ch === undefined ? 'end of file' : ch === '\n' ? 'line break' : `'${ch}'`;

/**
 * A small JSON grammar walker used only after JSON.parse failed, to say where and why.
 * Depth is already bounded by findExcessNesting, so recursion is safe here.
 */
export function locateJsonError(text: string): { offset: number; reason: string } {
  let i = 0;
  class Stop {
    constructor(
      readonly offset: number,
      readonly reason: string,
    ) {}
  }
  const unexpected = (what?: string): never => {
    throw new Stop(i, what ?? `Unexpected ${quoteChar(text[i])}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) unexpected();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      const ch = text[i];
      if (ch === undefined) unexpected('Unexpected end of file inside a string (missing closing ")');
      if (ch === '"') return void i++;
      if (ch === '\n') unexpected('Unexpected line break inside a string (missing closing ")');
      if (ch!.charCodeAt(0) < 0x20) unexpected('Unexpected control character inside a string');
      if (ch === '\\') {
        i++;
        const esc = text[i];
        if (esc === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              unexpected('Bad \\u escape in a string (expected 4 hex digits)');
            }
          }
          i += 5;
          continue;
        }
        if (esc === undefined || !'"\\/bfnrt'.includes(esc)) unexpected(`Bad escape "\\${esc ?? ''}" in a string`);
      }
      i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-') unexpected();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    unexpected(ch === undefined ? 'Unexpected end of file (a value is missing)' : undefined);
  };
  const object = () => {
    i++;
    ws();
    if (text[i] === '}') return void i++;
    for (;;) {
      ws();
      if (text[i] !== '"') unexpected(`Unexpected ${quoteChar(text[i])} (expected a property name in double quotes)`);
      string();
      ws();
      if (text[i] !== ':') unexpected(`Unexpected ${quoteChar(text[i])} (expected ':' after the property name)`);
      i++;
      value();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        if (text[i] === '}') unexpected("Unexpected '}' after a trailing comma");
        continue;
      }
      if (text[i] === '}') return void i++;
      unexpected(`Unexpected ${quoteChar(text[i])} (expected ',' or '}')`);
    }
  };
  const array = () => {
    i++;
    ws();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        if (text[i] === ']') unexpected("Unexpected ']' after a trailing comma");
        continue;
      }
      if (text[i] === ']') return void i++;
      unexpected(`Unexpected ${quoteChar(text[i])} (expected ',' or ']')`);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) unexpected(`Unexpected ${quoteChar(text[i])} after the end of the data`);
    return { offset: text.length, reason: 'Unexpected end of file' };
  } catch (err) {
    if (err instanceof Stop) return { offset: err.offset, reason: err.reason };
    throw err;
  }
}

export const TOO_DEEP_ACTION = `Flatten the file: packs never need more than ${PACK_LIMITS.maxDepth} levels of [ ] or { }.`;

/** True when arrays/objects nest more than maxDepth levels; stops descending past the limit. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (maxDepth <= 0) return true;
  // Leaves (most values) are skipped without a call: this walk visits every value of a big pack.
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null && nestsDeeperThan(item, maxDepth - 1)) return true;
  } else {
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null && nestsDeeperThan(item, maxDepth - 1)) return true;
    }
  }
  return false;
}

function throwIfTooDeep(fileName: string, text: string): void {
  const deepAt = findExcessNesting(text, PACK_LIMITS.maxDepth);
  if (deepAt < 0) return;
  const { line, column } = lineColumnAt(text, deepAt);
  const issue: PackIssue = {
    file: fileName,
    path: `line ${line} column ${column}`,
    rule: 'too_deep',
    message: `is nested more than ${PACK_LIMITS.maxDepth} levels deep`,
  };
  throw failure('pack_invalid', msg('core.packProblems', { count: 1, fileName }), { details: { issues: [issue] }, action: msg('core.tooDeep.action', { depth: PACK_LIMITS.maxDepth }) });
}

interface Frame {
  /** null for a list. */
  keys: Set<string> | null;
  /** This container's place in its parent. */
  part: PathPart | null;
  index: number;
  key: string | null;
  expectKey: boolean;
}

/**
 * The first key that appears twice in one object of valid JSON text, with its path (the
 * object's path plus the key) and offset, or null. JSON.parse silently keeps the last value,
 * so `"id": "x", …, "id": "core"` would quietly become another pack. One forward pass: string
 * bodies are skipped with indexOf, keys are decoded only when they contain an escape, and
 * each object's key set is dropped when the object closes. Call only on text JSON.parse took.
 */
export function findDuplicateKey(text: string): { path: PathPart[]; key: string; offset: number } | null {
  const stack: Frame[] = [];
  const partOfChild = (): PathPart | null => {
    const top = stack[stack.length - 1];
    if (!top) return null;
    return top.keys === null ? top.index : top.key;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let end = text.indexOf('"', i + 1);
      for (;;) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 92) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      const top = stack[stack.length - 1];
      if (top && top.keys !== null && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.keys.has(key)) {
          const path = stack.slice(1).map((f) => f.part!);
          return { path: [...path, key], key, offset: i };
        }
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      stack.push({ keys: c === 123 ? new Set() : null, part: partOfChild(), index: 0, key: null, expectKey: c === 123 });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    } else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top?.keys === null) top.index++;
      else if (top) top.expectKey = true;
    }
  }
  return null;
}

function throwIfDuplicateKey(fileName: string, text: string): void {
  const dup = findDuplicateKey(text);
  if (!dup) return;
  const { line, column } = lineColumnAt(text, dup.offset);
  const issue: PackIssue = {
    file: fileName,
    path: formatPath(dup.path),
    rule: 'duplicate_key',
    message: `has the key ${JSON.stringify(dup.key)} twice in the same object (the second one at line ${line} column ${column}); a JSON reader would silently keep only the last one`,
  };
  throw failure('pack_invalid', msg('core.packProblems', { count: 1, fileName }), { details: { issues: [issue] }, action: msg('core.duplicateKey.action') });
}

/**
 * Parse pack JSON, refusing deep nesting and naming the line/column of syntax errors.
 * V8's JSON.parse is iterative (no recursion limit), so it runs first and the character-level
 * scans only run when something is wrong: a 100 MB pack is then read once, not twice.
 * Deep nesting is refused before the data reaches any recursive walk of ours, and a key
 * given twice in one object (which JSON.parse resolves silently) is refused with its path.
 */
export function parseJsonText(fileName: string, text: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throwIfTooDeep(fileName, text); // as before: "too deep" wins over a syntax error
    const { offset, reason } = locateJsonError(text);
    const { line, column } = lineColumnAt(text, offset);
    throw failure('pack_unreadable', msg('core.notJson', { fileName, reason, line, column }), {
      action: msg('core.notJson.action'),
      details: { line, column },
    });
  }
  if (nestsDeeperThan(data, PACK_LIMITS.maxDepth)) throwIfTooDeep(fileName, text);
  throwIfDuplicateKey(fileName, text);
  return data;
}
