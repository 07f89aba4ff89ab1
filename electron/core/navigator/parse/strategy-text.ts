/**
 * Plans written as text: the ReasonFlux-V2 proposer's "High-Level Solution Strategy" section
 * (markdown or bold heading, numbered or bulleted items), or, failing that, the first
 * numbered list in the answer.
 */
import { type Draft, type DraftStep } from './structured.js';
import { LIST_MARKER, splitStepText } from './step-text.js';

const STRATEGY_HEADING =
  /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:\d+[.)]\s*)?high[-\s]*level\s+(?:solution\s+)?strateg(?:y|ies)\s*:?\s*(?:\*\*|__)?\s*:?\s*(.*)$/i;
const MD_HEADING = /^\s*(#{1,6})\s+(.*)$/;
const BOLD_LINE = /^\s*(?:\*\*|__)([^*_]+)(?:\*\*|__)\s*:?\s*$/;
const STEP_WORD = /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:step|stage|phase)\s*\d{1,3}\b/i;
const NUMBERED = /^\s*(?:\d{1,3}[.)]|\(\d{1,3}\))\s+/;

function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].replace(/\t/g, '    ').length ?? 0;
}

const isItemStart = (line: string) => LIST_MARKER.test(line) || STEP_WORD.test(line);

/** Groups lines into items: a line starting a top-level item opens one, others continue it. */
function collectItems(lines: string[]): string[] {
  const starts = lines.filter(isItemStart);
  if (!starts.length) return [];
  const topIndent = Math.min(...starts.map(indentOf));
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
    if (STEP_WORD.test(line)) continue;
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
  const headingAt = lines.findIndex((l) => STRATEGY_HEADING.test(l));
  if (headingAt >= 0) {
    const heading = lines[headingAt] ?? '';
    const level = MD_HEADING.exec(heading)?.[1]?.length ?? 6;
    const end = sectionEnd(lines, headingAt + 1, level);
    const sameLine = STRATEGY_HEADING.exec(heading)?.[1]?.trim() ?? '';
    // "Strategy: 1. Do A. 2. Do B." on one line: one item per number.
    const inline = sameLine ? sameLine.split(/\s+(?=\d{1,2}[.)]\s)/) : [];
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
  const first = lines.findIndex((l) => NUMBERED.test(l) || STEP_WORD.test(l));
  if (first < 0) return null;
  const items = collectItems(lines.slice(first)).filter((item) => NUMBERED.test(item) || STEP_WORD.test(item));
  if (items.length < 2) return null;
  const steps = toSteps(items);
  if (steps.length < 2) return null;
  return { analysis: clean(lines.slice(0, first).join('\n')), steps, source: 'prose', notes: [] };
}
