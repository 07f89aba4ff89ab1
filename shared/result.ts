/**
 * Results cross every boundary (IPC, HTTP, CLI) as plain data, never as thrown classes.
 * Every failure carries a code a program can branch on, a message a student or teacher
 * understands, and where possible the next action to take. The message and action are
 * coded (`messageCode` + `params`, see shared/messages.ts) so the renderer shows them in the
 * learner's language; `message` and `action` are their English text, for logs and the CLI.
 */
import { english, type Message, type MessageParams } from './messages.js';

export type ErrorCode =
  | 'invalid_input' // a contract method got input that fails its schema
  | 'unknown_method'
  | 'not_found'
  | 'pack_invalid' // details: { issues: PackIssue[] }
  | 'pack_too_large'
  | 'pack_older_version' // importing an older version than installed, without force
  | 'pack_unreadable' // not JSON / not a recognised pack format
  | 'import_expired' // packs.applyImport with an import id the core no longer holds (used, cancelled, expired)
  | 'db_newer_version' // database written by a newer app version
  | 'db_corrupt'
  | 'data_dir_unusable' // the data folder is a file, cannot be created or written; details: { dataDir | file, cause? }
  | 'model_not_configured'
  | 'model_error'
  | 'cancelled'
  | 'forbidden'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** What the user can do next, in one short sentence. */
  action?: string;
  details?: unknown;
  /** The message as a catalog code and its parameters (the renderer shows this, not `message`). */
  messageCode?: string;
  params?: MessageParams;
  actionCode?: string;
  actionParams?: MessageParams;
}

/** What a failure says, as text (English) or, preferably, as a coded Message. */
export type Words = string | Message;

interface FailureExtra {
  action?: Words;
  details?: unknown;
}

/** An AppError from a code, what it says and what to do next (coded words keep their codes). */
export function appError(code: ErrorCode, message: Words, extra: FailureExtra = {}): AppError {
  const e: AppError = { code, message: typeof message === 'string' ? message : english(message) };
  if (typeof message !== 'string') {
    e.messageCode = message.code;
    if (message.params) e.params = message.params;
  }
  if (extra.action !== undefined) {
    e.action = typeof extra.action === 'string' ? extra.action : english(extra.action);
    if (typeof extra.action !== 'string') {
      e.actionCode = extra.action.code;
      if (extra.action.params) e.actionParams = extra.action.params;
    }
  }
  if (extra.details !== undefined) e.details = extra.details;
  return e;
}

/** The error's message as a Message (null when it was given as bare English text). */
export function errorMessage(e: Pick<AppError, 'messageCode' | 'params'>): Message | null {
  return e.messageCode ? { code: e.messageCode, ...(e.params ? { params: e.params } : {}) } : null;
}

/** The error's next action as a Message (null when none, or only English text). */
export function errorAction(e: Pick<AppError, 'actionCode' | 'actionParams'>): Message | null {
  return e.actionCode ? { code: e.actionCode, ...(e.actionParams ? { params: e.actionParams } : {}) } : null;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: Words, extra: FailureExtra = {}): { ok: false; error: AppError } => ({
  ok: false,
  error: appError(code, message, extra),
});

/** Thrown inside the core to carry a typed AppError up to the dispatcher. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
}

/** `throw failure('not_found', msg('tutor.noSuchStep', { number: 3 }), { action: msg('tutor.reloadSession') })`. */
export const failure = (code: ErrorCode, message: Words, extra: FailureExtra = {}): AppFailure => new AppFailure(appError(code, message, extra));
