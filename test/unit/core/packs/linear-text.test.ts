/**
 * Every pack-text transform is linear: the scanners that replaced backtracking regexes give
 * exactly what the regexes gave (random strings over the characters that matter), and the
 * hostile packs that froze the reader for minutes are answered in well under 2 s each.
 * (Speed figures go to the bench; the 2 s here is a generous safety bound, not a target.)
 */
import { describe, expect, it } from 'vitest';
import { parsePackFile } from '../../../../electron/core/packs/parse.js';
import { headingsForTest } from '../../../../electron/core/packs/importers/buffer-of-thoughts.js';
import { trimLineEnds } from '../../../../electron/core/packs/importers/tex-repair.js';
import { normalizeMathDelimiters } from '../../../../electron/core/packs/text-rules.js';
import { normalizeText } from '../../../../electron/core/packs/validate.js';
import { PACK_LIMITS } from '../../../../shared/packs/schema.js';
import { AppFailure } from '../../../../shared/result.js';
import { mulberry32 } from '../../../../electron/core/util/prng.js';
import { hostilePacks, nativeOpenDisplayMath, nativePack, reasonFluxBlankRuns } from '../../../bench/hostile-packs.js';

function randomStrings(alphabet: string[], count: number, maxParts: number, seed: number): string[] {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, () => {
    let s = '';
    const parts = Math.floor(rand() * (maxParts + 1));
    for (let k = 0; k < parts; k++) s += alphabet[Math.floor(rand() * alphabet.length)];
    return s;
  });
}

describe('scanners give what the regexes they replace gave', () => {
  it('normalizeMathDelimiters', () => {
    const old = (text: string) =>
      text
        .replace(/(?<!\\)\\\[([\s\S]*?)(?<!\\)\\\]/g, (_m, inner: string) => `$$${inner.trim()}$$`)
        .replace(/(?<!\\)\\\(([\s\S]*?)(?<!\\)\\\)/g, (_m, inner: string) => `$${inner.trim()}$`);
    for (const s of randomStrings(['\\', '[', ']', '(', ')', ' ', 'a', '$', '\n'], 30_000, 14, 1)) {
      expect(normalizeMathDelimiters(s), JSON.stringify(s)).toBe(old(s));
    }
  });

  it('trimming blanks before line ends', () => {
    for (const s of randomStrings([' ', '\t', '\n', 'a'], 30_000, 12, 2)) {
      expect(trimLineEnds(s), JSON.stringify(s)).toBe(s.replace(/[ \t]+(?=\n|$)/g, ''));
    }
  });

  it('the three Buffer-of-Thoughts heading shapes', () => {
    const entry = /^###\s*Problem Type\b\s*(\d*)\s*[:：.]?\s*(.*)$/i;
    const bold = /^\*\*([^*]+?)\*\*\s*[:：]?\s*(.*)$/;
    const sub = /^#{3,6}\s+(.+?)\s*[:：]?\s*$/;
    const parts = ['#', '###', '### Problem Type', '**', '*', ' ', '\t', '\r', '\u2028', ':', '：', '.', '1', 'a', 'x y', '\u00a0'];
    for (const s of randomStrings(parts, 20_000, 8, 3)) {
      const e = entry.exec(s);
      const b = bold.exec(s);
      const h = sub.exec(s);
      expect(headingsForTest.entryHeading(s), JSON.stringify(s)).toEqual(e ? { number: e[1] ?? '', name: e[2] } : null);
      expect(headingsForTest.boldHeading(s), JSON.stringify(s)).toEqual(b ? { title: b[1], rest: b[2] } : null);
      expect(headingsForTest.subHeading(s)?.trim() ?? null, JSON.stringify(s)).toBe(h ? h[1]!.trim() : null);
    }
  });
});

describe('limits come before normalisation', () => {
  it('a text over the field limit is left as it is (the validator refuses it), never normalised', () => {
    const long = '\\(x\\)'.repeat(PACK_LIMITS.maxFieldChars);
    expect(normalizeText(long)).toBe(long);
    expect(normalizeText('\\(x\\) and\r\nmore')).toBe('$x$ and\nmore');
  });

  it('a 1.6 MB description of "\\[" is refused as too long, naming the field', () => {
    const { fileName, content } = nativeOpenDisplayMath(1.6 * 1024 * 1024);
    let error: AppFailure | undefined;
    try {
      parsePackFile(fileName, content);
    } catch (err) {
      error = err as AppFailure;
    }
    expect(error).toBeInstanceOf(AppFailure);
    expect(error!.error.details).toMatchObject({ issues: [{ path: 'description', rule: 'too_long' }] });
  });
});

describe('hostile packs are answered quickly', () => {
  it.each(hostilePacks().map((h) => [h.name, h] as const))('%s', (_name, h) => {
    const started = performance.now();
    let outcome: string;
    try {
      outcome = `ok: ${parsePackFile(h.fileName, h.content).pack.templates.length} template(s)`;
    } catch (err) {
      expect(err, 'only a clear pack failure, never a crash').toBeInstanceOf(AppFailure);
      outcome = (err as AppFailure).error.code;
    }
    expect(performance.now() - started, outcome).toBeLessThan(2000);
  });

  it('the ReasonFlux blank runs are still tidied (trailing blanks go, the words stay)', () => {
    const { fileName, content } = reasonFluxBlankRuns(40 * 1024);
    const { pack } = parsePackFile(fileName, content);
    const t = pack.templates[0]!;
    expect(t.description.startsWith('Keep both sides equal.a\n')).toBe(true);
    expect(t.description.endsWith(' b')).toBe(true);
  });
});

/**
 * A guard for regexes added later: every importer and text rule over long runs of the
 * characters that make patterns backtrack, in every text position of all three formats.
 * 60,000 characters per field (near the field limit): quadratic work shows as seconds.
 */
describe('every pack reader stays linear on long runs of awkward characters', () => {
  const RUNS = ['  ', '\t ', '\\', '\\[', '\\(', '**', '<a ', '$', '\n', '\r\n', '\r', '##', '- ', '1. ', ': ', 'x='];
  const long = (unit: string) => unit.repeat(Math.floor(60_000 / unit.length));

  const native = (text: string) => JSON.stringify(nativePack({ description: `a${text}b` }, { name: `n${text.slice(0, 150)}`, steps: [`s${text}t`], scope: [`${text}x`] }));
  const reasonFlux = (text: string) =>
    JSON.stringify({
      Algebra: {
        Linear: [{ template_name: `Name${text.slice(0, 150)}`, template_type: `method${text}`, description: `d${text}e \\nf`, application_scenario: `${text}1. a\n2. b`, reason_flow: `Step 1: x${text}\n  y`, example_application: `Example 1: p${text}\nSolution: q${text}\nAnswer: r` }],
      },
    });
  const bot = (text: string) =>
    ['### Problem Type 1: Name' + text.slice(0, 150), `**Definition**${text}x`, `**Solution Strategy**: a.${text} B.`, `**Example**${text}`, `**Solution**`, `1. a${text}`, `2. b = 3`].join('\n');

  for (const unit of RUNS) {
    it(`runs of ${JSON.stringify(unit)}`, () => {
      const text = long(unit);
      for (const [fileName, content] of [['native.json', native(text)], ['template_library.json', reasonFlux(text)], ['math.md', bot(text)]] as const) {
        const started = performance.now();
        try {
          parsePackFile(fileName, content);
        } catch (err) {
          expect(err, `${fileName}: only a clear pack failure`).toBeInstanceOf(AppFailure);
        }
        expect(performance.now() - started, fileName).toBeLessThan(2000);
      }
    });
  }
});
