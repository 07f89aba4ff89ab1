/**
 * The layered comparison: exact text → normalised text → a scalar comparer, element by element
 * for tuples, sets, lists, intervals and matrices. Two scalar comparers:
 *  - the CAS (symbolic, then numeric sampling): `compareAnswers`, synchronous and unbounded in
 *    time, so the app runs it only inside the CAS worker (cas-pool.ts, via checkAnswer);
 *  - the quick reader (quick-eval.ts, float sampling, no CAS): `compareAnswersQuick`,
 *    synchronous and bounded, for the leak screen and as the fallback when the CAS is over budget.
 */
import { numericallyEqual, parseMath, proportional, symbolicallyEqual, withCasScope } from './cas.js';
import { type Message, msg } from '../../../../shared/messages.js';
import { type Rational, readRational, rationalEqual, sameRationalForm, terminates, toNumber } from './exact.js';
import { formHint } from './feedback.js';
import { malformed, unknownWords } from './keyboard.js';
import { normalizeAnswer } from './normalize.js';
import { QUICK_MAX_CHARS, quickEqual, quickParse, quickProportional } from './quick-eval.js';
import { type AnswerShape, answerShape, splitTopLevel } from './structure.js';

export type AnswerVerdict = 'correct' | 'equivalent_form' | 'incorrect' | 'unparseable';
export type AnswerMethod = 'exact' | 'normalized' | 'symbolic' | 'numeric' | 'none';

/** What else the checker may know: the question, for its conventions (percent, probability). */
export interface CompareOptions {
  question?: string;
}

export interface AnswerCheck {
  verdict: AnswerVerdict;
  method: AnswerMethod;
  /** What to tell the student (or teacher) about the verdict, as a coded message. */
  detail?: Message;
}

/** Longer answers skip the CAS: parsing and simplifying them can take seconds. */
export const MAX_CAS_CHARS = 500;
/**
 * Answers longer than this (as typed, before normalisation) are not compared at all beyond
 * exact equality: no real answer is this long, and normalising is the first cost to bound.
 */
export const MAX_ANSWER_CHARS = 4_000;
/** Budget for all CAS work in one check; later elements fall back to text comparison. */
const CAS_BUDGET_MS = 3_000;
/** Unordered lists longer than this are matched as text only (CAS matching is quadratic). */
const MAX_CAS_UNORDERED = 12;

interface ElementResult {
  equal: boolean | null;
  sameForm: boolean;
  method: AnswerMethod;
  unparseable?: 'submitted' | 'reference' | 'too_long' | 'timeout' | 'undecided';
  nearly?: boolean;
  hasVariables?: boolean;
  equation?: boolean;
}

const RANK: Record<AnswerMethod, number> = { exact: 0, normalized: 1, symbolic: 2, numeric: 3, none: 4 };

/** Compares two normalised scalars (no top-level commas); `deadline` is a Date.now() value. */
type ScalarComparer = (sub: string, ref: string, deadline: number) => ElementResult;

/** What both comparers agree on before any maths: equal text, words, empty, too long. */
function textScalar(sub: string, ref: string, maxChars: number): ElementResult | null {
  if (sub === ref) return { equal: true, sameForm: true, method: 'normalized' };
  if (/^[a-zA-Z]{2,}$/.test(sub) && /^[a-zA-Z]{2,}$/.test(ref) && sub.toLowerCase() === ref.toLowerCase()) {
    return { equal: true, sameForm: true, method: 'normalized' };
  }
  if (!sub) return { equal: null, sameForm: false, method: 'none', unparseable: 'submitted' };
  if (sub.length > maxChars || ref.length > maxChars) {
    return { equal: null, sameForm: false, method: 'none', unparseable: 'too_long' };
  }
  return null;
}

const HAS_DECIMAL = /\d\.\d|^\.\d|[^\d]\.\d/;
/** Relative tolerance: only a typed decimal is inexact; exact values must agree to float noise. */
const tolerance = (sub: string, ref: string) => (HAS_DECIMAL.test(sub) || HAS_DECIMAL.test(ref) ? 1e-9 : 1e-12);

/**
 * Plain numbers on both sides: compared exactly (BigInt), except a decimal against a fraction
 * whose decimal never ends, which only a tolerance can match. Null when either is not a plain number.
 */
function exactScalar(sub: string, ref: string): ElementResult | null {
  const a = readRational(sub);
  const b = readRational(ref);
  if (!a || !b) return null;
  const inexact = (x: Rational, y: Rational) => x.kind === 'decimal' && y.kind !== 'decimal' && !terminates(y);
  const va = toNumber(a);
  const vb = toNumber(b);
  const near = (rel: number) => Math.abs(va - vb) <= rel * Math.max(1, Math.abs(va), Math.abs(vb));
  if (inexact(a, b) || inexact(b, a)) {
    return { equal: near(1e-9), sameForm: false, method: 'numeric', nearly: near(1e-3) };
  }
  const equal = rationalEqual(a, b);
  return { equal, sameForm: sameRationalForm(a, b), method: 'symbolic', nearly: !equal && near(1e-3) };
}

function compareScalar(sub: string, ref: string, deadline: number): ElementResult {
  const text = textScalar(sub, ref, MAX_CAS_CHARS);
  if (text) return text;
  const exact = exactScalar(sub, ref);
  if (exact) return exact;
  if (Date.now() > deadline) return { equal: null, sameForm: false, method: 'none', unparseable: 'timeout' };
  const subEq = splitTopLevel(sub, '=');
  const refEq = splitTopLevel(ref, '=');
  if (subEq.length === 2 && refEq.length === 2) return compareEquations(subEq as [string, string], refEq as [string, string]);
  // The reference is read first so that a symbol's meaning (function or number) follows it.
  const r = parseMath(ref);
  const s = parseMath(sub);
  if (!s) return { equal: null, sameForm: false, method: 'none', unparseable: 'submitted' };
  if (!r) return { equal: false, sameForm: false, method: 'none', unparseable: 'reference' };
  const sameForm = s.formKey === r.formKey;
  const hasVariables = s.variables.length + r.variables.length > 0;
  if (symbolicallyEqual(s, r)) return { equal: true, sameForm, method: 'symbolic', hasVariables };
  const numeric = numericallyEqual(s, r, tolerance(sub, ref));
  if (numeric.equal === true) return { equal: true, sameForm, method: 'numeric', hasVariables };
  if (numeric.equal === false) return { equal: false, sameForm, method: 'numeric', nearly: numeric.nearlyEqual };
  // Neither side has a numeric value (text, logic): different text means a different answer.
  return { equal: false, sameForm: false, method: 'none' };
}

const isEquation = (s: string) => splitTopLevel(s, '=').length === 2;

/** `y = 2x + 3` and `2x - y + 3 = 0` are the same line: compare lhs − rhs up to a constant factor. */
function compareEquations(sub: [string, string], ref: [string, string]): ElementResult {
  const r = parseMath(`(${ref[0]})-(${ref[1]})`);
  const s = parseMath(`(${sub[0]})-(${sub[1]})`);
  if (!s || !parseMath(sub[0]) || !parseMath(sub[1])) return { equal: null, sameForm: false, method: 'none', unparseable: 'submitted' };
  if (!r) return { equal: false, sameForm: false, method: 'none', unparseable: 'reference' };
  const sides = (pair: [string, string]) => pair.map((side) => parseMath(side)?.formKey ?? side);
  const [s0, s1] = sides(sub);
  const [r0, r1] = sides(ref);
  const sameForm = (s0 === r0 && s1 === r1) || (s0 === r1 && s1 === r0);
  const equal = proportional(s, r);
  return { equal: equal === true, sameForm, method: 'numeric', hasVariables: true, equation: true };
}

/**
 * Written the same way, as far as text can tell: the same characters in another order
 * (`x+1` and `1+x`). The CAS compares structure; this is the quick path's stand-in.
 */
function sameCharacters(a: string, b: string): boolean {
  return a.length === b.length && [...a].sort().join('') === [...b].sort().join('');
}

/** The bounded comparer: float sampling of what quick-eval can read; undecided otherwise. */
function quickScalar(sub: string, ref: string): ElementResult {
  const text = textScalar(sub, ref, QUICK_MAX_CHARS);
  if (text) return text;
  // Two words ("even", "odd") are text, not products of letters.
  if (/^[a-zA-Z]{2,}$/.test(sub) || /^[a-zA-Z]{2,}$/.test(ref)) return { equal: false, sameForm: false, method: 'normalized' };
  const exact = exactScalar(sub, ref);
  if (exact) return exact;
  const sameForm = sameCharacters(sub, ref);
  const subEq = splitTopLevel(sub, '=');
  const refEq = splitTopLevel(ref, '=');
  if (subEq.length === 2 && refEq.length === 2) {
    const s = quickParse(`(${subEq[0]})-(${subEq[1]})`);
    const r = quickParse(`(${refEq[0]})-(${refEq[1]})`);
    const equal = s && r ? quickProportional(s, r) : null;
    if (equal === null) return { equal: null, sameForm: false, method: 'none', unparseable: 'undecided' };
    return { equal, sameForm, method: 'numeric', hasVariables: true, equation: true };
  }
  const s = quickParse(sub);
  const r = quickParse(ref);
  if (!s || !r) return { equal: null, sameForm: false, method: 'none', unparseable: 'undecided' };
  const numeric = quickEqual(s, r, tolerance(sub, ref));
  if (numeric.equal === null) return { equal: null, sameForm: false, method: 'none', unparseable: 'undecided' };
  const hasVariables = s.variables.length + r.variables.length > 0;
  if (numeric.equal) return { equal: true, sameForm, method: 'numeric', hasVariables };
  return { equal: false, sameForm, method: 'numeric', nearly: numeric.nearlyEqual };
}

function combine(results: ElementResult[]): ElementResult {
  const unparseable = results.find((r) => r.unparseable && r.unparseable !== 'reference')?.unparseable;
  if (unparseable) return { equal: null, sameForm: false, method: 'none', unparseable };
  const equal = results.every((r) => r.equal === true);
  const method = results.reduce<AnswerMethod>((m, r) => (RANK[r.method] > RANK[m] ? r.method : m), 'normalized');
  return {
    equal,
    sameForm: results.every((r) => r.sameForm),
    method,
    nearly: !equal && results.every((r) => r.equal === true || r.nearly),
    hasVariables: results.some((r) => r.hasVariables),
    equation: results.some((r) => r.equation),
  };
}

function compareUnordered(sub: string[], ref: string[], deadline: number, scalar: ScalarComparer): ElementResult {
  if (sub.length > MAX_CAS_UNORDERED) {
    const a = [...sub].sort().join(',');
    const b = [...ref].sort().join(',');
    return { equal: a === b, sameForm: a === b, method: 'normalized' };
  }
  const used = new Set<number>();
  const results: ElementResult[] = [];
  for (const r of ref) {
    let match: ElementResult | null = null;
    for (let i = 0; i < sub.length && !match; i++) {
      if (used.has(i)) continue;
      // Items may be intervals themselves (a union), so compare them by shape.
      const item = sub[i] as string;
      const result = compareShapes(answerShape(item), answerShape(r), item, r, deadline, scalar);
      if (result.unparseable === 'submitted') return result;
      if (result.equal) {
        used.add(i);
        match = result;
      }
    }
    results.push(match ?? { equal: false, sameForm: false, method: 'numeric' });
  }
  return combine(results);
}

interface ShapeResult extends ElementResult {
  shapeDetail?: Message;
}

function compareShapes(sub: AnswerShape, ref: AnswerShape, subText: string, refText: string, deadline: number, scalar: ScalarComparer): ShapeResult {
  if (ref.kind === 'scalar' || (sub.kind === 'scalar' && ref.kind !== 'unordered')) {
    return scalar(subText, refText, deadline);
  }
  const expected = ref.items.length;
  if (ref.kind === 'ordered') {
    // "3, π/2" for "(3, π/2)": right values, missing brackets.
    const items = sub.kind === 'ordered' || (sub.kind === 'unordered' && !sub.union) ? sub.items : [subText];
    if (items.length !== expected) {
      return { equal: false, sameForm: false, method: 'none', shapeDetail: msg('answer.shape.parts', { count: expected }) };
    }
    const result = combine(ref.items.map((r, i) => scalar(items[i] as string, r, deadline)));
    if (sub.kind !== 'ordered') {
      return { ...result, sameForm: false, shapeDetail: msg('answer.shape.brackets', { count: expected, example: `${ref.open}a, b${ref.close}` }) };
    }
    if (result.equal && (sub.open !== ref.open || sub.close !== ref.close)) {
      return { ...result, equal: false, shapeDetail: msg('answer.shape.interval') };
    }
    return result;
  }
  if (ref.kind === 'matrix') {
    if (sub.kind !== 'matrix' || sub.rows !== ref.rows || sub.cols !== ref.cols) {
      return { equal: false, sameForm: false, method: 'none', shapeDetail: msg('answer.shape.matrix', { rows: ref.rows, cols: ref.cols }) };
    }
    return combine(ref.items.map((r, i) => scalar(sub.items[i] ?? '', r, deadline)));
  }
  const items = sub.kind === 'scalar' ? [sub.text] : sub.items;
  if (items.length !== expected) {
    return { equal: false, sameForm: false, method: 'none', shapeDetail: msg('answer.shape.count', { count: expected, given: items.length }) };
  }
  return compareUnordered(items, ref.items, deadline, scalar);
}

/** How to type maths, for "could not read" (keyboard notation; LaTeX works too). */
const TYPING_EXAMPLES = 'sqrt(3), 3/4, 2 1/2, x^2, pi, C(10,4), 20%, (1, 2], x > 3, {1, 2}';

const PERCENT = /\\%|%|percent/i;
const PLAIN_NUMBER = /^-?\d*\.?\d+$/;

/** A plain decimal number times 10^k, exactly, as text. */
function shiftDecimal(num: string, k: number): string {
  const negative = num.startsWith('-');
  const digits = negative ? num.slice(1) : num;
  const [whole = '', frac = ''] = digits.split('.');
  let all = whole + frac;
  let point = whole.length + k;
  if (point < 0) {
    all = '0'.repeat(-point) + all;
    point = 0;
  }
  if (point > all.length) all += '0'.repeat(point - all.length);
  const intPart = all.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = trimTrailingZeros(all.slice(point));
  return `${negative ? '-' : ''}${intPart}${fracPart ? `.${fracPart}` : ''}`;
}

/**
 * `a\pm b` → `a+b, a-b` (items of a list or set; several ± in one item move together, ∓ the
 * other way). Tuples and intervals are left alone.
 */
export function expandPlusMinus(s: string): string {
  if (!/\\[pm]m(?![a-zA-Z])/.test(s)) return s;
  const shape = answerShape(s);
  if (shape.kind === 'ordered' || shape.kind === 'matrix') return s;
  const set = s.startsWith('\\{') && s.endsWith('\\}');
  const items = shape.kind === 'scalar' ? [s] : shape.items;
  const out: string[] = [];
  for (const item of items) {
    if (!/\\[pm]m(?![a-zA-Z])/.test(item) || (item.match(/\\[pm]m(?![a-zA-Z])/g) ?? []).length > 3) {
      out.push(item);
      continue;
    }
    for (const sign of ['+', '-']) {
      const other = sign === '+' ? '-' : '+';
      const v = item.replace(/\\(pm|mp)(?![a-zA-Z])/g, (_m, which: string) => (which === 'pm' ? sign : other)).replace(/^\+/, '');
      out.push(v.replace(/([{(,])\+/g, '$1'));
    }
  }
  return set ? `\\{${out.join(',')}\\}` : out.join(',');
}

function unparseableCheck(kind: NonNullable<ElementResult['unparseable']>): AnswerCheck {
  const detail = {
    submitted: msg('answer.unreadableHowTo', { examples: TYPING_EXAMPLES }),
    reference: msg('answer.referenceUnreadable'),
    too_long: msg('answer.tooLong'),
    timeout: msg('answer.timeout'),
    undecided: msg('answer.undecided'),
  }[kind];
  return { verdict: 'unparseable', method: 'none', detail };
}

/** Exact and normalised text, then the shapes compared element by element with `scalar`. */
function runComparison(
  submitted: string,
  reference: string,
  scalar: ScalarComparer,
  scoped: <T>(fn: () => T) => T,
  options: CompareOptions = {},
): AnswerCheck {
  try {
    const subRaw = typeof submitted === 'string' ? submitted.trim() : '';
    const refRaw = typeof reference === 'string' ? reference.trim() : '';
    if (!subRaw) return { verdict: 'unparseable', method: 'none', detail: msg('answer.empty') };
    if (!refRaw) return unparseableCheck('reference');
    if (subRaw === refRaw) return { verdict: 'correct', method: 'exact' };
    // Limits before normalisation: normalising is linear, but a bounded input keeps it cheap.
    if (subRaw.length > MAX_ANSWER_CHARS || refRaw.length > MAX_ANSWER_CHARS) return unparseableCheck('too_long');
    let sub = normalizeAnswer(subRaw);
    let ref = normalizeAnswer(refRaw);
    // Percent before equal text: "90%" and "90" normalise alike, but read differently.
    const percent = percentReading(subRaw, refRaw, sub, ref, options.question);
    const deadline = Date.now() + CAS_BUDGET_MS;
    const compare = (a: string, b: string) => scoped(() => compareShapes(answerShape(a), answerShape(b), a, b, deadline, scalar));
    if (percent?.kind === 'fraction') {
      // "20%" where the reference is 1/5 or 0.2: the percent is the value over 100.
      const alt = compare(shiftDecimal(sub, -2), ref);
      if (alt.equal) return percent.fractionWanted ? { verdict: 'correct', method: alt.method } : { verdict: 'equivalent_form', method: alt.method, detail: msg('answer.form.noPercent') };
      if (percent.strict) return { verdict: 'incorrect', method: alt.method };
    }
    if (sub === ref) return { verdict: 'correct', method: 'normalized' };
    // Multiple choice: "c" for "(C)".
    if (/^[A-E]$/.test(ref) && /^[a-eA-E]$/.test(sub)) {
      return sub.toUpperCase() === ref ? { verdict: 'correct', method: 'normalized' } : { verdict: 'incorrect', method: 'normalized' };
    }
    // Input that is not maths (words, "((3", "3+") is "could not read", never "wrong",
    // unless the reference is itself words (a name, "even").
    const refHasWords = /[a-zA-Z]{2,}/.test(ref.replace(/\\[a-zA-Z]+/g, ' '));
    const wroteText = /\\(?:text|textbf|textit|textrm|mathrm|mbox)\s*\{/.test(subRaw);
    if (sub && (malformed(sub) || (!refHasWords && !wroteText && unknownWords(sub).length > 0))) return unparseableCheck('submitted');
    sub = expandPlusMinus(sub);
    ref = expandPlusMinus(ref);
    if (sub === ref) return { verdict: 'correct', method: 'normalized' };
    // "y = 2x + 3" lost its "y =" above; against "2x - y + 3 = 0" it must stay an equation.
    if (isEquation(sub) !== isEquation(ref)) {
      const subWhole = normalizeAnswer(subRaw, { keepEquation: true });
      const refWhole = normalizeAnswer(refRaw, { keepEquation: true });
      if (isEquation(subWhole) && isEquation(refWhole)) {
        sub = subWhole;
        ref = refWhole;
      }
    }
    if (!sub) return unparseableCheck('submitted');
    const result = compare(sub, ref);
    if (percent?.kind === 'percent' && !result.equal && !result.unparseable) {
      // "0.9" where the reference (or the question) is 90 percent.
      const alt = compare(shiftDecimal(sub, 2), ref);
      if (alt.equal) return { verdict: 'equivalent_form', method: alt.method, detail: msg('answer.form.percent') };
    }
    if (result.unparseable) return unparseableCheck(result.unparseable);
    if (!result.equal) {
      const detail =
        result.shapeDetail ??
        (result.nearly && /\d\.\d/.test(sub)
          ? msg('answer.rounded')
          : undefined);
      return detail ? { verdict: 'incorrect', method: result.method, detail } : { verdict: 'incorrect', method: result.method };
    }
    if (result.sameForm) return { verdict: 'correct', method: result.method };
    return {
      verdict: 'equivalent_form',
      method: result.method,
      detail:
        result.shapeDetail ??
        (result.equation
          ? msg('answer.equation', { example: 'y = mx + b' })
          : formHint(ref, sub, result.hasVariables ?? false)),
    };
  } catch {
    return { verdict: 'unparseable', method: 'none', detail: msg('answer.undecided') };
  }
}

/**
 * How percent reads here. `fraction`: the learner wrote a percent and neither the reference nor
 * the question does, so 20% is 0.2 (`strict`: the question is known, so 20% is not 20;
 * `fractionWanted`: the question asks for a probability or fraction, so 20% is a right
 * answer, not only a right value). `percent`: the reference or the question is in percent and
 * the learner wrote a plain number, which may be the ratio (0.9 for 90%). Null otherwise.
 */
function percentReading(
  subRaw: string,
  refRaw: string,
  sub: string,
  ref: string,
  question: string | undefined,
): { kind: 'fraction'; strict: boolean; fractionWanted: boolean } | { kind: 'percent' } | null {
  if (!PLAIN_NUMBER.test(sub) || answerShape(ref).kind !== 'scalar') return null;
  const subPercent = PERCENT.test(subRaw);
  const refPercent = PERCENT.test(refRaw);
  const questionPercent = typeof question === 'string' && PERCENT.test(question);
  if (subPercent && !refPercent && !questionPercent) {
    const q = typeof question === 'string' ? question : '';
    return { kind: 'fraction', strict: q.trim().length > 0, fractionWanted: !q.trim() || /probabilit|fraction|chance|ratio|proportion|likel/i.test(q) };
  }
  if (!subPercent && (refPercent || questionPercent) && /\d/.test(ref)) return { kind: 'percent' };
  return null;
}

/**
 * The full comparison with the CAS. Synchronous and not bounded in time (a CAS bomb can hold
 * it for minutes): the app calls it only in the CAS worker; use checkAnswer from the host.
 */
export function compareAnswers(submitted: string, reference: string, options: CompareOptions = {}): AnswerCheck {
  return runComparison(submitted, reference, compareScalar, withCasScope, options);
}

/**
 * The same layers without the CAS: normalised text, shapes, and float sampling of what the
 * quick reader understands (quick-eval.ts). Synchronous, bounded (inputs capped, no exact
 * arithmetic), safe on the host's event loop. "Could not decide" comes back as
 * `{ verdict: 'unparseable' }`; a value that matches but is written differently is
 * `equivalent_form` unless the two differ only in the order of their characters.
 */
export function compareAnswersQuick(submitted: string, reference: string, options: CompareOptions = {}): AnswerCheck {
  return runComparison(submitted, reference, (sub, ref) => quickScalar(sub, ref), (fn) => fn(), options);
}

/** `1200` → `12` without a regex: `/0+$/` restarts at every zero of a long run (quadratic). */
function trimTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  return digits.slice(0, end);
}
