/**
 * Navigator-guided retrieval (issue 12.2): the category reply is read in JSON or v1 layout,
 * in linear time; planning asks for it first (beside the hidden reference), retrieves on its
 * words fused with the problem's, and plans exactly as before when it fails.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelClient } from '../../../../electron/core/model/index.js';
import { retrieveCandidates, DEFAULT_CANDIDATES } from '../../../../electron/core/navigator/candidates.js';
import { categoryRequestId, guideQueries, parseGuide } from '../../../../electron/core/navigator/category.js';
import { Navigator } from '../../../../electron/core/navigator/navigator.js';
import { SemanticRetrieval, templateVectorStore } from '../../../../electron/core/navigator/semantic.js';
import { templatesNeedingVectors } from '../../../../electron/core/retrieval/embeddings.js';
import { bagOfWordsVector, CATEGORY_PROMPT_MARK, isCategoryRequest, replies, startModelServer, type ModelServer } from '../../../support/model-server.js';
import { openBuiltInLibrary, type BuiltInLibrary } from '../../../quality/grounding.js';
import { planJson } from '../tutor/harness.js';

const V1_REPLY = `General Knowledge Category: Intermediate Algebra
Specific Direction: Recurrences
Applied Method: first-order recurrence; shift by the fixed point
Examined Knowledge: fixed point of a_n = c a_{n-1} + d; geometric sequence`;

describe('parseGuide', () => {
  it("reads ReasonFlux v1's four fields as key: value lines", () => {
    expect(parseGuide(V1_REPLY)).toEqual({
      category: 'Intermediate Algebra',
      direction: 'Recurrences',
      methods: ['first-order recurrence', 'shift by the fixed point'],
      knowledge: ['fixed point of a_n = c a_{n-1} + d', 'geometric sequence'],
    });
  });

  it('reads JSON, with v1 or short keys, lists or strings, inside prose', () => {
    const json = `Here you go: {"General Knowledge Category": "Number Theory", "Specific Direction": "Modular arithmetic",
      "Applied Method": ["Fermat's little theorem", "Euler's theorem"], "Examined Knowledge": "orders, residues"} done`;
    expect(parseGuide(json)).toEqual({
      category: 'Number Theory',
      direction: 'Modular arithmetic',
      methods: ["Fermat's little theorem", "Euler's theorem"],
      knowledge: ['orders', 'residues'],
    });
    expect(parseGuide('{"category": "Geometry", "methods": "Power of a point"}')).toMatchObject({ category: 'Geometry', methods: ['Power of a point'], knowledge: [] });
  });

  it('tolerates markdown bullets and bold keys, and keeps the first value of a repeated key', () => {
    const md = '- **General Knowledge Category:** Geometry\n* **Applied Method**: Law of cosines\nApplied Method: something else';
    expect(parseGuide(md)).toMatchObject({ category: 'Geometry', direction: '', methods: ['Law of cosines'] });
  });

  it('is null for a reply naming none of the fields', () => {
    for (const reply of ['', 'I cannot classify this.', '{"analysis": "x", "steps": []}', 'Category']) expect(parseGuide(reply), reply).toBeNull();
  });

  it('bounds what it reads: fields, items and a hostile reply', () => {
    const long = parseGuide(`Applied Method: ${Array.from({ length: 50 }, (_, i) => `method ${i}`).join('; ')}\nSpecific Direction: ${'x'.repeat(5_000)}`)!;
    expect(long.methods).toHaveLength(6);
    expect(long.direction.length).toBeLessThanOrEqual(200);
    const hostile = `${':'.repeat(200_000)}\n${'{'.repeat(100_000)}${' '.repeat(100_000)}Applied Method:${' '.repeat(300_000)}x`;
    const t0 = performance.now();
    parseGuide(hostile);
    // A safety net, not a benchmark: the reader is linear and reads at most 8,000 characters.
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it('turns a guide into retrieval queries, none for an empty field', () => {
    expect(guideQueries(parseGuide(V1_REPLY))).toEqual([
      'first-order recurrence; shift by the fixed point',
      'Recurrences; fixed point of a_n = c a_{n-1} + d; geometric sequence',
      'Intermediate Algebra Recurrences',
    ]);
    expect(guideQueries({ category: 'Geometry', direction: '', methods: [], knowledge: [] })).toEqual(['Geometry']);
    expect(guideQueries(null)).toEqual([]);
  });
});

describe('fused candidates', () => {
  let lib: BuiltInLibrary;
  beforeAll(() => {
    lib = openBuiltInLibrary();
  });
  afterAll(() => lib.close());

  it('offers 12 by default; without guide words it is the plain retrieval of the problem', () => {
    const problem = 'How many ways can 10 identical balls go into 4 distinct boxes?';
    const plain = lib.library.retrieve({ problem }).map((c) => c.template.id);
    expect(DEFAULT_CANDIDATES).toBe(12);
    expect(plain).toHaveLength(12);
    expect(retrieveCandidates(lib.library, problem).map((t) => t.id)).toEqual(plain);
  });

  it("brings the guide's method into the candidates for the ReasonFlux demo problem", () => {
    const problem = 'Given $a_1=3$ and $a_{n+1}=2a_n+5$, find $a_n$.';
    const guided = retrieveCandidates(lib.library, problem, 12, guideQueries(parseGuide(V1_REPLY))).map((t) => t.id);
    expect(guided).toContain('core/first-order-recurrence-fixed-point');
    expect(guided.indexOf('core/first-order-recurrence-fixed-point')).toBeLessThan(3);
  });

  it('lifts a method the problem text does not name (Vieta for a sum of squares of roots)', () => {
    const problem = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
    const guide = parseGuide("Category: Intermediate Algebra\nSpecific Direction: polynomials\nApplied Method: Vieta's formulas\nExamined Knowledge: sum and product of the roots");
    const plain = retrieveCandidates(lib.library, problem).map((t) => t.id);
    const guided = retrieveCandidates(lib.library, problem, 12, guideQueries(guide)).map((t) => t.id);
    const at = guided.indexOf('starter/vietas-formulas');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(5);
    const before = plain.indexOf('starter/vietas-formulas');
    expect(before === -1 || at < before).toBe(true);
  });
});

describe('guided planning against the scripted server', () => {
  let server: ModelServer;
  let lib: BuiltInLibrary;
  let navigator: Navigator;
  const ep = () => ({ baseUrl: server.url, model: 'scripted-model' });
  const PROBLEM = 'Given $a_1=3$ and $a_{n+1}=2a_n+5$, find $a_n$.';
  const PLAN = planJson([
    { title: 'Shift by the fixed point', template_id: 'core/first-order-recurrence-fixed-point' },
    { title: 'Solve the geometric sequence', template_id: null },
  ]);

  beforeAll(async () => {
    server = await startModelServer();
    lib = openBuiltInLibrary();
  });
  afterAll(async () => {
    lib.close();
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    navigator = new Navigator({ library: lib.library, client: new ModelClient({ maxRetries: 1, sleep: async () => {}, firstByteTimeoutMs: 3_000, idleTimeoutMs: 3_000 }) });
  });

  it('asks for the category first, retrieves on its words and keeps the guide with the plan', async () => {
    server.scriptCategory(replies.text(V1_REPLY));
    server.script(replies.text(PLAN));
    const usage: number[] = [];
    const outcome = await navigator.planTrajectory(ep(), PROBLEM, { requestId: 'g1', onCompletion: (r) => usage.push(r.latencyMs) });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.guide).toMatchObject({ category: 'Intermediate Algebra', methods: ['first-order recurrence', 'shift by the fixed point'] });
    expect(outcome.candidates.map((c) => c.id)).toContain('core/first-order-recurrence-fixed-point');
    expect(outcome.candidates).toHaveLength(12);
    expect(outcome.trajectory.steps[0]!.templateId).toBe('core/first-order-recurrence-fixed-point');
    // The category call: recorded apart, plain (no response_format), before the plan, counted in usage.
    expect(server.categoryRequests).toHaveLength(1);
    const category = server.categoryRequests[0]!;
    expect(isCategoryRequest(category)).toBe(true);
    expect(category.body?.response_format).toBeUndefined();
    expect(JSON.stringify(category.body?.messages)).toContain('a_{n+1}=2a_n+5');
    expect(category.receivedAt).toBeLessThanOrEqual(server.chatRequests[0]!.receivedAt);
    expect(JSON.stringify(server.chatRequests[0]!.body?.messages)).toContain('core/first-order-recurrence-fixed-point');
    expect(usage).toHaveLength(2);
    expect(JSON.stringify(server.chatRequests[0]!.body?.messages)).not.toContain(CATEGORY_PROMPT_MARK);
  });

  it('plans with plain retrieval when the category call fails, without retrying it', async () => {
    server.scriptCategory(replies.error(503));
    server.script(replies.text(PLAN));
    const outcome = await navigator.planTrajectory(ep(), PROBLEM, { requestId: 'g2' });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.guide).toBeNull();
    expect(server.categoryRequests).toHaveLength(1);
    expect(outcome.candidates.map((c) => c.id)).toEqual(lib.library.retrieve({ problem: PROBLEM }).map((c) => c.template.id));
  });

  it('plans with plain retrieval when the category reply names nothing', async () => {
    server.scriptCategory(replies.text('This problem is about sequences, I think.'));
    server.script(replies.text(PLAN));
    const outcome = await navigator.planTrajectory(ep(), PROBLEM, { requestId: 'g3' });
    expect(outcome.ok && outcome.guide).toBeNull();
    expect(server.categoryRequests).toHaveLength(1);
  });

  it('stops reading a reply that rambles, or that has given the four fields, and plans on', async () => {
    // Warm the endpoint so replies stream as they come (an unknown endpoint's reply is held for thinking).
    server.script(replies.text('hello'));
    await (navigator as unknown as { deps: { client: ModelClient } }).deps.client.complete(ep(), { requestId: 'warm', messages: [{ role: 'user', content: 'hi' }] });
    const slow = { chunkChars: 4, tokensPerSecond: 200 };
    server.scriptCategory({ content: `Let me tell you a story. ${'Once upon a time there was a sequence. '.repeat(150)}`, ...slow });
    server.script(replies.text(PLAN));
    let t0 = performance.now();
    let outcome = await navigator.planTrajectory(ep(), PROBLEM, { requestId: 'g6' });
    // 6,000 characters at 800 a second would take 7.5 s; it is cut after about 400.
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(outcome.ok && outcome.guide).toBeNull();
    expect(await server.settled(server.requests.indexOf(server.chatRequests[0]!))).toBe('completed');
    expect(server.categoryRequests[0]!.outcome).toBe('client_closed');

    server.reset();
    server.scriptCategory({ content: `${V1_REPLY}\n\nNow, to explain each of these in detail: ${'more words '.repeat(500)}`, ...slow });
    server.script(replies.text(PLAN));
    t0 = performance.now();
    outcome = await navigator.planTrajectory(ep(), PROBLEM, { requestId: 'g7' });
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(outcome.ok && outcome.guide).toMatchObject({ category: 'Intermediate Algebra', knowledge: ['fixed point of a_n = c a_{n-1} + d', 'geometric sequence'] });
    expect(server.categoryRequests[0]!.outcome).toBe('client_closed');
  });

  it('stops planning when the category call is cancelled, and lists its request id for cancel', async () => {
    expect(navigator.requestIds('g4')).toContain(categoryRequestId('g4'));
    server.scriptCategory({ content: V1_REPLY, delayBeforeFirstByteMs: 2_000 });
    server.script(replies.text(PLAN));
    const client = (navigator as unknown as { deps: { client: ModelClient } }).deps.client;
    const pending = navigator.planTrajectory(ep(), PROBLEM, { requestId: 'g4' });
    await new Promise((r) => setTimeout(r, 100));
    expect(client.cancel(categoryRequestId('g4'))).toBe(true);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(server.chatRequests).toHaveLength(0);
  });

  it('makes no category call when turned off', async () => {
    const plain = new Navigator({ library: lib.library, client: new ModelClient({ maxRetries: 0 }), guided: false });
    server.script(replies.text(PLAN));
    const outcome = await plain.planTrajectory(ep(), PROBLEM, { requestId: 'g5' });
    expect(outcome.ok).toBe(true);
    expect(server.categoryRequests).toHaveLength(0);
  });
});

describe('optional semantic retrieval', () => {
  let server: ModelServer;
  let lib: BuiltInLibrary;
  const ep = () => ({ baseUrl: server.url, model: 'scripted-model' });
  const PROBLEM = 'How many ways can 10 identical balls be put into 4 distinct boxes?';

  beforeAll(async () => {
    server = await startModelServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.setEmbeddings({});
    lib = openBuiltInLibrary();
  });
  afterEach(() => lib.close());

  it('indexes the library in bounded steps, stores vectors per model and adds a vector ranking', async () => {
    const client = new ModelClient();
    const semantic = new SemanticRetrieval(client, templateVectorStore(lib.db), { perCall: 128 });
    const total = lib.library.listTemplates({ offset: 0, limit: 1 }).total;
    // Not indexed yet: no vector ranking, but indexing starts beside planning.
    expect(await semantic.queryVector(ep(), PROBLEM)).toBeNull();
    // A run started while one is going joins it.
    await semantic.index(ep(), 'scripted-model');
    expect(templatesNeedingVectors(lib.db, 'scripted-model', 10_000)).toHaveLength(total - 128);
    // Still partly indexed: still no vector ranking (it would rank only the embedded ones).
    expect(await semantic.queryVector(ep(), PROBLEM)).toBeNull();
    await semantic.index(ep(), 'scripted-model');
    expect(templatesNeedingVectors(lib.db, 'scripted-model', 1)).toHaveLength(0);
    const first = await semantic.queryVector(ep(), PROBLEM);
    expect(first?.model).toBe('scripted-model');
    expect(first?.query).toEqual(bagOfWordsVector(PROBLEM));
    const found = lib.library.retrieve({ problem: PROBLEM, vector: first! });
    expect(found.some((c) => c.ranks.vector !== undefined)).toBe(true);
    // Batches of at most 64 texts; the probe and the problem are one text each.
    for (const r of server.embeddingRequests) expect((r.body as unknown as { input: string[] }).input.length).toBeLessThanOrEqual(64);
  });

  it('is null without embeddings, and planning goes on with text retrieval', async () => {
    server.setEmbeddings(false);
    const client = new ModelClient({ maxRetries: 0 });
    const semantic = new SemanticRetrieval(client, templateVectorStore(lib.db));
    expect(await semantic.queryVector(ep(), PROBLEM)).toBeNull();
    const navigator = new Navigator({ library: lib.library, client, semantic });
    server.script(replies.text(planJson([{ title: 'Stars and bars', template_id: 'starter/stars-and-bars' }, { title: 'Count', template_id: null }])));
    const outcome = await navigator.planTrajectory(ep(), PROBLEM, { requestId: 's1' });
    expect(outcome.ok).toBe(true);
    expect(outcome.candidates.map((c) => c.id)).toEqual(lib.library.retrieve({ problem: PROBLEM }).map((c) => c.template.id));
  });

  it('plans with the vector ranking fused in when the endpoint embeds', async () => {
    const client = new ModelClient({ maxRetries: 0 });
    const semantic = new SemanticRetrieval(client, templateVectorStore(lib.db), { perCall: 1_000 });
    await semantic.index(ep(), 'scripted-model');
    const navigator = new Navigator({ library: lib.library, client, semantic });
    server.script(replies.text(planJson([{ title: 'Stars and bars', template_id: 'starter/stars-and-bars' }, { title: 'Count', template_id: null }])));
    const outcome = await navigator.planTrajectory(ep(), PROBLEM, { requestId: 's2' });
    expect(outcome.ok).toBe(true);
    expect(templatesNeedingVectors(lib.db, 'scripted-model', 1)).toHaveLength(0);
    const withVector = lib.library.retrieve({ problem: PROBLEM, vector: { model: 'scripted-model', query: bagOfWordsVector(PROBLEM) } }).map((c) => c.template.id);
    expect(withVector).not.toEqual(lib.library.retrieve({ problem: PROBLEM }).map((c) => c.template.id));
    expect(outcome.candidates.map((c) => c.id)).toEqual(withVector);
  });
});
