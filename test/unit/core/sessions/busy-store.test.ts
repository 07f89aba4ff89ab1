/**
 * Issue 10 point 6: while another connection (a CLI import) holds the write lock, session
 * writes neither fail nor hold the event loop for long: a stream's piece is saved with the
 * next one, an event is kept in memory (and shown) and written in order once the lock is free.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { rebuildSession } from '../../../../electron/core/sessions/rebuild.js';
import { SessionStore } from '../../../../electron/core/sessions/store.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-db.js';

let dir: string;
let db: Database.Database;
let importer: Database.Database;
let store: SessionStore;

beforeEach(() => {
  dir = makeTempDir('rf-busy-');
  const file = path.join(dir, 'library.sqlite');
  db = openDatabase(file);
  importer = openDatabase(file);
  store = new SessionStore(db, undefined, { writeWaitMs: 30 });
});
afterEach(() => {
  if (importer.inTransaction) importer.exec('ROLLBACK');
  importer.close();
  db.close();
  removeTempDir(dir);
});

const lookup = () => null;
const plan = { version: 1, createdAt: 'now', reason: 'initial', analysis: '', steps: [{ index: 1, title: 'A', goal: 'g', templateId: null, produces: '' }], changes: [] };
const lockLikeAnImport = () => importer.exec("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('import', 'running')");
const storedEvents = (id: string) => new SessionStore(importer).events(id);

describe('session writes while another process holds the write lock', () => {
  it('keeps events in memory, shows them, and writes them in order once the lock is free', async () => {
    store.create('s', 'problem', null);
    store.append('s', 'created', { problem: 'problem', practiceId: null, source: 'model' });
    store.append('s', 'plan', { plan, keepFrom: 0 });
    lockLikeAnImport();

    const t0 = performance.now();
    expect(store.savePartial('s', 0, 0, 'By Vieta')).toBeNull(); // not saved: the caller keeps its offset
    store.append('s', 'usage', { promptTokens: 3, completionTokens: 4 });
    const done = store.append('s', 'rung', { stepIndex: 0, rung: 'instantiation', text: 'By Vieta, 5.', complete: true, heldBack: false });
    store.append('s', 'status', { status: 'solved' });
    // Bounded waits (30 ms each here), never the connection's 5 s: a safety bound only.
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(done.seq).toBe(4);
    expect(store.pendingCount).toBe(3);

    // Reads show what is waiting, exactly as if it were written.
    const view = store.state('s', lookup)!.view;
    expect(view.steps[0]!.revealed.instantiation).toEqual({ text: 'By Vieta, 5.', complete: true, heldBack: false });
    expect(view.usage.calls).toBe(1);
    expect(view.status).toBe('solved');
    expect(store.get('s')!.status).toBe('solved');
    expect(storedEvents('s').map((e) => e.type)).toEqual(['created', 'plan']);

    importer.exec('COMMIT');
    // The flush timer writes them without any further call.
    for (let i = 0; i < 100 && store.pendingCount; i++) await new Promise((r) => setTimeout(r, 20));
    expect(store.pendingCount).toBe(0);
    expect(storedEvents('s').map((e) => [e.seq, e.type])).toEqual([
      [1, 'created'],
      [2, 'plan'],
      [3, 'usage'],
      [4, 'rung'],
      [5, 'status'],
    ]);
    const fresh = new SessionStore(db);
    expect(fresh.state('s', lookup)).toEqual(store.state('s', lookup));
    expect(store.state('s', lookup)).toEqual(rebuildSession(store.get('s')!, store.events('s'), lookup));
  });

  it('a stream goes on: a piece refused while locked is saved with the next one', () => {
    store.create('s', 'problem', null);
    store.append('s', 'plan', { plan, keepFrom: 0 });
    // The tutor's loop: what was shown since the last save is kept until a save succeeds.
    let saved = 0;
    let unsaved = '';
    const show = (text: string) => {
      unsaved += text;
      const end = store.savePartial('s', 0, saved, unsaved);
      if (end !== null) {
        unsaved = unsaved.slice(end - saved);
        saved = end;
      }
    };
    show('one ');
    lockLikeAnImport();
    show('two ');
    expect(saved).toBe(4);
    importer.exec('COMMIT');
    show('three');
    expect(saved).toBe(13);
    expect(store.openStreams('s')).toEqual([{ stepIndex: 0, text: 'one two three' }]);
  });

  it('a session started while locked is listed, can be used, and is written later', () => {
    lockLikeAnImport();
    store.create('new', 'typed problem', null);
    store.append('new', 'created', { problem: 'typed problem', practiceId: null, source: 'none' });
    expect(store.list(10).map((s) => s.id)).toEqual(['new']);
    expect(store.state('new', lookup)!.view.problem).toBe('typed problem');
    importer.exec('COMMIT');
    expect(store.flush()).toBe(true);
    expect(storedEvents('new').map((e) => e.type)).toEqual(['created']);
    expect(new SessionStore(importer).get('new')!.problem).toBe('typed problem');
  });

  it('flush(waitMs) before closing reports what could not be written', () => {
    store.create('s', 'problem', null);
    lockLikeAnImport();
    store.append('s', 'created', { problem: 'problem', practiceId: null, source: 'model' });
    expect(store.flush(20)).toBe(false);
    expect(store.pendingCount).toBe(1);
    importer.exec('ROLLBACK');
    expect(store.flush(20)).toBe(true);
  });
});
