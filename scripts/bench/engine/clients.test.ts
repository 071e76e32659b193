import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/engine/simulator';
import { runThroughFetch } from './fetch-client';
import { runThroughRunner } from './runner-client';
import { BENCH_API_KEY } from './tasks';

let sim: SimulatorHandle;
let dir: string;
beforeEach(async () => {
  sim = await startSimulator({ apiKeys: [BENCH_API_KEY], processingMs: 0 });
  dir = await mkdtemp(path.join(tmpdir(), 'sf-bench-client-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the engine benchmark clients', () => {
  it('the runner submits, polls and downloads each task once, and keeps a ledger', async () => {
    const outcome = await runThroughRunner({ tasks: 5, concurrency: 2, baseUrl: sim.url, dir });
    expect(outcome.succeeded).toBe(5);
    expect(outcome.ledgerBytes).toBeGreaterThan(0);
    expect(sim.stats.submits.total).toBe(5);
    expect(sim.stats.submits.duplicates).toEqual([]);
    expect(sim.stats.downloads).toBe(5);
  });

  it('the fetch loop makes the same calls and writes each video', async () => {
    const outcome = await runThroughFetch({ tasks: 5, concurrency: 2, baseUrl: sim.url, dir });
    expect(outcome).toEqual({ succeeded: 5, ledgerBytes: 0 });
    expect(sim.stats.submits.total).toBe(5);
    expect(sim.stats.submits.duplicates).toEqual([]);
    expect(sim.stats.polls).toBe(5);
    expect(sim.stats.downloads).toBe(5);
    expect((await readdir(path.join(dir, 'out'))).sort()).toEqual(['task-0.mp4', 'task-1.mp4', 'task-2.mp4', 'task-3.mp4', 'task-4.mp4']);
  });

  it('the fetch loop fails loudly when a task fails', async () => {
    sim.setFaults({ failTasks: { count: 1 } });
    await expect(runThroughFetch({ tasks: 2, concurrency: 1, baseUrl: sim.url, dir })).rejects.toThrow(/failed/);
  });
});
