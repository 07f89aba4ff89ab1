/**
 * The Markdown reading of model text: markdown-it (CommonMark, with GFM tables and
 * strikethrough) configured so nothing in the text can become markup the app did not choose:
 *  - `html: false`: `<script>`, `<img onerror>` and every other tag stay text;
 *  - links only to absolute http(s) and mailto addresses; anything else (`javascript:`,
 *    `data:`, relative paths that would move the app) is not a link and stays as written;
 *  - no images (`![x](y)` is at most a link), no linkify, no typographer;
 *  - a single newline is a line break (model text is written line by line);
 *  - nesting is capped; a block that reaches the cap, or a block over MAX_MARKDOWN_CHARS, is
 *    not read as Markdown at all and is shown as plain text (nothing is dropped).
 * Formulas and markers never reach markdown-it: protect.ts has replaced them with
 * placeholders. The renderer (Markdown.tsx) turns the tokens into React elements; markdown-it's
 * own HTML renderer is never used.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/** Nesting markdown-it may reach (lists in quotes in lists…) before a block is shown plain. */
export const MAX_NESTING = 20;
/** A block longer than this is shown as plain text (a real paragraph, list or table is far shorter). */
export const MAX_MARKDOWN_CHARS = 20_000;

const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;
/** markdown-it hands links over percent-encoded: no spaces, controls or other oddities left. */
const PRINTABLE_ASCII = /^[!-~]+$/;

/** The only link targets model text may have: absolute http(s) and mailto addresses. */
export function isSafeLink(url: string): boolean {
  return SAFE_LINK.test(url) && PRINTABLE_ASCII.test(url);
}

const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: true });
// A parser option the type definitions do not list (markdown-it reads it from md.options).
Object.assign(md.options, { maxNesting: MAX_NESTING });
md.disable(['image']);
md.validateLink = isSafeLink;

export type MarkdownTokens = Token[];

/**
 * The block's tokens, or null when the block is not to be read as Markdown (too long, or so
 * deeply nested that markdown-it would stop reading it and drop the rest).
 */
export function parseMarkdown(src: string): MarkdownTokens | null {
  if (src.length > MAX_MARKDOWN_CHARS) return null;
  const tokens = md.parse(src, {});
  for (const token of tokens) if (token.level >= MAX_NESTING - 1) return null;
  return tokens;
}
