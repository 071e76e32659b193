/** An engine wired to a fresh simulator and a fresh data folder, for integration tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunEvent } from '../../shared/api/run-events';
import { Ledger } from '../../electron/engine/ledger';
import { createModellixClient } from '../../electron/engine/modellix';
import { FAST_POLLING, type RunnerDeps } from '../../electron/engine/runner';
import { startSimulator, type FaultsInput } from '../../electron/engine/simulator';

export const MEDIA = resolve(import.meta.dirname, '../fixtures/media');
export const API_KEY = 'test-key-0123456789';

export interface Harness {
  dir: string;
  sim: Awaited<ReturnType<typeof startSimulator>>;
  ledger: Ledger;
  events: RunEvent[];
  deps(extra?: Partial<RunnerDeps>): RunnerDeps;
  close(): Promise<void>;
}

export async function harness(options: { faults?: FaultsInput; processingMs?: number } = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'sf-engine-'));
  const sim = await startSimulator({ apiKeys: [API_KEY], processingMs: options.processingMs ?? 30, ...(options.faults ? { faults: options.faults } : {}) });
  const ledger = await Ledger.open(join(dir, 'data'));
  const events: RunEvent[] = [];
  const client = createModellixClient({ baseUrl: sim.url, apiKey: API_KEY, timeoutMs: 5000 });
  return {
    dir,
    sim,
    ledger,
    events,
    deps: (extra = {}) => ({
      client,
      ledger,
      polling: { ...FAST_POLLING, firstDelayMs: 10, maxDelayMs: 50, maxWaitMs: 30_000 },
      concurrency: 4,
      onEvent: (e) => events.push(e),
      ...extra,
    }),
    async close() {
      await ledger.close();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
