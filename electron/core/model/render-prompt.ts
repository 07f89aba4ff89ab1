/**
 * Prompts are data: versioned Markdown files (electron/core/prompts, assembled into messages by
 * prompts/messages.ts). A file holds an optional `<!-- ... -->` header (for people) and the
 * text. `{{name}}` placeholders are filled from `vars`; a missing one throws, because a
 * half-filled prompt would silently make the model worse.
 */
import fs from 'node:fs';

const cache = new Map<string, string>();
const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

function load(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = fs.readFileSync(file, 'utf8').replace(/^<!--[\s\S]*?-->\s*/, '');
    cache.set(file, text);
  }
  return text;
}

/** The placeholder names a prompt file uses. */
export function promptVariables(file: string): string[] {
  return [...new Set([...load(file).matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function renderPrompt(file: string, vars: Record<string, string>): string {
  return fillPlaceholders(load(file), vars, `Prompt ${file}`);
}

/** The prompt text of `file` without its header comment (cached). */
export function promptText(file: string): string {
  return load(file);
}

/** Fill `{{name}}` placeholders in `text`; `where` names the text in the error for a missing value. */
export function fillPlaceholders(text: string, vars: Record<string, string>, where: string): string {
  // One pass, so text inside a value (a problem that contains "{{x}}") is never re-expanded.
  return text.replace(PLACEHOLDER, (_all, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`${where} needs a value for {{${name}}}.`);
    return v;
  });
}
