/**
 * Browser mode, composed: the data folder, a key store that keeps a key set in the window in a
 * user-only file (or reads MODELLIX_API_KEY), the app service without native dialogs, and the
 * HTTP host on 127.0.0.1. `seedance-flow serve` and the end-to-end test both start it here.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExamplesDir } from '../service/examples-dir';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyStatus } from '../../shared/api';
import { createKeyStore, PLAIN_KEY_FILE } from '../service/key-store';
import { anyGraphPath, noDialogs } from '../service/ports';
import type { AppService, AppServiceOptions } from '../service/types';
import { startHost, type Host } from './server';

export interface BrowserModeOptions {
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
  version: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Where results go when the settings name no folder. */
  defaultOutDir: string;
  port?: number;
  createService: (options: AppServiceOptions) => AppService | Promise<AppService>;
  log?: (line: string) => void;
}

export interface BrowserMode {
  host: Host;
  service: AppService;
  /** Where a key set in the window is kept (mode 0600). */
  keyFile: string;
  keyStatus(): KeyStatus;
  /** Stops the server, then the service (runs cancelled, ledger released). */
  close(): Promise<void>;
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const keyStore = createKeyStore({ dataDir: options.dataDir, env: options.env, plainFileByDefault: true });
  const service = await options.createService({
    dataDir: options.dataDir,
    mode: 'browser',
    version: options.version,
    env: options.env,
    keyStore,
    dialogs: noDialogs,
    // The user types every path in browser mode; the other graph-file rules still apply.
    graphPaths: anyGraphPath,
    defaultOutDir: options.defaultOutDir,
    examplesDir: findExamplesDir(dirname(fileURLToPath(import.meta.url))),
    ...(options.log ? { log: options.log } : {}),
  });
  let host: Host;
  try {
    host = await startHost({
      service,
      rendererDir: options.rendererDir,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  } catch (error) {
    await service.dispose();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    host,
    service,
    keyFile: join(options.dataDir, PLAIN_KEY_FILE),
    keyStatus: () => keyStore.status(),
    close() {
      closing ??= host.close().then(() => service.dispose());
      return closing;
    },
  };
}
