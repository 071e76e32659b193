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
  /** Picks a batch CSV; absent where there is no native dialog (the window asks for a path). */
  pickCsv?(): Promise<string | undefined>;
  /** Asks the user for a folder to write into (`title` says what for); undefined when cancelled. */
  pickFolder(title: string): Promise<string | undefined>;
  /** Shows a file in the OS file browser; absent where the host has none to show (browser mode). */
  reveal?(path: string): Promise<void>;
  /** Opens a file in the OS's app for it; absent where the host cannot (browser mode). */
  openFile?(path: string): Promise<void>;
  /**
   * Asks the user whether the API key, entered for `boundTo`, may be sent to `target` (a native
   * dialog from the main process, which the page cannot answer). False: not confirmed, or this
   * host cannot ask (browser mode: the user enters the key again instead).
   */
  confirmKeyOrigin(request: KeyOriginRequest): Promise<boolean>;
}

export interface KeyOriginRequest {
  /** The origin the key was entered for. */
  boundTo: string;
  /** The origin the call would go to. */
  target: string;
}

/** The API key and the service address (an origin) it was entered for. */
export interface StoredKey {
  key: string;
  origin: string;
}

/**
 * Where the API key lives, with the origin it is bound to. `get` is for the Node side only (and
 * only the service's key gate may send it anywhere); nothing returns the key to the window.
 */
export interface KeyStore {
  /** Where the key is kept, and `boundTo` (never the key). */
  status(): KeyStatus;
  get(): StoredKey | undefined;
  /** Keeps a key entered for `origin`. */
  set(key: string, options: { allowPlainText: boolean; origin: string }): Promise<KeyStatus>;
  /** Binds the key to another origin: only after the user confirmed sending it there. */
  rebind(origin: string): Promise<KeyStatus>;
  clear(): Promise<KeyStatus>;
}

/**
 * Graph files the window may name by path itself (`graph.open` / `graph.save` with a `path`). The
 * desktop app allows only paths the user chose outside the page: its native dialogs, files given
 * at launch or by the OS, Open Recent, and files dropped on the window (the preload reports
 * those, from the File itself). Browser mode has no dialogs, so there the user types paths and
 * any path is allowed. The other graph-file rules (graph-files.ts) apply everywhere.
 */
export interface GraphPaths {
  /** Whether the window may name `path` itself. */
  allows(path: string): boolean;
  /** Remembers a path the user chose. */
  grant(path: string): void;
}

/** Browser mode: the user types every path, so any path is the user's. */
export const anyGraphPath: GraphPaths = {
  allows: () => true,
  grant: () => undefined,
};

/** Dialogs for a host that has none: every picker says so, and the window asks for a path. */
export const noDialogs: Dialogs = {
  native: false,
  openGraph: async () => undefined,
  saveGraph: async () => undefined,
  pickMedia: async () => undefined,
  pickFolder: async () => undefined,
  confirmKeyOrigin: async () => false,
};
