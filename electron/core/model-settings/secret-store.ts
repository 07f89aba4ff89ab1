/**
 * Where API keys live. Never in the settings table (which is plain text and exported in
 * diagnostics) and never sent to the renderer. Electron supplies a safeStorage-backed store;
 * the browser host and CLI use a file only the current user can read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { failure, type AppFailure } from '../../../shared/result.js';
import { msg } from '../../../shared/messages.js';
import { OWNER_ONLY_DIR } from '../data-dir.js';

export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
  /** Shown before a key is saved when keys are not encrypted; null when they are. */
  note(): string | null;
}

export const SECRETS_FILE_NAME = 'secrets.json';
const OWNER_ONLY = 0o600;

interface SecretsFile {
  version: 1;
  secrets: Record<string, string>;
}

/** Keys in `<dataDir>/secrets.json`, mode 0600 (tightened again if someone loosened it). */
export function createFileSecretStore(dataDir: string): SecretStore {
  const file = path.join(dataDir, SECRETS_FILE_NAME);

  const tighten = () => {
    if (process.platform === 'win32') return;
    try {
      if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, OWNER_ONLY);
    } catch {
      // Missing file: nothing to protect yet.
    }
  };

  const read = (): SecretsFile => {
    tighten();
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SecretsFile>;
      if (parsed && typeof parsed.secrets === 'object' && parsed.secrets) return { version: 1, secrets: { ...parsed.secrets } };
    } catch {
      // Missing or damaged: start empty rather than refuse to run.
    }
    return { version: 1, secrets: {} };
  };

  const write = (data: SecretsFile) => {
    fs.mkdirSync(dataDir, { recursive: true, mode: OWNER_ONLY_DIR });
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      // 'wx': a fresh file, so the mode below applies (a leftover is removed first).
      fs.rmSync(tmp, { force: true });
      fs.writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: OWNER_ONLY, flag: 'wx' });
      // The mode given at creation is reduced by the umask, never widened; set it exactly anyway.
      if (process.platform !== 'win32') fs.chmodSync(tmp, OWNER_ONLY);
      fs.renameSync(tmp, file);
    } catch (err) {
      // A failed write (disk full, read-only folder) leaves no half-written copy of the keys behind.
      fs.rmSync(tmp, { force: true });
      throw secretsWriteFailure(file, err);
    }
  };

  tighten();
  removeStaleTempFiles(dataDir);
  return {
    get: (name) => read().secrets[name] ?? null,
    set: (name, value) => {
      const data = read();
      data.secrets[name] = value;
      write(data);
    },
    delete: (name) => {
      const data = read();
      if (!(name in data.secrets)) return;
      delete data.secrets[name];
      write(data);
    },
    note: () => `Keys are stored unencrypted in a file only your user can read: ${file}`,
  };
}

/** Copies of the keys left by a write that was killed half-way (`secrets.json.<pid>.tmp`). */
function removeStaleTempFiles(dataDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dataDir);
  } catch {
    return; // no folder yet
  }
  const prefix = `${SECRETS_FILE_NAME}.`;
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp') && /^\d+$/.test(name.slice(prefix.length, -4))) {
      fs.rmSync(path.join(dataDir, name), { force: true });
    }
  }
}

function secretsWriteFailure(file: string, err: unknown): AppFailure {
  const code = (err as { code?: unknown }).code;
  const why =
    code === 'ENOSPC' ? msg('core.diskFull') : code === 'EROFS' ? msg('core.diskReadOnly') : code === 'EACCES' || code === 'EPERM' ? msg('core.permissionDenied') : err instanceof Error ? err.message : String(err);
  return failure('data_dir_unusable', msg('core.keyNotSaved', { file, why }), {
    action: msg('core.keyNotSaved.action', { folder: path.dirname(file) }),
    details: { file, ...(typeof code === 'string' ? { cause: code } : {}) },
  });
}

/** An in-memory store (tests, or a shell that must not write keys anywhere). */
export function createMemorySecretStore(note: string | null = null): SecretStore {
  const map = new Map<string, string>();
  return {
    get: (name) => map.get(name) ?? null,
    set: (name, value) => void map.set(name, value),
    delete: (name) => void map.delete(name),
    note: () => note,
  };
}
