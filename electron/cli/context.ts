/**
 * What every command is handed: the outside world (io) and the engine (deps). Commands never
 * touch `process` directly, so tests drive them with in-memory streams and fake runners.
 */
import type { Ledger } from '../engine/ledger';
import type { ModellixClient } from '../engine/modellix';
import type { SimulatorCliInput, SimulatorHandle } from '../engine/simulator';
import type { RunnerApi } from './runner-api';

/** A stream the CLI writes to (process.stdout / process.stderr, or a test buffer). */
export type OutStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export type CliSignal = 'SIGINT' | 'SIGTERM';

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  /** Folder relative paths on the command line are taken from. */
  cwd: string;
  platform: NodeJS.Platform;
  homedir: string;
  /** Calls `handler` on each delivery of the signal until the returned function is called. */
  onSignal(signal: CliSignal, handler: () => void): () => void;
  /** Ends the process at once (a second Ctrl-C). */
  exit(code: number): void;
  now(): number;
}

export interface CliDeps {
  runner: RunnerApi;
  openLedger(dataDir: string): Promise<Ledger>;
  createClient(options: { baseUrl: string; apiKey: string }): ModellixClient;
  startSimulator(input: SimulatorCliInput & { out: (line: string) => void; handleSignals: false }): Promise<SimulatorHandle>;
}

export interface CliContext {
  io: CliIo;
  deps: CliDeps;
  /** The package version, for `--version`. */
  version: string;
}
