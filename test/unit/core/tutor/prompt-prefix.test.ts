/**
 * The call sites really send the shared prefix (issue 12, point 6): through the core and the
 * scripted server, a step's hint, worked step and check carry the same system message and the
 * same user text up to their task, and the plan and the reference answer start like them.
 */
import { describe, expect, it } from 'vitest';
import { isReferenceRequest, promptText, type RecordedRequest } from '../../../support/model-server.js';
import { planJson, useScriptedCore } from './harness.js';

const ctx = useScriptedCore();
const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';

const kind = (req: RecordedRequest): string => {
  const text = promptText(req.body);
  if (isReferenceRequest(req)) return 'reference';
  if (text.includes('TASK: You plan solutions')) return 'plan';
  if (text.includes('Do NOT carry out the computation')) return 'hint';
  if (text.includes("checking a learner's result")) return 'check';
  if (text.includes('TASK: Carry out the current step')) return 'worked';
  return 'other';
};
const messages = (req: RecordedRequest) => (req.body?.messages ?? []) as { role: string; content: string }[];

describe('the shared prefix at the call sites', () => {
  it("hint, worked step and check of a step differ only in their task; plan and reference start the same way", async () => {
    ctx.server.setDefaultReply((req) => {
      const k = kind(req);
      if (k === 'plan') return { content: planJson([{ title: 'Read off sum and product', template_id: 'starter/vietas-formulas' }, { title: 'Combine', template_id: null }]) };
      if (k === 'reference') return { content: 'ANSWER: \\boxed{19}' };
      if (k === 'check') return { content: '{"verdict": "correct", "feedback": "Right.", "expected": null, "plan_fits": true, "plan_reason": null}' };
      return { content: 'By Vieta, $r + s = 5$ and $rs = 3$.' };
    });
    const s = await ctx.t.call('tutor.startSession', { problem: PROBLEM, requestId: 's' });
    expect(s.status).toBe('active');
    await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'hint', requestId: 'h' });
    await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'w' });
    await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: 'r + s = 5', requestId: 'c' });

    const byKind = new Map(ctx.server.chatRequests.map((r) => [kind(r), r]));
    const [plan, reference, hint, worked, check] = (['plan', 'reference', 'hint', 'worked', 'check'] as const).map((k) => {
      const r = byKind.get(k);
      expect(r, k).toBeDefined();
      return messages(r!);
    });
    const system = hint![0]!.content;
    for (const m of [plan, reference, worked, check]) {
      expect(m!.map((x) => x.role)).toEqual(['system', 'user']);
      expect(m![0]!.content).toBe(system);
    }
    const head = (m: { content: string }[]) => m[1]!.content.slice(0, m[1]!.content.indexOf('\n\nTASK: '));
    // The step's context: problem, plan, results so far, the step and its template card.
    const context = head(hint!);
    expect(context.startsWith(`Problem:\n${PROBLEM}\n\nThe plan:\n1. Read off sum and product`)).toBe(true);
    expect(context).toMatch(/Current step: Read off sum and product[\s\S]*Template for the step:\n.*Vieta/);
    expect(head(worked!)).toBe(context);
    expect(head(check!)).toBe(context);
    // The navigator and the reference share the system message and the problem with them.
    for (const m of [plan, reference]) expect(m![1]!.content.startsWith(`Problem:\n${PROBLEM}\n\n`)).toBe(true);
  });
});
