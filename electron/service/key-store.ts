/**
 * Where the Modellix API key is kept, in order of preference:
 * 1. `MODELLIX_API_KEY` in the environment (nothing is written);
 * 2. encrypted by the OS (Electron safeStorage) in the data folder;
 * 3. when the OS offers no encryption: this session only, in memory, unless the user explicitly
 *    chooses a plain file that only their account can read (mode 0600).
 * Browser mode has no OS encryption: it keeps the key in that user-only file and says so.
 *
 * Every key is bound to the service address (origin) it was entered for: the stored payload is
 * `{"v":1,"key":...,"origin":...}` (encrypted, or in the user-only file). A payload from before
 * keys were bound (the bare key) belongs to the real service; `MODELLIX_API_KEY` belongs to
 * MODELLIX_BASE_URL, or to the real service without it. The service's key gate decides what to do
 * when runs go elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { KeyStatus } from '../../shared/api';
import { writeFileAtomic } from '../engine/fs';
import { BaseUrlError, resolveBaseUrl } from '../engine/modellix/base-url';
import { DEFAULT_BASE_URL } from '../engine/modellix/client';
import type { KeyStore, StoredKey } from './ports';

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

const payloadSchema = z.strictObject({ v: z.literal(1), key: z.string().min(1), origin: z.string().min(1) });

/** What is written (encrypted or in the user-only file). */
function keyPayload(stored: StoredKey): string {
  return JSON.stringify(payloadSchema.parse({ v: 1, ...stored }));
}

/** Reads a payload; a bare key (written before keys were bound) belongs to the real service. */
function parseKeyPayload(text: string): StoredKey | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (!trimmed.startsWith('{')) return { key: trimmed, origin: DEFAULT_BASE_URL };
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(trimmed));
    return parsed.success ? { key: parsed.data.key.trim(), origin: parsed.data.origin } : undefined;
  } catch {
    return undefined;
  }
}

type Loaded = StoredKey & { source: KeyStatus['source'] };

export function createKeyStore(options: KeyStoreOptions): KeyStore {
  const encryptedFile = join(options.dataDir, ENCRYPTED_KEY_FILE);
  const plainFile = join(options.dataDir, PLAIN_KEY_FILE);
  const encryptionAvailable = () => options.encryption?.available() ?? false;
  let session: StoredKey | undefined;
  let cached: Loaded | undefined;
  /** Where the user allowed MODELLIX_API_KEY to go this session (nothing is written for it). */
  let envOrigin: string | undefined;

  function originOfEnvKey(): string {
    if (envOrigin) return envOrigin;
    try {
      return resolveBaseUrl({ env: options.env ?? {} }).baseUrl;
    } catch (error) {
      // A bad MODELLIX_BASE_URL stops every call anyway; the key stays with the real service.
      if (error instanceof BaseUrlError) return DEFAULT_BASE_URL;
      throw error;
    }
  }

  function load(): Loaded | undefined {
    const fromEnv = options.env?.MODELLIX_API_KEY?.trim();
    if (fromEnv) return { key: fromEnv, origin: originOfEnvKey(), source: 'env' };
    if (cached) return cached;
    if (session) return { ...session, source: 'session' };
    if (options.encryption && encryptionAvailable() && existsSync(encryptedFile)) {
      try {
        const stored = parseKeyPayload(options.encryption.decrypt(readFileSync(encryptedFile)));
        cached = stored && { ...stored, source: 'encrypted' };
        return cached;
      } catch {
        return undefined;
      }
    }
    if (existsSync(plainFile)) {
      const stored = parseKeyPayload(readFileSync(plainFile, 'utf8'));
      cached = stored && { ...stored, source: 'file' };
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
          ? 'Enter your Modellix API key to run pipelines.'
          : 'Your system offers no encryption, so a key you enter is kept for this session only unless you choose to store it in a user-only file.';
    }
  }

  function status(): KeyStatus {
    const loaded = load();
    const source = loaded?.source ?? 'none';
    return {
      present: loaded !== undefined,
      source,
      encryptionAvailable: encryptionAvailable(),
      note: note(source),
      ...(loaded ? { boundTo: loaded.origin } : {}),
    };
  }

  /** Keeps `stored` where the rules say; `allowPlainText` is the user's consent to the plain file. */
  async function keep(stored: StoredKey, allowPlainText: boolean): Promise<void> {
    cached = undefined;
    session = undefined;
    await mkdir(options.dataDir, { recursive: true });
    await rm(encryptedFile, { force: true });
    await rm(plainFile, { force: true });
    if (options.encryption && encryptionAvailable()) {
      await writeFileAtomic(encryptedFile, options.encryption.encrypt(keyPayload(stored)), { mode: 0o600 });
    } else if (allowPlainText || options.plainFileByDefault) {
      await writeFileAtomic(plainFile, `${keyPayload(stored)}\n`, { mode: 0o600 });
      await chmod(plainFile, 0o600);
    } else {
      session = stored;
    }
  }

  return {
    status,
    get() {
      const loaded = load();
      return loaded && { key: loaded.key, origin: loaded.origin };
    },
    async set(key, { allowPlainText, origin }) {
      await keep({ key: key.trim(), origin }, allowPlainText);
      return status();
    },
    async rebind(origin) {
      const loaded = load();
      if (!loaded) return status();
      if (loaded.source === 'env') envOrigin = origin;
      else if (loaded.source === 'session') session = { key: loaded.key, origin };
      else await keep({ key: loaded.key, origin }, loaded.source === 'file');
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
