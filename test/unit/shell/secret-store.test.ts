import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretStore as CoreSecretStore } from '../../../electron/core/core.js';
import {
  createSecretStore,
  NO_ENCRYPTION_WARNING,
  NO_KEYRING_WARNING,
  SECRETS_FILE,
  secretStoreStatus,
  type SafeStorageLike,
} from '../../../electron/main/secret-store.js';

/** A reversible stand-in for the OS key store (a byte-wise XOR plus a marker). */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike {
  const mask = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.concat([Buffer.from('v10'), mask(Buffer.from(text, 'utf8'))]),
    decryptString: (data) => {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext');
      return mask(data.subarray(3)).toString('utf8');
    },
    getSelectedStorageBackend: () => backend,
  };
}

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-secrets-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('secret store', () => {
  it('keeps secrets encrypted on disk and reads them back', () => {
    const dir = tempDir();
    const store = createSecretStore({ safeStorage: fakeSafeStorage('gnome_libsecret'), userDataDir: dir, platform: 'linux' });
    store.set('openai.apiKey', 'sk-test-123456');
    expect(store.get('openai.apiKey')).toBe('sk-test-123456');
    const onDisk = fs.readFileSync(path.join(dir, SECRETS_FILE), 'utf8');
    expect(onDisk).not.toContain('sk-test-123456');
    expect((fs.statSync(path.join(dir, SECRETS_FILE)).mode & 0o777).toString(8)).toBe('600');
    // A second store over the same folder (next app start) sees the same key.
    const again = createSecretStore({ safeStorage: fakeSafeStorage('gnome_libsecret'), userDataDir: dir, platform: 'linux' });
    expect(again.get('openai.apiKey')).toBe('sk-test-123456');
    again.delete('openai.apiKey');
    expect(again.get('openai.apiKey')).toBeNull();
  });

  it('plugs into the core as its SecretStore port (checked by tsc) and reports a missing key as null', () => {
    const store: CoreSecretStore = createSecretStore({ safeStorage: fakeSafeStorage('kwallet'), userDataDir: tempDir(), platform: 'linux' });
    expect(store.get('model.solver.apiKey')).toBeNull();
    expect(store.note()).toBeNull();
  });

  it('reports encryption when a keyring is in use', () => {
    const safeStorage = fakeSafeStorage('kwallet6');
    const store = createSecretStore({ safeStorage, userDataDir: tempDir(), platform: 'linux' });
    expect(secretStoreStatus(safeStorage, 'linux')).toEqual({ encrypted: true });
    expect(store.note()).toBeNull();
  });

  it('warns before saving when Linux has no keyring (basic_text)', () => {
    const safeStorage = fakeSafeStorage('basic_text');
    const store = createSecretStore({ safeStorage, userDataDir: tempDir(), platform: 'linux' });
    expect(secretStoreStatus(safeStorage, 'linux')).toEqual({ encrypted: false, warning: NO_KEYRING_WARNING });
    expect(store.note()).toBe(NO_KEYRING_WARNING);
    expect(NO_KEYRING_WARNING).toMatch(/keyring/);
    // Saving still works (the settings screen has shown the warning first).
    store.set('k', 'v');
    expect(store.get('k')).toBe('v');
  });

  it('only asks for the Linux backend on Linux', () => {
    const safeStorage = fakeSafeStorage('basic_text');
    const store = createSecretStore({ safeStorage, userDataDir: tempDir(), platform: 'darwin' });
    expect(secretStoreStatus(safeStorage, 'darwin')).toEqual({ encrypted: true });
    expect(store.note()).toBeNull();
  });

  it('refuses to store when no encryption is available at all', () => {
    const dir = tempDir();
    const safeStorage = fakeSafeStorage('unknown', false);
    const store = createSecretStore({ safeStorage, userDataDir: dir, platform: 'linux' });
    expect(secretStoreStatus(safeStorage, 'linux')).toEqual({ encrypted: false, warning: NO_ENCRYPTION_WARNING });
    expect(store.note()).toBe(NO_ENCRYPTION_WARNING);
    expect(() => store.set('k', 'v')).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'forbidden' }) }));
    expect(fs.existsSync(path.join(dir, SECRETS_FILE))).toBe(false);
  });

  it('treats undecryptable or damaged entries as not set, and rejects odd names', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, SECRETS_FILE), JSON.stringify({ version: 1, secrets: { k: Buffer.from('garbage').toString('base64') } }));
    const store = createSecretStore({ safeStorage: fakeSafeStorage('kwallet'), userDataDir: dir, platform: 'linux' });
    expect(store.get('k')).toBeNull();
    fs.writeFileSync(path.join(dir, SECRETS_FILE), '{broken');
    expect(store.get('k')).toBeNull();
    expect(() => store.set('../evil', 'v')).toThrow(/not a valid secret name/);
  });
});
