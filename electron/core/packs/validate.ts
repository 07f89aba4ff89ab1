/**
 * Validates untrusted pack data against PackV1 and the rules zod cannot express (unique ids,
 * templates filed under listed topics, safe text), and reports EVERY problem at once in
 * words a teacher understands. Throws pack_invalid; never returns a partial pack.
 */
import type { z } from 'zod';
import type { PackIssue } from '../../../shared/domain.js';
import { PACK_FORMAT_VERSION, PACK_LIMITS, packSchema, type PackV1 } from '../../../shared/packs/schema.js';
import { fastParseTemplates } from './fast-templates.js';
import { formatPath, invalidPack, type PathPart } from './issues.js';
import { checkText, normalizeMathDelimiters } from './text-rules.js';
import { english, type Message, msg } from '../../../shared/messages.js';

/** An issue's words: English for `message`, the coded message for the renderer. */
const said = (m: Message) => ({ message: english(m), words: m });

export interface ValidatedPack {
  pack: PackV1;
  warnings: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One text as stored: CR and CRLF line ends become LF (files saved on Windows), and math
 * delimiters are normalised. The length limit comes first: a text over it is left as it is
 * for the validator to refuse, and no normalisation ever runs on an unbounded text.
 */
export function normalizeText(text: string): string {
  if (text.length > PACK_LIMITS.maxFieldChars) return text;
  return normalizeMathDelimiters(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
}

/**
 * Every string normalised by normalizeText (line ends, `\(…\)`/`\[…\]` math turned into `$…$`/`$$…$$`). Copy-on-write: a list or
 * object is copied only when something inside it changed, so a clean 100,000-template pack
 * is not duplicated in memory. The input is never modified.
 */
export function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') return normalizeText(value);
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const next = normalizeStrings(item);
      if (out === null && next !== item) out = value.slice(0, i);
      if (out !== null) out.push(next);
    }
    return out ?? value;
  }
  if (isRecord(value)) {
    let out: Record<string, unknown> | null = null;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = value[k];
      const next = normalizeStrings(v);
      if (out === null && next !== v) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]!] = value[keys[j]!];
      }
      // Assigning "__proto__" would set the copy's prototype, and the file's `"__proto__":
      // {"x": 1}` would then be reported as an unknown key "x": keep it an own key instead.
      if (out !== null && k === '__proto__') Object.defineProperty(out, k, { value: next, enumerable: true, writable: true, configurable: true });
      else if (out !== null) out[k] = next;
    }
    return out ?? value;
  }
  return value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return { present: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return { present: true, value: cur };
}

/** `a number (3)`, `text ("abc")`, `a list` … for "expected X, got Y". */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length ? 'a list' : 'an empty list';
  switch (typeof value) {
    case 'string':
      return `text (${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)})`;
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const GENERIC_EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** Zod's own default texts start like this; our schema's custom texts start with "expected". */
const readable = (message: string, fallback: string) => (message.startsWith('expected') ? message : fallback);

function formatRule(path: readonly PropertyKey[]): string {
  const last = String(path[path.length - 1] ?? '');
  if (last === 'id') return 'bad_id';
  if (last === 'version') return 'bad_version';
  if (last === 'language') return 'bad_language';
  return 'bad_format';
}

/** One zod issue → PackIssues with our rule ids and readable messages. */
function fromZodIssue(file: string, issue: z.core.$ZodIssue, input: unknown): PackIssue[] {
  const parts = issue.path as PathPart[];
  const path = formatPath(parts);
  const make = (rule: string, message: string, at = path): PackIssue => ({ file, path: at, rule, message });
  switch (issue.code) {
    case 'invalid_type': {
      const expected = readable(issue.message, `expected ${GENERIC_EXPECTED[issue.expected] ?? issue.expected}`);
      const found = valueAt(input, issue.path);
      if (!found.present) return [make('required', `is missing (${expected})`)];
      return [make('wrong_type', `${expected}, got ${describeValue(found.value)}`)];
    }
    case 'too_small':
      // A number out of range (a practice problem's level) is a bad value, not empty text.
      if (issue.origin === 'number') return [make('bad_value', issue.message)];
      if (issue.origin === 'array') return [make('non_empty_list', readable(issue.message, 'expected a non-empty list'))];
      return [make('non_empty_text', readable(issue.message, 'expected non-empty text'))];
    case 'too_big':
      if (issue.origin === 'number') return [make('bad_value', issue.message)];
      if (issue.origin === 'array') return [make('too_many_items', issue.message)];
      return [make('too_long', issue.message)];
    case 'invalid_format':
      return [make(formatRule(issue.path), issue.message)];
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        make('unknown_key', `unknown key "${key}" (check the spelling; see docs/pack-format.md)`, formatPath([...parts, key])),
      );
    case 'invalid_value': {
      if (path === 'formatVersion') {
        const got = valueAt(input, issue.path).value;
        // "1" (text) is a typo, not a newer format: "update the app" would send the teacher astray.
        if (typeof got !== 'number') return [make('wrong_type', `expected the number ${PACK_FORMAT_VERSION}, got ${describeValue(got)}`)];
        return [
          make(
            'unsupported_format_version',
            `this file uses pack format version ${JSON.stringify(got)}, but this app reads version ${PACK_FORMAT_VERSION}; update the app or export the pack as version ${PACK_FORMAT_VERSION}`,
          ),
        ];
      }
      const got = valueAt(input, issue.path);
      const suffix = got.present ? `, got ${describeValue(got.value)}` : '';
      return [make(got.present ? 'bad_value' : 'required', got.present ? `${issue.message}${suffix}` : `is missing (${issue.message})`)];
    }
    default:
      return [make('invalid', issue.message)];
  }
}

/** Field-level text rules for every string in the data (lengths, control chars, HTML, TeX, `$`). */
function textIssues(file: string, input: unknown, templatesVouched = false): PackIssue[] {
  const issues: PackIssue[] = [];
  // Clean templates add no issues, so skipping them leaves the others' order as it was.
  const skipTemplates = templatesVouched && isRecord(input) && vouchedTemplatesClean(input.templates as unknown[]);
  // One path stack for the whole walk: paths are only formatted for the rare string with a problem.
  const parts: PathPart[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      if (value.length > PACK_LIMITS.maxFieldChars) {
        issues.push({ file, path: formatPath(parts), rule: 'too_long', ...said(msg('pack.tooLong', { count: PACK_LIMITS.maxFieldChars })) });
        return; // no point scanning a field that is refused anyway
      }
      if (parts[0] === '$schema') return; // an editor hint, never displayed
      const problems = checkText(value);
      if (problems.length === 0) return;
      const path = formatPath(parts);
      for (const p of problems) issues.push({ file, path, ...p });
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        parts.push(i);
        walk(value[i]);
        parts.pop();
      }
    } else if (isRecord(value)) {
      for (const k of Object.keys(value)) {
        if (skipTemplates && parts.length === 0 && k === 'templates') continue;
        parts.push(k);
        walk(value[k]);
        parts.pop();
      }
    }
  };
  walk(input);
  return issues;
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);

/** Rules across fields: unique template ids, topics listing every chapter/section used. */
function crossIssues(file: string, input: unknown, warnings: string[], warnDuplicateNames: boolean): PackIssue[] {
  const issues: PackIssue[] = [];
  if (!isRecord(input)) return issues;
  const topics = new Map<string, Set<string>>();
  if (Array.isArray(input.topics)) {
    input.topics.forEach((topic, t) => {
      if (!isRecord(topic)) return;
      const chapter = str(topic.chapter);
      if (chapter === undefined) return;
      if (topics.has(chapter)) {
        issues.push({ file, path: `topics[${t}].chapter`, rule: 'duplicate_topic', ...said(msg('pack.duplicateChapter', { chapter })) });
      }
      const sections = topics.get(chapter) ?? new Set<string>();
      topics.set(chapter, sections);
      if (!Array.isArray(topic.sections)) return;
      topic.sections.forEach((s, k) => {
        const section = str(s);
        if (section === undefined) return;
        if (sections.has(section)) {
          issues.push({
            file,
            path: `topics[${t}].sections[${k}]`,
            rule: 'duplicate_topic',
            ...said(msg('pack.duplicateSection', { section, chapter })),
          });
        }
        sections.add(section);
      });
    });
  }
  if (!Array.isArray(input.templates)) return issues;
  const firstById = new Map<string, number>();
  const firstByName = new Map<string, number>();
  const usedSections = new Set<string>();
  input.templates.forEach((tpl, i) => {
    if (!isRecord(tpl)) return;
    const id = str(tpl.id);
    if (id !== undefined) {
      const first = firstById.get(id);
      if (first !== undefined) {
        issues.push({ file, path: `templates[${i}].id`, rule: 'duplicate_id', ...said(msg('pack.duplicateTemplateId', { id, first: `templates[${first}]` })) });
      } else firstById.set(id, i);
    }
    const chapter = str(tpl.chapter);
    const section = str(tpl.section);
    if (chapter === undefined || section === undefined || !chapter || !section) return;
    usedSections.add(`${chapter}\u0000${section}`);
    const listed = topics.get(chapter);
    if (Array.isArray(input.topics) && !listed) {
      issues.push({ file, path: `templates[${i}].chapter`, rule: 'unknown_topic', ...said(msg('pack.unknownChapter', { chapter })) });
    } else if (listed && !listed.has(section)) {
      issues.push({
        file,
        path: `templates[${i}].section`,
        rule: 'unknown_topic',
        ...said(msg('pack.unknownSection', { section, chapter })),
      });
    }
    const name = str(tpl.name);
    if (name && warnDuplicateNames) {
      // Same name twice in one section: allowed (ids tell them apart) but worth a warning.
      const key = `${chapter}\u0000${section}\u0000${name.toLowerCase()}`;
      const first = firstByName.get(key);
      if (first !== undefined) {
        warnings.push(`templates[${i}].name: "${name}" is also the name of templates[${first}] in section "${section}"; learners may confuse them`);
      } else firstByName.set(key, i);
    }
  });
  for (const [chapter, sections] of topics) {
    for (const section of sections) {
      if (!usedSections.has(`${chapter}\u0000${section}`)) warnings.push(`topics: section "${section}" of chapter "${chapter}" has no templates`);
    }
  }
  return issues;
}

/** Practice problems: unique ids, and local template ids that exist in this pack. */
function problemIssues(file: string, input: unknown): PackIssue[] {
  if (!isRecord(input) || !Array.isArray(input.problems)) return [];
  const issues: PackIssue[] = [];
  const localTemplates = new Set(
    (Array.isArray(input.templates) ? input.templates : []).map((t) => (isRecord(t) && typeof t.id === 'string' ? t.id : '')).filter(Boolean),
  );
  const firstById = new Map<string, number>();
  input.problems.forEach((p, i) => {
    if (!isRecord(p)) return;
    if (typeof p.id === 'string') {
      const first = firstById.get(p.id);
      if (first !== undefined) {
        issues.push({ file, path: `problems[${i}].id`, rule: 'duplicate_id', ...said(msg('pack.duplicateProblemId', { id: p.id, first: `problems[${first}]` })) });
      } else firstById.set(p.id, i);
    }
    if (!Array.isArray(p.steps)) return;
    p.steps.forEach((step, k) => {
      // "packId/templateId" points into another pack, which may be installed later; a bare id must be here.
      if (!isRecord(step) || typeof step.templateId !== 'string' || step.templateId.includes('/')) return;
      if (!localTemplates.has(step.templateId)) {
        issues.push({
          file,
          path: `problems[${i}].steps[${k}].templateId`,
          rule: 'unknown_template',
          ...said(msg('pack.noSuchTemplate', { id: step.templateId })),
        });
      }
    });
  });
  return issues;
}

/**
 * packSchema.safeParse, with the templates array checked by the fast path when it can vouch
 * for every template: zod then checks the rest of the pack with only the first template (so
 * its pack-level rules still see a non-empty list). On any doubt, zod checks everything.
 */
function parsePackSchema(input: unknown): { parsed: ReturnType<typeof packSchema.safeParse>; templatesVouched: boolean } {
  if (isRecord(input) && Array.isArray(input.templates) && input.templates.length > 1) {
    const templates = fastParseTemplates(input.templates);
    if (templates !== undefined) {
      const rest = packSchema.safeParse({ ...input, templates: input.templates.slice(0, 1) });
      if (rest.success) return { parsed: { ...rest, data: { ...rest.data, templates } }, templatesVouched: true };
    }
  }
  return { parsed: packSchema.safeParse(input), templatesVouched: false };
}

const isCleanText = (value: unknown) =>
  typeof value === 'string' && value.length <= PACK_LIMITS.maxFieldChars && checkText(value).length === 0;

/**
 * Whether every string of templates the fast path vouched for (so: strings, lists of
 * strings, and examples of those) passes the text rules, without the generic walk's path
 * bookkeeping. False on any problem or surprise: the generic walk then reports in its order.
 */
function vouchedTemplatesClean(templates: readonly unknown[]): boolean {
  const cleanList = (list: readonly unknown[]) => {
    for (const item of list) if (!isCleanText(item)) return false;
    return true;
  };
  for (const t of templates as Record<string, unknown>[]) {
    for (const key in t) {
      const value = t[key];
      if (key === 'examples') {
        if (!Array.isArray(value)) return false;
        for (const example of value as Record<string, unknown>[]) {
          for (const k in example) {
            const v = example[k];
            if (Array.isArray(v) ? !cleanList(v) : !isCleanText(v)) return false;
          }
        }
      } else if (Array.isArray(value) ? !cleanList(value) : !isCleanText(value)) return false;
    }
  }
  return true;
}

/**
 * Check untrusted data (already JSON-parsed or built by an importer) as a PackV1.
 * Math delimiters are normalised first so `\(x\)` is stored as `$x$`.
 */
export function validatePack(fileName: string, data: unknown, opts: { warnDuplicateNames?: boolean } = {}): ValidatedPack {
  const input = normalizeStrings(data);
  const warnings: string[] = [];
  const issues: PackIssue[] = [];
  const { parsed, templatesVouched } = parsePackSchema(input);
  if (!parsed.success) for (const issue of parsed.error.issues) issues.push(...fromZodIssue(fileName, issue, input));
  issues.push(...textIssues(fileName, input, templatesVouched));
  issues.push(...crossIssues(fileName, input, warnings, opts.warnDuplicateNames ?? true));
  issues.push(...problemIssues(fileName, input));
  if (issues.length > 0 || !parsed.success) throw invalidPack(fileName, issues);
  return { pack: parsed.data, warnings };
}
