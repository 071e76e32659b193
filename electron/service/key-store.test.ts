import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyStore, ENCRYPTED_KEY_FILE, PLAIN_KEY_FILE, type Encryption } from './key-store';

const KEY = 'sk-live-abcdef123456';
const REAL = 'https://api.modellix.ai';
const SIM = 'http://127.0.0.1:8977';
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
  it('with no key, says what to do, and leaves "no key is set" to the window, which says it once', () => {
    for (const available of [true, false]) {
      const { note, present } = createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption(available) }).status();
      expect(present).toBe(false);
      expect(note).not.toMatch(/no key is set/i);
      expect(note).toMatch(available ? /^Enter your Modellix API key/ : /kept for this session only/);
    }
  });

  it('prefers MODELLIX_API_KEY and writes nothing for it', () => {
    const store = createKeyStore({ dataDir: dir, env: { MODELLIX_API_KEY: ` ${KEY} ` }, encryption: fakeEncryption() });
    expect(store.get()?.key).toBe(KEY);
    expect(store.status()).toMatchObject({ present: true, source: 'env', note: expect.stringMatching(/environment variable/) });
  });

  it('encrypts with the OS when it can, never in plain text', async () => {
    const store = createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption() });
    expect(await store.set(KEY, { allowPlainText: false, origin: REAL })).toMatchObject({ present: true, source: 'encrypted', encryptionAvailable: true });
    const stored = readFileSync(join(dir, ENCRYPTED_KEY_FILE));
    expect(stored.toString()).not.toContain(KEY);
    expect(statSync(join(dir, ENCRYPTED_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, PLAIN_KEY_FILE))).toBe(false);
    // A new process reads it back.
    expect(createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption() }).get()?.key).toBe(KEY);
  });

  it('without OS encryption keeps the key for the session only, unless the user chooses a file', async () => {
    const store = createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption(false) });
    expect(store.status().note).toMatch(/offers no encryption/);
    expect(await store.set(KEY, { allowPlainText: false, origin: REAL })).toMatchObject({ source: 'session', note: expect.stringMatching(/this session only/) });
    expect(store.get()?.key).toBe(KEY);
    expect(existsSync(join(dir, PLAIN_KEY_FILE))).toBe(false);
    expect(existsSync(join(dir, ENCRYPTED_KEY_FILE))).toBe(false);
    expect(createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption(false) }).get()).toBeUndefined();
    expect(await store.set(KEY, { allowPlainText: true, origin: REAL })).toMatchObject({ source: 'file', note: expect.stringMatching(/only your user account can read/) });
    expect(statSync(join(dir, PLAIN_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('browser mode keeps the key in a user-only file and says so', async () => {
    const store = createKeyStore({ dataDir: dir, env: {}, plainFileByDefault: true });
    expect(await store.set(KEY, { allowPlainText: false, origin: REAL })).toMatchObject({ source: 'file', encryptionAvailable: false });
    expect(JSON.parse(readFileSync(join(dir, PLAIN_KEY_FILE), 'utf8'))).toEqual({ v: 1, key: KEY, origin: REAL });
    expect(statSync(join(dir, PLAIN_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(await store.clear()).toMatchObject({ present: false, source: 'none' });
    expect(existsSync(join(dir, PLAIN_KEY_FILE))).toBe(false);
  });

  it('binds a stored key to the service address it was entered for, across restarts', async () => {
    const store = createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption() });
    expect(await store.set(KEY, { allowPlainText: false, origin: SIM })).toMatchObject({ present: true, boundTo: SIM });
    expect(store.get()).toEqual({ key: KEY, origin: SIM });
    const again = createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption() });
    expect(again.get()).toEqual({ key: KEY, origin: SIM });
    expect(again.status()).toMatchObject({ boundTo: SIM });
    // Browser mode's plain file carries the binding too.
    const plain = createKeyStore({ dataDir: join(dir, 'b'), env: {}, plainFileByDefault: true });
    await plain.set(KEY, { allowPlainText: false, origin: SIM });
    expect(createKeyStore({ dataDir: join(dir, 'b'), env: {}, plainFileByDefault: true }).get()).toEqual({ key: KEY, origin: SIM });
  });

  it('a key stored before keys were bound belongs to the real service', () => {
    writeFileSync(join(dir, PLAIN_KEY_FILE), `${KEY}\n`, { mode: 0o600 });
    expect(createKeyStore({ dataDir: dir, env: {}, plainFileByDefault: true }).get()).toEqual({ key: KEY, origin: REAL });
    writeFileSync(join(dir, ENCRYPTED_KEY_FILE), fakeEncryption().encrypt(KEY));
    expect(createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption() }).get()).toEqual({ key: KEY, origin: REAL });
  });

  it('binds MODELLIX_API_KEY to MODELLIX_BASE_URL, or to the real service without it', () => {
    expect(createKeyStore({ dataDir: dir, env: { MODELLIX_API_KEY: KEY } }).get()).toEqual({ key: KEY, origin: REAL });
    expect(createKeyStore({ dataDir: dir, env: { MODELLIX_API_KEY: KEY, MODELLIX_BASE_URL: `${SIM}/` } }).get()).toEqual({ key: KEY, origin: SIM });
  });

  it('moves the binding only when asked (after the user confirmed), and keeps it', async () => {
    const store = createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption() });
    await store.set(KEY, { allowPlainText: false, origin: REAL });
    expect(await store.rebind(SIM)).toMatchObject({ boundTo: SIM, source: 'encrypted' });
    expect(createKeyStore({ dataDir: dir, env: {}, encryption: fakeEncryption() }).get()).toEqual({ key: KEY, origin: SIM });
    const fromEnv = createKeyStore({ dataDir: dir, env: { MODELLIX_API_KEY: KEY } });
    await fromEnv.rebind(SIM);
    expect(fromEnv.get()).toEqual({ key: KEY, origin: SIM });
    expect(createKeyStore({ dataDir: dir, env: { MODELLIX_API_KEY: KEY } }).get()).toEqual({ key: KEY, origin: REAL });
  });
});
