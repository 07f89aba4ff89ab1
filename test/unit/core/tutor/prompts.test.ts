/**
 * The prompts live in one folder (electron/core/prompts) and one module builds every role's
 * messages: the shared system message, the shared context, then the role's task. Tests: every
 * file renders with its placeholders filled, a missing value throws, and the roles share their
 * prefix (issue 12, point 6).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptVariables, renderPrompt } from '../../../../electron/core/model/render-prompt.js';
import { PROMPTS_DIR, renderContext, ROLE_FILES, roleMessages, roleVariables, SHARED_PROMPTS, type PromptContext, type PromptRole, type RoleTaskInputs } from '../../../../electron/core/prompts/messages.js';

const root = path.resolve(import.meta.dirname, '../../../../electron/core');
const promptFiles = fs
  .readdirSync(path.join(root, 'prompts'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => path.join(root, 'prompts', f));

const roles = Object.keys(ROLE_FILES) as PromptRole[];
/** Sample task inputs: every placeholder of the role's file, with a value naming it. */
const sampleTask = (role: PromptRole) => Object.fromEntries(roleVariables(role).map((n) => [n, `<${n} sample {{not-a-var}}>`])) as unknown as RoleTaskInputs[PromptRole];

const STEP = { title: 'Square the sum', goal: 'Square both sides of r + s = 5.', produces: 'an equation', template: 'Vieta: sum and product of roots.\n1. Read off the coefficients.' };
const TUTOR_CONTEXT: PromptContext = { problem: 'Let $r$, $s$ be the roots of $x^2-5x+3=0$. Find $r^2+s^2$.', plan: '1. Sum and product\n2. Square the sum', results: 'Step 1 (Sum and product): $r+s=5$, $rs=3$.', step: STEP };

describe('prompt files', () => {
  it('are all in one folder: the shared prefix and one task per role', () => {
    expect(PROMPTS_DIR).toBe(path.join(root, 'prompts'));
    const names = promptFiles.map((f) => path.basename(f));
    expect(names).toEqual(
      expect.arrayContaining([
        'shared.system.v1.md',
        'shared.context.v1.md',
        'plan.v2.md',
        'repair.v2.md',
        'replan.v2.md',
        'hint.v2.md',
        'instantiate.v2.md',
        'check.v2.md',
        'reference.v2.md',
      ]),
    );
    // Any other file here is a role's task too (a new role adds one): it starts with its TASK.
    for (const f of promptFiles.filter((p) => !path.basename(p).startsWith('shared.'))) {
      expect(fs.readFileSync(f, 'utf8').replace(/^<!--[\s\S]*?-->\s*/, ''), f).toMatch(/^TASK: /);
    }
    expect(fs.existsSync(path.join(root, 'navigator', 'prompts'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'tutor', 'prompts'))).toBe(false);
    for (const f of [...Object.values(ROLE_FILES), ...Object.values(SHARED_PROMPTS)]) expect(promptFiles).toContain(f);
  });

  it.each(roles)('%s renders with every placeholder filled, as system + user', (role) => {
    const task = sampleTask(role);
    const messages = roleMessages(role, TUTOR_CONTEXT, task);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    const user = messages[1]!.content;
    expect(user.replaceAll('{{not-a-var}}', '')).not.toMatch(/\{\{\s*\w+\s*\}\}/);
    for (const n of roleVariables(role)) expect(user).toContain(`<${n} sample`);
    expect(messages.map((m) => m.content).join('\n')).not.toContain('<!--');
    expect(user.startsWith('Problem:\n')).toBe(true);
    // The role's task is last.
    expect(user.indexOf('TASK:')).toBeGreaterThan(user.indexOf(STEP.template));
  });

  it('throws when a task or context value is missing, naming it', () => {
    expect(() => renderPrompt(ROLE_FILES.repair, { reason: 'x' })).toThrow(/\{\{previous\}\}/);
    expect(() => roleMessages('hint', TUTOR_CONTEXT, {} as RoleTaskInputs['hint'])).toThrow(/\{\{previous\}\}/);
    expect(promptVariables(SHARED_PROMPTS.system)).toEqual([]);
  });

  it('leaves out the context sections a role has nothing for', () => {
    const reference = renderContext({ problem: 'P' });
    expect(reference).toBe('Problem:\nP');
    const plan = renderContext({ problem: 'P', templates: '- a/b | B' });
    expect(plan).toContain('Library templates');
    expect(plan).not.toContain('The plan:');
    expect(plan).not.toContain('Current step');
  });
});

describe('one prefix for all roles', () => {
  const lcp = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  };
  const flat = (role: PromptRole, context: PromptContext) => roleMessages(role, context, sampleTask(role)).map((m) => `<|${m.role}|>${m.content}`).join('');

  it('hint, worked step and check of one step differ only in their task', () => {
    const context = renderContext(TUTOR_CONTEXT);
    const hint = flat('hint', TUTOR_CONTEXT);
    for (const role of ['instantiate', 'check'] as const) {
      const other = flat(role, TUTOR_CONTEXT);
      const shared = lcp(hint, other);
      // Everything up to the end of the step's template card is common.
      expect(shared).toBeGreaterThanOrEqual(hint.indexOf(context) + context.length);
      // ...and they part only inside the task.
      expect(hint.slice(0, shared).endsWith('\n\nTASK: ')).toBe(true);
    }
  });

  it('every role starts with the same system message and the problem, the navigator and the reference too', () => {
    const system = roleMessages('reference', { problem: 'P' }, {})[0]!.content;
    expect(system.length).toBeGreaterThan(400);
    for (const role of roles) {
      const messages = roleMessages(role, role === 'plan' || role === 'repair' ? { problem: 'P', templates: '- a/b | B' } : role === 'replan' || role === 'reference' ? { problem: 'P' } : { ...TUTOR_CONTEXT, problem: 'P' }, sampleTask(role));
      expect(messages[0]!.content).toBe(system);
      expect(messages[1]!.content.startsWith('Problem:\nP\n\n')).toBe(true);
    }
  });

  it('the plan and its repair share the problem and the template list', () => {
    const context: PromptContext = { problem: 'P', templates: '- a/b | B | a long line about the template' };
    const plan = flat('plan', context);
    const repair = flat('repair', context);
    expect(lcp(plan, repair)).toBeGreaterThan(plan.indexOf('a long line about the template'));
  });

  it('a later step repeats the earlier steps’ prefix up to the results so far', () => {
    const step1 = flat('check', { ...TUTOR_CONTEXT, results: '(none yet)' });
    const step2 = flat('hint', { ...TUTOR_CONTEXT, step: { ...STEP, title: 'Subtract twice the product' } });
    expect(lcp(step1, step2)).toBeGreaterThan(step1.indexOf('Results of the steps so far:'));
  });
});
