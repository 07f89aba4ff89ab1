/** A throwaway folder for a real SQLite file, so each test starts from an empty library. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A new empty folder under the OS temp dir; `prefix` names the test that owns it. */
export const makeTempDir = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** Deletes a folder made by makeTempDir, with everything in it. */
export const removeTempDir = (dir: string): void => fs.rmSync(dir, { recursive: true, force: true });

/** The library file name the app uses, inside `dir`. */
export const libraryFile = (dir: string): string => path.join(dir, 'library.sqlite');
