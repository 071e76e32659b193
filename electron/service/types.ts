/** The app service as its hosts (Electron main, browser mode) see it. */
import type { ApiHandlers, EventName, EventOf } from '../../shared/api';
import type { Dialogs, GraphPaths, KeyStore } from './ports';

export interface AppServiceOptions {
  /** The app data folder: ledger, settings, recent files, recovery file, key file. */
  dataDir: string;
  mode: 'desktop' | 'browser';
  version: string;
  /** The process environment: MODELLIX_BASE_URL decides where runs go (see resolveBaseUrl). */
  env: Readonly<Record<string, string | undefined>>;
  keyStore: KeyStore;
  dialogs: Dialogs;
  /** Which graph files the window may open or save by naming their path (see GraphPaths). */
  graphPaths: GraphPaths;
  /** Default output folder when the settings name none. */
  defaultOutDir: string;
  /** The example pipelines' folder (templates resolve their media there), if shipped. */
  examplesDir?: string | null;
  /** Replaces the global fetch for Modellix calls and downloads (tests). */
  fetch?: typeof fetch;
  log?: (message: string) => void;
}

export type EventListener = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export interface AppService {
  handlers: ApiHandlers;
  /** Every event for the window; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** Sends an event to every subscriber (hosts use it for menu commands). */
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
  /** Secrets that must never cross a transport (for `dispatch`). */
  secrets(): string[];
  /** Looks up an imported media file by id, for the preview protocol; undefined if never imported. */
  mediaPath(mediaId: string): string | undefined;
  /** Submits sent whose answer has not come back (quitting waits a few seconds for them). */
  submitsInFlight(): number;
  /** Suspends runs (they resume at the next start), waits a few seconds for submits already sent, releases the ledger's lock. */
  dispose(): Promise<void>;
}
