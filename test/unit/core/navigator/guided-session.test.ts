/**
 * The navigator's category words are kept in the stored session (the first plan event), so the
 * retrieval they drove is on record and a rebuild from the log gives the same session.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replies, startModelServer, type ModelServer } from '../../../support/model-server.js';
import { makeCore, planJson, tempDir } from '../tutor/harness.js';

const PROBLEM = 'Given $a_1=3$ and $a_{n+1}=2a_n+5$, find $a_n$.';
const CATEGORY = `General Knowledge Category: Intermediate Algebra
Specific Direction: Recurrences
Applied Method: shift by the fixed point
Examined Knowledge: geometric sequence`;

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer();
});
afterAll(() => server.close());

const planEvents = (dataDir: string) => {
  const db = new Database(path.join(dataDir, 'library.sqlite'), { readonly: true });
  try {
    return (db.prepare("SELECT payload FROM session_events WHERE type = 'plan'").all() as { payload: string }[]).map((r) => JSON.parse(r.payload) as { guide?: unknown });
  } finally {
    db.close();
  }
};

describe('a guided plan in the stored session', () => {
  it('stores the guide with the first plan; the session reads back the same after a restart', async () => {
    const dataDir = tempDir();
    let t = makeCore({ dataDir, server });
    server.scriptCategory(replies.text(CATEGORY));
    server.script(replies.text(planJson([{ title: 'Shift by the fixed point', template_id: 'core/first-order-recurrence-fixed-point' }, { title: 'Solve', template_id: null }])));
    server.scriptReference(replies.text('ANSWER: \\boxed{a_n = 2^{n+2} - 5}'));
    const view = await t.call('tutor.startSession', { problem: PROBLEM, requestId: 'guided' });
    expect(view.status).toBe('active');
    expect(view.steps[0]!.templateId).toBe('core/first-order-recurrence-fixed-point');
    t.core.close();

    expect(planEvents(dataDir)).toEqual([
      expect.objectContaining({
        guide: { category: 'Intermediate Algebra', direction: 'Recurrences', methods: ['shift by the fixed point'], knowledge: ['geometric sequence'] },
      }),
    ]);
    // The words are on record, never on screen.
    expect(view.plans[0]).not.toHaveProperty('guide');
    expect(JSON.stringify(view)).not.toContain('"guide"');
    t = makeCore({ dataDir, server });
    expect(await t.call('tutor.getSession', { sessionId: view.id })).toEqual(view);
    t.core.close();
  });

  it('stores no guide when the category call failed', async () => {
    const dataDir = tempDir();
    const t = makeCore({ dataDir, server });
    server.script(replies.text(planJson([{ title: 'Shift by the fixed point', template_id: 'core/first-order-recurrence-fixed-point' }, { title: 'Solve', template_id: null }])));
    await t.call('tutor.startSession', { problem: PROBLEM, requestId: 'plain' });
    t.core.close();
    expect(planEvents(dataDir)[0]).not.toHaveProperty('guide');
  });
});
