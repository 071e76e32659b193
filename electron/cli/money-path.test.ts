/**
 * The money path through the CLI with the real engine against real simulators on loopback: caches
 * and reuse are bound to the service they came from, and identical fixed-seed requests within one
 * invocation are paid once.
 */
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('recover: a lost submit found on the dashboard', () => {
  it('records the task id, downloads the result into the run, and the run is no longer short of it', async () => {
    const sim = await simulator();
    // The first submit's connection drops after the task exists: its outcome is unknown.
    sim.setFaults({ dropSubmit: { count: 1, when: 'after-create' } });
    h = withExample();
    expect(await h.run('run', 'extend.seedance.json', '--base-url', sim.url, '--yes')).toBe(1);
    expect(sim.stats.submits.total).toBe(1);
    h.io.stdout.text = '';
    h.io.stderr.text = '';
    expect(await h.run('tasks')).toBe(0);
    const key = /\? key ([0-9a-f]{8})/.exec(h.io.stdout.text)?.[1];
    expect(key).toBeDefined();
    expect(h.io.stderr.text).toContain(`seedance-flow recover ${key} <task id>`);

    const [taskId] = sim.stats.submits.taskIds;
    // Refused with advice, nothing recorded: an id Modellix does not know, then a wrong key.
    expect(await h.run('recover', key as string, 'task-does-not-exist', '--base-url', sim.url)).toBe(2);
    expect(h.io.stderr.text).toMatch(/Modellix knows no task task-does-not-exist/);
    expect(await h.run('recover', 'ffffffff', taskId as string, '--base-url', sim.url)).toBe(2);

    h.io.stdout.text = '';
    expect(await h.run('recover', key as string, taskId as string, '--base-url', sim.url, '--json')).toBe(0);
    const summary = JSON.parse(h.io.stdout.text.trim().split('\n').at(-1) ?? '{}') as { ok: boolean; files: string[]; node: string };
    expect(summary).toMatchObject({ ok: true, node: 'extend1' });
    expect(summary.files[0]).toMatch(/extend1\.mp4$/);
    expect(existsSync(summary.files[0] as string)).toBe(true);
    expect(sim.stats.submits.total).toBe(1);

    h.io.stdout.text = '';
    expect(await h.run('tasks', '--json')).toBe(0);
    const tasks = h.io.stdout.text.trim().split('\n').map((l) => JSON.parse(l) as { node: string; state: string; taskId: string | null });
    expect(tasks.find((t) => t.node === 'extend1')).toMatchObject({ state: 'succeeded', taskId });
    // Recovered once: the same id cannot be recorded twice.
    expect(await h.run('recover', key as string, taskId as string, '--base-url', sim.url)).toBe(2);
    expect(sim.stats.submits.total).toBe(1);
  });
});

describe('quitting while a submit is in flight', () => {
  it('Ctrl-C twice waits a few seconds for the submit already sent, says so, and keeps its task id', async () => {
    const sim = await simulator();
    sim.setFaults({ latency: { count: 1, on: ['submit'], ms: 700 } });
    h = withExample();
    const run = h.run('run', 'extend.seedance.json', '--base-url', sim.url, '--yes');
    await vi.waitFor(() => expect(sim.stats.submits.total).toBe(1), { timeout: 5000, interval: 10 });
    h.io.signal('SIGINT');
    h.io.signal('SIGINT');
    expect(h.io.exitCalls).toEqual([]);
    expect(h.io.stderr.text).toMatch(/waiting .*1 submit already sent/i);
    await vi.waitFor(() => expect(h.io.exitCalls).toEqual([130]), { timeout: 5000, interval: 10 });
    await run;
    h.io.stdout.text = '';
    expect(await h.run('tasks', '--json')).toBe(0);
    const tasks = h.io.stdout.text.trim().split('\n').map((l) => JSON.parse(l) as { state: string; taskId: string | null });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.taskId).toBe(sim.stats.submits.taskIds[0]);
    expect(tasks[0]?.state).not.toBe('unknown');
  });
});
