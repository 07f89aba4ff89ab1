/**
 * One left-to-right pass over tutor text that finds the places where a value is stated:
 * math blocks (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, `\begin{…}…\end{…}`) split at their
 * top-level relations, boxes, plain-text numbers and plain-text expressions after "=".
 * Each candidate knows how it is phrased (a conclusion, an approximation) from a bounded look
 * back at the words before it. Linear in the text: every character is visited a bounded number
 * of times, and no regex runs over more than a short, bounded slice.
 */

export interface Segment {
  kind: 'text' | 'math' | 'boxed';
  /** The whole segment, delimiters included. */
  start: number;
  end: number;
  /** The content, without delimiters. */
  contentStart: number;
  contentEnd: number;
  /** False when the text ended before the closing delimiter (a stream cut mid-formula). */
  closed: boolean;
}

export interface Candidate {
  /** The value as written. */
  value: string;
  /** What to hold back when it leaks: the value, or the whole formula it stands in. */
  start: number;
  end: number;
  /** 'rhs': after `=`/`≈`; 'lone': a formula that is only this value; 'part': beside others. */
  kind: 'rhs' | 'lone' | 'part' | 'text';
  /** Stated as a conclusion: "therefore", "so", "the answer", "we get", "共", "所以"… */
  conclusive: boolean;
  /** Stated as an approximation: "about", "≈", "约"… */
  approximate: boolean;
  /** The last candidate of the text, and whether the text ends with it (bar punctuation). */
  last: boolean;
  atEnd: boolean;
  /** Right after "is", "are", "equals", ":" or "=": stated as what something is. */
  afterIs: boolean;
}

const MATH_ENVS = ['equation', 'equation*', 'align', 'align*', 'aligned', 'gather', 'gather*', 'eqnarray', 'eqnarray*', 'multline', 'split', 'cases'];

/** Where the block that opens at `i` closes, or null when nothing opens there. */
export function openerAt(text: string, i: number): { closer: string; contentStart: number; box?: boolean } | null {
  const c = text[i];
  if (c === '$') return text[i + 1] === '$' ? { closer: '$$', contentStart: i + 2 } : { closer: '$', contentStart: i + 1 };
  if (c !== '\\') return null;
  const n = text[i + 1];
  if (n === '(') return { closer: '\\)', contentStart: i + 2 };
  if (n === '[') return { closer: '\\]', contentStart: i + 2 };
  if (n === 'b' && text.startsWith('\\boxed', i)) {
    let j = i + 6;
    while (text[j] === ' ') j++;
    if (text[j] === '{') return { closer: '}', contentStart: j + 1, box: true };
  }
  if (n === 'f' && text.startsWith('\\fbox{', i)) return { closer: '}', contentStart: i + 6, box: true };
  if (n === 'b' && text.startsWith('\\begin{', i)) {
    // Environment names are short: look for the brace in a bounded slice only.
    const name = text.slice(i + 7, i + 30);
    const close = name.indexOf('}');
    const env = close > 0 ? name.slice(0, close) : '';
    if (MATH_ENVS.includes(env)) return { closer: `\\end{${env}}`, contentStart: i + 7 + close + 1 };
  }
  return null;
}

/** Index of the `}` closing a brace group whose content starts at `from`, or -1 (bounded by `to`). */
export function closeBrace(text: string, from: number, to: number): number {
  let depth = 1;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Text and math segments of text[from, to). `from` must be outside any formula. */
export function segments(text: string, from = 0, to = text.length): Segment[] {
  const out: Segment[] = [];
  let textStart = from;
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c !== '$' && c !== '\\') {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '$') {
      i += 2;
      continue;
    }
    const open = openerAt(text, i);
    if (!open) {
      i += c === '\\' ? 2 : 1;
      continue;
    }
    if (i > textStart) out.push({ kind: 'text', start: textStart, end: i, contentStart: textStart, contentEnd: i, closed: true });
    const closeAt = open.box ? closeBrace(text, open.contentStart, to) : indexOfBefore(text, open.closer, open.contentStart, to);
    const closed = closeAt >= 0;
    const contentEnd = closed ? closeAt : to;
    const end = closed ? closeAt + open.closer.length : to;
    out.push({ kind: open.box ? 'boxed' : 'math', start: i, end, contentStart: open.contentStart, contentEnd, closed });
    i = end;
    textStart = end;
  }
  if (to > textStart) out.push({ kind: 'text', start: textStart, end: to, contentStart: textStart, contentEnd: to, closed: true });
  return out;
}

function indexOfBefore(text: string, needle: string, from: number, to: number): number {
  // A miss ends the segment list (the formula runs to `to`), so this scans past `to` at most once a call.
  const at = text.indexOf(needle, from);
  return at >= 0 && at + needle.length <= to ? at : -1;
}

// ---- phrasing -----------------------------------------------------------------------------

const CONCLUSIVE_WORDS = [
  'answer', 'therefore', 'thus', 'hence', 'so ', 'so,', 'finally', 'in total', 'total', 'altogether', 'in all',
  'we get', 'we find', 'we obtain', 'gives', 'giving', 'comes to', 'equals', 'result is', 'which is', 'that is',
  'is exactly', 'conclude', '\\therefore', '\\rightarrow', '\\implies', '\\Rightarrow', '\\Longrightarrow',
  '答案', '所以', '因此', '故', '共', '即', '得', '综上', '结果', '等于', '为',
];
const APPROX_WORDS = ['about', 'approximately', 'approx', 'roughly', 'around', 'nearly', '\\approx', '≈', '约', '大约', '近似'];
const CONCLUSIVE_LOWER = CONCLUSIVE_WORDS.map((w) => w.toLowerCase());
/** One-character Chinese connectives count only close to the value (they are common characters). */
const SHORT_CJK = new Set(['故', '即', '得', '为']);
/** How far back the phrasing of a value is read. */
const LOOKBACK = 60;

function phrasing(text: string, at: number): { conclusive: boolean; approximate: boolean } {
  let from = Math.max(0, at - LOOKBACK);
  // Only the current sentence counts: start after the last sentence end in the window.
  const window = text.slice(from, at);
  let cut = -1;
  for (let k = window.length - 1; k >= 0; k--) {
    const ch = window[k];
    if (ch === '\n' || ch === '。' || ch === '；' || ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(window[k + 1] ?? ' ') && !/\d/.test(window[k - 1] ?? ''))) {
      cut = k;
      break;
    }
  }
  from += cut + 1;
  const before = text.slice(from, at).toLowerCase();
  let conclusive = false;
  for (const w of CONCLUSIVE_LOWER) {
    if (before.includes(w) && (!SHORT_CJK.has(w) || before.length < 24)) {
      conclusive = true;
      break;
    }
  }
  let approximate = false;
  for (const w of APPROX_WORDS) {
    if (before.includes(w)) {
      approximate = true;
      break;
    }
  }
  return { conclusive, approximate };
}

// ---- candidates in formulas --------------------------------------------------------------

const RELATIONS = ['=', '<', '>', '≈', '≤', '≥', '≠', '→'];
const RELATION_CMDS = new Set(['approx', 'le', 'leq', 'ge', 'geq', 'neq', 'ne', 'equiv', 'sim', 'simeq', 'cong', 'Rightarrow', 'implies', 'to', 'rightarrow', 'Longrightarrow', 'iff', 'lt', 'gt', 'leqslant', 'geqslant']);
const SEPARATOR_CMDS = new Set(['quad', 'qquad', 'text', 'textbf', 'mbox', 'therefore', 'because', 'and', 'or', 'hline']);

/** A formula's pieces between top-level relations and separators. */
function formulaPieces(text: string, from: number, to: number): { start: number; end: number; afterRelation: string | null }[] {
  const pieces: { start: number; end: number; afterRelation: string | null }[] = [];
  let depth = 0;
  let start = from;
  let rel: string | null = null;
  const cut = (end: number, next: number, nextRel: string | null) => {
    pieces.push({ start, end, afterRelation: rel });
    start = next;
    rel = nextRel;
  };
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0 && RELATIONS.includes(c)) cut(i, i + 1, c);
    else if (depth === 0 && (c === ',' || c === ';' || c === '&')) cut(i, i + 1, null);
    else if (c === '\\') {
      let j = i + 1;
      while (j < to && /[a-zA-Z]/.test(text[j]!)) j++;
      const name = text.slice(i + 1, j);
      if (!name && text[i + 1] === '\\' && depth === 0) {
        cut(i, i + 2, null);
        i++;
        continue;
      }
      if ((name === 'left' || name === 'right') && j < to) {
        // `\left(` opens and `\right)` closes like the bracket itself.
        i = j - 1;
        continue;
      }
      if (depth === 0 && RELATION_CMDS.has(name)) cut(i, j, name);
      else if (depth === 0 && SEPARATOR_CMDS.has(name)) {
        let next = j;
        if (text[j] === '{') {
          const close = closeBrace(text, j + 1, to);
          next = close < 0 ? to : close + 1;
        }
        cut(i, next, null);
        i = next - 1;
        continue;
      }
      i = Math.max(i, j - 1);
    }
  }
  pieces.push({ start, end: to, afterRelation: rel });
  return pieces;
}

const MAX_CANDIDATE_CHARS = 120;

function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s.,;:]/.test(text[end - 1]!)) end--;
  return [start, end];
}

// ---- candidates in plain text --------------------------------------------------------------

const PLAIN_MATH_CHARS = new Uint8Array(128);
for (const ch of '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.^*/+-()_!%,{}\\') PLAIN_MATH_CHARS[ch.charCodeAt(0)] = 1;
const PLAIN_MATH_WIDE = new Set(['−', '√', 'π', '×', '·', '÷', '±'].map((c) => c.charCodeAt(0)));
function isPlainMath(code: number): boolean {
  return code < 128 ? PLAIN_MATH_CHARS[code] === 1 : PLAIN_MATH_WIDE.has(code);
}
/** Digits, √ and π: what makes a run a value. */
const isValueChar = (code: number) => (code >= 48 && code <= 57) || code === 0x221a || code === 0x3c0;

/** Plain-text runs that hold a number ("0.1071", "3/28", "2^(n+2)-5", "sqrt(3)+2", "x=5"). */
function plainRuns(text: string, from: number, to: number): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  let i = from;
  while (i < to) {
    if (!isPlainMath(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let hasDigit = false;
    for (;;) {
      for (let code = text.charCodeAt(j); j < to && isPlainMath(code); code = text.charCodeAt(++j)) {
        if (isValueChar(code)) hasDigit = true;
      }
      // "2^(n+2) - 5" and "x = 5": a lone operator between spaces joins the runs around it.
      if (j + 2 < to && text[j] === ' ' && /[+\-−*/=×·÷^]/.test(text[j + 1]!) && text[j + 2] === ' ') j += 3;
      else if (j + 1 < to && text[j] === ' ' && /[+\-−*/=×·÷^]/.test(text[j - 1] ?? '') && isPlainMath(text.charCodeAt(j + 1))) j += 1;
      else if (j + 1 < to && text[j] === '=' && text[j + 1] === ' ') j += 2;
      else break;
    }
    if (hasDigit) runs.push({ start: i, end: j });
    i = j + 1;
  }
  return runs;
}

/** A run of words ("there are 12 ways") is not an expression: keep its numeric tokens only. */
function textCandidates(text: string, run: { start: number; end: number }): { start: number; end: number; afterRelation: string | null }[] {
  const body = text.slice(run.start, run.end);
  const words = body.match(/[a-zA-Z]{2,}/g) ?? [];
  const mathWords = new Set(['sqrt', 'pi', 'sin', 'cos', 'tan', 'ln', 'log', 'exp', 'frac', 'dfrac', 'tfrac', 'cdot', 'times', 'pm', 'binom', 'left', 'right']);
  if (words.some((w) => !mathWords.has(w.toLowerCase()))) {
    const out: { start: number; end: number; afterRelation: string | null }[] = [];
    const re = /-?\d+(?:\.\d+)?(?:\/\d+)?%?/g;
    for (let m = re.exec(body); m; m = re.exec(body)) out.push({ start: run.start + m.index, end: run.start + m.index + m[0].length, afterRelation: null });
    return out;
  }
  const eq = body.lastIndexOf('=');
  if (eq >= 0) return [{ start: run.start + eq + 1, end: run.end, afterRelation: '=' }];
  return [{ start: run.start, end: run.end, afterRelation: null }];
}

/** Every candidate value in text[from, to) (`from` outside any formula). */
export function findCandidates(text: string, from = 0, to = text.length): Candidate[] {
  const out: Omit<Candidate, 'last' | 'atEnd' | 'afterIs'>[] = [];
  for (const seg of segments(text, from, to)) {
    if (seg.kind === 'text') {
      for (const run of plainRuns(text, seg.contentStart, seg.contentEnd)) {
        for (const piece of textCandidates(text, run)) {
          const [s, e] = trimRange(text, piece.start, piece.end);
          if (e <= s || e - s > MAX_CANDIDATE_CHARS) continue;
          const p = phrasing(text, s);
          out.push({ value: text.slice(s, e), start: s, end: e, kind: piece.afterRelation ? 'rhs' : 'text', conclusive: p.conclusive, approximate: p.approximate });
        }
      }
      continue;
    }
    const pieces = formulaPieces(text, seg.contentStart, seg.contentEnd);
    const single = pieces.length === 1;
    const formula = text.slice(seg.contentStart, seg.contentEnd);
    for (const piece of pieces) {
      const [s, e] = trimRange(text, piece.start, piece.end);
      if (e <= s || e - s > MAX_CANDIDATE_CHARS) continue;
      const outside = phrasing(text, seg.start);
      const approx = outside.approximate || piece.afterRelation === '≈' || piece.afterRelation === 'approx' || formula.slice(0, s - seg.contentStart).includes('\\approx');
      const conclusive = outside.conclusive || /\\therefore|\\Rightarrow|\\implies/.test(text.slice(Math.max(seg.contentStart, s - 40), s));
      out.push({
        value: text.slice(s, e),
        // A value inside a formula is held back with its whole formula: half a formula cannot be typeset.
        start: seg.start,
        end: seg.end,
        kind: seg.kind === 'boxed' ? 'lone' : piece.afterRelation ? 'rhs' : single ? 'lone' : 'part',
        conclusive: conclusive || seg.kind === 'boxed',
        approximate: approx,
      });
    }
  }
  return out.map((c, i) => ({ ...c, afterIs: /(?:\bis|\bare|\bequals|[:=：是为])\s*\$?\s*$/.test(text.slice(Math.max(0, c.start - 12), c.start)), last: i === out.length - 1, atEnd: i === out.length - 1 && text.slice(c.end, to).replace(/[\s.。!！)）$\\\]]/g, '').length === 0 }));
}
