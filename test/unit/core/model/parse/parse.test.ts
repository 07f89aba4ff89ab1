import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrajectory, type ParseTrajectoryResult } from '../../../../../electron/core/model/parse/trajectory.js';
import { TRAJECTORY_LIMITS, trajectoryJsonSchema, trajectoryResponseFormat } from '../../../../../shared/trajectory.js';

/** Our own navigator run in the ReasonFlux transcript layout (test/fixtures/formats/README.md). */
const runPath = path.resolve(import.meta.dirname, '../../../../fixtures/formats/navigator-run.json');
const meta = JSON.parse(readFileSync(runPath, 'utf8')) as {
  step1: { reasoning_thoughts: string[]; template: Record<string, unknown> & { reason_flow: string[] } };
};

function okOf(result: ParseTrajectoryResult) {
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result;
}

const plan = {
  analysis: 'A linear recurrence with a constant term; shift it to a geometric sequence.',
  steps: [
    { title: 'Find the shift', goal: 'Choose k so that $b_n = a_n + k$ is geometric.', template_id: 'starter/recurrence-shift', produces: 'the value of k' },
    { title: 'Solve for b_n', goal: 'Use the geometric formula with $\\frac{b_{n+1}}{b_n} = 2$.', template_id: null, produces: 'a formula for b_n' },
    { title: 'Return to a_n', goal: 'Undo the shift and check $a_1$.', template_id: 'starter/geometric-general-term', produces: 'the general term' },
  ],
};
const planJson = JSON.stringify(plan, null, 2);

function expectPlanSteps(result: ParseTrajectoryResult) {
  const { trajectory } = okOf(result);
  expect(trajectory.source).toBe('json');
  expect(trajectory.analysis).toBe(plan.analysis);
  expect(trajectory.steps.map((s) => s.index)).toEqual([1, 2, 3]);
  expect(trajectory.steps.map((s) => s.title)).toEqual(['Find the shift', 'Solve for b_n', 'Return to a_n']);
  expect(trajectory.steps.map((s) => s.templateId)).toEqual(['starter/recurrence-shift', null, 'starter/geometric-general-term']);
  expect(trajectory.steps[1]?.goal).toBe('Use the geometric formula with $\\frac{b_{n+1}}{b_n} = 2$.');
  expect(trajectory.steps[2]?.produces).toBe('the general term');
}

describe('shared trajectory schema', () => {
  it('accepts the JSON we ask for and rejects extra keys', () => {
    expect(trajectoryJsonSchema.safeParse(plan).success).toBe(true);
    expect(trajectoryJsonSchema.safeParse({ ...plan, extra: 1 }).success).toBe(false);
  });

  it('exports a strict JSON Schema usable as response_format', () => {
    const schema = trajectoryResponseFormat.json_schema.schema as {
      required: string[];
      additionalProperties: boolean;
      properties: { steps: { items: { required: string[]; properties: { template_id: { type: string[] } } } } };
    };
    expect(trajectoryResponseFormat.type).toBe('json_schema');
    expect(schema.required).toEqual(['analysis', 'steps']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.steps.items.required).toEqual(['title', 'goal', 'template_id', 'produces']);
    expect(schema.properties.steps.items.properties.template_id.type).toEqual(['string', 'null']);
    expect('$schema' in schema).toBe(false);
  });
});

describe('parseTrajectory: JSON shapes', () => {
  it('reads plain JSON', () => {
    expectPlanSteps(parseTrajectory(planJson));
  });

  it('reads a ```json fence surrounded by prose', () => {
    expectPlanSteps(parseTrajectory(`Sure! Here is the plan:\n\n\`\`\`json\n${planJson}\n\`\`\`\n\nLet me know if you want more detail.`));
  });

  it('reads JSON after a <think> block and with trailing prose', () => {
    const raw = `<think>The user wants {a plan}. Let me think about \\frac{1}{2} and steps: 1. no.</think>\n${planJson}\nThat is all.`;
    const result = okOf(parseTrajectory(raw));
    expectPlanSteps(result);
    expect(result.notes.join(' ')).toMatch(/reasoning block/);
  });

  it('drops a reasoning prefix whose opening <think> tag was in the prompt', () => {
    expectPlanSteps(parseTrajectory(`so the plan is clear {not json}\n</think>\n\n${planJson}`));
  });

  it('reads the plan from inside an unclosed <think> when nothing follows it', () => {
    const result = okOf(parseTrajectory(`<think>Let me write it: ${planJson}`));
    expect(result.trajectory.steps).toHaveLength(3);
    expect(result.notes.join(' ')).toMatch(/unclosed <think>/);
    expect(result.notes.join(' ')).toMatch(/inside it/);
  });

  it('reads a Python dict literal (single quotes, None, True, trailing commas)', () => {
    const raw =
      "{'analysis': 'Shift then solve.', 'steps': [{'title': 'Find k', 'goal': 'Make it homogeneous', 'template_id': None, 'produces': 'k', 'optional': True,}, " +
      "{'title': 'Solve', 'goal': \"Use the ratio, don't expand\", 'template_id': 'p/geo', 'produces': 'b_n',},],}";
    const { trajectory } = okOf(parseTrajectory(raw));
    expect(trajectory.analysis).toBe('Shift then solve.');
    expect(trajectory.steps.map((s) => [s.title, s.templateId])).toEqual([
      ['Find k', null],
      ['Solve', 'p/geo'],
    ]);
    expect(trajectory.steps[1]?.goal).toBe("Use the ratio, don't expand");
  });

  it('repairs output cut off before the closing brackets, and says so', () => {
    const cut = planJson.slice(0, planJson.lastIndexOf('"produces"') - 1);
    const result = okOf(parseTrajectory(cut));
    expect(result.trajectory.steps).toHaveLength(3);
    expect(result.trajectory.steps[2]?.produces).toBe('');
    expect(result.notes.join(' ')).toMatch(/cut off/);
  });

  it('keeps LaTeX backslashes that JSON would read as escapes', () => {
    const raw = '{"analysis": "x", "steps": [{"title": "Bound", "goal": "Show \\theta \\neq \\frac{\\pi}{2} and \\beta \\ge 0 \\right)\\nNext line", "template_id": null, "produces": ""}]}';
    const goal = okOf(parseTrajectory(raw)).trajectory.steps[0]?.goal;
    expect(goal).toBe('Show \\theta \\neq \\frac{\\pi}{2} and \\beta \\ge 0 \\right)\nNext line');
  });

  it('accepts other key spellings for the template', () => {
    const raw = JSON.stringify({
      Analysis: 'a',
      Steps: [
        { Title: 'One', Goal: 'g1', templateId: 'p/one', Produces: 'x' },
        { title: 'Two', goal: 'g2', template: 'Completing the Square', produces: 'y' },
        { title: 'Three', description: 'g3', TemplateID: 'none' },
        { name: 'Four', goal: 'g4', template: { id: 'p/four', name: 'Four things' } },
      ],
    });
    const steps = okOf(parseTrajectory(raw)).trajectory.steps;
    expect(steps.map((s) => s.templateId)).toEqual(['p/one', null, null, 'p/four']);
    expect(steps[1]?.templateName).toBe('Completing the Square');
    expect(steps[2]?.goal).toBe('g3');
    expect(steps[3]?.title).toBe('Four');
    expect(steps[3]?.templateName).toBe('Four things');
  });

  it('derives titles when the model numbers its steps instead of naming them', () => {
    const raw = JSON.stringify({
      plan: [
        { step: 1, description: 'Complete the square in x. Then rewrite.', template_id: null },
        { step: 'Step 2: Read off the centre', description: 'Compare with the standard form.' },
      ],
    });
    const steps = okOf(parseTrajectory(raw)).trajectory.steps;
    expect(steps.map((s) => s.title)).toEqual(['Complete the square in x', 'Read off the centre']);
  });

  it('reads a bare array of steps and a wrapped object', () => {
    expect(okOf(parseTrajectory(JSON.stringify(plan.steps))).trajectory.steps).toHaveLength(3);
    expect(okOf(parseTrajectory(JSON.stringify({ result: { trajectory: plan } }))).trajectory.analysis).toBe(plan.analysis);
  });

  it('caps the number of steps and the length of fields, with notes', () => {
    const many = {
      analysis: 'x'.repeat(10_000),
      steps: Array.from({ length: 45 }, (_, i) => ({ title: `S${i}`, goal: 'g'.repeat(5_000), template_id: null, produces: '' })),
    };
    const result = okOf(parseTrajectory(JSON.stringify(many)));
    expect(result.trajectory.steps).toHaveLength(TRAJECTORY_LIMITS.maxSteps);
    expect(result.trajectory.steps.at(-1)?.index).toBe(30);
    expect(result.trajectory.analysis.length).toBeLessThanOrEqual(TRAJECTORY_LIMITS.maxFieldChars);
    expect(result.trajectory.steps[0]?.goal.length).toBeLessThanOrEqual(TRAJECTORY_LIMITS.maxFieldChars);
    expect(result.notes.join(' ')).toMatch(/45 steps; kept the first 30/);
    expect(result.notes.join(' ')).toMatch(/shortened/);
  });
});

describe('parseTrajectory: ReasonFlux v1 navigator dict (our transcript fixture)', () => {
  const template = meta.step1.template;

  it('is the dict of our fixture, with 4 steps', () => {
    expect(template['Applied Method']).toBe('Shifting a First-Order Recurrence to a Geometric Sequence');
    expect(template.reason_flow).toHaveLength(4);
  });

  function checkV1(result: ParseTrajectoryResult) {
    const parsed = okOf(result);
    expect(parsed.trajectory.source).toBe('reasonflux-v1');
    expect(parsed.trajectory.steps).toHaveLength(template.reason_flow.length);
    parsed.trajectory.steps.forEach((step, i) => {
      expect(step.goal).toBe(template.reason_flow[i]);
      expect(step.title.length).toBeGreaterThan(3);
      expect(step.title.length).toBeLessThanOrEqual(101);
      expect(step.templateId).toBeNull();
    });
    expect(parsed.v1).toEqual({
      category: template['General Knowledge Category'],
      direction: template['Specific Direction'],
      method: template['Applied Method'],
      knowledge: template['Examined Knowledge'],
    });
    return parsed;
  }

  it('reads the dict as JSON', () => {
    checkV1(parseTrajectory(JSON.stringify(template)));
  });

  it('reads it as the Python repr the original code printed, after its <think> block', () => {
    const pyRepr = JSON.stringify(template, null, 1).replace(/"/g, "'");
    const raw = `<think>${meta.step1.reasoning_thoughts[0]}</think>\n${pyRepr}`;
    const parsed = checkV1(parseTrajectory(raw));
    expect(parsed.trajectory.analysis).toContain(String(template['Applied Method']));
  });
});

describe('parseTrajectory: ReasonFlux V2 strategy text', () => {
  const v2 = [
    '## Problem Analysis',
    'We are given $a_1 = 3$ and $a_{n+1} = 2a_n + 5$; the constant term stops it from being geometric.',
    '',
    '## High-Level Solution Strategy',
    '',
    '1. **Step 1: Shift the sequence** — Look for a constant $k$ so that $a_{n+1} + k = 2(a_n + k)$.',
    '2. **Step 2: Recognise a geometric sequence**: The shifted terms $b_n = a_n + k$ double each time.',
    '   - Find its first term from $a_1$.',
    '3. Undo the shift to get $a_n$, then check the formula against $a_1$ and $a_2$.',
    '',
    '## Detailed Solution',
    'Step 1 gives k = 5 …',
  ].join('\n');

  it('reads the numbered strategy items with bold titles', () => {
    const { trajectory } = okOf(parseTrajectory(v2));
    expect(trajectory.source).toBe('reasonflux-v2');
    expect(trajectory.steps.map((s) => s.title)).toEqual([
      'Shift the sequence',
      'Recognise a geometric sequence',
      'Undo the shift to get $a_n$, then check the formula against $a_1$ and $a_2$',
    ]);
    expect(trajectory.steps[0]?.goal).toBe('Look for a constant $k$ so that $a_{n+1} + k = 2(a_n + k)$.');
    expect(trajectory.steps[1]?.goal).toContain('Find its first term');
    expect(trajectory.analysis).toContain('constant term');
    expect(trajectory.steps.some((s) => s.goal.includes('k = 5'))).toBe(false);
  });

  it('reads a bold heading with bulleted items after a think block', () => {
    const raw = [
      '<think>long reasoning</think>',
      '**High-level solution strategy:**',
      '- **Factor the quadratic.** Write it as a product of two linear factors.',
      '- **Read off the roots.** Set each factor to zero.',
      '',
      '**Final answer**',
      'x = 2 or x = 3',
    ].join('\n');
    const { trajectory } = okOf(parseTrajectory(raw));
    expect(trajectory.source).toBe('reasonflux-v2');
    expect(trajectory.steps.map((s) => [s.title, s.goal])).toEqual([
      ['Factor the quadratic', 'Write it as a product of two linear factors.'],
      ['Read off the roots', 'Set each factor to zero.'],
    ]);
  });

  it('reads "### Step N: Title" subheadings with paragraphs, stopping at the next section', () => {
    const raw = [
      '### High-Level Solution Strategy',
      '### Step 1: Count the arrangements',
      'Use the multiplication principle for the first row.',
      '',
      '### Step 2: Remove the overcount',
      'Divide by the symmetries of the table.',
      '### Final Answer',
      '$\\boxed{24}$',
    ].join('\n');
    const { trajectory } = okOf(parseTrajectory(raw));
    expect(trajectory.steps.map((s) => [s.title, s.goal])).toEqual([
      ['Count the arrangements', 'Use the multiplication principle for the first row.'],
      ['Remove the overcount', 'Divide by the symmetries of the table.'],
    ]);
  });

  it('splits numbered items written on the heading line', () => {
    const { trajectory } = okOf(parseTrajectory('High-Level Solution Strategy: 1. Square both sides. 2. Solve the quadratic.'));
    expect(trajectory.source).toBe('reasonflux-v2');
    expect(trajectory.steps.map((s) => s.goal)).toEqual(['Square both sides.', 'Solve the quadratic.']);
  });

  it('falls back to a numbered list in prose', () => {
    const raw = 'Here is how to do it.\n\n1. Expand the square.\n2. Collect like terms.\n3. Solve the linear equation.';
    const { trajectory } = okOf(parseTrajectory(raw));
    expect(trajectory.source).toBe('prose');
    expect(trajectory.steps.map((s) => s.goal)).toEqual(['Expand the square.', 'Collect like terms.', 'Solve the linear equation.']);
    expect(trajectory.analysis).toBe('Here is how to do it.');
  });
});

describe('parseTrajectory: failures', () => {
  it.each([
    ['', /empty/],
    ['   \n ', /empty/],
    ['I cannot help with that.', /did not contain a plan/],
    ['{"analysis": "only analysis"}', /did not contain a plan/],
    ['{"steps": []}', /has no steps/],
    ['<think>just thinking, no plan</think>', /did not contain a plan/],
  ])('%j → a reason', (raw, reason) => {
    const result = parseTrajectory(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('returns a reason for non-string input instead of throwing', () => {
    const result = parseTrajectory(undefined as unknown as string);
    expect(result.ok).toBe(false);
  });
});
