/**
 * Static guard for regexes in the model-output parsers (the dynamic guard is
 * linear-parse.test.ts). Every regex literal and `new RegExp('…')` in the navigator, the
 * solver-reply readers and the answer checker is checked for the shapes that backtracked
 * quadratically on long runs of spaces in issue 10:
 *  - nested unbounded quantifiers: `(\s*a)*`, `(?:x+)+`;
 *  - two unbounded quantifiers that can both eat spaces with only optional parts between:
 *    `\s*\s*`, `\s*:?\s*`, `^\s*(?:#{1,6}\s*)?(?:\*\*)?\s*`;
 *  - an unanchored pattern that starts with a run that must be followed by more (`[.。]+$`,
 *    `\s+(?=\d)`): every start inside a long run rescans it, unless a lookbehind pins the
 *    match to the start of the run.
 * A heuristic, not a proof: it keeps new regexes in these files honest, and a new pattern that
 * must look like this goes in ALLOWED with the reason it is safe.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const SOURCES = [
  ...listTs('electron/core/navigator').filter((f) => !f.includes(`${path.sep}prompts${path.sep}`)),
  'electron/core/tutor/solver-replies.ts',
  ...listTs('electron/core/tutor/answer'),
];

/** Patterns that match a rule but are safe, with why. Keyed by the pattern source. */
const ALLOWED: Record<string, string> = {
  '\\s*\\.\\s*$': 'keyboard.ts mixedNumber: its input is at most 80 characters.',
  '\\s+(?:or|\\\\text\\{\\s*or\\s*\\})\\s+|\\s*\\\\(?:lor|vee)\\s*':
    'keyboard.ts keyboardToLatex: whitespace is collapsed to single spaces first, so each \\s run is at most one character.',
  '\\s+(?:and|or|\\\\text\\{\\s*(?:and|or)\\s*\\})\\s+': 'keyboard.ts keyboardToLatex: whitespace is collapsed to single spaces first.',
};

function listTs(dir: string): string[] {
  return fs
    .readdirSync(path.join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(repoRoot, path.join(e.parentPath, e.name)));
}

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

function regexesIn(file: string): Found[] {
  const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Found[] = [];
  const visit = (node: ts.Node) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    if (ts.isRegularExpressionLiteral(node)) {
      const lit = node.text;
      const end = lit.lastIndexOf('/');
      out.push({ file, line, source: lit.slice(1, end), flags: lit.slice(end + 1) });
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [pattern, flags] = node.arguments ?? [];
      if (pattern && (ts.isStringLiteral(pattern) || ts.isNoSubstitutionTemplateLiteral(pattern))) {
        out.push({ file, line, source: pattern.text, flags: flags && ts.isStringLiteral(flags) ? flags.text : '' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

interface Atom {
  text: string;
  /** For groups: the pattern inside. */
  inner?: string;
  quant: string;
  lookbehind?: boolean;
  lookaround?: boolean;
}

/** Splits a pattern (or a group's inside) into top-level atoms with their quantifiers. */
function atoms(src: string): Atom[] {
  const out: Atom[] = [];
  let i = 0;
  while (i < src.length) {
    const start = i;
    const ch = src[i];
    let inner: string | undefined;
    let lookbehind = false;
    let lookaround = false;
    if (ch === '\\') {
      i += src[i + 1] === 'u' && src[i + 2] === '{' ? src.indexOf('}', i) + 1 : src[i + 1] === 'u' ? 6 : src[i + 1] === 'x' ? 4 : 2;
    } else if (ch === '[') {
      i++;
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '(') {
      let depth = 0;
      let inClass = false;
      for (; i < src.length; i++) {
        const c = src[i];
        if (c === '\\') {
          i++;
          continue;
        }
        if (inClass) {
          if (c === ']') inClass = false;
          continue;
        }
        if (c === '[') inClass = true;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      i++;
      const body = src.slice(start + 1, i - 1);
      const head = /^\?(?:<[=!]|[=!]|:|<[A-Za-z_]\w*>)?/.exec(body)?.[0] ?? '';
      lookbehind = head === '?<=' || head === '?<!';
      lookaround = lookbehind || head === '?=' || head === '?!';
      inner = body.slice(head.length);
    } else {
      i++;
    }
    const q = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/.exec(src.slice(i))?.[0] ?? '';
    i += q.length;
    out.push({ text: src.slice(start, i - q.length), quant: q, ...(inner !== undefined ? { inner } : {}), lookbehind, lookaround });
  }
  return out;
}

const unbounded = (q: string) => /^(?:\*|\+|\{\d+,\})/.test(q);
const optional = (a: Atom) => /^(?:\?|\*|\{0(?:,\d*)?\})/.test(a.quant) || a.lookaround === true || a.text === '^' || a.text === '$';

/** Can this atom match a space (or a newline)? Approximate, erring towards yes. */
function eatsSpace(a: Atom): boolean {
  const t = a.text;
  if (a.inner !== undefined) {
    if (a.lookaround) return false;
    return a.inner.split('|').some((alt) => {
      const first = atoms(alt).find((x) => !optional(x)) ?? atoms(alt)[0];
      return first ? eatsSpace(first) : false;
    });
  }
  if (t === '\\s' || t === ' ' || t === '.' || t === '\\W' || t === '\\n') return true;
  if (t.startsWith('[^')) return !/\\s| |\\n/.test(t);
  if (t.startsWith('[')) return /\\s| |\\n|\\S/.test(t) || t === '[\\s\\S]';
  return false;
}

/** The top-level alternatives of a pattern (`a|b` outside groups and classes). */
function alternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}

function problems(src: string, flags: string): string[] {
  return alternatives(src).flatMap((alt) => alternativeProblems(alt, flags));
}

function alternativeProblems(src: string, flags: string): string[] {
  const found: string[] = [];
  const list = atoms(src);
  for (const a of list) {
    if (a.inner !== undefined && unbounded(a.quant) && /(?:[^\\]|^)(?:\*|\+|\{\d+,\})/.test(a.inner.replace(/\[(?:\\.|[^\]])*\]/g, 'C'))) {
      found.push(`nested unbounded quantifier in ${a.text}${a.quant}`);
    }
    if (a.inner !== undefined && !a.lookaround) found.push(...problems(a.inner, 'inner'));
  }
  for (let i = 0; i < list.length; i++) {
    const a = list[i] as Atom;
    if (!unbounded(a.quant) || !eatsSpace(a)) continue;
    for (let j = i + 1; j < list.length; j++) {
      const b = list[j] as Atom;
      if (unbounded(b.quant) && eatsSpace(b)) {
        found.push(`${a.text}${a.quant} … ${b.text}${b.quant} with only optional parts between`);
        break;
      }
      if (!optional(b) || b.text === '$') break;
    }
  }
  if (flags === 'inner') return found;
  // Unanchored and starting with a run that must be followed by more: every start inside a
  // long run rescans the rest of it (`[.。]+$`, `\s+(?=\d)`, `\d+x`), unless a lookbehind
  // pins the match to the start of the run.
  const anchored = list[0]?.text === '^' || flags.includes('y');
  const lead = list[0];
  if (!anchored && lead && !lead.lookbehind && unbounded(lead.quant) && list.slice(1).some((x) => !optional(x) || x.lookaround || x.text === '$')) {
    found.push(`unanchored pattern starting with ${lead.text}${lead.quant} that must be followed by more`);
  }
  return found;
}

describe('regexes in the model-output parsers', () => {
  const all = SOURCES.flatMap(regexesIn);

  it('finds the regexes it is meant to check', () => {
    expect(SOURCES.length).toBeGreaterThan(10);
    expect(all.length).toBeGreaterThan(50);
  });

  it('catches the shapes that blocked the host in issue 10', () => {
    expect(problems('^\\s*(?:#{1,6}\\s*)?(?:\\*\\*|__)?\\s*(?:step|stage|phase)\\s*\\d{1,3}\\b', 'i')).not.toEqual([]);
    expect(problems('^\\s*PLAN_DOES_NOT_FIT:\\s*(.*)$', 'm')).toEqual([]); // the m-flag `^\s*` rescans: see below
    expect(problems('^\\s*(?:\\*\\*|__)([^*_]+)(?:\\*\\*|__)\\s*:?\\s*$', '')).not.toEqual([]);
    expect(problems('\\^\\s*\\{?\\s*\\\\circ\\s*\\}?', 'g')).not.toEqual([]);
    expect(problems('[.。]+$', '')).not.toEqual([]);
    expect(problems('\\s+(?=\\d{1,2}[.)]\\s)', '')).not.toEqual([]);
    expect(problems('(\\s*a)*b', '')).not.toEqual([]);
    // And leaves the linear rewrites alone.
    expect(problems('(?<!\\s)\\s+(?=\\d{1,2}[.)]\\s)', '')).toEqual([]);
    expect(problems('^\\s*(?:\\*\\*|__)([^*_]+)(?:\\*\\*|__)\\s*(?::\\s*)?$', '')).toEqual([]);
    expect(problems('\\s+', 'g')).toEqual([]);
  });

  it('the multi-line `^\\s*` (rescanned from every line start) is flagged too', () => {
    expect(multilineStartProblems('^\\s*PLAN_DOES_NOT_FIT:\\s*(.*)$', 'm')).not.toEqual([]);
  });

  it('no regex in these files has a backtracking shape (or it is allowed with a reason)', () => {
    const bad = all
      .filter((r) => !(r.source in ALLOWED))
      .flatMap((r) => [...problems(r.source, r.flags), ...multilineStartProblems(r.source, r.flags)].map((p) => `${r.file}:${r.line} /${r.source}/${r.flags}: ${p}`));
    expect(bad).toEqual([]);
  });
});

/** With the m flag, `^\s*…` restarts at every line start and its `\s*` runs over all the newlines after it. */
function multilineStartProblems(src: string, flags: string): string[] {
  if (!flags.includes('m')) return [];
  const list = atoms(src);
  const second = list[1];
  return list[0]?.text === '^' && second && unbounded(second.quant) && eatsSpace(second) ? ['multi-line ^ followed by a run that crosses lines'] : [];
}
