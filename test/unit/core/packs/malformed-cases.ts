/**
 * The malformed-pack corpus (test/fixtures/malformed-packs) as data, so any test can run
 * every broken file through an import path and assert it is refused the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorCode } from '../../../../shared/result.js';

export const MALFORMED_DIR = fileURLToPath(new URL('../../../fixtures/malformed-packs/', import.meta.url));

export interface MalformedExpectation {
  code: ErrorCode;
  /** Each of these {path, rule} pairs must be among the reported issues. */
  issues?: { path: string; rule: string }[];
  /** A substring of the error message (or of one issue's message). */
  message?: string;
}

export interface MalformedCase {
  file: string;
  content: string;
  expected: MalformedExpectation;
}

export function listMalformedCases(): MalformedCase[] {
  const expected = JSON.parse(readFileSync(path.join(MALFORMED_DIR, 'expected.json'), 'utf8')) as Record<string, MalformedExpectation>;
  const files = readdirSync(MALFORMED_DIR).filter((f) => f !== 'expected.json').sort();
  const missing = files.filter((f) => !expected[f]);
  if (missing.length) throw new Error(`no expectation in expected.json for: ${missing.join(', ')}`);
  return files.map((file) => ({ file, content: readFileSync(path.join(MALFORMED_DIR, file), 'utf8'), expected: expected[file]! }));
}
