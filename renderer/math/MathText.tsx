/**
 * Text that may contain math. Every template text field goes through here: plain text stays
 * text (React escapes it), formulas become MathJax SVG, and broken or refused TeX is shown as
 * its source, visibly marked, with the reason in the title. A formula over the size limits is
 * never typeset: it is a collapsed "formula too long" button that reveals the source. Typesetting
 * goes through typeset-queue.ts, so a page full of formulas is typeset a slice at a time.
 */
import { createContext, memo, useContext, useEffect, useId, useMemo, useReducer, useState, type ReactNode } from 'react';
import { HELD_BACK, TRUNCATED } from '../../shared/tutor.js';
import { useT } from '../i18n/translate.js';
import { snippetPieces } from './highlight.js';
import { splitMath } from './split.js';
import type { TexRender } from './tex-to-svg.js';
import { typesetNowOrNull, whenTypeset } from './typeset-queue.js';

interface FormulaProps {
  tex: string;
  display: boolean;
  /** The formula as written, delimiters included; shown when rendering fails. */
  source: string;
}

/** The typeset formula, or null while it waits in the queue (re-renders when it is ready). */
function useTypeset(tex: string, display: boolean): TexRender | null {
  const [, ready] = useReducer((n: number) => n + 1, 0);
  const rendered = typesetNowOrNull(tex, display, useContext(StreamingTypeset));
  const waiting = rendered === null;
  useEffect(() => (waiting ? whenTypeset(tex, display, ready) : undefined), [tex, display, waiting]);
  return rendered;
}

/** True inside text that is still streaming in: its formulas go to the worker (typeset-queue.ts). */
export const StreamingTypeset = createContext(false);

type TooLong = Extract<TexRender, { reason: 'too_long' }>;

/** A formula too big to typeset: a button (collapsed) that shows or hides its source as text. */
function TooLongFormula({ source, rendered }: { source: string; rendered: TooLong }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const sourceId = useId();
  const label =
    rendered.limit === 'length'
      ? t('math.tooLong', { count: rendered.chars.toLocaleString() })
      : t('math.tooDeep', { depth: rendered.depth });
  return (
    <span className="math-too-long" data-tex-error="too_long">
      <button
        type="button"
        className="math-too-long-toggle"
        aria-expanded={open}
        aria-controls={open ? sourceId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      {open ? (
        <code id={sourceId} className="math-source">
          {source}
        </code>
      ) : null}
    </span>
  );
}

export const MathFormula = memo(function MathFormula({ tex, display, source }: FormulaProps) {
  const t = useT();
  const rendered = useTypeset(tex, display);
  if (rendered === null) {
    // Waiting for the typesetting queue (a moment): named like the finished formula, taking
    // about the room of its source, which is not shown (it would flash raw TeX).
    return (
      <span className="math-pending" role="img" aria-label={tex} aria-busy="true">
        <span className="math-pending-source" aria-hidden="true">
          {source}
        </span>
      </span>
    );
  }
  if (!rendered.ok && rendered.reason === 'too_long') return <TooLongFormula source={source} rendered={rendered} />;
  if (!rendered.ok) {
    const title =
      rendered.reason === 'forbidden'
        ? t('math.forbidden', { macro: rendered.macro })
        : t('math.error', { message: rendered.message });
    return (
      <span className="math-error" title={title} data-tex-error={rendered.reason}>
        {source}
      </span>
    );
  }
  return (
    <span
      className={display ? 'math math-display' : 'math math-inline'}
      role="img"
      aria-label={tex}
      style={rendered.verticalAlign ? { verticalAlign: rendered.verticalAlign } : undefined}
      // Safe: MathJax output from screened TeX (no html package, safe handler on).
      dangerouslySetInnerHTML={{ __html: rendered.svg }}
    />
  );
});

interface MathTextProps {
  text: string;
  /** Render as a paragraph-like block (line breaks kept) instead of an inline span. */
  block?: boolean;
  className?: string;
}

/** A marker the core puts in model text, shown as a note in words, never as the raw token. */
export function MarkerNote({ marker }: { marker: typeof HELD_BACK | typeof TRUNCATED }) {
  const t = useT();
  return marker === HELD_BACK ? <em className="held-back">{t('math.heldBack')}</em> : <em className="truncated">{t('math.truncated')}</em>;
}

/** Plain text with the tutor's held-back marker shown as a note, never as the raw token. */
function PlainText({ text }: { text: string }) {
  if (!text.includes(HELD_BACK) && !text.includes(TRUNCATED)) return <>{text}</>;
  const parts = text.split(/(\[\[held-back\]\]|\[\[truncated\]\])/);
  return (
    <>
      {parts.map((part, i) =>
        part === HELD_BACK || part === TRUNCATED ? <MarkerNote key={i} marker={part} /> : <span key={i}>{part}</span>,
      )}
    </>
  );
}

export const MathText = memo(function MathText({ text, block = false, className }: MathTextProps) {
  const segments = useMemo(() => splitMath(text), [text]);
  const children: ReactNode[] = segments.map((segment, i) =>
    segment.kind === 'text' ? (
      <PlainText key={i} text={segment.text} />
    ) : segment.tex.includes(HELD_BACK) ? (
      // A held-back value inside a formula: the note, never the marker typeset as maths.
      <PlainText key={i} text={HELD_BACK} />
    ) : (
      <MathFormula key={i} tex={segment.tex} display={segment.display} source={segment.source} />
    ),
  );
  const classes = ['math-text', block ? 'math-text-block' : '', className ?? ''].filter(Boolean).join(' ');
  return block ? <div className={classes}>{children}</div> : <span className={classes}>{children}</span>;
});

/** A search snippet: matched words in <mark>, math rendered, cut-off formulas dropped. */
export const HighlightedSnippet = memo(function HighlightedSnippet({ snippet }: { snippet: string }) {
  const pieces = useMemo(() => snippetPieces(snippet), [snippet]);
  return (
    <span className="math-text snippet">
      {pieces.map((piece, i) => {
        if (piece.kind === 'math') return <MathFormula key={i} tex={piece.tex} display={false} source={piece.source} />;
        return piece.marked ? <mark key={i}>{piece.text}</mark> : piece.text;
      })}
    </span>
  );
});
