/**
 * "Run this node" and "Run from here" against the simulator over real HTTP: what is paid for.
 * Nodes upstream of the target keep their latest unchanged result (whatever their seed) and are
 * paid for only when there is none; the target and, for "from here", everything downstream run.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArgsOf, TaskView } from '../../shared/api';
import type { GraphDocument } from '../../shared/graph';
import type { SimulatorHandle } from '../engine/simulator';
import { asset, edge, file, graphOf, seedance } from '../../test/support/graphs';
import { closeServiceFixture, makeTestService, nextRunEvent, serviceClient, startServiceFixture, useSimulator } from './test-support/harness';
import type { AppService } from './types';

let dir: string;
let sim: SimulatorHandle;
let service: AppService;
const { call, ok } = serviceClient(() => service);

beforeEach(async () => {
  ({ dir, sim } = await startServiceFixture('sf-target-'));
  service = makeTestService(dir);
  await useSimulator(service, sim);
});
afterEach(async () => {
  await closeServiceFixture({ service, sim, dir });
});

/** clip → "Restyle" → "Extend" (from Restyle's video), no fixed seeds: every run of a node pays. */
function chain(prompts: { restyle?: string; extend?: string } = {}): GraphDocument {
  return graphOf(
    [
      asset('clip', 'video', file(join(dir, 'project', 'clip.mp4')), { label: 'Source clip' }),
      { ...seedance('restyle', 'seedance-2.0-v2v', prompts.restyle ?? 'Restyle [Video 1] as watercolour'), data: { model: 'seedance-2.0-v2v', prompt: prompts.restyle ?? 'Restyle [Video 1] as watercolour', settings: {}, label: 'Restyle' } },
      { ...seedance('extend', 'seedance-2.0-v2v', prompts.extend ?? 'Extend [Video 1]', {}, 800), data: { model: 'seedance-2.0-v2v', prompt: prompts.extend ?? 'Extend [Video 1]', settings: {}, label: 'Extend' } },
    ],
    [edge('e1', 'clip', 'media', 'restyle', 'video:1'), edge('e2', 'restyle', 'video', 'extend', 'video:1')],
    { name: 'Target test' },
  );
}

/** Starts a run and waits for its end; returns its tasks by node. */
async function run(graph: GraphDocument, target?: ArgsOf<'run.start'>['target']): Promise<Map<string, TaskView>> {
  const done = nextRunEvent(service, (e) => e.type === 'run.done');
  const { runIds } = await ok('run.start', { graph, graphPath: null, ...(target ? { target } : {}) });
  await done;
  const { tasks } = await ok('tasks.list', { runId: runIds[0] as string });
  return new Map(tasks.map((t) => [t.node, t]));
}

describe('run one node / run from here (issue 10.3)', () => {
  it('Run this node pays for that node only and keeps the unchanged node upstream', async () => {
    await run(chain());
    expect(sim.stats.submits.total).toBe(2);
    const tasks = await run(chain(), { node: 'extend', scope: 'node' });
    expect(sim.stats.submits.total).toBe(3);
    expect(tasks.get('restyle')?.reusedFrom).toBeDefined();
    expect(tasks.get('extend')).toMatchObject({ state: 'succeeded' });
    expect(tasks.get('extend')?.reusedFrom).toBeUndefined();
    // Extend's request is the same as before (Restyle's kept video, no fixed seed): a new take, paid on purpose.
    expect(sim.stats.submits.duplicates).toHaveLength(1);
  });

  it('an upstream node whose request changed runs again (it has no unchanged result to keep)', async () => {
    await run(chain());
    const tasks = await run(chain({ restyle: 'Restyle [Video 1] as charcoal' }), { node: 'extend', scope: 'node' });
    expect(sim.stats.submits.total).toBe(4);
    expect(tasks.get('restyle')?.reusedFrom).toBeUndefined();
    expect(tasks.get('restyle')).toMatchObject({ state: 'succeeded' });
  });

  it('Run this node on the first node runs it alone: nothing downstream is paid', async () => {
    await run(chain());
    const tasks = await run(chain(), { node: 'restyle', scope: 'node' });
    expect(sim.stats.submits.total).toBe(3);
    expect([...tasks.keys()]).toEqual(['restyle']);
  });

  it('Run from here runs the node and everything downstream; from an asset, every node it feeds', async () => {
    await run(chain());
    const fromRestyle = await run(chain(), { node: 'restyle', scope: 'from' });
    expect(sim.stats.submits.total).toBe(4);
    expect([...fromRestyle.values()].every((t) => t.reusedFrom === undefined)).toBe(true);
    const fromExtend = await run(chain(), { node: 'extend', scope: 'from' });
    expect(sim.stats.submits.total).toBe(5);
    expect(fromExtend.get('restyle')?.reusedFrom).toBeDefined();
    await run(chain(), { node: 'clip', scope: 'from' });
    expect(sim.stats.submits.total).toBe(7);
  });

  it('plan shows what a target runs and keeps; a target that cannot run sends nothing and says why', async () => {
    const plan = await ok('plan', { graph: chain(), graphPath: null, target: { node: 'extend', scope: 'node' } });
    expect(plan.tasks.map((t) => t.node)).toEqual(['restyle', 'extend']);
    expect(plan.kept).toEqual(['restyle']);
    // A half-built branch elsewhere does not stop running this one.
    const broken = chain();
    broken.nodes.push({ ...seedance('other', 'seedance-2.0-t2v', ''), data: { model: 'seedance-2.0-t2v', prompt: '', settings: {}, label: 'Unfinished' } });
    const scoped = await ok('plan', { graph: broken, graphPath: null, target: { node: 'restyle', scope: 'node' } });
    expect(scoped.ok).toBe(true);
    expect((await ok('plan', { graph: broken, graphPath: null })).ok).toBe(false);
    const answer = await call('run.start', { graph: chain(), graphPath: null, target: { node: 'clip', scope: 'node' } });
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Nothing was sent[\s\S]*"Source clip" is an asset[\s\S]*Run from here/) } });
    expect(sim.stats.submits.total).toBe(0);
  });
});
