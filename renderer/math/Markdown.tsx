/**
 * Model text (worked steps, hints, goals, the analysis) as Markdown with math: paragraphs,
 * lists, tables, code, emphasis and safe links render; formulas are MathJax through the same
 * queue as everywhere else (MathFormula); the held-back / truncated markers are notes. The
 * text is cut into blocks (blocks.ts), each parsed by markdown-it (markdown.ts) after its
 * formulas were replaced by placeholders (protect.ts), and the tokens become React elements
 * here: no HTML string is ever put into the page, so only the elements named below can appear.
 *
 * A streamed text (`streaming`) re-parses only its last block per update; finished blocks are
 * memoised and never re-rendered; its formulas are typeset in the worker only.
 */
import { Fragment, memo, useMemo, useRef, type ReactNode } from 'react';
import { advanceBlocks, blocksOf, cutBlocks, newBlockCutter, openMathAt, type BlockCutter } from './blocks.js';
import { isSafeLink, parseMarkdown } from './markdown.js';
import { MarkerNote, MathFormula, StreamingTypeset } from './MathText.js';
import { protectMath, splitPlaceholders, type Slot } from './protect.js';
import type Token from 'markdown-it/lib/token.mjs';

type Keyed = { next: number };

/** Appends without spreading (a spread of a huge array overflows the call stack). */
function append(out: ReactNode[], items: readonly ReactNode[]): void {
  for (const item of items) out.push(item);
}

function slotNode(slot: Slot, key: number): ReactNode {
  if (slot.kind === 'marker') return <MarkerNote key={key} marker={slot.marker} />;
  return <MathFormula key={key} tex={slot.tex} display={slot.display} source={slot.source} />;
}

/** Text with its placeholders replaced by formulas and notes. */
function textNodes(text: string, slots: readonly Slot[], k: Keyed): ReactNode[] {
  return splitPlaceholders(text, slots).map((piece) => (typeof piece === 'string' ? piece : slotNode(piece, k.next++)));
}

/** Code is shown as written: a formula inside it is its source again, a marker still a note. */
function codeNodes(text: string, slots: readonly Slot[], k: Keyed): ReactNode[] {
  return splitPlaceholders(text, slots).map((piece) =>
    typeof piece === 'string' ? piece : piece.kind === 'math' ? piece.source : slotNode(piece, k.next++),
  );
}

/** Plain text with line breaks (a block not read as Markdown). */
function plainNodes(text: string, slots: readonly Slot[], k: Keyed): ReactNode[] {
  const out: ReactNode[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) out.push(<br key={k.next++} />);
    append(out, textNodes(line, slots, k));
  });
  return out;
}

interface Frame {
  token: Token | null;
  children: ReactNode[];
}

/** One closed element for an open/close token pair (only the elements listed here exist). */
function element(token: Token, children: ReactNode[], key: number): ReactNode {
  switch (token.type) {
    case 'paragraph_open':
      // Tight list items hold their text without a paragraph.
      return token.hidden ? <Fragment key={key}>{children}</Fragment> : <p key={key}>{children}</p>;
    case 'heading_open': {
      // Model headings sit under the rung's own heading (h4): levels 5 and 6.
      const level = Math.min(6, Number(token.tag.slice(1)) + 4);
      const Tag = `h${level}` as 'h5' | 'h6';
      return (
        <Tag key={key} className="md-heading">
          {children}
        </Tag>
      );
    }
    case 'blockquote_open':
      return <blockquote key={key}>{children}</blockquote>;
    case 'bullet_list_open':
      return <ul key={key}>{children}</ul>;
    case 'ordered_list_open': {
      const start = Number(token.attrGet('start') ?? 1);
      return (
        <ol key={key} start={Number.isSafeInteger(start) && start !== 1 ? start : undefined}>
          {children}
        </ol>
      );
    }
    case 'list_item_open':
      return <li key={key}>{children}</li>;
    case 'table_open':
      return (
        <div key={key} className="md-table-wrap">
          <table>{children}</table>
        </div>
      );
    case 'thead_open':
      return <thead key={key}>{children}</thead>;
    case 'tbody_open':
      return <tbody key={key}>{children}</tbody>;
    case 'tr_open':
      return <tr key={key}>{children}</tr>;
    case 'th_open':
    case 'td_open': {
      const align = /text-align:(left|right|center)/.exec(token.attrGet('style') ?? '')?.[1] as 'left' | 'right' | 'center' | undefined;
      const Tag = token.type === 'th_open' ? 'th' : 'td';
      return (
        <Tag key={key} style={align ? { textAlign: align } : undefined}>
          {children}
        </Tag>
      );
    }
    case 'em_open':
      return <em key={key}>{children}</em>;
    case 'strong_open':
      return <strong key={key}>{children}</strong>;
    case 's_open':
      return <s key={key}>{children}</s>;
    case 'link_open': {
      const href = token.attrGet('href') ?? '';
      // markdown-it already refused unsafe targets; checked again here, the last step to the DOM.
      if (!isSafeLink(href)) return <span key={key}>{children}</span>;
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      );
    }
    default:
      return <span key={key}>{children}</span>;
  }
}

/** A token stream (block level, or one inline token's children) as React nodes. */
function renderTokens(tokens: readonly Token[], slots: readonly Slot[], k: Keyed): ReactNode[] {
  const root: Frame = { token: null, children: [] };
  const stack: Frame[] = [root];
  const top = () => stack[stack.length - 1]!;
  for (const token of tokens) {
    if (token.nesting === 1) {
      stack.push({ token, children: [] });
      continue;
    }
    if (token.nesting === -1) {
      // A close without its open cannot come from markdown-it; ignored rather than trusted.
      if (stack.length === 1) continue;
      const frame = stack.pop()!;
      top().children.push(element(frame.token!, frame.children, k.next++));
      continue;
    }
    const out = top().children;
    switch (token.type) {
      case 'inline':
        append(out, renderTokens(token.children ?? [], slots, k));
        break;
      case 'text':
        append(out, textNodes(token.content, slots, k));
        break;
      case 'softbreak':
      case 'hardbreak':
        out.push(<br key={k.next++} />);
        break;
      case 'code_inline':
        out.push(<code key={k.next++}>{codeNodes(token.content, slots, k)}</code>);
        break;
      case 'fence':
      case 'code_block':
        out.push(
          <pre key={k.next++} className="md-code">
            <code>{codeNodes(token.content.replace(/\n$/, ''), slots, k)}</code>
          </pre>,
        );
        break;
      case 'hr':
        out.push(<hr key={k.next++} />);
        break;
      default:
        // Nothing else is enabled; whatever it is, its text is shown as text.
        if (token.content) append(out, textNodes(token.content, slots, k));
    }
  }
  // Unclosed frames cannot come from markdown-it either; their children are kept.
  while (stack.length > 1) {
    const frame = stack.pop()!;
    append(top().children, frame.children);
  }
  return root.children;
}

/** One block of model text as React nodes. */
export function markdownNodes(text: string): ReactNode[] {
  const { src, slots } = protectMath(text);
  const k: Keyed = { next: 0 };
  const tokens = parseMarkdown(src);
  if (!tokens) return [<p key="plain">{plainNodes(src, slots, k)}</p>];
  return renderTokens(tokens, slots, k);
}

const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  const nodes = useMemo(() => markdownNodes(text), [text]);
  return <>{nodes}</>;
});

/**
 * Model text: Markdown with math, in a block. `streaming`: the text is still growing (a
 * streamed worked step); finished blocks never change again, so each renders once and only
 * the last block is re-parsed per update, and a formula still open at the end is held back
 * until it closes (never shown as raw TeX). When the stream ends, the same component renders
 * the finished text with the same blocks, so nothing already on screen is rebuilt.
 */
export const ModelText = memo(function ModelText({ text, streaming = false, className }: { text: string; streaming?: boolean; className?: string }) {
  const cutter = useRef<BlockCutter | null>(null);
  // A text that started streaming keeps sending its formulas to the worker after the stream
  // ends (they are typeset by then): flipping this would re-render every formula at once.
  const preferWorker = useRef(streaming).current;
  const finished = useMemo(() => (streaming ? null : cutBlocks(text)), [text, streaming]);
  let blocks: readonly string[];
  if (finished) {
    cutter.current = null;
    blocks = finished;
  } else {
    cutter.current = advanceBlocks(cutter.current ?? newBlockCutter(), text);
    const { done, tail } = blocksOf(cutter.current);
    const open = openMathAt(cutter.current);
    const tailStart = text.length - tail.length;
    const shown = open >= tailStart ? tail.slice(0, open - tailStart) : tail;
    blocks = shown ? [...done, shown] : done;
  }
  // The same classes while streaming and after: the end of a stream restyles nothing.
  const classes = ['math-text', 'md-text', className ?? ''].filter(Boolean).join(' ');
  return (
    <StreamingTypeset.Provider value={preferWorker}>
      <div className={classes}>
        {blocks.map((block, i) => (
          <MarkdownBlock key={i} text={block} />
        ))}
      </div>
    </StreamingTypeset.Provider>
  );
});
