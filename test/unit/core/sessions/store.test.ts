import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { rebuildSession } from '../../../../electron/core/sessions/rebuild.js';
import { SessionStore } from '../../../../electron/core/sessions/store.js';
import { tempDir } from '../tutor/harness.js';

let db: Database.Database;
let store: SessionStore;
let clock = 0;

beforeEach(() => {
  db = openDatabase(path.join(tempDir(), 'library.sqlite'));
  clock = Date.UTC(2026, 0, 1);
  store = new SessionStore(db, () => new Date((clock += 1000)));
});
afterEach(() => db.close());

const step = (index: number, title: string) => ({ index, title, goal: `goal ${title}`, templateId: null, produces: '' });
const plan = (version: number, titles: string[]) => ({ version, createdAt: 'now', reason: version === 1 ? 'initial' : 'stuck', analysis: `a${version}`, steps: titles.map((t, i) => step(i + 1, t)), changes: [] });

describe('SessionStore', () => {
  it('appends numbered events, lists recent sessions first, and deletes a session with its events', () => {
    store.create('s1', 'first problem', null);
    store.create('s2', 'second problem', 'practice/x');
    const e1 = store.append('s1', 'created', { problem: 'first problem', practiceId: null, source: 'model' });
    const e2 = store.append('s1', 'status', { status: 'active' });
    expect([e1.seq, e2.seq]).toEqual([1, 2]);
    expect(store.get('s1')!.status).toBe('active');
    expect(store.list(10).map((s) => s.id)).toEqual(['s1', 's2']);
    expect(store.events('s1').map((e) => e.type)).toEqual(['created', 'status']);
    expect(store.delete('s1')).toBe(true);
    expect(store.delete('s1')).toBe(false);
    expect(db.prepare('SELECT COUNT(*) AS n FROM session_events').get()).toEqual({ n: 0 });
  });

  it('rebuilds the view: the latest partial wins, a re-plan keeps finished steps and resets the rest', () => {
    store.create('s', 'p', null);
    store.append('s', 'created', { problem: 'p', practiceId: null, source: 'model' });
    store.append('s', 'plan', { plan: plan(1, ['A', 'B', 'C']), keepFrom: 0 });
    store.append('s', 'rung', { stepIndex: 0, rung: 'goal', text: 'goal A' });
    store.append('s', 'rung', { stepIndex: 0, rung: 'instantiation', text: 'par', complete: false });
    store.append('s', 'rung', { stepIndex: 0, rung: 'instantiation', text: 'partial', complete: false });
    let { view } = rebuildSession(store.get('s')!, store.events('s'), () => null);
    expect(view.steps[0]!.revealed.instantiation).toEqual({ text: 'partial', complete: false, heldBack: false });
    expect(view.steps[0]!.canAdvance).toBe(false);
    store.append('s', 'rung', { stepIndex: 0, rung: 'instantiation', text: 'partial and done', complete: true });
    store.append('s', 'advance', { to: 1 });
    store.append('s', 'rung', { stepIndex: 1, rung: 'hint', text: 'old hint' });
    store.append('s', 'plan', { plan: plan(2, ['A', 'B2']), keepFrom: 1 });
    store.append('s', 'usage', { promptTokens: 10, completionTokens: 5 });
    const state = rebuildSession(store.get('s')!, store.events('s'), () => null);
    view = state.view;
    expect(view.steps.map((s) => s.title)).toEqual(['A', 'B2']);
    expect(view.steps[0]!.revealed.instantiation!.complete).toBe(true);
    expect(view.steps[1]!.revealed).toEqual({});
    expect(view.currentStep).toBe(1);
    expect(view.plans.map((p) => p.version)).toEqual([1, 2]);
    expect(state.hidden.replans).toBe(1);
    expect(view.usage).toEqual({ promptTokens: 10, completionTokens: 5, calls: 1 });
  });
});
