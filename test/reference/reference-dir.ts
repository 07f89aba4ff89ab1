/**
 * Where the third-party reference data lives: `../shared/reference` beside the repository
 * (the ReasonFlux template library, Buffer-of-Thoughts templates, a ReasonFlux transcript,
 * MATH-500). It is never copied into the project, so a clone on its own does not have it:
 * the reference suite (`npm run test:reference`) is then skipped with this explanation, and
 * the unit tests use our own fixtures in test/fixtures/formats/ instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REFERENCE_DIR = path.resolve(REPO_ROOT, '../shared/reference');

export const hasReferenceData = (): boolean => fs.existsSync(REFERENCE_DIR);

export const SKIP_REASON =
  `reference suite skipped: ${REFERENCE_DIR} does not exist. It holds third-party data that is not part ` +
  'of this repository; place a copy of shared/reference beside the repository to run these tests.';

/** Path of a file in the reference data, e.g. `referenceFile('math500/test.jsonl')`. */
export const referenceFile = (relative: string): string => path.join(REFERENCE_DIR, relative);
