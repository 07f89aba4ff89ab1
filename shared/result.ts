/**
 * Results cross every boundary (IPC, HTTP, CLI) as plain data, never as thrown classes.
 * Every failure carries a code a program can branch on, a message a student or teacher
 * understands, and where possible the next action to take.
 */
export type ErrorCode =
  | 'invalid_input' // a contract method got input that fails its schema
  | 'unknown_method'
  | 'not_found'
  | 'pack_invalid' // details: { issues: PackIssue[] }
  | 'pack_too_large'
  | 'pack_older_version' // importing an older version than installed, without force
  | 'pack_unreadable' // not JSON / not a recognised pack format
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
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (
  code: ErrorCode,
  message: string,
  extra: { action?: string; details?: unknown } = {},
): { ok: false; error: AppError } => ({ ok: false, error: { code, message, ...extra } });

/** Thrown inside the core to carry a typed AppError up to the dispatcher. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
}

export const failure = (
  code: ErrorCode,
  message: string,
  extra: { action?: string; details?: unknown } = {},
): AppFailure => new AppFailure({ code, message, ...extra });
