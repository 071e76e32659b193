import { describe, expect, it, vi } from 'vitest';
import { useEditor } from '../store/editor';
import { createCommands, withGraphExtension } from './commands';
import { NOTIFY_AFTER_MS } from './notify';
import { createFakeApi, graphWith, resetStores, seedanceNode } from './test-support';

describe('withGraphExtension', () => {
  it('gives a typed path the graph extension the Node side saves (only *.seedance.json)', () => {
    expect(withGraphExtension(' /w/shot ')).toBe('/w/shot.seedance.json');
    expect(withGraphExtension('/w/shot.json')).toBe('/w/shot.seedance.json');
    expect(withGraphExtension('/w/shot.SEEDANCE.json')).toBe('/w/shot.SEEDANCE.json');
    expect(withGraphExtension('/w/shot.seedance.json')).toBe('/w/shot.seedance.json');
  });
});

describe('runs that end while the window is in the background', () => {
  it('are notified when they took long, with the finished text; short ones and ones watched are not', async () => {
    resetStores(graphWith([seedanceNode('shot1', 'A calm sea at dawn', 'seedance-2.0-t2v')]));
    const api = createFakeApi();
    api['run.start'] = vi.fn(async () => ({ runIds: ['run-1'] }));
    const shown: [string, string][] = [];
    let background = true;
    const asked = vi.fn();
    const commands = createCommands({ api, notifier: { inBackground: () => background, show: (t, b) => (shown.push([t, b]), true), ask: asked } });
    const clock = vi.spyOn(Date, 'now');
    const done = (runId: string, failed = 0) =>
      commands.runEvent({ type: 'run.done', runId, at: 9, ok: failed === 0, succeeded: 1 - failed, reused: 0, failed, unknown: 0, cancelled: 0, skipped: 0 });

    clock.mockReturnValue(1_000);
    await commands.run();
    expect(asked).toHaveBeenCalledTimes(1);
    expect(api['run.start']).toHaveBeenCalled();
    clock.mockReturnValue(1_000 + NOTIFY_AFTER_MS + 1);
    done('run-1');
    expect(shown).toEqual([['Seedance Flow: run finished', 'Run finished: 1 succeeded.']]);
    expect(useEditor.getState().notice?.text).toBe('Run finished: 1 succeeded.');

    // A short run, and a long one the user was watching: the notice only.
    api['run.start'] = vi.fn(async () => ({ runIds: ['run-2'] }));
    clock.mockReturnValue(50_000);
    await commands.run();
    clock.mockReturnValue(50_000 + NOTIFY_AFTER_MS - 1);
    done('run-2', 1);
    background = false;
    api['run.start'] = vi.fn(async () => ({ runIds: ['run-3'] }));
    clock.mockReturnValue(100_000);
    await commands.run();
    clock.mockReturnValue(100_000 + NOTIFY_AFTER_MS * 10);
    done('run-3');
    expect(shown).toHaveLength(1);
    clock.mockRestore();
  });
});

describe('node results', () => {
  it('are read once at a time: asks during a read are answered by one more read, not one each', async () => {
    resetStores(graphWith([seedanceNode('shot1', 'A calm sea at dawn', 'seedance-2.0-t2v')]));
    const api = createFakeApi();
    let release: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    api['tasks.list'] = vi.fn(async () => {
      reads++;
      if (reads === 1) await first;
      return { tasks: [] };
    });
    const commands = createCommands({ api, notifier: { inBackground: () => false, show: () => false, ask: () => undefined } });
    const asks = Array.from({ length: 5 }, () => commands.refreshNodeResults());
    release();
    await Promise.all(asks);
    expect(reads).toBe(2);
    await commands.refreshNodeResults();
    expect(reads).toBe(3);
  });
});

describe('run one node / run from here', () => {
  it('sends the target to plan and run.start, and says what runs and what keeps its result', async () => {
    const restyle = { id: 'restyle', type: 'seedance' as const, position: { x: 400, y: 0 }, data: { model: 'seedance-2.0-t2v' as const, prompt: 'A watercolour sea', settings: {}, label: 'Restyle' } };
    const extend = { id: 'extend', type: 'seedance' as const, position: { x: 800, y: 0 }, data: { model: 'seedance-2.0-v2v' as const, prompt: 'Extend [Video 1]', settings: {}, label: 'Extend' } };
    // A half-built node elsewhere does not stop running one branch.
    const unfinished = seedanceNode('other', '', 'seedance-2.0-t2v');
    resetStores(graphWith([restyle, extend, unfinished], [{ id: 'e1', source: 'restyle', sourceHandle: 'video', target: 'extend', targetHandle: 'video:1' }]));
    const api = createFakeApi();
    const plan = vi.spyOn(api, 'plan');
    api['run.start'] = vi.fn(async () => ({ runIds: ['run-1'] }));
    const commands = createCommands({ api, notifier: { inBackground: () => false, show: () => false, ask: () => undefined } });
    await commands.run({ target: { node: 'extend', scope: 'node' } });
    expect(plan.mock.calls[0]?.[0]).toMatchObject({ target: { node: 'extend', scope: 'node' } });
    expect(api['run.start']).toHaveBeenCalledWith(expect.objectContaining({ target: { node: 'extend', scope: 'node' } }));
    expect(useEditor.getState().notice?.text).toBe('Running "Extend": 1 task. "Restyle" keeps its latest result if unchanged (else it runs too).');
    // The whole graph does not run while the unfinished node has problems.
    await commands.run();
    expect(api['run.start']).toHaveBeenCalledTimes(1);
  });
});

describe('history commands', () => {
  it('say plainly when Resume closed simulated runs of an earlier session', async () => {
    resetStores();
    const api = createFakeApi();
    api['run.resume'] = vi.fn(async () => ({ runIds: [], unknown: [], elsewhere: [], closed: ['old-1', 'old-2'] }));
    const commands = createCommands({ api, notifier: { inBackground: () => false, show: () => false, ask: () => undefined } });
    await commands.resume();
    const notice = useEditor.getState().notice;
    expect(notice?.kind).toBe('warning');
    expect(notice?.text).toBe(
      'Nothing to resume. 2 simulated runs were closed: the simulator inside the app keeps no tasks across restarts. Nothing was paid; run the graph again.',
    );
    // Never the advice meant for a real service.
    expect(notice?.text).not.toMatch(/Settings|dashboard/);
  });

  it('open an earlier run\'s graph as a new unsaved document, never over the open file', async () => {
    resetStores(graphWith([seedanceNode('shot1', 'Mine')]), '/work/mine.seedance.json');
    const api = createFakeApi();
    const commands = createCommands({ api, notifier: { inBackground: () => false, show: () => false, ask: () => undefined } });
    const earlier = graphWith([seedanceNode('shot1', 'As it was')], [], 'Night drive (as run 1 Dec)');
    expect(await commands.openAsDocument(earlier, 'the graph of the run of 1 Dec')).toBe(true);
    const { path, graph } = useEditor.getState();
    expect(path).toBeNull();
    expect(graph.name).toBe('Night drive (as run 1 Dec)');
    expect(api.calls.some((c) => c.method === 'graph.save')).toBe(false);
    expect(useEditor.getState().notice?.text).toMatch(/your file is unchanged/);
  });
});
