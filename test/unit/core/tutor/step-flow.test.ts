/** Step flow (issue 13.4): moving on after a wrong check is recorded; a practice pick resumes its open session. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PackV1 } from '../../../../shared/packs/schema.js';
import { makeCore, tempDir, type TestCore } from './harness.js';

const practice = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../../resources/packs/practice.json'), 'utf8')) as PackV1;
// A problem whose first step has an expected result (so a wrong value is checked as wrong).
const problem = practice.problems!.find((p) => p.steps.length >= 2 && p.steps[0]!.expected)!;
const practiceId = `practice/${problem.id}`;

let cores: TestCore[] = [];
const open = (dataDir: string) => {
  const t = makeCore({ dataDir });
  cores.push(t);
  return t;
};
afterEach(() => {
  for (const t of cores) t.core.close();
  cores = [];
});

describe('moving on after a wrong check', () => {
  it('is allowed, recorded as an advance event with movedOn, and read back the same after a restart', async () => {
    const dir = tempDir();
    const t = open(dir);
    const s = await t.call('tutor.startSession', { practiceId, requestId: 'p1' });
    let v = await t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: '987654321', requestId: 'c1' });
    expect(v.steps[0]!.attempts.map((a) => a.verdict)).toEqual(['incorrect']);
    expect(v.steps[0]!.canAdvance).toBe(true);
    v = await t.call('tutor.advance', { sessionId: s.id });
    expect(v.currentStep).toBe(1);
    expect(v.steps[0]!.movedOn).toBe(true);
    t.core.close();
    cores = [];

    const again = open(dir);
    const back = await again.call('tutor.getSession', { sessionId: s.id });
    expect(back.currentStep).toBe(1);
    expect(back.steps[0]!.movedOn).toBe(true);
    // The attempts are there after the restart.
    expect(back.steps[0]!.attempts).toHaveLength(1);
    expect(back.steps[0]!.attempts[0]!.text).toBe('987654321');
    expect(back.steps[0]!.attempts[0]!.verdict).toBe('incorrect');
  });

  it('is not recorded when the step was checked right', async () => {
    const t = open(tempDir());
    const s = await t.call('tutor.startSession', { practiceId, requestId: 'p1' });
    await t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: '987654321', requestId: 'c1' });
    const right = await t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: problem.steps[0]!.expected!, requestId: 'c2' });
    expect(right.steps[0]!.attempts.at(-1)!.verdict).toMatch(/correct|equivalent_form/);
    const v = await t.call('tutor.advance', { sessionId: s.id });
    expect(v.steps[0]!.movedOn).toBeUndefined();
  });
});

describe('picking a practice problem', () => {
  it('resumes its open session (attempts kept) instead of making a new one; a new session once it is solved', async () => {
    const dir = tempDir();
    const t = open(dir);
    const first = await t.call('tutor.startSession', { practiceId, requestId: 'p1' });
    await t.call('tutor.checkStep', { sessionId: first.id, stepIndex: 0, attempt: '987654321', requestId: 'c1' });
    const second = await t.call('tutor.startSession', { practiceId, requestId: 'p2' });
    expect(second.id).toBe(first.id);
    expect(second.steps[0]!.attempts).toHaveLength(1);
    t.core.close();
    cores = [];

    const again = open(dir);
    const third = await again.call('tutor.startSession', { practiceId, requestId: 'p3' });
    expect(third.id).toBe(first.id);
    let list = await again.call('tutor.listSessions', { limit: 50 });
    expect(list.filter((x) => x.practiceId === practiceId)).toHaveLength(1);
    expect(list[0]!.status).toBe('active');

    // Solved: History shows it as solved, and a new pick starts a fresh attempt.
    const solved = await again.call('tutor.submitAnswer', { sessionId: first.id, answer: problem.answer });
    expect(solved.status).toBe('solved');
    const fresh = await again.call('tutor.startSession', { practiceId, requestId: 'p4' });
    expect(fresh.id).not.toBe(first.id);
    list = await again.call('tutor.listSessions', { limit: 50 });
    expect(list.filter((x) => x.practiceId === practiceId).map((x) => x.status).sort()).toEqual(['active', 'solved']);
  });
});
