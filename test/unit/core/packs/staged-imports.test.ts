/** The staged-import holder: ids, single use, expiry on an injected clock, and its bounds. */
import { describe, expect, it } from 'vitest';
import { StagedImports, STAGED_IMPORT_TTL_MS } from '../../../../electron/core/packs/staged-imports.js';
import { failureOf } from './helpers.js';

const clock = (start = 1_000_000) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('staged imports', () => {
  it('give each staged value its own unguessable id and hand it back by that id', () => {
    const staged = new StagedImports<string>();
    const ids = Array.from({ length: 5 }, (_, i) => staged.stage(`pack ${i}`));
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(staged.take(ids[3]!)).toBe('pack 3');
    expect(staged.take(ids[0]!)).toBe('pack 0');
  });

  it('are single use: a second take of the same id is import_expired, saying to preview again', () => {
    const staged = new StagedImports<string>();
    const id = staged.stage('pack');
    expect(staged.take(id)).toBe('pack');
    const error = failureOf(() => staged.take(id));
    expect(error.code).toBe('import_expired');
    expect(error.message).toContain('no longer held');
    expect(error.message).toContain('Nothing was changed');
    expect(error.action).toMatch(/again/);
    // Coded words, so the renderer says it in the learner's language.
    expect(error).toMatchObject({ messageCode: 'core.importExpired', params: { minutes: 30 }, actionCode: 'core.importExpired.action' });
    expect(staged.size).toBe(0);
  });

  it('refuse an id they never gave with the same clear error', () => {
    const staged = new StagedImports<string>();
    staged.stage('pack');
    const error = failureOf(() => staged.take('not-an-id'));
    expect(error).toMatchObject({ code: 'import_expired', details: { importId: 'not-an-id' } });
    expect(staged.size).toBe(1); // the held one is untouched
  });

  it('expire after the time to live, by the injected clock', () => {
    const c = clock();
    const staged = new StagedImports<string>({ now: c.now });
    const old = staged.stage('old');
    c.advance(STAGED_IMPORT_TTL_MS - 1);
    const young = staged.stage('young');
    expect(staged.size).toBe(2);
    c.advance(1); // `old` is exactly 30 minutes old now
    expect(failureOf(() => staged.take(old)).code).toBe('import_expired');
    expect(failureOf(() => staged.take(old)).message).toContain('30 minutes');
    expect(staged.take(young)).toBe('young');
  });

  it('hold at most maxEntries, pushing out the oldest', () => {
    const staged = new StagedImports<number>({ maxEntries: 3 });
    const ids = [0, 1, 2, 3, 4].map((n) => staged.stage(n));
    expect(staged.size).toBe(3);
    expect(failureOf(() => staged.take(ids[0]!)).code).toBe('import_expired');
    expect(failureOf(() => staged.take(ids[1]!)).code).toBe('import_expired');
    expect([ids[2], ids[3], ids[4]].map((id) => staged.take(id!))).toEqual([2, 3, 4]);
  });

  it('keep the staged text under the size budget, oldest out first, the newest always kept', () => {
    const staged = new StagedImports<string>({ maxTotalChars: 100 });
    const a = staged.stage('a', 40);
    const b = staged.stage('b', 40);
    const c = staged.stage('c', 40); // 120 > 100: a goes
    expect(failureOf(() => staged.take(a)).code).toBe('import_expired');
    expect(staged.size).toBe(2);
    const huge = staged.stage('huge', 500); // alone over budget: everything else goes, it stays
    expect(staged.size).toBe(1);
    expect(failureOf(() => staged.take(b)).code).toBe('import_expired');
    expect(failureOf(() => staged.take(c)).code).toBe('import_expired');
    expect(staged.take(huge)).toBe('huge');
    // Taken entries give their budget back.
    const d = staged.stage('d', 60);
    const e = staged.stage('e', 40);
    expect([staged.take(d), staged.take(e)]).toEqual(['d', 'e']);
  });

  it('forget a discarded import; discarding an unknown id says so', () => {
    const staged = new StagedImports<string>();
    const id = staged.stage('pack');
    expect(staged.discard(id)).toBe(true);
    expect(staged.discard(id)).toBe(false);
    expect(failureOf(() => staged.take(id)).code).toBe('import_expired');
  });

  it('never reuse an id that is still held, even when the id source repeats', () => {
    const ids = ['same', 'same', 'other'];
    const staged = new StagedImports<string>({ newId: () => ids.shift() ?? 'x' });
    const first = staged.stage('one');
    const second = staged.stage('two');
    expect([first, second]).toEqual(['same', 'other']);
    expect([staged.take(first), staged.take(second)]).toEqual(['one', 'two']);
  });
});
