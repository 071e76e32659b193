/**
 * The CLI with the real engine (runner, ledger, Modellix client) against the real simulator on
 * loopback: a chain runs, its outputs land on disk, `tasks --json` shows them, a re-run reuses.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../engine/simulator';
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
