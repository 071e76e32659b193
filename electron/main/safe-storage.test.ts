import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createKeyStore, ENCRYPTED_KEY_FILE, PLAIN_KEY_FILE } from '../service/key-store';
import { safeStorageEncryption } from './safe-storage';

const KEY = 'mlx-test-key-0123456789';

function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: vi.fn(() => available),
    getSelectedStorageBackend: vi.fn(() => backend as 'basic_text'),
    encryptString: vi.fn((plain: string) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a))),
    decryptString: vi.fn((data: Buffer) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString()),
  };
}

describe('safeStorage adapter', () => {
  it('is available when the OS encrypts', () => {
    expect(safeStorageEncryption(fakeSafeStorage(true), 'linux').available()).toBe(true);
    expect(safeStorageEncryption(fakeSafeStorage(true, 'basic_text'), 'darwin').available()).toBe(true);
  });

  it('is not available without a keyring, or with Linux’s hard-coded basic_text password', () => {
    expect(safeStorageEncryption(fakeSafeStorage(false), 'win32').available()).toBe(false);
    expect(safeStorageEncryption(fakeSafeStorage(true, 'basic_text'), 'linux').available()).toBe(false);
    expect(safeStorageEncryption(fakeSafeStorage(true, 'unknown'), 'linux').available()).toBe(false);
  });

  it('encrypts and decrypts through safeStorage', () => {
    const storage = fakeSafeStorage(true);
    const encryption = safeStorageEncryption(storage, 'linux');
    const encrypted = encryption.encrypt(KEY);
    expect(storage.encryptString).toHaveBeenCalledWith(KEY);
    expect(encryption.decrypt(encrypted)).toBe(KEY);
  });
});

describe('key store over safeStorage', () => {
  const made: string[] = [];
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'seedance-key-'));
    made.push(d);
    return d;
  };
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps the key encrypted in the data folder when the OS can encrypt', async () => {
    const dir = dataDir();
    const store = createKeyStore({ dataDir: dir, env: {}, encryption: safeStorageEncryption(fakeSafeStorage(true), 'linux') });
    const status = await store.set(KEY, { allowPlainText: false, origin: 'https://api.modellix.ai' });
    expect(status).toMatchObject({ present: true, source: 'encrypted', encryptionAvailable: true });
    const onDisk = readFileSync(join(dir, ENCRYPTED_KEY_FILE));
    expect(onDisk.toString('latin1')).not.toContain(KEY);
    expect(existsSync(join(dir, PLAIN_KEY_FILE))).toBe(false);
    const reopened = createKeyStore({ dataDir: dir, env: {}, encryption: safeStorageEncryption(fakeSafeStorage(true), 'linux') });
    expect(reopened.get()).toEqual({ key: KEY, origin: 'https://api.modellix.ai' });
  });

  it('without a keyring keeps the key for this session only, and says so', async () => {
    const dir = dataDir();
    const store = createKeyStore({ dataDir: dir, env: {}, encryption: safeStorageEncryption(fakeSafeStorage(true, 'basic_text'), 'linux') });
    expect(store.status().note).toMatch(/no encryption/i);
    const status = await store.set(KEY, { allowPlainText: false, origin: 'https://api.modellix.ai' });
    expect(status).toMatchObject({ present: true, source: 'session', encryptionAvailable: false });
    expect(status.note).toMatch(/session/);
    expect(existsSync(join(dir, ENCRYPTED_KEY_FILE))).toBe(false);
    expect(existsSync(join(dir, PLAIN_KEY_FILE))).toBe(false);
    expect(createKeyStore({ dataDir: dir, env: {} }).get()).toBeUndefined();
  });

  it('writes a user-only plain file only when the user explicitly allows it', async () => {
    const dir = dataDir();
    const store = createKeyStore({ dataDir: dir, env: {}, encryption: safeStorageEncryption(fakeSafeStorage(false), 'linux') });
    const status = await store.set(KEY, { allowPlainText: true, origin: 'https://api.modellix.ai' });
    expect(status.source).toBe('file');
    if (process.platform !== 'win32') expect(statSync(join(dir, PLAIN_KEY_FILE)).mode & 0o777).toBe(0o600);
  });
});
