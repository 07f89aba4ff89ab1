/**
 * The linear scanners that replaced backtracking regexes (issue 10) read exactly what the old
 * regexes read: each is compared with its old pattern on thousands of short random strings
 * built from the characters that matter (spaces, line breaks, markers), where the old pattern
 * is still fast.
 */
import { describe, expect, it } from 'vitest';
import { splitTitle } from '../../../../../electron/core/model/parse/step-text.js';
import { isStepWord, strategyHeading } from '../../../../../electron/core/model/parse/strategy-text.js';
import { lastBoxedContent, matchingBrace, normalizeAnswer } from '../../../../../electron/core/tutor/answer/normalize.js';
import { PLAN_DOES_NOT_FIT, readPlanMisfit, readReferenceAnswer } from '../../../../../electron/core/tutor/solver-replies.js';
import { mulberry32 } from '../../../../../electron/core/util/prng.js';

const OLD = {
  misfit: /^\s*PLAN_DOES_NOT_FIT:\s*(.*)$/m,
  heading: /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:\d+[.)]\s*)?high[-\s]*level\s+(?:solution\s+)?strateg(?:y|ies)\s*:?\s*(?:\*\*|__)?\s*:?\s*(.*)$/i,
  stepWord: /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:step|stage|phase)\s*\d{1,3}\b/i,
  titled: /^([^\n]{2,120}?)(?:\s+[—–]\s+|:\s+|\n)([\s\S]+)$/,
  answerLine: /ANSWER:\s*(.+)\s*$/im,
};

function oldLastBoxed(text: string): string | null {
  const re = /\\(?:boxed|fbox)\s*\{/g;
  let found: string | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const close = matchingBrace(text, m.index + m[0].length - 1);
    if (close < 0) continue;
    found = text.slice(m.index + m[0].length, close);
  }
  return found;
}

function oldReference(text: string): string | null {
  const body = text.replace(/<think>[\s\S]*?<\/think>/g, '');
  const boxed = oldLastBoxed(body);
  if (boxed && boxed.trim()) return boxed.trim();
  const line = OLD.answerLine.exec(body)?.[1]?.trim();
  return line ? line.replace(/^\$+|\$+$/g, '').trim() || null : null;
}

function strings(pieces: string[], count: number, maxPieces: number, seed: number): string[] {
  const random = mulberry32(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = Math.floor(random() * maxPieces);
    for (let k = 0; k < n; k++) s += pieces[Math.floor(random() * pieces.length)];
    out.push(s);
  }
  return out;
}

describe('scanners read what the old regexes read', () => {
  it('PLAN_DOES_NOT_FIT', () => {
    let hits = 0;
    for (const s of strings([' ', '\n', '\r', '\t', 'PLAN_DOES_NOT_FIT:', 'PLAN_DOES_NOT_FIT', 'x', ':', 'why', '\u2028', '\u00a0'], 4_000, 10, 1)) {
      const old = OLD.misfit.exec(s)?.[1] ?? null;
      if (old !== null) hits++;
      expect(readPlanMisfit(s), JSON.stringify(s)).toBe(old);
      expect(PLAN_DOES_NOT_FIT.exec(s)?.[1] ?? null).toBe(old);
    }
    expect(hits).toBeGreaterThan(200);
  });

  it('the strategy heading and the step words', () => {
    const pieces = [' ', '\t', '#', '##', '**', '__', '1.', '2)', '12', 'high', 'High-', 'level', ' level', 'solution ', 'strategy', 'Strategies', ':', 'x', 'Step', 'stage', ' 3', '7', 'a', '\r'];
    let headings = 0;
    let stepWords = 0;
    // Half the strings start from a heading or a step word, so both sides get matches to compare.
    const seeded = strings(pieces, 6_000, 10, 2).map((s, i) => (i % 3 === 0 ? `${s}high level strategy${s}` : i % 3 === 1 ? `${s}Step 1${s}` : s));
    for (const s of seeded) {
      const old = OLD.heading.exec(s);
      if (old) headings++;
      if (OLD.stepWord.test(s)) stepWords++;
      expect(strategyHeading(s), JSON.stringify(s)).toBe(old ? (old[1] ?? '') : null);
      expect(isStepWord(s), JSON.stringify(s)).toBe(OLD.stepWord.test(s));
    }
    expect(headings).toBeGreaterThan(100);
    expect(stepWords).toBeGreaterThan(100);
    expect(strategyHeading('## High-Level Solution Strategy: 1. A 2. B')).toBe('1. A 2. B');
  });

  it('a step title split from its goal', () => {
    let hits = 0;
    for (const s of strings([' ', '\n', '—', '–', ':', 'ab', 'x', 'Title', '  ', '\t'], 6_000, 14, 3)) {
      const old = OLD.titled.exec(s);
      if (old) hits++;
      const now = splitTitle(s);
      expect(now && { title: now.title, goal: now.goal }, JSON.stringify(s)).toEqual(old ? { title: old[1], goal: (old[2] ?? '').trim() } : null);
    }
    expect(hits).toBeGreaterThan(500);
    const long = `${'word '.repeat(30)}: the goal`;
    expect(splitTitle(long)).toEqual(OLD.titled.exec(long) ? { title: OLD.titled.exec(long)![1], goal: 'the goal' } : null);
  });

  it('the reference answer (last box, else the ANSWER line) and the last box', () => {
    const pieces = ['\\boxed{', '\\fbox {', '{', '}', '\\}', '\\{', 'ANSWER:', 'answer: ', ' ', '\n', '$', '3', 'x', '<think>', '</think>', '\\\\'];
    let hits = 0;
    for (const s of strings(pieces, 6_000, 12, 4)) {
      if (oldReference(s) !== null) hits++;
      expect(readReferenceAnswer(s), JSON.stringify(s)).toBe(oldReference(s));
      expect(lastBoxedContent(s), JSON.stringify(s)).toBe(oldLastBoxed(s));
    }
    expect(hits).toBeGreaterThan(500);
  });

  it('normalising: degrees and trailing full stops', () => {
    const oldTail = (s: string) => s.replace(/\^\s*\{?\s*\\circ\s*\}?/g, '');
    const newTail = (s: string) => s.replace(/\^\s*(?:\{\s*)?\\circ\s*\}?/g, '');
    for (const s of strings(['^', ' ', '{', '}', '\\circ', '90', 'x'], 4_000, 8, 5)) expect(newTail(s), JSON.stringify(s)).toBe(oldTail(s));
    expect(normalizeAnswer('90^{\\circ}.')).toBe('90');
    expect(normalizeAnswer('x = 3...')).toBe('3');
    expect(normalizeAnswer('+.')).toBe('+');
  });
});
