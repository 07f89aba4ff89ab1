/**
 * Issue 10, point 4: TeX is checked against an ALLOWLIST (shared/tex-allowlist.ts), in packs
 * (a validation error with the JSON path) and at render time (see
 * test/unit/renderer/math/tex-allowlist-mathjax.test.ts). Here: the list itself, the scanner,
 * the built-in packs, and the pack validator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../../electron/core/packs/text-rules.js';
import { parsePackFile } from '../../../electron/core/packs/parse.js';
import {
  TEX_ENVIRONMENT_ALLOWLIST,
  TEX_LIMITS,
  TEX_MACRO_ALLOWLIST,
  checkTexSize,
  findDisallowedTex,
} from '../../../shared/tex-allowlist.js';
import { failureOf, issuesOf } from '../core/packs/helpers.js';
import { HOSTILE_TEX } from '../../support/hostile-tex.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** Every string of a built-in pack. */
function packStrings(name: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(JSON.parse(fs.readFileSync(path.join(root, 'resources', 'packs', `${name}.json`), 'utf8')));
  return out;
}

describe('the TeX allowlist', () => {
  it('covers every macro and environment the built-in packs use', () => {
    const macros = new Set<string>();
    const environments = new Set<string>();
    for (const pack of ['core', 'practice', 'starter']) {
      for (const text of packStrings(pack)) {
        for (const m of text.matchAll(/\\([A-Za-z]+)/g)) macros.add(m[1] as string);
        for (const m of text.matchAll(/\\begin\{([^}]*)\}/g)) environments.add(m[1] as string);
        expect(findDisallowedTex(text), `${pack}: ${text.slice(0, 80)}`).toBeNull();
      }
    }
    // The packs really are maths-heavy: this is not passing on an empty sample.
    expect(macros.size).toBeGreaterThan(60);
    expect(environments).toContain('pmatrix');
    for (const m of macros) expect(TEX_MACRO_ALLOWLIST.has(m), `\\${m}`).toBe(true);
    for (const e of environments) expect(TEX_ENVIRONMENT_ALLOWLIST.has(e), `\\begin{${e}}`).toBe(true);
  });

  it('names none of the MathJax macros that make links, ids, classes, styles, HTML, definitions or unbounded space', () => {
    const dangerous = [
      'mmlToken', 'href', 'url', 'class', 'cssId', 'style', 'html', 'htmlClass', 'htmlId', 'htmlStyle', 'htmlData', 'data',
      'unicode', 'require', 'bbox', 'enclose', 'toggle', 'mathtip', 'texttip', 'tooltip', 'label', 'ref', 'eqref', 'tag',
      'def', 'gdef', 'edef', 'let', 'newcommand', 'renewcommand', 'newenvironment', 'DeclareMathOperator', 'color',
      'textcolor', 'colorbox', 'fcolorbox', 'definecolor', 'Rule', 'rule', 'Space', 'hspace', 'kern', 'mkern', 'hskip',
      'mskip', 'mspace', 'raise', 'lower', 'moveleft', 'moveright', 'input', 'include', 'includegraphics', 'verb',
      'csname', 'char', 'mathchoice', 'hbox', 'vbox', 'setlength', 'mmlToken',
    ];
    for (const name of dangerous) expect(TEX_MACRO_ALLOWLIST.has(name), `\\${name}`).toBe(false);
    for (const env of ['equation', 'tabular', 'eqnarray', 'html', 'CD']) expect(TEX_ENVIRONMENT_ALLOWLIST.has(env), env).toBe(false);
  });
});

describe('findDisallowedTex', () => {
  it('refuses every case of the hostile corpus and says which command and where', () => {
    expect(HOSTILE_TEX.length).toBeGreaterThanOrEqual(30);
    for (const c of HOSTILE_TEX.filter((c) => c.refused)) {
      const found = findDisallowedTex(c.tex);
      expect(found, c.name).not.toBeNull();
      expect(found?.command, c.name).toBe(c.refused);
      expect(c.tex.slice(found!.index).startsWith(found!.command.replace(/\{.*$/, '')), c.name).toBe(true);
    }
  });

  it('refuses unknown macros too: the list says what is allowed, not what is not', () => {
    expect(findDisallowedTex('x + \\someFutureMathJaxMacro{a}')).toEqual({ command: '\\someFutureMathJaxMacro', index: 4 });
    expect(findDisallowedTex('\\fracx')).toEqual({ command: '\\fracx', index: 0 });
  });

  it('reads macros the way MathJax tokenises: a control symbol swallows the next character', () => {
    // `\\` is a line break, so `\\href` is a break and the letters h-r-e-f, not \href.
    expect(findDisallowedTex('a \\\\href b')).toBeNull();
    expect(findDisallowedTex('a \\\\\\href b')).toEqual({ command: '\\href', index: 4 });
    expect(findDisallowedTex('\\{ \\} \\, \\; \\! \\% \\$ \\_ \\& \\# \\|')).toBeNull();
    expect(findDisallowedTex('trailing backslash \\')).toBeNull();
  });

  it('checks \\begin and \\end environment names, with spaces and stars', () => {
    expect(findDisallowedTex('\\begin {pmatrix} 1 \\end{pmatrix}')).toBeNull();
    expect(findDisallowedTex('\\begin{align*} x \\end{align*}')).toBeNull();
    expect(findDisallowedTex('\\begin{equation} x \\end{equation}')).toEqual({ command: '\\begin{equation}', index: 0 });
    expect(findDisallowedTex('\\begin{pmatrix} x \\end{evil}')).toEqual({ command: '\\end{evil}', index: 18 });
    expect(findDisallowedTex('\\begin pmatrix')).toEqual({ command: '\\begin', index: 0 });
    expect(findDisallowedTex('\\begin{\\mmlToken}')?.command).toBe('\\begin{\\mmlToken}');
  });

  it('stays linear on adversarial input (generous safety bound, not a benchmark)', () => {
    const inputs = [
      '\\begin{'.repeat(200_000),
      '\\alpha'.repeat(200_000),
      `${'\\'.repeat(1_000_000)}`,
      `\\${'a'.repeat(1_000_000)}`,
      '{'.repeat(1_000_000),
    ];
    const start = performance.now();
    for (const text of inputs) {
      findDisallowedTex(text);
      checkTexSize(text);
      checkText(text);
    }
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('checkTexSize', () => {
  it('passes every built-in formula and refuses length and nesting over the limits', () => {
    expect(checkTexSize('\\frac{a}{b}')).toEqual({ ok: true });
    expect(checkTexSize('x'.repeat(TEX_LIMITS.maxFormulaChars))).toEqual({ ok: true });
    expect(checkTexSize('x'.repeat(TEX_LIMITS.maxFormulaChars + 1))).toEqual({ ok: false, limit: 'length', chars: TEX_LIMITS.maxFormulaChars + 1 });
    expect(checkTexSize(`${'{'.repeat(TEX_LIMITS.maxNesting)}x${'}'.repeat(TEX_LIMITS.maxNesting)}`)).toEqual({ ok: true });
    expect(checkTexSize(`${'{'.repeat(500)}x${'}'.repeat(500)}`)).toEqual({ ok: false, limit: 'nesting', depth: TEX_LIMITS.maxNesting + 1 });
    expect(checkTexSize('\\left('.repeat(30) + 'x' + '\\right)'.repeat(30))).toMatchObject({ ok: false, limit: 'nesting' });
    // Escaped braces are characters, not groups.
    expect(checkTexSize('\\{'.repeat(100))).toEqual({ ok: true });
  });
});

describe('packs: TeX off the allowlist is a validation error with the JSON path', () => {
  const pack = (step: string) =>
    JSON.stringify({
      format: 'reasonflux-tutor-pack',
      formatVersion: 1,
      id: 'tex-allowlist-sample',
      version: '1.0.0',
      name: 'TeX allowlist sample',
      language: 'en',
      authors: ['Test author'],
      license: 'CC-BY-4.0',
      description: 'One template whose second step carries the TeX under test.',
      topics: [{ chapter: 'Algebra', sections: ['Equations'] }],
      templates: [
        {
          id: 'isolate-the-unknown',
          name: 'Isolate the unknown',
          type: 'method',
          chapter: 'Algebra',
          section: 'Equations',
          tags: ['linear equation'],
          description: 'Undo each operation on $x$ in reverse order.',
          scope: ['A linear equation in one unknown.'],
          steps: ['Move the constant term to the other side.', step],
          examples: [{ problem: 'Solve $2x + 1 = 7$.', solution: ['$2x = 6$', '$x = 3$'], answer: '$x = 3$' }],
        },
      ],
    });

  it('accepts the allowed notation', () => {
    expect(() => parsePackFile('ok.json', pack('Divide: $x = \\dfrac{6}{2}$, $\\begin{pmatrix}1\\\\2\\end{pmatrix}$'))).not.toThrow();
  });

  it.each(HOSTILE_TEX.filter((c) => c.refused && c.inPack !== false).map((c) => [c.name, c] as const))('refuses %s', (_name, c) => {
    const error = failureOf(() => parsePackFile('hostile.json', pack(`Then $${c.tex}$ follows.`)));
    expect(error.code).toBe('pack_invalid');
    const issues = issuesOf(error).filter((i) => i.rule === 'unsafe_tex');
    expect(issues.map((i) => i.path)).toEqual(['templates[0].steps[1]']);
    expect(issues[0]!.message).toContain(c.refused!.replace(/\{.*$/, ''));
  });
});
