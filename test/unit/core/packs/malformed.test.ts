import { describe, expect, it } from 'vitest';
import { parsePackFile } from '../../../../electron/core/packs/parse.js';
import { failureOf, issuesOf } from './helpers.js';
import { listMalformedCases } from './malformed-cases.js';

const cases = listMalformedCases();

describe('malformed pack corpus', () => {
  it('has at least 30 broken files, each with an expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s is refused as expected', (_name, c) => {
    const error = failureOf(() => parsePackFile(c.file, c.content));
    expect(error.code).toBe(c.expected.code);
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.action, 'every failure tells the user what to do next').toBeTruthy();
    if (error.code === 'pack_invalid') {
      const issues = issuesOf(error);
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(issue.file).toBe(c.file);
        expect(issue.message).toMatch(/\S/);
      }
      for (const want of c.expected.issues ?? []) {
        expect(issues.map((i) => ({ path: i.path, rule: i.rule }))).toContainEqual(want);
      }
    }
    if (c.expected.message) {
      const texts = [error.message, ...(error.code === 'pack_invalid' ? issuesOf(error).map((i) => i.message) : [])];
      expect(texts.some((t) => t.includes(c.expected.message!)), `"${c.expected.message}" in ${JSON.stringify(texts)}`).toBe(true);
    }
  });
});
