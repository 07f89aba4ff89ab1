/**
 * TeX → SVG markup with MathJax, fully offline, in layers:
 *  1. size: a formula over TEX_LIMITS (length, nesting) is never typeset (MathJax runs in one
 *     uninterruptible call, so size bounds how long one formula can block the page);
 *  2. the shared macro/environment ALLOWLIST (shared/tex-allowlist.ts) before MathJax sees it;
 *  3. TeX input with a minimal package set (no html, unicode, bbox, action, require, color…);
 *  4. MathJax's safe handler set to allow no URLs, classes, ids or styles at all;
 *  5. an output filter over the SVG tree: only known SVG elements and attributes survive (no
 *     <a>, no href at all (fontCache 'none' needs no `#…` references), no id/class/style, no event handlers, no url(…) values).
 * SVG output with paths inlined (fontCache 'none', so no fonts and no shared ids), the lite DOM
 * adaptor (same code path in node tests and the browser). Results are memoised per
 * (TeX, display) pair, bounded by count and by bytes.
 */
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { SafeHandler } from 'mathjax-full/js/ui/safe/SafeHandler.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import 'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import 'mathjax-full/js/input/tex/braket/BraketConfiguration.js';
import 'mathjax-full/js/input/tex/cancel/CancelConfiguration.js';
import 'mathjax-full/js/input/tex/cases/CasesConfiguration.js';
import 'mathjax-full/js/input/tex/gensymb/GensymbConfiguration.js';
import 'mathjax-full/js/input/tex/textcomp/TextcompConfiguration.js';
import 'mathjax-full/js/input/tex/upgreek/UpgreekConfiguration.js';
import type { LiteElement } from 'mathjax-full/js/adaptors/lite/Element.js';
import { checkTexSize } from '../../shared/tex-allowlist.js';
import { screenTex } from './screen.js';

/**
 * Only what the allowlist needs. Never: html (\href \class \cssId \style \data), unicode
 * (font injection), bbox (style argument), action (\toggle, \mathtip), enclose (attributes),
 * require/autoload (load any of those), newcommand (definitions), color (\color{url(…)} sets a
 * fill to any string).
 */
export const TEX_PACKAGES = ['base', 'ams', 'boldsymbol', 'braket', 'cancel', 'cases', 'gensymb', 'textcomp', 'upgreek'];

export type TexRender =
  | {
      ok: true;
      /** `<svg …>…</svg>` markup with every `style` attribute removed (see verticalAlign). */
      svg: string;
      /** The baseline shift MathJax wanted, applied by the caller through the CSSOM. */
      verticalAlign: string | null;
    }
  | { ok: false; reason: 'forbidden'; macro: string }
  | { ok: false; reason: 'too_long'; limit: 'length'; chars: number }
  | { ok: false; reason: 'too_long'; limit: 'nesting'; depth: number }
  | { ok: false; reason: 'tex_error'; message: string };

type MathDocument = ReturnType<typeof mathjax.document>;
let doc: MathDocument | null = null;
let adaptor: ReturnType<typeof liteAdaptor> | null = null;

function mathDocument(): { doc: MathDocument; adaptor: ReturnType<typeof liteAdaptor> } {
  if (!doc || !adaptor) {
    adaptor = liteAdaptor();
    SafeHandler(RegisterHTMLHandler(adaptor));
    const tex = new TeX({
      packages: TEX_PACKAGES,
      // Surface TeX errors as exceptions so we can mark them ourselves.
      formatError: (_jax: unknown, err: Error) => {
        throw err;
      },
    });
    const svg = new SVG({ fontCache: 'none' });
    doc = mathjax.document('', {
      InputJax: tex,
      OutputJax: svg,
      // The safe handler's defaults let http(s) and protocol-relative links, mjx- classes/ids
      // and some styles through; here nothing of the kind is allowed.
      safeOptions: { allow: { URLs: 'none', classes: 'none', cssIDs: 'none', styles: 'none' } },
    });
  }
  return { doc, adaptor };
}

const VERTICAL_ALIGN = /vertical-align:\s*([^;"]+)/;

/** SVG elements MathJax's SVG output draws with; `a` is unwrapped, anything else dropped. */
const SVG_ELEMENTS = new Set(['svg', 'g', 'path', 'rect', 'line', 'text', 'polygon', 'polyline', 'ellipse', 'circle']);
const SVG_ATTRIBUTES = new Set([
  'xmlns', 'xmlns:xlink', 'width', 'height', 'viewBox', 'role', 'aria-hidden', 'focusable', 'stroke', 'fill',
  'stroke-width', 'stroke-dasharray', 'stroke-linecap', 'transform', 'd', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'rx',
  'ry', 'cx', 'cy', 'r', 'points', 'pointer-events', 'font-family', 'font-size', 'font-style', 'font-weight',
  'text-anchor', 'preserveAspectRatio',
]);
const UNSAFE_VALUE = /url\(|javascript:|expression\(/i;

type Adaptor = ReturnType<typeof liteAdaptor>;

/**
 * Keeps only known SVG elements and attributes (plus `data-*`), in place. An `<a>` becomes a
 * plain `<g>` with the same children, so a link that slipped through every other layer draws
 * its text and goes nowhere. Linear in the tree.
 */
export function sanitizeSvgTree(adaptor: Adaptor, root: LiteElement): void {
  const stack: LiteElement[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as LiteElement;
    for (const { name, value } of adaptor.allAttributes(node)) {
      const keep = (SVG_ATTRIBUTES.has(name) || (name.startsWith('data-') && !/[^a-z0-9-]/.test(name))) && !UNSAFE_VALUE.test(value);
      if (!keep) adaptor.removeAttribute(node, name);
    }
    for (const child of [...adaptor.childNodes(node)]) {
      const kind = adaptor.kind(child);
      if (kind === '#text' || kind === '#comment') continue;
      const element = child as LiteElement;
      if (kind === 'a') {
        const group = adaptor.node('g', {}, [...adaptor.childNodes(element)] as LiteElement[]);
        adaptor.replace(group, element);
        stack.push(group);
      } else if (SVG_ELEMENTS.has(kind)) stack.push(element);
      else adaptor.remove(element);
    }
  }
}

type Refusal = Extract<TexRender, { reason: 'too_long' | 'forbidden' }>;

/**
 * Why a formula will not be typeset at all (over the size limits, or TeX off the allowlist),
 * or null. Linear and cheap: callers use it before spending any typesetting budget.
 */
export function texRefusal(tex: string): Refusal | null {
  const size = checkTexSize(tex);
  if (!size.ok) {
    return size.limit === 'length'
      ? { ok: false, reason: 'too_long', limit: 'length', chars: size.chars }
      : { ok: false, reason: 'too_long', limit: 'nesting', depth: size.depth };
  }
  const verdict = screenTex(tex);
  return verdict.ok ? null : { ok: false, reason: 'forbidden', macro: verdict.macro ?? '' };
}

function renderUncached(tex: string, display: boolean): TexRender {
  const refused = texRefusal(tex);
  if (refused) return refused;
  const { doc, adaptor } = mathDocument();
  try {
    const container = doc.convert(tex, { display }) as LiteElement;
    const svgNode = adaptor.firstChild(container) as LiteElement;
    // A strict CSP blocks style attributes parsed from markup; the filter drops them all and
    // the caller applies the one that matters (baseline shift) through React's style prop.
    const rootStyle = String(adaptor.getAttribute(svgNode, 'style') ?? '');
    sanitizeSvgTree(adaptor, svgNode);
    // The wrapper carries role="img" and the TeX as its name; the drawing itself is decoration.
    adaptor.removeAttribute(svgNode, 'role');
    adaptor.setAttribute(svgNode, 'aria-hidden', 'true');
    const svg = adaptor.outerHTML(svgNode);
    return { ok: true, svg, verticalAlign: VERTICAL_ALIGN.exec(rootStyle)?.[1]?.trim() ?? null };
  } catch (err) {
    return { ok: false, reason: 'tex_error', message: errorMessage(err) };
  }
}

const cache = new Map<string, TexRender>();
const CACHE_LIMIT = 5000;
/** Bytes of SVG kept (UTF-16 length): a long formula's SVG can be hundreds of kilobytes. */
const CACHE_CHARS_LIMIT = 24_000_000;
let cacheChars = 0;

const cost = (key: string, r: TexRender) => key.length + (r.ok ? r.svg.length : 0);
const cacheKey = (tex: string, display: boolean) => `${display ? 'D' : 'I'}:${tex}`;

/** The memoised result, or undefined when this formula has not been typeset yet. */
export function cachedTexToSvg(tex: string, display = false): TexRender | undefined {
  return cache.get(cacheKey(tex, display));
}

/**
 * Synchronous: typesets now (one MathJax call, bounded by TEX_LIMITS). Components go through
 * typeset-queue.ts instead, which spreads many formulas over several tasks.
 */
export function texToSvg(tex: string, display = false): TexRender {
  const key = cacheKey(tex, display);
  const hit = cache.get(key);
  if (hit) return hit;
  const result = renderUncached(tex, display);
  remember(key, result);
  return result;
}

/** Stores a result typeset elsewhere (the typesetting worker) as if typeset here. */
export function rememberTexRender(tex: string, display: boolean, result: TexRender): void {
  const key = cacheKey(tex, display);
  if (!cache.has(key)) remember(key, result);
}

function remember(key: string, result: TexRender): void {
  cacheChars += cost(key, result);
  cache.set(key, result);
  while (cache.size > CACHE_LIMIT || (cacheChars > CACHE_CHARS_LIMIT && cache.size > 1)) {
    const oldest = cache.keys().next().value as string;
    cacheChars -= cost(oldest, cache.get(oldest) as TexRender);
    cache.delete(oldest);
  }
}

/** MathJax's TexError is not an Error subclass but carries `message`. */
function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}
