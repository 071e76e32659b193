/**
 * What the app service needs from its host and cannot do itself: native dialogs, the OS file
 * browser, and where the API key is kept. The desktop app (electron/main) and browser mode
 * (electron/host) each provide their own.
 */
import type { KeyStatus } from '../../shared/api';
import type { MediaKind } from '../../shared/models';

export interface Dialogs {
  /** Whether this host can show native dialogs (false in browser mode). */
  readonly native: boolean;
  openGraph(): Promise<string | undefined>;
  saveGraph(suggestedName: string): Promise<string | undefined>;
  pickMedia(kinds: readonly MediaKind[], multiple: boolean): Promise<string[] | undefined>;
  /** Shows a file in the OS file browser. */
  reveal(path: string): Promise<void>;
}

/** Where the API key lives. `get` is for the Node side only; nothing returns it to the window. */
export interface KeyStore {
  status(): KeyStatus;
  get(): string | undefined;
  set(key: string, options: { allowPlainText: boolean }): Promise<KeyStatus>;
  clear(): Promise<KeyStatus>;
}

/** Dialogs for a host that has none: every picker says so, and the window asks for a path. */
export const noDialogs: Dialogs = {
  native: false,
  openGraph: async () => undefined,
  saveGraph: async () => undefined,
  pickMedia: async () => undefined,
  reveal: async () => undefined,
};
