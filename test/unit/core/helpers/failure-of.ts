/** Runs code expected to throw an AppFailure and hands that failure back for assertions. */
import { AppFailure } from '../../../../shared/result.js';

export function failureOf(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppFailure) return err;
    throw err;
  }
  throw new Error('expected a failure');
}
