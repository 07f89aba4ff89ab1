/**
 * Every model call's messages, built one way for all roles (navigator and tutor alike): the
 * same system message (shared.system), then a user message that starts with the shared context
 * (shared.context: problem, candidate templates, plan, results so far, current step with its
 * template; sections a role has nothing for are left out) and ends with the role's task file.
 * The stable part comes first so a serving engine's prefix cache (vLLM automatic prefix
 * caching, SGLang's radix cache) reuses it across the calls of a session; only the task and
 * the parts that changed are new to the engine.
 *
 * Adding a role: a task file `<role>.vN.md` here, an entry in ROLE_FILES and its task inputs in
 * RoleTaskInputs (the compiler then asks every caller for them).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ChatMessage } from '../model/types.js';
import { fillPlaceholders, promptText, promptVariables, renderPrompt } from '../model/render-prompt.js';

// From source the prompt files sit beside this module; bundled, this module's folder is
// out/main and electron/build/bundle.ts copies them to out/main/prompts.
const bundled = path.join(import.meta.dirname, 'prompts');
export const PROMPTS_DIR = fs.existsSync(bundled) ? bundled : path.dirname(bundled);

const file = (name: string) => path.join(PROMPTS_DIR, name);
export const SHARED_PROMPTS = { system: file('shared.system.v1.md'), context: file('shared.context.v1.md') };

/** Each role's task file. */
export const ROLE_FILES = {
  plan: file('plan.v2.md'),
  repair: file('repair.v2.md'),
  replan: file('replan.v2.md'),
  hint: file('hint.v2.md'),
  instantiate: file('instantiate.v2.md'),
  check: file('check.v2.md'),
  reference: file('reference.v2.md'),
} as const;

export type PromptRole = keyof typeof ROLE_FILES;

/** The current step as every tutor role sees it. */
export interface StepContext {
  title: string;
  goal: string;
  /** What the step should produce, or "(not stated)". */
  produces: string;
  /** The step's template card, or a line saying there is none. */
  template: string;
}

/** The shared start of the user message, most stable first. Leave out what a role does not use. */
export interface PromptContext {
  problem: string;
  /** The navigator's candidate templates, one line each (plan and repair). */
  templates?: string;
  /** The plan as a numbered list. */
  plan?: string;
  /** The results of the steps before the current one. */
  results?: string;
  step?: StepContext;
}

/**
 * What a re-plan is told, beside the problem. The re-planning work may add fields here and
 * the matching `{{placeholders}}` to replan.v2.md; a field the file uses must be given.
 */
export interface ReplanPromptInput {
  templates: string;
  /** The steps already done, as a numbered list. */
  done: string;
  /** The steps that remained in the old plan, as a numbered list. */
  remaining: string;
  reason: string;
  /** Results of the steps so far. */
  results: string;
  /** The learner's attempts on the current step, with the checker's feedback. */
  attempts: string;
}

/** Each role's own inputs, filled into its task file. */
export interface RoleTaskInputs {
  plan: Record<string, never>;
  repair: { reason: string; previous: string };
  replan: ReplanPromptInput;
  hint: { previous: string };
  instantiate: { isLast: string };
  check: { expected: string; attempt: string };
  reference: Record<string, never>;
}

const SECTION = /^=== ([a-z]+) ===$/gm;

/** The context file's sections by name, in file order. */
function contextSections(): { name: string; text: string }[] {
  const text = promptText(SHARED_PROMPTS.context);
  const heads = [...text.matchAll(SECTION)];
  return heads.map((m, i) => ({ name: m[1]!, text: text.slice(m.index + m[0].length, heads[i + 1]?.index ?? text.length).trim() }));
}

/** The shared start of the user message for `context`. */
export function renderContext(context: PromptContext): string {
  const present: Record<string, Record<string, string> | null> = {
    problem: { problem: context.problem },
    templates: context.templates !== undefined ? { templates: context.templates } : null,
    plan: context.plan !== undefined ? { plan: context.plan } : null,
    results: context.results !== undefined ? { results: context.results } : null,
    step: context.step ? { stepTitle: context.step.title, stepGoal: context.step.goal, produces: context.step.produces, template: context.step.template } : null,
  };
  const parts: string[] = [];
  for (const section of contextSections()) {
    const vars = present[section.name];
    if (vars === undefined) throw new Error(`${SHARED_PROMPTS.context} has a section "${section.name}" that no code fills.`);
    if (vars) parts.push(fillPlaceholders(section.text, vars, `${SHARED_PROMPTS.context} (section ${section.name})`));
  }
  return parts.join('\n\n');
}

/** The system message every role shares. */
export function sharedSystem(): string {
  return promptText(SHARED_PROMPTS.system).trim();
}

/** The messages for one call of `role`: the shared system message, then the context and the role's task. */
export function roleMessages<R extends PromptRole>(role: R, context: PromptContext, task: RoleTaskInputs[R]): ChatMessage[] {
  const taskText = renderPrompt(ROLE_FILES[role], task as Record<string, string>).trim();
  return [
    { role: 'system', content: sharedSystem() },
    { role: 'user', content: `${renderContext(context)}\n\n${taskText}` },
  ];
}

/** The placeholders a role's task file uses (for tests and for people adding fields). */
export const roleVariables = (role: PromptRole): string[] => promptVariables(ROLE_FILES[role]);
