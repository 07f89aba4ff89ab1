/** Where the app keeps its database when no shell says otherwise (browser host, CLI). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { failure, type AppFailure } from '../../shared/result.js';

export const APP_DIR_NAME = 'reasonflux-tutor';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.RF_DATA_DIR) return path.resolve(env.RF_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), APP_DIR_NAME);
}

export const databaseFile = (dataDir: string) => path.join(dataDir, 'library.sqlite');

/** The repository's resources/ folder (built-in packs, JSON Schema). */
export const defaultResourcesDir = () => path.resolve(import.meta.dirname, '..', '..', 'resources');

// ---- owner-only files and folders, and clear errors for odd data folders --------------

/** Data files (database, its WAL/SHM/journal, secrets.json, locks): the owner reads and writes, no one else. */
export const OWNER_ONLY_FILE = 0o600;
/** Folders the app creates for its data: only the owner may list or enter them. */
export const OWNER_ONLY_DIR = 0o700;

const POSIX = process.platform !== 'win32';
const CHOOSE_ANOTHER = 'Choose another data folder (--data-dir, or the RF_DATA_DIR environment variable)';
const OR_CHOOSE_ANOTHER = 'or choose another data folder (--data-dir, or the RF_DATA_DIR environment variable)';

function unusable(dir: string, why: string, action: string, cause?: unknown): AppFailure {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return failure('data_dir_unusable', `The data folder ${dir} cannot be used: ${why}.`, {
    action,
    details: { dataDir: dir, ...(typeof code === 'string' ? { cause: code } : {}) },
  });
}

/** The first part of `dir` (itself or a parent) that exists but is not a folder, if any. */
function fileInTheWay(dir: string): string | null {
  for (let p = dir; ; p = path.dirname(p)) {
    try {
      if (!fs.statSync(p).isDirectory()) return p;
      return null;
    } catch {
      // Missing: look at the parent.
    }
    if (path.dirname(p) === p) return null;
  }
}

/**
 * Makes sure the data folder exists, is a folder this user can write, and is owner-only
 * (0700, whatever the umask). A folder the app did not create is only tightened when it
 * already holds the app's data. Every failure says what is wrong, where, and what to do.
 */
export function ensureDataDir(dir: string): void {
  const blocker = fileInTheWay(dir);
  if (blocker === dir) throw unusable(dir, 'it is a file, not a folder', `Move or rename that file, ${OR_CHOOSE_ANOTHER}.`);
  if (blocker) throw unusable(dir, `${blocker} is a file, so no folder can be made inside it`, `Move or rename ${blocker}, ${OR_CHOOSE_ANOTHER}.`);

  let created = false;
  if (!fs.existsSync(dir)) {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
      created = true;
    } catch (err) {
      throw unusable(dir, `the folder could not be created (${describeFsError(err)})`, `${CHOOSE_ANOTHER} in a place you can write to, or create this folder yourself.`, err);
    }
  }
  if (POSIX) {
    try {
      fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    } catch (err) {
      throw unusable(dir, `this user may not write in it (${describeFsError(err)})`, `Give your user write permission on ${dir}, ${OR_CHOOSE_ANOTHER}.`, err);
    }
    const ours = created || fs.existsSync(databaseFile(dir)) || fs.existsSync(path.join(dir, 'secrets.json'));
    if (ours) tightenMode(dir, OWNER_ONLY_DIR);
  }
}

/** Sets `mode` when the path is looser (group/other bits set); a missing path is left alone. */
export function tightenMode(target: string, mode: number): void {
  if (!POSIX) return;
  try {
    const st = fs.statSync(target);
    if ((st.mode & 0o777 & ~mode) !== 0) fs.chmodSync(target, mode);
  } catch {
    // Missing, or owned by someone else: nothing this process may change.
  }
}

/** Side files SQLite keeps next to a database. */
export const DATABASE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/**
 * Before SQLite opens `file`: creates it empty and owner-only when missing, and tightens it
 * and its side files. SQLite gives the -wal, -shm and -journal files it creates the mode of
 * the database file, so they are owner-only too whatever the umask.
 */
export function prepareDatabaseFile(file: string): void {
  if (!POSIX) return;
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_WRONLY, OWNER_ONLY_FILE));
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'EISDIR') {
      throw failure('data_dir_unusable', `The library file ${file} is a folder, not a database file.`, {
        action: `Move or rename that folder, ${OR_CHOOSE_ANOTHER}.`,
        details: { file, cause: code },
      });
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw failure('data_dir_unusable', `The library file ${file} cannot be opened for writing (${describeFsError(err)}).`, {
        action: `Give your user write permission on ${path.dirname(file)} and ${path.basename(file)}, ${OR_CHOOSE_ANOTHER}.`,
        details: { file, cause: code },
      });
    }
    throw err;
  }
  for (const f of [file, ...DATABASE_SIDE_FILES.map((s) => file + s)]) tightenMode(f, OWNER_ONLY_FILE);
}

function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOTDIR':
      return 'part of the path is a file';
    case 'EEXIST':
      return 'something else is already there';
    default:
      return typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
  }
}
