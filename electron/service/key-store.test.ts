import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyStore, ENCRYPTED_KEY_FILE, PLAIN_KEY_FILE, type Encryption } from './key-store';

const KEY = 'sk-live-abcdef123456';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sf-keys-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** A stand-in for safeStorage: reversible, and visibly not the plain key. */
const fakeEncryption = (available = true): Encryption => ({
  available: () => available,
  encrypt: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`),
  decrypt: (data) => Buffer.from(data.toString().replace(/^enc:/, ''), 'base64').toString(),
});

describe('key store', () => {
  it('prefers MODELLIX_API_KEY and writes nothing for it', () => {
    const store = createKeyStore({ dataDir: dir, env: { MODELLIX_API_KEY: ` ${KEY} ` }, encryption: fakeEncryption() });
    expect(store.get()).toBe(KEY);
    expect(store.status()).toMatchObject({ present: true, source: 'env', note: expect.stringMatching(/environment variable/) });
  });

  it('encrypts with the OS when it can, never in plain text', async () => {
    const store = createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption() });
    expect(await store.set(KEY, { allowPlainText: false })).toMatchObject({ present: true, source: 'encrypted', encryptionAvailable: true });
    const stored = readFileSync(join(dir, ENCRYPTED_KEY_FILE));
    expect(stored.toString()).not.toContain(KEY);
    expect(statSync(join(dir, ENCRYPTED_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, PLAIN_KEY_FILE))).toBe(false);
    // A new process reads it back.
    expect(createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption() }).get()).toBe(KEY);
  });

  it('without OS encryption keeps the key for the session only, unless the user chooses a file', async () => {
    const store = createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption(false) });
    expect(store.status().note).toMatch(/offers no encryption/);
    expect(await store.set(KEY, { allowPlainText: false })).toMatchObject({ source: 'session', note: expect.stringMatching(/this session only/) });
    expect(store.get()).toBe(KEY);
    expect(existsSync(join(dir, PLAIN_KEY_FILE))).toBe(false);
    expect(existsSync(join(dir, ENCRYPTED_KEY_FILE))).toBe(false);
    expect(createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption(false) }).get()).toBeUndefined();
    expect(await store.set(KEY, { allowPlainText: true })).toMatchObject({ source: 'file', note: expect.stringMatching(/only your user account can read/) });
    expect(statSync(join(dir, PLAIN_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('browser mode keeps the key in a user-only file and says so', async () => {
    const store = createKeyStore({ dataDir: dir, env: {}, plainFileByDefault: true });
    expect(await store.set(KEY, { allowPlainText: false })).toMatchObject({ source: 'file', encryptionAvailable: false });
    expect(readFileSync(join(dir, PLAIN_KEY_FILE), 'utf8').trim()).toBe(KEY);
    expect(statSync(join(dir, PLAIN_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(await store.clear()).toMatchObject({ present: false, source: 'none' });
    expect(existsSync(join(dir, PLAIN_KEY_FILE))).toBe(false);
  });
});
