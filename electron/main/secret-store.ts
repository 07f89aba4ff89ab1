/**
 * API keys and other secrets, encrypted with the OS key store through Electron's safeStorage
 * and kept in one file in userData. On Linux without a keyring (safeStorage's 'basic_text'
 * backend) the text is only obfuscated, so the store says so and the settings screen shows
 * that warning before a key is saved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { failure } from '../../shared/result.js';
import type { SecretStore } from '../core/core.js';

/** How safe saved keys are here; the store's note() is `warning` (null when encrypted). */
export interface SecretStoreStatus {
  /** True when secrets are protected by the OS key store (Keychain, DPAPI, libsecret, KWallet). */
  encrypted: boolean;
  /** Shown to the user before a key is saved when `encrypted` is false. */
  warning?: string;
}

/** The parts of Electron's safeStorage this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** Not the core's plain `secrets.json`: this file only ever holds safeStorage ciphertext. */
export const SECRETS_FILE = 'secrets.encrypted.json';

export const NO_KEYRING_WARNING =
  'Your system has no password keyring (such as GNOME Keyring or KWallet) available to this app, so saved keys ' +
  'are only obfuscated on disk, not encrypted. Anyone who can read your files could read them. Install and unlock ' +
  'a keyring, then restart the app, or save the key anyway if this computer is only yours.';

export const NO_ENCRYPTION_WARNING =
  'This system offers no way to encrypt saved keys, so the app will not store them. Enter the key each time, or ' +
  'set up your system\'s password store and restart the app.';

interface SecretsFile {
  version: 1;
  /** name → base64 of safeStorage.encryptString(value) */
  secrets: Record<string, string>;
}

export function secretStoreStatus(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretStoreStatus {
  if (!safeStorage.isEncryptionAvailable()) return { encrypted: false, warning: NO_ENCRYPTION_WARNING };
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return { encrypted: false, warning: NO_KEYRING_WARNING };
  }
  return { encrypted: true };
}

const NAME_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

function checkName(name: string): void {
  if (!NAME_PATTERN.test(name)) throw failure('invalid_input', `"${name.slice(0, 40)}" is not a valid secret name.`);
}

export function createSecretStore(opts: {
  safeStorage: SafeStorageLike;
  userDataDir: string;
  platform?: NodeJS.Platform;
}): SecretStore {
  const file = path.join(opts.userDataDir, SECRETS_FILE);
  const platform = opts.platform ?? process.platform;

  const read = (): SecretsFile => {
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SecretsFile>;
      if (parsed && typeof parsed.secrets === 'object' && parsed.secrets) return { version: 1, secrets: { ...parsed.secrets } };
    } catch {
      // Missing or damaged: start empty rather than keep the app from opening.
    }
    return { version: 1, secrets: {} };
  };

  const write = (data: SecretsFile): void => {
    fs.mkdirSync(opts.userDataDir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.tmp`;
    try {
      fs.writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
      // Owner-only whatever the umask, and a temp copy never outlives a failed write.
      if (process.platform !== 'win32') fs.chmodSync(tmp, 0o600);
      fs.renameSync(tmp, file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  };

  return {
    get(name) {
      checkName(name);
      const stored = read().secrets[name];
      if (stored === undefined || !opts.safeStorage.isEncryptionAvailable()) return null;
      try {
        return opts.safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        // Encrypted under another user or keyring: treat as not set so the user can enter it again.
        return null;
      }
    },
    set(name, value) {
      checkName(name);
      if (!opts.safeStorage.isEncryptionAvailable()) {
        throw failure('forbidden', NO_ENCRYPTION_WARNING, { action: 'Enter the key when you need it instead of saving it.' });
      }
      const data = read();
      data.secrets[name] = opts.safeStorage.encryptString(value).toString('base64');
      write(data);
    },
    delete(name) {
      checkName(name);
      const data = read();
      if (!(name in data.secrets)) return;
      delete data.secrets[name];
      write(data);
    },
    note: () => secretStoreStatus(opts.safeStorage, platform).warning ?? null,
  };
}
