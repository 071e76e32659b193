/**
 * The CLI with the real engine (runner, ledger, Modellix client) against the real simulator on
 * loopback: a chain runs, its outputs land on disk, `tasks --json` shows them, a re-run reuses.
 */
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../engine/simulator';
import { serializeGraph } from '../../shared/graph';
import { asset, edge, graphOf, seedance } from '../../test/support/graphs';
import { makeTestService, serviceClient } from '../service/test-support/harness';
import { realDeps } from './real-deps';
import { API_KEY, makeHarness, type Harness } from './test-support/harness';

let sim: SimulatorHandle;
let h: Harness;

beforeAll(async () => {
  sim = await startSimulator({ processingMs: 0 });
});
afterAll(async () => {
  h?.cleanup();
  await sim.close();
});

describe('seedance-flow against the simulator', () => {
  it('runs a two-node chain, downloads both outputs, lists them, and reuses them on a re-run', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY, MODELLIX_BASE_URL: sim.url } });
    Object.assign(h.ctx, { deps: realDeps() });
    expect(await h.run('run', 'chain.seedance.json', '--json')).toBe(0);
    const lines = h.io.stdout.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; outputs?: string[] });
    const outputs = lines.filter((l) => l.type === 'task.succeeded').flatMap((l) => l.outputs ?? []);
    expect(outputs.length).toBeGreaterThanOrEqual(3);
    for (const file of outputs) expect(existsSync(file)).toBe(true);
    expect(outputs.every((f) => f.startsWith(path.join(h.dir, 'seedance-output')))).toBe(true);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', ok: true, exitCode: 0 });
    expect(h.io.stdout.text + h.io.stderr.text).not.toContain(API_KEY);

    h.io.stdout.text = '';
    expect(await h.run('tasks', '--json')).toBe(0);
    const tasks = h.io.stdout.text.trim().split('\n').map((l) => JSON.parse(l) as { node: string; state: string });
    expect(tasks.map((t) => [t.node, t.state])).toEqual([
      ['shot1', 'succeeded'],
      ['shot2', 'succeeded'],
    ]);

    // shot1 has a fixed seed: the same request is reused, not paid again; shot2 (random seed) runs again.
    const submitsBefore = sim.stats.submits.total;
    h.io.stdout.text = '';
    expect(await h.run('run', 'chain.seedance.json')).toBe(0);
    expect(h.io.stdout.text).toContain('shot1 reused');
    expect(sim.stats.submits.total).toBe(submitsBefore + 1);
  });
});

describe('run --node / --from against the simulator', () => {
  it('pays for the named node only, keeps the unchanged node upstream, and names the nodes when the flag names none', async () => {
    const t = makeHarness({ env: { MODELLIX_API_KEY: API_KEY, MODELLIX_BASE_URL: sim.url } });
    try {
      Object.assign(t.ctx, { deps: realDeps() });
      expect(await t.run('run', 'chain.seedance.json')).toBe(0);
      const before = sim.stats.submits.total;
      t.io.stdout.text = '';
      expect(await t.run('run', 'chain.seedance.json', '--node', 'shot2', '--json')).toBe(0);
      expect(sim.stats.submits.total).toBe(before + 1);
      const events = t.io.stdout.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; node?: string; reason?: string });
      expect(events.find((e) => e.type === 'task.reused')).toMatchObject({ node: 'shot1', reason: expect.stringMatching(/^kept its latest result/) });
      expect(events.filter((e) => e.type === 'task.succeeded').map((e) => e.node)).toEqual(['shot2']);

      expect(await t.run('run', 'chain.seedance.json', '--node', 'nope')).toBe(2);
      expect(t.io.stderr.text).toMatch(/--node "nope": the graph has no node with that name or id\. Its Seedance nodes: .*shot1.*shot2/);
      expect(await t.run('run', 'chain.seedance.json', '--node', 'shot1', '--from', 'shot1')).toBe(2);
      expect(sim.stats.submits.total).toBe(before + 1);
    } finally {
      t.cleanup();
    }
  });
});

describe('run --rows: the batch saved in the graph, against the simulator', () => {
  it('runs one task per row, then --retry-failed finds every row done (by the ids the window uses too)', async () => {
    const t = makeHarness({ env: { MODELLIX_API_KEY: API_KEY, MODELLIX_BASE_URL: sim.url } });
    try {
      Object.assign(t.ctx, { deps: realDeps() });
      copyFileSync(path.join(t.dir, 'clip.mp4'), path.join(t.dir, 'second.mp4'));
      // Two items on the asset, as "Choose several…" saves them (relative to the graph file).
      const items = [{ kind: 'file' as const, path: 'clip.mp4' }, { kind: 'file' as const, path: 'second.mp4' }];
      const graph = graphOf(
        [asset('clip', 'video', items[0], { items, label: 'Clip' }), seedance('shot', 'seedance-2.0-v2v', 'Restyle [Video 1]')],
        [edge('e1', 'clip', 'media', 'shot', 'video:1')],
        { batch: { id: 'takes' } },
      );
      writeFileSync(path.join(t.dir, 'rows.seedance.json'), serializeGraph(graph));
      const before = sim.stats.submits.total;

      // Without --rows: one run, with each node's first item, and a note saying how to run every row.
      expect(await t.run('run', 'rows.seedance.json', '--dry-run')).toBe(0);
      expect(t.io.stderr.text).toContain('holds a batch (rows or several items on an asset node); this run uses each node\'s first item. Add --rows to run every row.');

      t.io.stdout.text = '';
      expect(await t.run('run', 'rows.seedance.json', '--rows', '--json')).toBe(0);
      expect(sim.stats.submits.total).toBe(before + 2);
      const started = t.io.stdout.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; row?: number }).filter((e) => e.type === 'run.started');
      expect(started.map((e) => e.row).sort()).toEqual([1, 2]);

      // The window finds the same rows done: its batch table reads them from the same ledger.
      const service = makeTestService(t.dir);
      try {
        const { ok } = serviceClient(() => service);
        const opened = await ok('graph.open', { path: path.join(t.dir, 'rows.seedance.json') });
        if (opened.canceled) throw new Error('the graph did not open');
        const { rows } = await ok('batch.status', { graph: opened.graph, graphPath: opened.path });
        expect(rows.map((r) => [r.row, r.status])).toEqual([
          [1, 'succeeded'],
          [2, 'succeeded'],
        ]);
      } finally {
        await service.dispose();
      }

      t.io.stderr.text = '';
      expect(await t.run('run', 'rows.seedance.json', '--rows', '--retry-failed')).toBe(0);
      expect(t.io.stderr.text).toContain('Every one of the 2 rows saved in rows.seedance.json has already succeeded: nothing to retry.');
      expect(sim.stats.submits.total).toBe(before + 2);

      expect(await t.run('run', 'rows.seedance.json', '--rows', '--batch', 'rows.csv')).toBe(2);
      expect(t.io.stderr.text).toContain('--rows runs the batch saved in the graph and --batch runs a CSV: give one of them.');
    } finally {
      t.cleanup();
    }
  });
});
