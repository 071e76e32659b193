/**
 * The money path through the CLI with the real engine against real simulators on loopback: caches
 * and reuse are bound to the service they came from, and identical fixed-seed requests within one
 * invocation are paid once.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../engine/simulator';
import { realDeps } from './real-deps';
import { API_KEY, makeHarness, REPO, type Harness } from './test-support/harness';

const sims: SimulatorHandle[] = [];
let h: Harness;

afterEach(async () => {
  h?.cleanup();
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(): Promise<SimulatorHandle> {
  const sim = await startSimulator({ processingMs: 0 });
  sims.push(sim);
  return sim;
}

/** A harness whose folder holds the shipped example "Extend a clip" with its media. */
function withExample(): Harness {
  const harness = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
  Object.assign(harness.ctx, { deps: realDeps() });
  cpSync(path.join(REPO, 'examples/extend-a-clip.seedance.json'), path.join(harness.dir, 'extend.seedance.json'));
  cpSync(path.join(REPO, 'examples/media'), path.join(harness.dir, 'media'), { recursive: true });
  return harness;
}

describe('caches are bound to the service', () => {
  it('a second service gets its own upload and submits; nothing is reused across services', async () => {
    const a = await simulator();
    const b = await simulator();
    h = withExample();
    expect(await h.run('run', 'extend.seedance.json', '--base-url', a.url, '--yes')).toBe(0);
    expect(a.stats.uploads).toBe(1);
    expect(a.stats.submits.total).toBe(2);

    // The same data folder (ledger), another service: nothing of A's may stand in.
    expect(await h.run('run', 'extend.seedance.json', '--base-url', b.url, '--yes', '--json')).toBe(0);
    expect(b.stats.uploads).toBe(1);
    expect(b.stats.submits.total).toBe(2);
    expect(h.io.stdout.text).not.toContain('"task.reused"');
    expect(a.stats.submits.total).toBe(2);

    // Back on A: A's own results are reused, A's upload too.
    expect(await h.run('run', 'extend.seedance.json', '--base-url', a.url, '--yes')).toBe(0);
    expect(a.stats.submits.total).toBe(2);
    expect(a.stats.uploads).toBe(1);
  });
});

describe('repeats of a fixed-seed request', () => {
  it('--runs 3 of a fixed-seed graph pays once and says so before sending', async () => {
    const sim = await simulator();
    h = withExample();
    expect(await h.run('run', 'extend.seedance.json', '--base-url', sim.url, '--runs', '3', '--yes', '--json')).toBe(0);
    // Two nodes, each one request: sent once, shared by the three runs.
    expect(sim.stats.submits.total).toBe(2);
    expect(sim.stats.submits.duplicates).toEqual([]);
    expect(h.io.stderr.text).toMatch(/fixed seed/i);
    const events = h.io.stdout.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; node?: string });
    expect(events.filter((e) => e.type === 'task.succeeded')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'task.reused')).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ type: 'summary', ok: true });
  });
});
