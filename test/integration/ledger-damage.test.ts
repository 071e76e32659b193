/**
 * A damaged `run.started` line must not hide the run's paid tasks: each task line carries enough
 * (service, output folder, name) to be listed and finished on its own.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEDGER_FILE, Ledger, readLedgerSnapshot, taskIntent } from '../../electron/engine/ledger';
import { createModellixClient } from '../../electron/engine/modellix';
import { FAST_POLLING, recipeFor, resumeRuns } from '../../electron/engine/runner';
import { startSimulator, type SimulatorHandle } from '../../electron/engine/simulator';
import { graphOf, seedance } from '../support/graphs';
import { API_KEY } from '../support/engine';

let dir: string;
let sim: SimulatorHandle;
afterEach(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a damaged run.started line', () => {
  it('leaves the run\'s tasks listed and resumable: polled and downloaded into their own folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sf-damage-'));
    sim = await startSimulator({ apiKeys: [API_KEY], processingMs: 0 });
    const data = join(dir, 'data');
    const folder = join(dir, 'out', 'shots-run1');
    const client = createModellixClient({ baseUrl: sim.url, apiKey: API_KEY });
    const recipe = recipeFor({ graph: graphOf([seedance('shot', 'seedance-2.0-t2v', 'A harbour at dawn')]), graphFile: null, baseDir: dir, outDir: join(dir, 'out') });

    // A process submitted a task, then died; later its run line was damaged on disk.
    let ledger = await Ledger.open(data);
    await ledger.append({ type: 'run.started', runId: 'run-1', graphFile: null, graphHash: 'h', batchRow: null, recipe: recipe as unknown as Record<string, never>, service: sim.url });
    const body = { prompt: 'A harbour at dawn' };
    const path = '/api/v1/bytedance/seedance-2.0-t2v/async';
    const intent = taskIntent({ runId: 'run-1', nodeId: 'shot', model: 'seedance-2.0-t2v', submitPath: path, body, service: sim.url, folder, label: 'Harbour' });
    await ledger.append(intent);
    const receipt = await client.submit(path, body);
    await ledger.append({ type: 'task.submitted', taskKey: intent.taskKey, taskId: receipt.taskId });
    await ledger.close();
    const file = join(data, LEDGER_FILE);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[0] = `${(lines[0] ?? '').slice(0, 40)}#damaged`;
    writeFileSync(file, lines.join('\n'));

    // Listed (what `tasks` and the window's history read).
    const snapshot = await readLedgerSnapshot(data);
    expect(snapshot.warnings.join('\n')).toMatch(/line 1/);
    expect([...snapshot.state.tasks.values()].map((t) => [t.nodeId, t.state, t.taskId, t.label])).toEqual([['shot', 'submitted', receipt.taskId, 'Harbour']]);
    expect(snapshot.state.runs.get('run-1')).toMatchObject({ orphan: true, service: sim.url });

    // Resumed on its own: polled, downloaded where its run would have put it.
    ledger = await Ledger.open(data);
    try {
      const events: string[] = [];
      const { runs } = await resumeRuns({ client, ledger, polling: FAST_POLLING, concurrency: 2, onEvent: (e) => events.push(e.type) });
      expect(runs).toHaveLength(1);
      expect(runs[0]?.nodes).toMatchObject([{ node: 'shot', outcome: 'succeeded' }]);
      expect(existsSync(join(folder, 'shot.mp4'))).toBe(true);
      expect(ledger.task(intent.taskKey)?.outputs?.[0]?.path).toBe(join(folder, 'shot.mp4'));
      expect(ledger.run('run-1')?.outcome).toBe('succeeded');
      expect(sim.stats.submits.total).toBe(1);
      expect(events).toContain('task.succeeded');
    } finally {
      await ledger.close();
    }
  });
});
