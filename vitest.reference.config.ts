/**
 * `npm run test:reference`: the tests over third-party reference data in ../shared/reference
 * (test/reference/**). Not part of `vitest run`/`npm run test:unit`; `npm test` runs it too
 * when the data is there. Without the data it prints why and runs nothing.
 */
import { defineConfig } from 'vitest/config';
import { hasReferenceData, SKIP_REASON } from './test/reference/reference-dir.js';

const present = hasReferenceData();
if (!present) console.log(SKIP_REASON);

export default defineConfig({
  test: {
    include: present ? ['test/reference/**/*.test.ts'] : [],
    passWithNoTests: !present,
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
