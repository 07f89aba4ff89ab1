/**
 * TeX → SVG markup with MathJax, fully offline: TeX input without the 'html'/'unicode'
 * packages, SVG output with paths inlined (fontCache 'none', so no fonts and no shared ids),
 * the lite DOM adaptor (same code path in node tests and the browser), MathJax's safe
 * handler on top, and our own macro screen before any of it. Results are memoised per
 * (TeX, display) pair because the same formulas repeat across lists and details.
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
import 'mathjax-full/js/input/tex/color/ColorConfiguration.js';
import 'mathjax-full/js/input/tex/gensymb/GensymbConfiguration.js';
import 'mathjax-full/js/input/tex/textcomp/TextcompConfiguration.js';
import 'mathjax-full/js/input/tex/upgreek/UpgreekConfiguration.js';
import { screenTex } from './screen.js';

export const TEX_PACKAGES = ['base', 'ams', 'boldsymbol', 'braket', 'cancel', 'cases', 'color', 'gensymb', 'textcomp', 'upgreek'];

export type TexRender =
  | {
      ok: true;
      /** `<svg …>…</svg>` markup with every `style` attribute removed (see verticalAlign). */
      svg: string;
      /** The baseline shift MathJax wanted, applied by the caller through the CSSOM. */
      verticalAlign: string | null;
    }
  | { ok: false; reason: 'forbidden'; macro: string }
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
    doc = mathjax.document('', { InputJax: tex, OutputJax: svg });
  }
  return { doc, adaptor };
}

const STYLE_ATTR = /\sstyle="([^"]*)"/g;
const VERTICAL_ALIGN = /vertical-align:\s*([^;"]+)/;

function renderUncached(tex: string, display: boolean): TexRender {
  const verdict = screenTex(tex);
  if (!verdict.ok) return { ok: false, reason: 'forbidden', macro: verdict.macro ?? '' };
  const { doc, adaptor } = mathDocument();
  try {
    const container = doc.convert(tex, { display });
    const svgNode = adaptor.firstChild(container);
    let svg = adaptor.outerHTML(svgNode as never);
    const rootStyle = /^<svg[^>]*\sstyle="([^"]*)"/.exec(svg)?.[1] ?? '';
    // A strict CSP blocks style attributes parsed from markup; drop them all and let the
    // caller apply the one that matters (baseline shift) through React's style prop.
    svg = svg.replace(STYLE_ATTR, '');
    // The wrapper carries role="img" and the TeX as its name; the drawing itself is decoration.
    svg = svg.replace(/^<svg([^>]*?)\srole="img"/, '<svg$1 aria-hidden="true"');
    return { ok: true, svg, verticalAlign: VERTICAL_ALIGN.exec(rootStyle)?.[1]?.trim() ?? null };
  } catch (err) {
    return { ok: false, reason: 'tex_error', message: errorMessage(err) };
  }
}

const cache = new Map<string, TexRender>();
const CACHE_LIMIT = 5000;

export function texToSvg(tex: string, display = false): TexRender {
  const key = `${display ? 'D' : 'I'}:${tex}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = renderUncached(tex, display);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/** MathJax's TexError is not an Error subclass but carries `message`. */
function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}
