/** Shared bits of the pack parsing tests: repo and fixture paths and "expect this AppFailure". */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { PackIssue } from '../../../../shared/domain.js';
import { type AppError, AppFailure } from '../../../../shared/result.js';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
/** Files in third-party formats, written for this project (test/fixtures/formats/README.md). */
export const FORMATS_DIR = path.join(REPO_ROOT, 'test/fixtures/formats');

/** Run fn, expect it to throw an AppFailure, return its error. */
export function failureOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppFailure);
    return (err as AppFailure).error;
  }
  throw new Error('expected an AppFailure, but nothing was thrown');
}

export async function asyncFailureOf(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppFailure);
    return (err as AppFailure).error;
  }
  throw new Error('expected an AppFailure, but nothing was thrown');
}

export const issuesOf = (error: AppError): PackIssue[] => (error.details as { issues: PackIssue[] }).issues;
