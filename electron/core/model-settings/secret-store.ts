/**
 * Where API keys live. Never in the settings table (which is plain text and exported in
 * diagnostics) and never sent to the renderer. Electron supplies a safeStorage-backed store;
 * the browser host and CLI use a file only the current user can read.
 */
import fs from 'node:fs';
import path from 'node:path';

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
    fs.mkdirSync(dataDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: OWNER_ONLY });
    // writeFileSync's mode only applies when creating, and a umask may loosen it.
    if (process.platform !== 'win32') fs.chmodSync(tmp, OWNER_ONLY);
    fs.renameSync(tmp, file);
  };

  tighten();
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
