/** Removes the wrapping models put around an answer: reasoning blocks and code fences. */
import { removeBlocks } from './scan.js';

export interface Cleaned {
  text: string;
  /** Reasoning that was removed; used as a last resort when nothing else is left. */
  thinking: string;
  notes: string[];
}

const THINK_TAGS = '(?:think|thinking|reasoning|thought)';

/** Drops `<think>…</think>` blocks, a dangling `…</think>` prefix and an unclosed `<think>` tail. */
export function stripThinking(raw: string): Cleaned {
  const notes: string[] = [];
  let thinking = '';
  // One pass with two searches, not `/<think>([\s\S]*?)<\/think>/g`: with many opening tags
  // and no closing one, that regex scans to the end once per opening tag (quadratic).
  let text = removeBlocks(raw, new RegExp(`<${THINK_TAGS}>`, 'gi'), new RegExp(`</${THINK_TAGS}>`, 'gi'), (inner) => {
    thinking += inner;
  }, '\n');
  // Some chat templates put the opening tag in the prompt, so only the closing tag arrives.
  const close = new RegExp(`</${THINK_TAGS}>`, 'i').exec(text);
  if (close) {
    thinking += text.slice(0, close.index);
    text = text.slice(close.index + close[0].length);
  }
  const open = new RegExp(`<${THINK_TAGS}>`, 'i').exec(text);
  if (open) {
    thinking += text.slice(open.index + open[0].length);
    text = text.slice(0, open.index);
    notes.push('the model stopped while still reasoning (unclosed <think>)');
  }
  if (thinking) notes.unshift('removed the model’s reasoning block');
  return { text, thinking, notes };
}

/** Contents of ``` fenced blocks, JSON-tagged ones first. An unclosed last fence runs to the end. */
export function fencedBlocks(text: string): string[] {
  const blocks: { body: string; json: boolean }[] = [];
  const fence = /```([A-Za-z0-9_-]*)[^\n]*\n?([\s\S]*?)(?:```|$)/g;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const lang = (m[1] ?? '').toLowerCase();
    blocks.push({ body: m[2] ?? '', json: lang === 'json' || lang === 'json5' || lang === 'python' || lang === '' });
    if (m[0].length === 0) fence.lastIndex++;
  }
  return [...blocks.filter((b) => b.json), ...blocks.filter((b) => !b.json)].map((b) => b.body);
}

/** Positions of `{` or `[` that may start the structured part of a prose-wrapped answer. */
export function candidateStarts(text: string, limit = 20): number[] {
  const starts: number[] = [];
  for (let i = 0; i < text.length && starts.length < limit; i++) {
    const ch = text[i];
    // A brace right after a letter, digit, `^`, `_` or `}` is LaTeX (`\frac{1}{2}`), not data.
    const before = text.slice(Math.max(0, i - 1), i);
    if (ch === '{' && !/[A-Za-z0-9^_}\\]/.test(before)) starts.push(i);
    else if (ch === '[' && /^\[\s*[{"'[]/.test(text.slice(i, i + 20))) starts.push(i);
  }
  return starts;
}
