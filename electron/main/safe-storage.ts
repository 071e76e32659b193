/**
 * The key store's `Encryption` over Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
 * the Secret Service or KWallet on Linux). On Linux without a keyring safeStorage falls back to
 * `basic_text`, a hard-coded password that protects nothing: that counts as "no encryption", so
 * the key store keeps the key for the session only unless the user chooses a user-only file.
 * safeStorage may be used only after the app is ready.
 */
import type { SafeStorage } from 'electron';
import type { Encryption } from '../service/key-store';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export function safeStorageEncryption(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): Encryption {
  return {
    available() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend) {
        const backend = safeStorage.getSelectedStorageBackend();
        if (backend === 'basic_text' || backend === 'unknown') return false;
      }
      return true;
    },
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (encrypted) => safeStorage.decryptString(encrypted),
  };
}
