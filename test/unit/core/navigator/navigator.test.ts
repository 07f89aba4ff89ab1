import { describe, expect, it } from 'vitest';
import { REFERENCE_PROMPT_MARK, replies } from '../../../support/model-server.js';
import { planJson, useScriptedCore } from '../tutor/harness.js';
import { english } from '../../../../shared/messages.js';

const ctx = useScriptedCore();

/** The navigator's (and checks') requests; a session also asks the solver for its reference answer at the start. */
const requests = () => ctx.server.chatRequests.filter((r) => !(r.body?.messages ?? []).some((m) => String(m.content).includes(REFERENCE_PROMPT_MARK)));

const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';

describe('planTrajectory', () => {
  it('plans from a JSON trajectory, offering retrieved templates and asking for structured output', async () => {
    ctx.server.script(
      replies.text(
        planJson([
          { title: 'Read off sum and product', template_id: 'starter/vietas-formulas' },
          { title: 'Combine', template_id: null },
        ]),
      ),
    );
    const s = await ctx.t.call('tutor.startSession', { problem: PROBLEM, requestId: 'r1' });
    expect(s.status).toBe('active');
    expect(s.source).toBe('model');
    expect(s.steps.map((x) => x.templateId)).toEqual(['starter/vietas-formulas', null]);
    expect(s.steps[0]!.template?.name).toMatch(/Vieta/);
    expect(s.plans).toHaveLength(1);
    const body = requests()[0]!.body!;
    expect((body.response_format as { type: string }).type).toBe('json_schema');
    const prompt = JSON.stringify(body.messages);
    expect(prompt).toContain('starter/vietas-formulas');
    expect(prompt).toContain('x^2 - 5x + 3');
    expect(prompt).not.toMatch(/\{\{\w+\}\}/);
  });

  it('maps a ReasonFlux-v1 dict inside <think> to a library template by name', async () => {
    const v1 = `<think>Let me think about Vieta.</think>
{"General Knowledge Category": "Intermediate Algebra", "Specific Direction": "Polynomials", "Applied Method": "Vieta's formulas",
 "Examined Knowledge": ["roots", "coefficients"], "Reasoning Flow": ["Step 1: write the sum and product of the roots", "Step 2: rewrite the sum of squares"]}`;
    ctx.server.script(replies.text(v1));
    const s = await ctx.t.call('tutor.startSession', { problem: PROBLEM, requestId: 'r2' });
    expect(s.steps).toHaveLength(2);
    expect(s.steps.every((x) => x.templateId === 'starter/vietas-formulas')).toBe(true);
  });

  it('plans from ReasonFlux-V2 strategy text', async () => {
    ctx.server.script(
      replies.text(`Some thoughts first.

### High-Level Solution Strategy
1. **Sum and product**: use Vieta's formulas to read the sum and product of the roots.
2. **Square the sum**: expand $(r+s)^2$ and subtract twice the product.

### Detailed Solution
...`),
    );
    const s = await ctx.t.call('tutor.startSession', { problem: PROBLEM, requestId: 'r3' });
    expect(s.status).toBe('active');
    expect(s.steps.map((x) => x.title)).toEqual(['Sum and product', 'Square the sum']);
  });

  it('re-grounds an unknown template id by name, or by retrieval on the step text', async () => {
    ctx.server.script(
      replies.text(
        planJson([
          { title: 'Complete the square', template_id: 'completing-the-square' },
          { title: 'Use the discriminant', template_id: 'algebra/Quadratic Formula and Discriminant' },
          { title: 'Count with stars and bars', goal: 'Use stars and bars to count distributions.', template_id: 'made-up/xyz-123' },
        ]),
      ),
    );
    const s = await ctx.t.call('tutor.startSession', { problem: 'Solve $x^2+6x+5=0$.', requestId: 'r4' });
    expect(s.steps[0]!.templateId).toBe('starter/completing-the-square');
    expect(s.steps[1]!.templateId).toBe('starter/quadratic-formula-discriminant');
    expect(s.steps[2]!.templateId).toBe('starter/stars-and-bars');
  });

  it('sends one repair request for an unreadable plan, then gives a notice with suggestions', async () => {
    ctx.server.script(replies.text('I would rather chat about the weather.'), replies.text('Still no plan, sorry.'));
    const s = await ctx.t.call('tutor.startSession', { problem: PROBLEM, requestId: 'r5' });
    expect(requests()).toHaveLength(2);
    expect(JSON.stringify(requests()[1]!.body!.messages)).toContain('could not be used');
    expect(s.status).toBe('failed');
    expect(s.notice?.code).toBe('plan_unreadable');
    expect(s.suggestions.length).toBeGreaterThan(0);
    expect(s.steps).toEqual([]);
  });

  it('recovers with the repair request when the second answer is a plan', async () => {
    ctx.server.script(replies.text('nope'), replies.text(planJson([{ title: 'Vieta', template_id: 'starter/vietas-formulas' }])));
    const s = await ctx.t.call('tutor.startSession', { problem: PROBLEM, requestId: 'r6' });
    expect(requests()).toHaveLength(2);
    expect(s.status).toBe('active');
    expect(s.steps).toHaveLength(1);
  });

  it('retries once without response_format when the server rejects it', async () => {
    ctx.server.script(
      replies.error(400, { message: 'response_format is not supported by this server', code: 'invalid_request', param: 'response_format' }),
      replies.text(planJson([{ title: 'Vieta', template_id: 'starter/vietas-formulas' }])),
    );
    const s = await ctx.t.call('tutor.startSession', { problem: PROBLEM, requestId: 'r7' });
    expect(s.status).toBe('active');
    expect(requests()).toHaveLength(2);
    expect(requests()[0]!.body!.response_format).toBeDefined();
    expect(requests()[1]!.body!.response_format).toBeUndefined();
  });
});

describe('re-planning', () => {
  it('revises the remaining steps after two incorrect checks, at most 3 times, keeping every version with a diff', async () => {
    ctx.server.script(
      replies.text(
        planJson([
          { title: 'Sum of roots', template_id: 'starter/vietas-formulas' },
          { title: 'Finish', template_id: null },
        ]),
      ),
    );
    let s = await ctx.t.call('tutor.startSession', { problem: PROBLEM, requestId: 'p' });
    const wrong = replies.text('{"verdict": "incorrect", "feedback": "Check the sign.", "expected": null}');
    for (let round = 1; round <= 4; round++) {
      ctx.server.script(wrong, wrong);
      if (round <= 3) ctx.server.script(replies.text(planJson([{ title: `New route ${round}`, template_id: 'starter/completing-the-square' }, { title: 'Finish', template_id: null }])));
      await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: 'r+s = -5', requestId: `c${round}a` });
      s = await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: 'r+s = -6', requestId: `c${round}b` });
    }
    expect(s.plans.map((p) => p.version)).toEqual([1, 2, 3, 4]);
    expect(s.plans[1]!.changes).toEqual([{ kind: 'changed', index: 0, title: 'New route 1' }]);
    expect(english(s.plans[1]!.reason)).toMatch(/incorrect twice/);
    expect(s.notice?.code).toBe('replan_limit');
    // 1 plan + 4 rounds × 2 checks + 3 re-plans: the 4th round asked for no re-plan.
    expect(requests()).toHaveLength(1 + 8 + 3);
    expect(s.steps[0]!.title).toBe('New route 3');
  });
});
