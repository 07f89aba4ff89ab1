/**
 * Plan hygiene (issue 12, point 4), through the real Navigator and model client against the
 * scripted server: a plan cut off by the token limit is re-asked, never accepted; repeated
 * steps are merged; more than 8 steps gets one repair request, then is trimmed with a note; an
 * empty plan has its own message; a server refusing response_format with a 422 still plans.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile, defaultResourcesDir, ensureDataDir } from '../../../../electron/core/data-dir.js';
import { openDatabaseWithRecovery } from '../../../../electron/core/db/recovery.js';
import { Library } from '../../../../electron/core/library/library.js';
import { ModelClient, type ModelEndpoint } from '../../../../electron/core/model/index.js';
import { mergeDuplicateSteps } from '../../../../electron/core/model/parse/plan-hygiene.js';
import { parseTrajectory } from '../../../../electron/core/model/parse/trajectory.js';
import { Navigator, type PlanOutcome } from '../../../../electron/core/navigator/navigator.js';
import { PackService } from '../../../../electron/core/packs/service.js';
import { promptText, startModelServer, type ModelServer, type RecordedRequest, type ReplySpec } from '../../../support/model-server.js';
import { tempDir } from '../tutor/harness.js';

const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const isPlanning = (req: RecordedRequest) => promptText(req.body).includes('TASK: You plan solutions');

let server: ModelServer;
let library: Library;
let close: () => void;
/** Replies for the plan and repair requests, in order; any other call (e.g. a category call) gets a plain line. */
let planReplies: ReplySpec[] = [];

beforeAll(async () => {
  server = await startModelServer({
    defaultReply: (req) => (isPlanning(req) ? (planReplies.shift() ?? { content: 'No plan was scripted.' }) : { content: 'General Knowledge Category: Algebra' }),
  });
  const dir = tempDir();
  ensureDataDir(dir);
  const { db } = openDatabaseWithRecovery(databaseFile(dir));
  new PackService(db, defaultResourcesDir()).installBuiltIns(new Set());
  library = new Library(db);
  close = () => db.close();
});
afterAll(async () => {
  close();
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.setRefuseResponseFormat(null);
  planReplies = [];
});

const step = (title: string, goal = `Work out ${title.toLowerCase()}.`) => ({ title, goal, template_id: null, produces: 'a result' });
const plan = (steps: ReturnType<typeof step>[]) => JSON.stringify({ analysis: 'Use the relations between roots and coefficients.', steps });
const numbered = (n: number) => Array.from({ length: n }, (_, i) => step(`Step number ${i + 1}`));

async function planOnce(extraEp: Partial<ModelEndpoint> = {}, requestId = 'p'): Promise<PlanOutcome> {
  const nav = new Navigator({ library, client: new ModelClient({ maxRetries: 0 }) });
  return nav.planTrajectory({ baseUrl: server.url, model: 'scripted-model', ...extraEp }, PROBLEM, { requestId });
}
const planningRequests = () => server.chatRequests.filter(isPlanning);

describe('plan hygiene', () => {
  it('re-asks a plan cut off by the token limit instead of accepting it, telling the model why', async () => {
    // Valid-looking JSON up to the cut: the lenient reader could close it, but it must not be used.
    planReplies.push(
      { content: plan([step('Sum and product'), step('Square the sum')]).slice(0, -40), finishReason: 'length' },
      { content: plan([step('Sum and product'), step('Square the sum'), step('Subtract twice the product')]) },
    );
    const out = await planOnce();
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.trajectory.steps.map((s) => s.title)).toEqual(['Sum and product', 'Square the sum', 'Subtract twice the product']);
    const reqs = planningRequests();
    expect(reqs).toHaveLength(2);
    expect(promptText(reqs[1]!.body)).toMatch(/cut off by the token limit \(finish_reason "length"\)/);
  });

  it('says so when the repair is cut off too (never a half plan)', async () => {
    planReplies.push({ content: plan(numbered(3)).slice(0, -10), finishReason: 'length' }, { content: plan(numbered(3)).slice(0, -10), finishReason: 'length' });
    const out = await planOnce();
    expect(out).toMatchObject({ ok: false, problem: 'cut_off' });
    if (!out.ok) expect(out.reason).toMatch(/cut off by the token limit/);
  });

  it('merges repeated steps, keeping the first and noting the merge', async () => {
    planReplies.push({ content: plan([step('Sum and product', 'Write r + s and rs.'), step('Square the sum'), step('Sum and product again', 'write  R + S and RS'), step('Square the sum')]) });
    const out = await planOnce();
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.trajectory.steps.map((s) => [s.index, s.title])).toEqual([
      [1, 'Sum and product'],
      [2, 'Square the sum'],
    ]);
    expect(out.notes.filter((n) => /repeated step/.test(n))).toHaveLength(2);
    expect(planningRequests()).toHaveLength(1);
  });

  it('asks once for at most 8 steps when a plan has more, and takes the shorter answer', async () => {
    planReplies.push({ content: plan(numbered(12)) }, { content: plan(numbered(5)) });
    const out = await planOnce();
    expect(out.ok && out.trajectory.steps.length).toBe(5);
    const reqs = planningRequests();
    expect(reqs).toHaveLength(2);
    expect(promptText(reqs[1]!.body)).toMatch(/the plan had 12 steps; write at most 8/);
  });

  it('trims to 8 with a note when the repair is still too long (no second repair)', async () => {
    planReplies.push({ content: plan(numbered(12)) }, { content: plan(numbered(10)) });
    const out = await planOnce();
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.trajectory.steps.map((s) => s.title)).toEqual(numbered(8).map((s) => s.title));
    expect(out.notes.join('\n')).toMatch(/had 10 steps after one request for at most 8; kept the first 8 and dropped steps 9–10/);
    expect(out.grounding.every((g) => g.index < 8)).toBe(true);
    expect(planningRequests()).toHaveLength(2);
  });

  it('asks for between 2 and 8 steps in the plan prompt', async () => {
    planReplies.push({ content: plan(numbered(3)) });
    await planOnce();
    expect(promptText(planningRequests()[0]!.body)).toMatch(/between 2 and 8 steps/);
  });

  it('reports an empty plan as empty, not as unreadable', async () => {
    planReplies.push({ content: '{"analysis": "Nothing to do.", "steps": []}' }, { content: '```json\n{"analysis": "Still nothing.", "steps": []}\n```' });
    const out = await planOnce();
    expect(out).toMatchObject({ ok: false, problem: 'empty_plan' });
    if (out.ok) return;
    expect(out.reason).toMatch(/has no steps/);
    expect(out.reason).not.toMatch(/could not read|did not contain a plan/);
    expect(promptText(planningRequests()[1]!.body)).toMatch(/Why the previous answer could not be used: The model’s plan has no steps/);
  });

  it('plans on a server that answers 422 to response_format: resends plainly, then asks plainly from the start', async () => {
    server.setRefuseResponseFormat({ status: 422 });
    planReplies.push({ content: plan(numbered(3)) }, { content: plan(numbered(2)) });
    const nav = new Navigator({ library, client: new ModelClient({ maxRetries: 0 }) });
    const ep: ModelEndpoint = { baseUrl: server.url, model: 'scripted-model' };
    const first = await nav.planTrajectory(ep, PROBLEM, { requestId: 'a' });
    expect(first.ok && first.trajectory.steps.length).toBe(3);
    const second = await nav.planTrajectory(ep, PROBLEM, { requestId: 'b' });
    expect(second.ok && second.trajectory.steps.length).toBe(2);
    // Planning requests that reached the script (the refused ones are answered before it).
    const sent = server.chatRequests.filter((r) => r.body?.response_format !== undefined || isPlanning(r)).map((r) => [isPlanning(r), r.body?.response_format !== undefined]);
    expect(sent.filter(([p]) => p)).toEqual([
      [true, true],
      [true, false],
      [true, false],
    ]);
  });
});

describe('mergeDuplicateSteps and the parser', () => {
  it('keeps different steps, merges the same goal and the same title with the same template, filling gaps', () => {
    const s = (title: string, goal: string, templateId: string | null, produces = '') => ({ index: 0, title, goal, templateId, produces });
    const { steps, notes } = mergeDuplicateSteps([s('A', 'Do a.', null), s('B', 'Do b.', 't/b'), s('A again', 'do A', 't/a', 'x'), s('B', 'Other words.', 't/b'), s('B', 'Different b.', 't/c')]);
    expect(steps.map((x) => [x.index, x.title, x.templateId, x.produces])).toEqual([
      [1, 'A', 't/a', 'x'],
      [2, 'B', 't/b', ''],
      [3, 'B', 't/c', ''],
    ]);
    expect(notes).toHaveLength(2);
  });

  it('tells an empty list of steps from an unreadable answer, and still prefers a real plan', () => {
    expect(parseTrajectory('{"steps": []}')).toMatchObject({ ok: false, code: 'empty_plan' });
    expect(parseTrajectory('{"analysis": "a", "steps": [{"title": ""}]}')).toMatchObject({ ok: false, code: 'empty_plan' });
    expect(parseTrajectory('I cannot plan this.')).toMatchObject({ ok: false, code: 'unreadable' });
    const both = parseTrajectory('Example: {"steps": []}\nPlan: {"steps": [{"title": "One", "goal": "Do one."}]}');
    expect(both.ok && both.trajectory.steps.map((x) => x.title)).toEqual(['One']);
  });
});
