/**
 * Plans written as text: the ReasonFlux-V2 proposer's "High-Level Solution Strategy" section
 * (markdown or bold heading, numbered or bulleted items), or, failing that, the first
 * numbered list in the answer.
 */
import { type Draft, type DraftStep } from './structured.js';
import { isLineTerminator, isSpace, skipSpace } from './scan.js';
import { LIST_MARKER, splitStepText } from './step-text.js';

const MD_HEADING = /^\s*(#{1,6})\s+(.*)$/;
/** `**Title**` alone on a line (an optional colon after it). The tail is `\s*(?::\s*)?$`, not `\s*:?\s*$`, which backtracks quadratically on a long run of spaces. */
const BOLD_LINE = /^\s*(?:\*\*|__)([^*_]+)(?:\*\*|__)\s*(?::\s*)?$/;
const NUMBERED = /^\s*(?:\d{1,3}[.)]|\(\d{1,3}\))\s+/;
/** Sticky: only ever tried at the one position the scanner hands them. */
const STEP_WORD_AT = /(?:step|stage|phase)\s*\d{1,3}\b/iy;
const STRATEGY_WORDS_AT = /high[-\s]*level\s+(?:solution\s+)?strateg(?:y|ies)/iy;

/**
 * Where a line's text starts after optional decoration: leading space, a markdown `#` run
 * (1 to 6) and a bold marker, with the space around them. A scanner, because the regex
 * `^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*` backtracks quadratically on a long run of spaces.
 * -1 when a `#` run is longer than 6 (not a heading, and the word cannot follow it).
 */
function afterDecoration(line: string): number {
  let i = skipSpace(line, 0);
  if (line[i] === '#') {
    let hashes = 0;
    while (line[i] === '#') {
      hashes++;
      i++;
    }
    if (hashes > 6) return -1;
    i = skipSpace(line, i);
  }
  if (line.startsWith('**', i) || line.startsWith('__', i)) i = skipSpace(line, i + 2);
  return i;
}

/** `Step 3`, `## Stage 1`, `**Phase 2` at the start of a line. */
export function isStepWord(line: string): boolean {
  const i = afterDecoration(line);
  if (i < 0) return false;
  STEP_WORD_AT.lastIndex = i;
  return STEP_WORD_AT.test(line);
}

/**
 * The "High-Level Solution Strategy" heading line (markdown, bold or numbered); returns the
 * text after it on the same line, or null when the line is not that heading.
 */
export function strategyHeading(line: string): string | null {
  let i = afterDecoration(line);
  if (i < 0) return null;
  let digits = i;
  while (line[digits] !== undefined && line[digits]! >= '0' && line[digits]! <= '9') digits++;
  if (digits > i) {
    if (line[digits] !== '.' && line[digits] !== ')') return null;
    i = skipSpace(line, digits + 1);
  }
  STRATEGY_WORDS_AT.lastIndex = i;
  if (!STRATEGY_WORDS_AT.test(line)) return null;
  i = skipSpace(line, STRATEGY_WORDS_AT.lastIndex);
  if (line[i] === ':') i = skipSpace(line, i + 1);
  if (line.startsWith('**', i) || line.startsWith('__', i)) i = skipSpace(line, i + 2);
  if (line[i] === ':') i = skipSpace(line, i + 1);
  const rest = line.slice(i);
  // The old pattern ended in `(.*)$`: a line terminator inside the line meant "no heading".
  for (let k = 0; k < rest.length; k++) if (isLineTerminator(rest[k])) return null;
  return rest;
}

function indentOf(line: string): number {
  let width = 0;
  for (let i = 0; i < line.length && isSpace(line[i]); i++) width += line[i] === '\t' ? 4 : 1;
  return width;
}

const isItemStart = (line: string) => LIST_MARKER.test(line) || isStepWord(line);

/** Groups lines into items: a line starting a top-level item opens one, others continue it. */
function collectItems(lines: string[]): string[] {
  let topIndent = Infinity;
  // A loop, not Math.min(...list): a spread of 200k arguments overflows the stack.
  for (const line of lines) if (isItemStart(line)) topIndent = Math.min(topIndent, indentOf(line));
  if (topIndent === Infinity) return [];
  const items: string[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (isItemStart(line) && indentOf(line) <= topIndent + 1) {
      if (current) items.push(current.join('\n'));
      current = [line.trim()];
    } else if (current && line.trim()) {
      current.push(line.trim());
    }
  }
  if (current) items.push(current.join('\n'));
  return items;
}

function toSteps(items: string[]): DraftStep[] {
  return items
    .map((item) => splitStepText(item))
    .filter((s) => s.title || s.goal)
    .map((s) => ({ ...s, templateId: null, produces: '' }));
}

/** Where the strategy section ends: the next heading that is not itself a step. */
function sectionEnd(lines: string[], from: number, headingLevel: number): number {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isStepWord(line)) continue;
    const md = MD_HEADING.exec(line);
    if (md && (md[1] ?? '').length <= headingLevel) return i;
    if (BOLD_LINE.test(line) && !LIST_MARKER.test(line)) return i;
  }
  return lines.length;
}

function clean(text: string): string {
  return text
    .split('\n')
    .filter((l) => !MD_HEADING.test(l) && !BOLD_LINE.test(l))
    .join('\n')
    .trim();
}

export function draftFromStrategyText(text: string): Draft | null {
  const lines = text.split('\n');
  let headingAt = -1;
  let sameLine = '';
  for (let i = 0; i < lines.length && headingAt < 0; i++) {
    const rest = strategyHeading(lines[i] ?? '');
    if (rest !== null) {
      headingAt = i;
      sameLine = rest.trim();
    }
  }
  if (headingAt >= 0) {
    const heading = lines[headingAt] ?? '';
    const level = MD_HEADING.exec(heading)?.[1]?.length ?? 6;
    const end = sectionEnd(lines, headingAt + 1, level);
    // "Strategy: 1. Do A. 2. Do B." on one line: one item per number. The lookbehind makes a
    // split start only at the beginning of a run of spaces (linear on long runs).
    const inline = sameLine ? sameLine.split(/(?<!\s)\s+(?=\d{1,2}[.)]\s)/) : [];
    const body = [...inline, ...lines.slice(headingAt + 1, end)];
    const steps = toSteps(collectItems(body));
    if (steps.length) {
      return { analysis: clean(lines.slice(0, headingAt).join('\n')), steps, source: 'reasonflux-v2', notes: [] };
    }
  }
  return draftFromProse(lines);
}

/** The first run of numbered (or "Step N") items, when there are at least two. */
function draftFromProse(lines: string[]): Draft | null {
  const first = lines.findIndex((l) => NUMBERED.test(l) || isStepWord(l));
  if (first < 0) return null;
  const items = collectItems(lines.slice(first)).filter((item) => NUMBERED.test(item) || isStepWord(item));
  if (items.length < 2) return null;
  const steps = toSteps(items);
  if (steps.length < 2) return null;
  return { analysis: clean(lines.slice(0, first).join('\n')), steps, source: 'prose', notes: [] };
}
