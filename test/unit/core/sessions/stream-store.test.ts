/**
 * Issue 10 point 1: a streamed worked step is stored as appended pieces (linear), closed by
 * one event; the session view is folded incrementally and equals a rebuild from scratch;
 * an old database with repeated partial events upgrades and shows the same sessions.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { MIGRATIONS, SCHEMA_VERSION, runMigrations } from '../../../../electron/core/db/migrations.js';
import type { SessionEventMap, SessionEventType } from '../../../../electron/core/sessions/events.js';
import { rebuildSession } from '../../../../electron/core/sessions/rebuild.js';
import { SessionStore } from '../../../../electron/core/sessions/store.js';
import { mulberry32 } from '../../../../electron/core/util/prng.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-db.js';

let dir: string;
let file: string;
let db: Database.Database;
let store: SessionStore;

beforeEach(() => {
  dir = makeTempDir('rf-streams-');
  file = path.join(dir, 'library.sqlite');
  db = openDatabase(file);
  store = new SessionStore(db);
});
afterEach(() => {
  if (db.open) db.close();
  removeTempDir(dir);
});

const step = (index: number, title: string, templateId: string | null = null) => ({ index, title, goal: `goal ${title}`, templateId, produces: '' });
const plan = (version: number, titles: string[]) => ({
  version,
  createdAt: 'now',
  reason: version === 1 ? 'initial' : 'stuck',
  analysis: `a${version}`,
  steps: titles.map((t, i) => step(i + 1, t, i === 0 ? 'pack/t0' : null)),
  changes: [],
});
const lookup = (id: string) => ({ id, packId: 'pack', templateId: id.split('/')[1]!, name: `Template ${id}`, type: 'method' as never, chapter: 'c', section: 's', tags: [] });

function startSession(id = 's'): void {
  store.create(id, 'problem', null);
  store.append(id, 'created', { problem: 'problem', practiceId: null, source: 'model' });
  store.append(id, 'plan', { plan: plan(1, ['A', 'B', 'C']), keepFrom: 0 });
  store.append(id, 'status', { status: 'active' });
}

/** The same state the store gives, folded from scratch. */
const fromScratch = (id: string) => rebuildSession(store.get(id)!, store.events(id), lookup, store.openStreams(id));

/** Database bytes once the WAL is folded back into the file. */
function fileBytes(d: Database.Database): number {
  d.pragma('wal_checkpoint(TRUNCATE)');
  return (d.pragma('page_count', { simple: true }) as number) * (d.pragma('page_size', { simple: true }) as number);
}

/** Stream `total` characters the way the tutor saves them: every 400 characters, only the new text. */
function streamText(id: string, stepIndex: number, total: number): string {
  const line = 'Then $x_{n+1} = \\frac{x_n + 3}{2}$ and the sum grows by one term. ';
  const text = line.repeat(Math.ceil(total / line.length)).slice(0, total);
  let saved = 0;
  for (let shown = 400; shown < total + 400; shown += 400) {
    saved = store.savePartial(id, stepIndex, saved, text.slice(saved, Math.min(shown, total))) ?? saved;
  }
  expect(saved).toBe(total);
  return text;
}

describe('streamed worked steps', () => {
  it('keeps only the new text per save, shows it as the partial step, and one event closes it', () => {
    startSession();
    expect(store.savePartial('s', 0, 0, 'By Vieta')).toBe(8);
    expect(store.savePartial('s', 0, 8, ', r + s = 5')).toBe(19);
    const pieces = db.prepare('SELECT start, piece FROM session_streams ORDER BY start').all();
    expect(pieces).toEqual([
      { start: 0, piece: 'By Vieta' },
      { start: 8, piece: ', r + s = 5' },
    ]);
    let view = store.state('s', lookup)!.view;
    expect(view.steps[0]!.revealed.instantiation).toEqual({ text: 'By Vieta, r + s = 5', complete: false, heldBack: false });
    expect(view.steps[0]!.canAdvance).toBe(false);
    // No new event per save: the log only has what happened.
    expect(store.events('s').map((e) => e.type)).toEqual(['created', 'plan', 'status']);

    store.append('s', 'rung', { stepIndex: 0, rung: 'instantiation', text: 'By Vieta, r + s = 5 and rs = 3.', complete: true, heldBack: false });
    expect(db.prepare('SELECT COUNT(*) AS n FROM session_streams').get()).toEqual({ n: 0 });
    view = store.state('s', lookup)!.view;
    expect(view.steps[0]!.revealed.instantiation).toEqual({ text: 'By Vieta, r + s = 5 and rs = 3.', complete: true, heldBack: false });
    expect(view.steps[0]!.canAdvance).toBe(true);
  });

  it('a new stream of the step (a save from 0) replaces what a crash left behind', () => {
    startSession();
    store.savePartial('s', 1, 0, 'old text that was cut off');
    expect(store.state('s', lookup)!.view.steps[1]!.revealed.instantiation!.text).toBe('old text that was cut off');
    store.savePartial('s', 1, 0, 'new');
    expect(store.openStreams('s')).toEqual([{ stepIndex: 1, text: 'new' }]);
  });

  it('a re-plan closes the streams of the steps it replaces, not of the steps it keeps', () => {
    startSession();
    store.savePartial('s', 0, 0, 'kept step');
    store.savePartial('s', 2, 0, 'replaced step');
    store.append('s', 'plan', { plan: plan(2, ['A', 'B2', 'C2']), keepFrom: 1 });
    expect(store.openStreams('s')).toEqual([{ stepIndex: 0, text: 'kept step' }]);
    const view = store.state('s', lookup)!.view;
    expect(view.steps[0]!.revealed.instantiation!.text).toBe('kept step');
    expect(view.steps[2]!.revealed).toEqual({});
  });

  it('never splits a surrogate pair between two pieces', () => {
    startSession();
    const text = 'area 😀 done';
    const cut = text.indexOf('😀') + 1; // between the two halves of the emoji
    const saved = store.savePartial('s', 0, 0, text.slice(0, cut))!;
    expect(saved).toBe(cut - 1);
    expect(store.savePartial('s', 0, saved, text.slice(saved))).toBe(text.length);
    expect(store.openStreams('s')[0]!.text).toBe(text);
  });

  it('a 1 MB worked step adds at most 2 MB to the file, and the session reads back quickly', () => {
    startSession();
    const before = fileBytes(db);
    const text = streamText('s', 0, 1_000_000);
    const whileStreaming = fileBytes(db) - before;
    store.append('s', 'rung', { stepIndex: 0, rung: 'instantiation', text, complete: true, heldBack: false });
    const added = fileBytes(db) - before;
    expect(whileStreaming).toBeLessThan(2_000_000);
    expect(added).toBeLessThan(2_000_000);
    // A fresh store (no cache) reads the session: a safety bound, the median is in the bench.
    const t0 = performance.now();
    const view = new SessionStore(db).state('s', lookup)!.view;
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(view.steps[0]!.revealed.instantiation).toEqual({ text, complete: true, heldBack: false });
  });
});

describe('incremental session state', () => {
  it('equals a rebuild from scratch after every event of a random session', () => {
    const random = mulberry32(1010);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    for (let round = 0; round < 20; round++) {
      const id = `r${round}`;
      startSession(id);
      let version = 1;
      for (let i = 0; i < 60; i++) {
        const stepIndex = Math.floor(random() * 3);
        const kind = pick(['goal', 'hint', 'partial', 'stream', 'done', 'attempt', 'advance', 'usage', 'plan', 'notice', 'expected', 'final', 'status'] as const);
        const add = <T extends SessionEventType>(type: T, payload: SessionEventMap[T]) => store.append(id, type, payload);
        if (kind === 'goal') add('rung', { stepIndex, rung: 'goal', text: `goal ${i}` });
        else if (kind === 'hint') add('rung', { stepIndex, rung: 'hint', text: `hint ${i}` });
        else if (kind === 'partial') add('rung', { stepIndex, rung: 'instantiation', text: `part ${i}`, complete: false });
        else if (kind === 'stream') store.savePartial(id, stepIndex, 0, `streaming ${i} `.repeat(3));
        else if (kind === 'done') add('rung', { stepIndex, rung: 'instantiation', text: `worked ${i}`, complete: true });
        else if (kind === 'attempt') add('attempt', { stepIndex, attempt: { text: `a${i}`, verdict: pick(['correct', 'incorrect', 'unchecked'] as const), feedback: 'f', at: 'now' } });
        else if (kind === 'advance') add('advance', { to: stepIndex });
        else if (kind === 'usage') add('usage', { promptTokens: i, completionTokens: 2 * i });
        else if (kind === 'plan') add('plan', { plan: plan(++version, ['A', `B${i}`, `C${i}`].slice(0, 2 + Math.floor(random() * 2))), keepFrom: stepIndex });
        else if (kind === 'notice') add('notice', { notice: { code: 'x', message: `notice ${i}` } });
        else if (kind === 'expected') add('expected', { stepIndex, expected: `${i}` });
        else if (kind === 'final') add('final', { answer: `${i}`, verdict: 'incorrect', detail: '', at: 'now' });
        else add('status', { status: pick(['active', 'solved', 'failed'] as const) });
        // Read sometimes (the cache folds only what is new), compare every time.
        if (random() < 0.5) store.state(id, lookup);
        expect(store.state(id, lookup)).toEqual(fromScratch(id));
      }
    }
  });

  it('hands out copies: changing a returned view does not change the next one', () => {
    startSession();
    const first = store.state('s', lookup)!;
    first.view.steps[0]!.attempts.push({ text: 'x', verdict: 'correct', feedback: { code: 'text', params: { text: '' } }, at: 'now' });
    first.hidden.expected.set(0, 'changed');
    expect(store.state('s', lookup)).toEqual(fromScratch('s'));
    expect(store.state('s', lookup)!.view.steps[0]!.attempts).toEqual([]);
  });

  it('forgets a deleted session, and a new session with the same id starts empty', () => {
    startSession();
    store.append('s', 'rung', { stepIndex: 0, rung: 'hint', text: 'old hint' });
    expect(store.state('s', lookup)!.view.steps[0]!.revealed.hint).toBe('old hint');
    expect(store.delete('s')).toBe(true);
    expect(store.state('s', lookup)).toBeNull();
    startSession();
    const again = store.state('s', lookup)!;
    expect(again.view.steps[0]!.revealed).toEqual({});
    expect(again).toEqual(fromScratch('s'));
  });

  it('sees events written by another connection (another store on the same file)', () => {
    startSession();
    store.state('s', lookup);
    const other = openDatabase(file);
    try {
      new SessionStore(other).append('s', 'usage', { promptTokens: 7, completionTokens: 1 });
    } finally {
      other.close();
    }
    expect(store.state('s', lookup)!.view.usage).toEqual({ promptTokens: 7, completionTokens: 1, calls: 1 });
  });

  it('keeps a bounded number of sessions in memory and still answers for the others', () => {
    store = new SessionStore(db, undefined, { cachedSessions: 2 });
    for (const id of ['a', 'b', 'c']) startSession(id);
    for (const id of ['a', 'b', 'c', 'a']) expect(store.state(id, lookup)).toEqual(fromScratch(id));
  });
});

describe('upgrading a database written by version 4', () => {
  it('keeps every session as it was and drops the repeated partial events', () => {
    db.close();
    const oldFile = path.join(dir, 'old.sqlite');
    const old = new Database(oldFile);
    old.pragma('journal_mode = WAL');
    runMigrations(old, MIGRATIONS.filter((m) => m.version <= 4));
    expect(old.pragma('user_version', { simple: true })).toBe(4);
    // The old tutor: a new event with the whole text so far, every 400 characters.
    const at = '2026-01-01T00:00:00.000Z';
    old.prepare('INSERT INTO sessions (id, problem, practice_id, created_at, updated_at, status) VALUES (?, ?, NULL, ?, ?, ?)').run('s', 'problem', at, at, 'active');
    const events: { type: SessionEventType; payload: unknown }[] = [];
    const add = <T extends SessionEventType>(type: T, payload: SessionEventMap[T]) => events.push({ type, payload });
    add('created', { problem: 'problem', practiceId: null, source: 'model' });
    add('plan', { plan: plan(1, ['A', 'B']), keepFrom: 0 });
    const work = 'x'.repeat(4_000);
    for (let n = 400; n <= 4_000; n += 400) add('rung', { stepIndex: 0, rung: 'instantiation', text: work.slice(0, n), complete: n === 4_000 });
    add('advance', { to: 1 });
    for (let n = 400; n <= 1_200; n += 400) add('rung', { stepIndex: 1, rung: 'instantiation', text: work.slice(0, n), complete: false });
    add('attempt', { stepIndex: 1, attempt: { text: '5', verdict: 'correct', feedback: '', at: 'now' } });
    add('status', { status: 'active' });
    const insert = old.prepare('INSERT INTO session_events (session_id, seq, type, payload, at) VALUES (?, ?, ?, ?, ?)');
    events.forEach((e, i) => insert.run('s', i + 1, e.type, JSON.stringify(e.payload), at));
    const row = { id: 's', problem: 'problem', practiceId: null, createdAt: at, updatedAt: at, status: 'active' as const };
    const before = rebuildSession(row, events.map((e, i) => ({ seq: i + 1, at, ...e }) as never), lookup);
    expect(before.view.steps[1]!.revealed.instantiation!.text.length).toBe(1_200);
    const eventsBefore = events.length;
    old.close();

    db = openDatabase(oldFile);
    store = new SessionStore(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.state('s', lookup)).toEqual(before);
    const rungs = store.events('s').filter((e) => e.type === 'rung');
    expect(rungs.map((e) => (e.payload as SessionEventMap['rung']).text!.length)).toEqual([4_000, 1_200]);
    expect(store.events('s').length).toBe(eventsBefore - 9 - 2);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
