import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptMessages, promptVariables, renderPrompt } from '../../../../electron/core/model/render-prompt.js';

const root = path.resolve(import.meta.dirname, '../../../../electron/core');
const promptFiles = ['navigator', 'tutor'].flatMap((dir) =>
  fs.readdirSync(path.join(root, dir, 'prompts')).filter((f) => f.endsWith('.md')).map((f) => path.join(root, dir, 'prompts', f)),
);

describe('prompt files', () => {
  it('finds the versioned prompts', () => {
    expect(promptFiles.map((f) => path.basename(f)).sort()).toEqual(
      ['check.v1.md', 'final-answer.v1.md', 'hint.v1.md', 'instantiate.v1.md', 'plan.v1.md', 'repair.v1.md', 'replan.v1.md'].sort(),
    );
  });

  it.each(promptFiles)('%s renders with every placeholder filled and a user message', (file) => {
    const names = promptVariables(file);
    expect(names.length).toBeGreaterThan(0);
    const vars = Object.fromEntries(names.map((n) => [n, `<${n} sample {{not-a-var}}>`]));
    const text = renderPrompt(file, vars);
    expect(text.replaceAll('{{not-a-var}}', '')).not.toMatch(/\{\{\s*\w+\s*\}\}/);
    for (const n of names) expect(text).toContain(`<${n} sample`);
    expect(text).not.toContain('<!--');
    const messages = promptMessages(file, vars);
    expect(messages.at(-1)!.role).toBe('user');
    expect(messages.at(-1)!.content.length).toBeGreaterThan(0);
  });

  it('throws when a placeholder has no value', () => {
    const file = promptFiles.find((f) => f.endsWith('plan.v1.md'))!;
    expect(() => renderPrompt(file, { problem: 'x' })).toThrow(/\{\{templates\}\}/);
  });
});
