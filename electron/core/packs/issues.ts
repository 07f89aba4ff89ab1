/**
 * PackIssue helpers shared by the validator and the importers: JSON paths in the form a
 * teacher can find in an editor (`templates[12].steps`), and the one pack_invalid failure
 * shape with every issue listed (capped at PACK_LIMITS.maxIssues).
 */
import type { PackIssue } from '../../../shared/domain.js';
import { PACK_LIMITS } from '../../../shared/packs/schema.js';
import { type AppFailure, failure } from '../../../shared/result.js';
import { english, msg } from '../../../shared/messages.js';

export type PathPart = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['templates', 12, 'steps']` → `templates[12].steps`; odd keys become `["a key"]`. */
export function formatPath(parts: readonly PathPart[]): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (IDENTIFIER.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || '(whole file)';
}

/** The template index an issue path points into, for grouping issues by template. */
function templateIndex(path: string): number {
  const m = /^templates\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : -1;
}

/** Drop repeats of the same (path, rule), keep template issues grouped in file order. */
export function tidyIssues(issues: PackIssue[]): PackIssue[] {
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    const key = `${i.path}\u0000${i.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique
    .map((issue, order) => ({ issue, order, t: templateIndex(issue.path) }))
    .sort((a, b) => a.t - b.t || a.order - b.order)
    .map((x) => x.issue);
}

export const FIX_ACTION = 'Fix the listed places in the file and import it again.';

/** The failure for an invalid pack: all issues, capped, with "…and N more" as the last one. */
export function invalidPack(fileName: string, allIssues: PackIssue[], action = FIX_ACTION): AppFailure {
  const issues = tidyIssues(allIssues);
  const total = issues.length;
  const shown = issues.slice(0, PACK_LIMITS.maxIssues);
  if (total > shown.length) {
    shown.push({
      file: fileName,
      path: '(whole file)',
      rule: 'too_many_issues',
      message: english(msg('core.moreProblems', { count: total - shown.length })),
      words: msg('core.moreProblems', { count: total - shown.length }),
    });
  }
  return failure('pack_invalid', msg('core.packProblems', { count: total, fileName }), { details: { issues: shown }, action: action === FIX_ACTION ? msg('core.fixPack.action') : action });
}
