/**
 * Importer for Buffer-of-Thoughts markdown ("MetaBuffer-Math"): entries headed
 * `### Problem Type N: Name`, each with **Definition**, **Quantitative Relationships**,
 * **Solution Strategy**, **Example** and **Solution**. Any other `###` heading inside an entry
 * (e.g. "Solution Approach", "Conclusion") belongs to that entry.
 */
import type { PackIssue, WorkedExample } from '../../../../shared/domain.js';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type PackTemplateV1 } from '../../../../shared/packs/schema.js';
import { stableTemplateId } from '../ids.js';
import { invalidPack } from '../issues.js';
import { normalizeMathDelimiters } from '../text-rules.js';
import type { ImportResult } from './types.js';

export const BOT_DEFAULT_PACK_ID = 'buffer-of-thoughts-math';
export const BOT_CHAPTER = 'Arithmetic word problems';
export const BOT_SECTION = 'Classic problem types';

/*
 * The three heading shapes were regexes with neighbouring `\s*` runs before `(.*)$`, which
 * backtrack polynomially on a long blank run (`### Problem Type` + 10,000 spaces + CR + x).
 * They are matched here by a fixed prefix test plus string scans that take what the greedy
 * regex took, in one pass:
 *   entry:  /^###\s*Problem Type\b\s*(\d*)\s*[:：.]?\s*(.*)$/i
 *   bold:   /^\*\*([^*]+?)\*\*\s*[:：]?\s*(.*)$/
 *   sub:    /^#{3,6}\s+(.+?)\s*[:：]?\s*$/
 */
const ENTRY_PREFIX = /^###\s*Problem Type\b/i;
/** What `.` does not match: `(.*)$` fails on a text that still has one of these. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

const skipBlanks = (text: string, from: number) => {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
};

function entryHeading(line: string): { number: string; name: string } | null {
  const prefix = ENTRY_PREFIX.exec(line);
  if (!prefix) return null;
  let i = skipBlanks(line, prefix[0].length);
  const digitsStart = i;
  while (i < line.length && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
  const number = line.slice(digitsStart, i);
  i = skipBlanks(line, i);
  if (line[i] === ':' || line[i] === '：' || line[i] === '.') i++;
  const name = line.slice(skipBlanks(line, i));
  return LINE_TERMINATOR.test(name) ? null : { number, name };
}

function boldHeading(line: string): { title: string; rest: string } | null {
  if (!line.startsWith('**')) return null;
  const close = line.indexOf('*', 2);
  if (close <= 2 || line[close + 1] !== '*') return null;
  let i = skipBlanks(line, close + 2);
  if (line[i] === ':' || line[i] === '：') i++;
  const rest = line.slice(skipBlanks(line, i));
  return LINE_TERMINATOR.test(rest) ? null : { title: line.slice(2, close), rest };
}

/** The heading's title (untrimmed, as the regex captured it). */
function subHeading(line: string): string | null {
  let hashes = 0;
  while (line[hashes] === '#') hashes++;
  if (hashes < 3 || hashes > 6 || !/\s/.test(line[hashes] ?? '')) return null;
  const afterHashes = line.slice(hashes);
  const text = afterHashes.trimStart();
  // Only blanks: `\s+` gives one back to `(.+?)`, which takes any blank but a line terminator.
  if (text === '') return [...afterHashes.slice(1)].some((c) => !LINE_TERMINATOR.test(c)) ? ' ' : null;
  let title = text.trimEnd();
  if (title.endsWith(':') || title.endsWith('：')) title = title.slice(0, -1).trimEnd();
  if (title === '') title = text.slice(0, 1); // `(.+?)` takes at least one character
  return LINE_TERMINATOR.test(title) ? null : title;
}

export const looksLikeBufferOfThoughts = (content: string) => /^###\s*Problem Type\b/im.test(content);

interface Entry {
  number: string;
  name: string;
  line: number;
  sections: Map<string, string>;
}

/** Markdown emphasis and hard-break spaces are noise in the app's plain text. */
const plain = (text: string) =>
  normalizeMathDelimiters(text)
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .split('\n')
    .map((l) => l.trimEnd()) // what /\s+$/ removed, without its quadratic retries
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

function splitEntries(content: string): Entry[] {
  const lines = content.split(/\r?\n/);
  const entries: Entry[] = [];
  let current: Entry | null = null;
  let sectionName = '';
  const append = (text: string) => {
    if (!current) return;
    const prev = current.sections.get(sectionName);
    current.sections.set(sectionName, prev === undefined ? text : `${prev}\n${text}`);
  };
  lines.forEach((line, i) => {
    const entry = entryHeading(line);
    if (entry) {
      current = { number: entry.number, name: entry.name.trim(), line: i + 1, sections: new Map() };
      entries.push(current);
      sectionName = '';
      return;
    }
    if (!current) return; // title and preamble before the first entry
    if (/^\s*(---+|\*\*\*+)\s*$/.test(line)) return; // entry separators
    const bold = boldHeading(line);
    const sub = bold ? null : subHeading(line);
    if (bold || sub !== null) {
      sectionName = (bold ? bold.title : sub!).trim().toLowerCase();
      append(bold ? bold.rest : '');
      return;
    }
    append(line);
  });
  return entries;
}

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?。])\s+(?=[A-Z"“(])/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Bulleted text → items; otherwise one item per sentence. */
function strategySteps(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const bullets = lines.filter((l) => /^[-*•]\s+/.test(l)).map((l) => l.replace(/^[-*•]\s+/, ''));
  const lead = lines.filter((l) => !/^[-*•]\s+/.test(l)).join(' ');
  if (bullets.length > 0) return [...(lead ? [lead] : []), ...bullets];
  return sentences(lines.join(' '));
}

const listItems = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.replace(/^[-*•]\s+/, ''));

/** "Class A = (98 + 6) ÷ 2 = 52 students" → "Class A = 52 students"; "0.6 ÷ 5 = 0.12" → "0.12". */
function answerFromLastStep(step: string): string {
  const lines = step.split('\n').filter((l) => l.trim() && !l.trim().endsWith(':'));
  const parts = lines.map((line) => {
    // Split "lhs = … = rhs" only outside math, where "=" is plain text.
    if (!line.includes('=') || line.includes('$')) return line.trim();
    const rhs = line.slice(line.lastIndexOf('=') + 1).trim();
    const lhs = line.slice(0, line.indexOf('=')).trim();
    return /[A-Za-z]/.test(lhs) && !/\d/.test(lhs.replace(/\$[^$]*\$/g, '')) ? `${lhs} = ${rhs}` : rhs;
  });
  const answer = parts.filter(Boolean).join('; ');
  return answer && answer.length <= 200 ? answer : 'See solution';
}

/** Paragraphs are steps; a numbered list is one step per item (indented lines join the item). */
function solutionSteps(text: string): string[] {
  const lines = text.split('\n');
  if (lines.some((l) => /^\d+[.)]\s/.test(l))) {
    const steps: string[] = [];
    for (const line of lines) {
      if (!line.trim()) continue;
      if (/^\d+[.)]\s/.test(line) || steps.length === 0) steps.push(line.replace(/^\d+[.)]\s+/, '').trim());
      else steps[steps.length - 1] += `\n${line.trim()}`;
    }
    return steps;
  }
  return text
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean).join('\n'))
    .filter(Boolean);
}

function exampleOf(entry: Entry): WorkedExample | null {
  const problem = plain(entry.sections.get('example') ?? '');
  const solution = plain(entry.sections.get('solution') ?? entry.sections.get('solution approach') ?? '');
  if (!problem || !solution) return null;
  const steps = solutionSteps(solution);
  const conclusion = plain(entry.sections.get('conclusion') ?? '');
  const answer = conclusion || answerFromLastStep(steps[steps.length - 1] ?? '');
  return { problem, solution: steps, answer };
}

/** Label for issues: `Problem Type 3 (line 54)`. */
const where = (e: Entry) => `Problem Type ${e.number || '?'} (line ${e.line})`;

const FIELD_LABEL: Record<string, string> = {
  name: 'heading',
  description: 'Definition',
  scope: 'heading',
  steps: 'Solution Strategy',
  examples: 'Example/Solution',
  tags: 'heading',
};

export const headingsForTest = { entryHeading, boldHeading, subHeading };

export function importBufferOfThoughts(fileName: string, content: string, opts: { packId?: string } = {}): ImportResult {
  const entries = splitEntries(content);
  const issues: PackIssue[] = [];
  const warnings: string[] = [];
  const templates: PackTemplateV1[] = [];
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const path = where(entry);
    const problem = (rule: string, message: string) => issues.push({ file: fileName, path, rule, message });
    const name = plain(entry.name);
    if (!name) problem('required', 'has no name after "### Problem Type N:"');
    const definition = plain(entry.sections.get('definition') ?? '');
    if (!definition) problem('missing_section', 'has no **Definition** section');
    const strategy = plain(entry.sections.get('solution strategy') ?? '');
    if (!strategy) problem('missing_section', 'has no **Solution Strategy** section');
    if (!name || !definition || !strategy) continue;

    const relationships = listItems(plain(entry.sections.get('quantitative relationships') ?? ''));
    const steps = strategySteps(strategy);
    if (relationships.length > 0) steps.push(`Use the key relationships: ${relationships.join('; ')}`);
    const example = exampleOf(entry);
    if (!example && entry.sections.has('example')) warnings.push(`${path}: the example has no solution and was left out`);
    const occurrence = seen.get(name.toLowerCase()) ?? 0;
    seen.set(name.toLowerCase(), occurrence + 1);
    const topic = name.replace(/\s*problems?\s*$/i, '').trim();
    templates.push({
      id: stableTemplateId([BOT_DEFAULT_PACK_ID, name, String(occurrence)]),
      name,
      type: 'method',
      chapter: BOT_CHAPTER,
      section: BOT_SECTION,
      tags: ['word problem', ...(topic && topic.toLowerCase() !== 'word' ? [topic.toLowerCase()] : [])],
      description: relationships.length ? `${definition}\n\nKey relationships:\n${relationships.map((r) => `- ${r}`).join('\n')}` : definition,
      scope: [`Elementary word problems of the "${name}" kind: ${sentences(definition)[0] ?? definition}`],
      steps,
      examples: example ? [example] : [],
    });
  }
  if (issues.length > 0) throw invalidPack(fileName, issues, 'Fix the listed entries in the markdown file and import it again.');

  const pack = {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    id: opts.packId ?? BOT_DEFAULT_PACK_ID,
    version: '1.0.0',
    name: 'Buffer of Thoughts: arithmetic word problems',
    language: 'en',
    authors: ['Ling Yang and the Buffer of Thoughts authors'],
    license: 'MIT',
    attribution:
      'Thought templates from YangLing0818/buffer-of-thought-llm (https://github.com/YangLing0818/buffer-of-thought-llm), math.txt, MIT License, Copyright (c) 2024 Ling Yang. Converted on import into steps and worked examples.',
    description: `The Buffer of Thoughts "MetaBuffer-Math" thought templates: ${templates.length} classic elementary word-problem types, each with its key relationships, a solution strategy and a worked example.`,
    topics: [{ chapter: BOT_CHAPTER, sections: [BOT_SECTION] }],
    templates,
  };
  const locate = (i: number, field: string, rest: string) => {
    const entry = entries.filter((e) => plain(e.name))[i];
    const at = entry ? where(entry) : `templates[${i}]`;
    return field ? `${at}, ${FIELD_LABEL[field] ?? field}${rest}` : at;
  };
  return { data: pack, warnings, locate };
}
