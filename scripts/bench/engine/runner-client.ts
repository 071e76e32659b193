/**
 * The engine as the app and the CLI drive it: one run per task through `startRuns`, with the
 * ledger (written before and after every submit) and downloads into a run folder. Only the
 * runner's public functions are used.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Ledger } from '../../../electron/engine/ledger';
import { createModellixClient } from '../../../electron/engine/modellix';
import { FAST_POLLING, recipeFor, startRuns, type PollingPolicy } from '../../../electron/engine/runner';
import { BENCH_API_KEY, taskGraph } from './tasks';

/** Poll at once: against a simulator that finishes at the first poll, any wait is only waiting. */
export const BENCH_POLLING: PollingPolicy = { ...FAST_POLLING, firstDelayMs: 0, jitter: 0 };

export interface ClientRun {
  tasks: number;
  concurrency: number;
  baseUrl: string;
  /** A fresh folder for the ledger and the outputs. */
  dir: string;
}

export interface ClientOutcome {
  succeeded: number;
  /** The ledger file's size after the run (0 for a client without one). */
  ledgerBytes: number;
}

export async function runThroughRunner(run: ClientRun): Promise<ClientOutcome> {
  const ledger = await Ledger.open(join(run.dir, 'data'));
  try {
    const client = createModellixClient({ baseUrl: run.baseUrl, apiKey: BENCH_API_KEY });
    const recipes = Array.from({ length: run.tasks }, (_, i) =>
      recipeFor({ graph: taskGraph(i), graphFile: null, baseDir: run.dir, outDir: join(run.dir, 'out'), repeat: i + 1 }),
    );
    const summaries = await startRuns(recipes, { client, ledger, concurrency: run.concurrency, polling: BENCH_POLLING });
    return { succeeded: summaries.filter((s) => s.ok).length, ledgerBytes: (await stat(ledger.file)).size };
  } finally {
    await ledger.close();
  }
}
