/**
 * The hidden reference answer, prepared once per session for screening by value: its
 * normalised text, and each of its parts (a list "2, 3", a `\pm`, "x = 2 or x = 3") compiled
 * to a function that can be compared with a candidate at sample points.
 */
import { compareAnswersQuick } from '../answer/compare.js';
import { normalizeAnswer } from '../answer/normalize.js';
import { compileExpression, type Expression, nearlyEqual, sampleEnvs } from './evaluate.js';

export interface ReferencePart {
  norm: string;
  expr: Expression | null;
  /** The numeric value when the part has no variables (its `\pm` branches: `values`). */
  value: number | null;
  values: number[];
  /**
   * A value that also turns up as an ordinary intermediate result (an integer up to 20, a
   * half, third or quarter up to 5, a one- or two-character expression): held back only when
   * the text states it as a conclusion, never on a bare occurrence.
   */
  common: boolean;
  /**
   * An endpoint of an interval answer: it turns up in every case of the casework that leads to
   * the interval, so it is held only when stated as a conclusion.
   */
  endpoint?: boolean;
  /** The part is a plain number (no sum, product or power): so must a candidate be, to state it. */
  numberForm: boolean;
}

/** No top-level sum, product, power or factorial: `216`, `\frac{1}{56}`, `\frac{5\sqrt2}{2}`, `-3.5`. */
export function isNumberForm(norm: string): boolean {
  const body = norm.replace(/^[-+]/, '');
  return !/[-+*^!]|\\(?:cdot|times|binom|pm|mp)(?![a-zA-Z])/.test(body);
}

export interface CompiledReference {
  raw: string;
  norm: string;
  parts: ReferencePart[];
  /** Candidate values already judged (a stream repeats its values; windows overlap). */
  memo: Map<string, ReferencePart | null>;
}

const MEMO_LIMIT = 4_096;

const MAX_REFERENCE_CHARS = 400;

/** Top-level splits on `,`, `;`, "or", "and" (outside brackets). */
function splitParts(norm: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < norm.length; i++) {
    const c = norm[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === ',' || c === ';')) {
      out.push(norm.slice(start, i));
      start = i + 1;
    } else if (depth === 0 && (norm.startsWith('or', i) || norm.startsWith('and', i)) && !/[a-zA-Z\\]/.test(norm[i - 1] ?? '')) {
      const w = norm.startsWith('or', i) ? 2 : 3;
      if (!/[a-zA-Z]/.test(norm[i + w] ?? '')) {
        out.push(norm.slice(start, i));
        start = i + w;
        i += w - 1;
      }
    }
  }
  out.push(norm.slice(start));
  return out.map((p) => p.trim()).filter(Boolean);
}

function isCommonValue(v: number): boolean {
  if (!Number.isFinite(v)) return true;
  if (Number.isInteger(v)) return Math.abs(v) <= 20;
  return Math.abs(v) <= 5 && [2, 3, 4].some((d) => Number.isInteger(Math.round(v * d * 1e9) / 1e9));
}

export function compileReference(raw: string | null | undefined): CompiledReference | null {
  if (typeof raw !== 'string' || !raw.trim() || raw.length > MAX_REFERENCE_CHARS) return null;
  const norm = normalizeAnswer(raw);
  if (!norm) return null;
  const pieces = splitParts(norm);
  // An interval or a tuple is one answer as a whole, and its numbers are each parts of it.
  const inner = /^[([](.*)[)\]]$/.exec(norm)?.[1];
  // Two bracketed values: an interval (or a point; both are stated part by part in casework).
  const interval = pieces.length === 1 && inner !== undefined && splitParts(inner).length === 2;
  const endpoints = new Set<string>();
  if (pieces.length === 1 && inner !== undefined) for (const e of splitParts(inner)) {
    pieces.push(e);
    if (interval) endpoints.add(e);
  }
  const parts: ReferencePart[] = [];
  for (const p of new Set(pieces.length ? pieces : [norm])) {
    const expr = compileExpression(p.replace(/^[a-zA-Z](?:_\{?\w+\}?)?=/, ''));
    let value: number | null = null;
    let values: number[] = [];
    if (expr && expr.variables.length === 0) {
      values = expr.branches.map((b) => b({})).filter((v) => Number.isFinite(v));
      value = values[0] ?? null;
    }
    const common = value !== null ? values.every(isCommonValue) : p.length <= 2;
    parts.push({ norm: p, expr, value, values, common, numberForm: value !== null && isNumberForm(p), ...(endpoints.has(p) && p !== norm ? { endpoint: true } : {}) });
  }
  return { raw, norm, parts, memo: new Map() };
}

/**
 * Does `candidate` state this part's value? Exact text after normalisation, else the same
 * value at every sample point (for each `\pm` branch). Decimals match any rounding of the
 * value to their number of places (0.1071 for 3/28) when they carry two significant digits.
 */
export function matchesPart(candidate: string, part: ReferencePart, opts: { approximate?: boolean } = {}): boolean {
  const norm = normalizeAnswer(candidate);
  if (!norm) return false;
  if (norm === part.norm) return true;
  if (!part.expr) return false;
  const decimal = /^-?\d*\.(\d+)$/.exec(norm);
  if (decimal && part.values.length) {
    const places = decimal[1]!.length;
    const d = Number(norm);
    const sig = norm.replace(/^-?0*\.?0*/, '').replace('.', '').length;
    if (sig >= 2 || opts.approximate) {
      const f = 10 ** places;
      const near = (x: number) => Math.abs(x - d) < 0.5 / f / 1e3;
      if (part.values.some((v) => near(Math.round(v * f) / f) || near(Math.trunc(v * f) / f))) return true;
    }
  }
  // "27 \cdot 8" has the value 216 but does not state it: a number is stated as a number.
  if (part.numberForm && !isNumberForm(norm)) return false;
  const expr = compileExpression(norm);
  // What the screen's evaluator cannot read, the answer checker's bounded CAS-free path may.
  if (!expr) return quickSame(candidate, part.norm);
  const refVars = part.expr.variables.join(',');
  if (expr.variables.join(',') !== refVars) return false;
  const envs = sampleEnvs(part.expr.variables);
  return expr.branches.some((cand) =>
    part.expr!.branches.some((ref) => envs.every((env) => nearlyEqual(cand(env), ref(env)))),
  );
}

function quickSame(candidate: string, reference: string): boolean {
  try {
    const v = compareAnswersQuick(candidate, reference).verdict;
    return v === 'correct' || v === 'equivalent_form';
  } catch {
    return false;
  }
}

/** The parts of the reference that `candidate` states (whole answer first). */
export function matchReference(candidate: string, ref: CompiledReference, opts: { approximate?: boolean } = {}): ReferencePart | null {
  const key = `${opts.approximate ? '~' : '='}${candidate}`;
  const known = ref.memo.get(key);
  if (known !== undefined) return known;
  const found = matchUncached(candidate, ref, opts);
  if (ref.memo.size >= MEMO_LIMIT) ref.memo.clear();
  ref.memo.set(key, found);
  return found;
}

function matchUncached(candidate: string, ref: CompiledReference, opts: { approximate?: boolean }): ReferencePart | null {
  if (!/[0-9a-zA-Z\\√π∞]/.test(candidate)) return null;
  const norm = normalizeAnswer(candidate);
  if (!norm) return null;
  if (norm === ref.norm) return { norm, expr: null, value: null, values: [], numberForm: false, common: ref.parts.every((p) => p.common) && ref.parts.length === 1 };
  for (const part of ref.parts) if (matchesPart(candidate, part, opts)) return part;
  return null;
}
