/** Turning one free-text step ("**Step 2: Substitute** — put b = a + k …") into a title and goal. */

const MAX_DERIVED_TITLE = 100;

/** Leading list marker: `-`, `*`, `•`, `1.`, `1)`, `(1)`, `Step 1:` is handled separately. */
export const LIST_MARKER = /^\s*(?:[-*•+]|\d{1,3}[.)]|\(\d{1,3}\))\s+/;

export const STEP_PREFIX = /^(?:step|stage|phase)\s*\d{1,3}\s*[:.)\-–—]?\s*/i;

function stripMarkdown(s: string): string {
  return s
    .replace(/^#{1,6}\s*/, '')
    .replace(/\*\*|__/g, '')
    .trim();
}

/** A short title from the start of a sentence, cut at a word boundary. */
export function deriveTitle(text: string): string {
  const flat = stripMarkdown(text).replace(/\s+/g, ' ').trim();
  const firstClause = /^(.{8,}?)[.;:!?](?:\s|$)/.exec(flat)?.[1] ?? flat;
  if (firstClause.length <= MAX_DERIVED_TITLE) return firstClause.trim();
  const cut = firstClause.slice(0, MAX_DERIVED_TITLE);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trim()}…`;
}

export function splitStepText(raw: string): { title: string; goal: string } {
  let text = raw.replace(LIST_MARKER, '').replace(/^#{1,6}\s*/, '').trim();
  const bold = /^(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:.\-–—]*\s*([\s\S]*)$/.exec(text);
  if (bold) {
    const title = stripMarkdown((bold[1] ?? '').replace(STEP_PREFIX, '')).replace(/[:.]\s*$/, '');
    const rest = (bold[2] ?? '').trim();
    if (title) return { title, goal: rest || title };
  }
  if (STEP_PREFIX.test(text)) {
    text = text.replace(STEP_PREFIX, '');
    const titled = /^([^\n]{2,120}?)(?:\s+[—–]\s+|:\s+|\n)([\s\S]+)$/.exec(text);
    if (titled) return { title: stripMarkdown(titled[1] ?? ''), goal: (titled[2] ?? '').trim() };
  }
  const plain = stripMarkdown(text);
  return { title: deriveTitle(plain), goal: plain };
}
