/**
 * How the CLIs talk to a person: failures as a message plus the next step, pack validation
 * problems one line each with their path and rule. Never a stack trace: anything that is not
 * an AppFailure is reduced to its message.
 */
import type { PackIssue } from '../../shared/domain.js';
import { AppFailure, type AppError } from '../../shared/result.js';

export interface CliIo {
  /** Normal output (stdout): what scripts may read. */
  out(text: string): void;
  /** Problems and progress (stderr). */
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
};

export function toAppError(err: unknown): AppError {
  if (err instanceof AppFailure) return err.error;
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Something went wrong: ${message}`, action: 'Try again; if it keeps happening, report it.' };
}

function packIssues(error: AppError): PackIssue[] {
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as PackIssue[]) : [];
}

/** `  templates[12].steps: expected a non-empty list of strings  (rule: non_empty_list)` */
export function formatIssue(issue: PackIssue): string {
  return `  ${issue.path || '(file)'}: ${issue.message}  (rule: ${issue.rule})`;
}

export function describeFailure(error: AppError): string[] {
  const lines: string[] = [];
  const issues = error.code === 'pack_invalid' ? packIssues(error) : [];
  if (issues.length > 0) {
    // The core's message already counts every problem ("3 problems in pack.json").
    lines.push(`Not a valid pack: ${error.message}`);
    lines.push(...issues.map(formatIssue));
  } else {
    lines.push(`Error: ${error.message}`);
  }
  if (error.action) lines.push(`Next: ${error.action}`);
  return lines;
}
