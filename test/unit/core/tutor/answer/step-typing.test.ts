/**
 * Step fields (issue 13, point 1) in a practice session, where no model judges: a result typed
 * in keyboard notation is checked like its LaTeX, and input that is not maths is "could not
 * read" with how to type it, never "Not yet".
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PackV1 } from '../../../../../shared/packs/schema.js';
import { english } from '../../../../../shared/messages.js';
import { makeCore, tempDir, type TestCore } from '../harness.js';

const practice = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../../../resources/packs/practice.json'), 'utf8')) as PackV1;
const problem = practice.problems!.find((p) => p.steps[0]?.expected)!;
const practiceId = `practice/${problem.id}`;

let cores: TestCore[] = [];
afterEach(() => {
  for (const t of cores) t.core.close();
  cores = [];
});

describe('a practice step result', () => {
  it('that is not maths is "could not read" with how to type it; a wrong value is still "incorrect"', async () => {
    const t = makeCore({ dataDir: tempDir() });
    cores.push(t);
    const s = await t.call('tutor.startSession', { practiceId, requestId: 'p1' });
    let v = await t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: 'hello', requestId: 'c1' });
    const unread = v.steps[0]!.attempts.at(-1)!;
    expect(unread.verdict).toBe('unparseable');
    expect(english(unread.feedback!)).toMatch(/couldn't read.*for example sqrt\(3\)/);
    v = await t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: '987654321', requestId: 'c2' });
    expect(v.steps[0]!.attempts.at(-1)!.verdict).toBe('incorrect');
  });
});
