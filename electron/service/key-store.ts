/**
 * Where the Modellix API key is kept, in order of preference:
 * 1. `MODELLIX_API_KEY` in the environment (nothing is written);
 * 2. encrypted by the OS (Electron safeStorage) in the data folder;
 * 3. when the OS offers no encryption: this session only, in memory, unless the user explicitly
 *    chooses a plain file that only their account can read (mode 0600).
 * Browser mode has no OS encryption: it keeps the key in that user-only file and says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyStatus } from '../../shared/api';
import { writeFileAtomic } from '../engine/fs';
import type { KeyStore } from './ports';

/** The OS encryption Electron's safeStorage offers, as far as the key store needs it. */
export interface Encryption {
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

export interface KeyStoreOptions {
  dataDir: string;
  env?: Readonly<Record<string, string | undefined>>;
  encryption?: Encryption;
  /** Browser mode: a user-only file is the normal place, not a fallback that needs consent. */
  plainFileByDefault?: boolean;
}

export const ENCRYPTED_KEY_FILE = 'api-key.enc';
export const PLAIN_KEY_FILE = 'api-key';

export function createKeyStore(options: KeyStoreOptions): KeyStore {
  const encryptedFile = join(options.dataDir, ENCRYPTED_KEY_FILE);
  const plainFile = join(options.dataDir, PLAIN_KEY_FILE);
  const encryptionAvailable = () => options.encryption?.available() ?? false;
  let session: string | undefined;
  let cached: { key: string; source: KeyStatus['source'] } | undefined;

  function load(): { key: string; source: KeyStatus['source'] } | undefined {
    const fromEnv = options.env?.MODELLIX_API_KEY?.trim();
    if (fromEnv) return { key: fromEnv, source: 'env' };
    if (cached) return cached;
    if (session) return { key: session, source: 'session' };
    if (options.encryption && encryptionAvailable() && existsSync(encryptedFile)) {
      try {
        cached = { key: options.encryption.decrypt(readFileSync(encryptedFile)), source: 'encrypted' };
        return cached;
      } catch {
        return undefined;
      }
    }
    if (existsSync(plainFile)) {
      const key = readFileSync(plainFile, 'utf8').trim();
      if (key) cached = { key, source: 'file' };
      return cached;
    }
    return undefined;
  }

  function note(source: KeyStatus['source']): string {
    switch (source) {
      case 'env':
        return 'The key comes from the MODELLIX_API_KEY environment variable; it is not stored by Seedance Flow.';
      case 'encrypted':
        return 'The key is stored encrypted by your operating system in the app data folder.';
      case 'file':
        return `The key is stored unencrypted in ${plainFile}, a file only your user account can read.`;
      case 'session':
        return 'Your system offers no encryption (no keyring), so the key is kept for this session only and forgotten when the app closes.';
      case 'none':
        return encryptionAvailable() || options.plainFileByDefault
          ? 'No key is set. Enter your Modellix API key to run pipelines.'
          : 'No key is set. Your system offers no encryption, so a key you enter is kept for this session only unless you choose to store it in a user-only file.';
    }
  }

  function status(): KeyStatus {
    const loaded = load();
    const source = loaded?.source ?? 'none';
    return { present: loaded !== undefined, source, encryptionAvailable: encryptionAvailable(), note: note(source) };
  }

  return {
    status,
    get: () => load()?.key,
    async set(key, { allowPlainText }) {
      const trimmed = key.trim();
      cached = undefined;
      session = undefined;
      await mkdir(options.dataDir, { recursive: true });
      await rm(encryptedFile, { force: true });
      await rm(plainFile, { force: true });
      if (options.encryption && encryptionAvailable()) {
        await writeFileAtomic(encryptedFile, options.encryption.encrypt(trimmed), { mode: 0o600 });
      } else if (allowPlainText || options.plainFileByDefault) {
        await writeFileAtomic(plainFile, `${trimmed}\n`, { mode: 0o600 });
        await chmod(plainFile, 0o600);
      } else {
        session = trimmed;
      }
      return status();
    },
    async clear() {
      cached = undefined;
      session = undefined;
      await rm(encryptedFile, { force: true });
      await rm(plainFile, { force: true });
      return status();
    },
  };
}
