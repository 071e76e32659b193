import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type ArgsOf, type CallAnswer, type MethodName, type RunEvent } from '../../shared/api';
import { Ledger, taskIntent } from '../engine/ledger';
import { recipeFor } from '../engine/runner';
import { startSimulator, type SimulatorHandle } from '../engine/simulator';
import { asset, edge, file, graphOf, seedance } from '../../test/support/graphs';
import { dispatch } from './dispatch';
import { MediaRegistry } from './media-registry';
import { createChosenPaths } from './chosen-paths';
import { noDialogs } from './ports';
import { closeServiceFixture, makeTestService, MEDIA, nextRunEvent, serviceClient, startServiceFixture, TEST_KEY as KEY, type TestServiceOptions } from './test-support/harness';
import type { AppService } from './types';

let dir: string;
let sim: SimulatorHandle;
let service: AppService;
const events: { event: string; payload: unknown }[] = [];
const revealed: string[] = [];

type MakeOptions = Pick<TestServiceOptions, 'dialogs' | 'env' | 'graphPaths'>;

function make(options: MakeOptions = {}): AppService {
  const s = makeTestService(dir, options);
  s.subscribe((event, payload) => events.push({ event, payload }));
  return s;
}

/** Replaces the service of this test (the old one is disposed). */
async function remake(options: MakeOptions = {}): Promise<AppService> {
  await service.dispose();
  service = make(options);
  return service;
}

const { call, ok: okTyped } = serviceClient(() => service);

/** A successful call's result, loosely typed: these tests read fields the contract types per method. */
async function ok<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<Record<string, unknown>> {
  return (await okTyped(method, args)) as Record<string, unknown>;
}

const waitFor = (predicate: (e: RunEvent) => boolean): Promise<RunEvent> => nextRunEvent(service, predicate);

beforeEach(async () => {
  ({ dir, sim } = await startServiceFixture('sf-service-'));
  events.length = 0;
  revealed.length = 0;
  service = make({ dialogs: { ...noDialogs, native: true, reveal: async (p) => void revealed.push(p) } });
});
afterEach(async () => {
  await closeServiceFixture({ service, sim, dir });
});

const chain = () =>
  graphOf(
    [asset('clip', 'video', file(join(dir, 'project', 'clip.mp4'))), seedance('shot', 'seedance-2.0-v2v', 'Restyle [Video 1]', { seed: 3 })],
    [edge('e1', 'clip', 'media', 'shot', 'video:1')],
    { name: 'Service test' },
  );

describe('app service', () => {
  it('never returns the key from any method or event', async () => {
    await ok('settings.set', { baseUrl: sim.url });
    await ok('key.set', { key: KEY, allowPlainText: false });
    const graphPath = join(dir, 'project', 'g.seedance.json');
    const graph = chain();
    const args: { [M in MethodName]: ArgsOf<M> } = {
      'app.info': {},
      'graph.save': { path: graphPath, graph },
      'graph.open': { path: graphPath },
      'graph.recent': {},
      'autosave.write': { graph, path: null },
      'autosave.read': {},
      'autosave.clear': {},
      'media.pick': { kinds: ['video'], multiple: false },
      'media.import': { paths: [join(dir, 'project', 'clip.mp4')] },
      'plan': { graph, graphPath },
      'run.start': { graph, graphPath },
      'batch.readCsv': { graph },
      'batch.status': { graph, graphPath },
      'batch.plan': { graph: { ...graph, nodes: graph.nodes.map((n) => (n.type === 'asset' && n.data.source ? { ...n, data: { ...n.data, items: [n.data.source, n.data.source] } } : n)) }, graphPath },
      'batch.run': { graph: { ...graph, batch: { id: 'b', rows: [{ bindings: {}, variables: {} }] } }, graphPath },
      'run.resume': {},
      'run.cancel': {},
      'tasks.list': {},
      'runs.list': {},
      'key.status': {},
      'key.set': { key: KEY, allowPlainText: false },
      'key.validate': {},
      'balance': {},
      'connection.info': {},
      'settings.get': {},
      'settings.set': { concurrency: 2 },
      'shell.reveal': { path: join(dir, 'project', 'clip.mp4') },
      'shell.open': { path: join(dir, 'project', 'clip.mp4') },
      // The path of the run's result, once it is done (below).
      'results.favourite': { path: join(dir, 'out', 'not-yet.mp4'), favourite: true },
      'results.favourites': { runIds: ['none'] },
      'results.copyFavourites': { runIds: ['none'] },
      'pipelines.list': {},
      'pipelines.save': { graph, name: 'Service test pipeline' },
      'key.clear': {},
      // Filled in below from the run this test makes.
      'run.graph': { runId: '' },
      'task.rerun': { taskKey: '', dryRun: true },
      'task.recover': { taskKey: '', taskId: 'task-abc123' },
      'history.list': { text: 'restyle' },
    };
    expect(Object.keys(args).sort()).toEqual([...METHOD_NAMES].sort());
    const done = waitFor((e) => e.type === 'run.done');
    const answers: CallAnswer[] = [];
    // key.clear last, so every other call runs with the key set.
    const last: MethodName[] = ['run.cancel', 'results.favourite', 'key.clear'];
    const order: MethodName[] = ['graph.save', ...METHOD_NAMES.filter((m) => m !== 'graph.save' && !last.includes(m)), ...last];
    for (const method of order) {
      if (method === 'run.cancel') await done;
      if (method === 'run.graph' || method === 'task.rerun' || method === 'task.recover') {
        const [task] = (await ok('tasks.list', {})).tasks as { runId: string; taskKey: string }[];
        Object.assign(args[method], method === 'run.graph' ? { runId: task?.runId } : { taskKey: task?.taskKey });
      }
      if (method === 'results.favourite') {
        // A result on disk (run.resume, called above, may still be downloading it).
        let path: string | undefined;
        for (let i = 0; i < 200 && !path; i++) {
          const { tasks } = (await ok('tasks.list', {})) as { tasks: { outputs: { path: string }[] }[] };
          path = tasks.find((t) => t.outputs.length > 0)?.outputs[0]?.path;
          if (!path) await new Promise((r) => setTimeout(r, 25));
        }
        args['results.favourite'] = { path: path as string, favourite: true };
      }
      const answer = await call(method, args[method] as never);
      answers.push(answer);
      // A task that succeeded has nothing to recover: refused, in words (which must not hold the key either).
      if (method === 'task.recover') expect(answer).toMatchObject({ ok: false, error: { code: 'failed' } });
      else expect(answer.ok, `${method}: ${JSON.stringify(answer)}`).toBe(true);
    }
    const everything = JSON.stringify({ answers, events });
    expect(everything).not.toContain(KEY);
    expect(everything).toContain('"present":true');
    // key.clear, the last call, removed the stored key.
    expect(existsSync(join(dir, 'data', 'api-key'))).toBe(false);
  });

  it('saves media paths relative to the graph file and opens them absolute', async () => {
    const graphPath = join(dir, 'project', 'g.seedance.json');
    await ok('graph.save', { path: graphPath, graph: chain() });
    expect(readFileSync(graphPath, 'utf8')).toContain('"path": "clip.mp4"');
    const opened = await ok('graph.open', { path: graphPath });
    expect(JSON.stringify(opened.graph)).toContain(JSON.stringify(join(dir, 'project', 'clip.mp4')));
    expect((await ok('graph.recent', {})).files).toEqual([expect.objectContaining({ path: graphPath, name: 'g.seedance.json' })]);
  });

  it('explains a file it cannot open', async () => {
    const answer = await call('graph.open', { path: join(dir, 'nope.json') });
    expect(answer).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringMatching(/does not exist/) } });
  });

  it('imports media with facts and model problems, and previews only what it imported', async () => {
    const result = await ok('media.import', { paths: [join(MEDIA, 'video-1s-854x480.mp4'), join(MEDIA, 'missing.mp4')] });
    const [info] = result.files as { mediaId: string; kind: string; problems: string[]; seconds: number }[];
    expect(info).toMatchObject({ kind: 'video', width: 854, height: 480, problems: ['lasts 1.0 s; each video must last at least 2 s'] });
    expect(result.errors).toEqual([expect.objectContaining({ path: join(MEDIA, 'missing.mp4') })]);
    expect(service.mediaPath(info?.mediaId as string)).toBe(join(MEDIA, 'video-1s-854x480.mp4'));
    expect(service.mediaPath('not-an-id')).toBeUndefined();
    expect(await call('shell.reveal', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ok('shell.reveal', { path: join(MEDIA, 'video-1s-854x480.mp4') })).toEqual({ shown: true });
    expect(revealed).toEqual([join(MEDIA, 'video-1s-854x480.mp4')]);
    expect(await call('shell.open', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A host without a file browser (browser mode's dialogs) says so; the window says where the file is.
    await remake({ dialogs: noDialogs });
    await ok('media.import', { paths: [join(MEDIA, 'video-1s-854x480.mp4')] });
    expect(await ok('shell.reveal', { path: join(MEDIA, 'video-1s-854x480.mp4') })).toEqual({ shown: false });
    // This host (the test's dialogs) cannot open files: the window opens the preview URL instead.
    expect(await ok('shell.open', { path: join(MEDIA, 'video-1s-854x480.mp4') })).toEqual({ opened: false });
  });

  it('registers (and so serves) only files whose full probe succeeds (issue 8.8)', async () => {
    const prose = Buffer.from('These are my private notes, not media. '.repeat(2000));
    const frame = Buffer.alloc(417);
    frame.set([0xff, 0xfb, 0x90, 0x64]);
    const fakes = {
      'sync.mp3': Buffer.concat([Buffer.from([0xff, 0xfb]), prose]),
      'frames.mp3': Buffer.concat([frame, frame, frame, frame, prose]),
      'notes.gif': Buffer.concat([Buffer.from('GIF89a'), prose]),
      'notes.bmp': Buffer.concat([Buffer.from('BM'), prose]),
    };
    const paths = Object.entries(fakes).map(([name, bytes]) => {
      const path = join(dir, 'project', name);
      writeFileSync(path, bytes);
      return path;
    });
    const result = await ok('media.import', { paths });
    expect(result.files).toEqual([]);
    expect(result.errors).toEqual([
      { path: paths[0], message: expect.stringMatching(/^sync\.mp3 looks like an MP3 audio but could not be read/) },
      { path: paths[1], message: expect.stringMatching(/^frames\.mp3 looks like an MP3 audio but could not be read/) },
      { path: paths[2], message: expect.stringMatching(/^notes\.gif is a GIF image; Seedance takes JPEG, PNG or WebP images\. Convert it/) },
      { path: paths[3], message: expect.stringMatching(/^notes\.bmp is a BMP image; Seedance takes JPEG, PNG or WebP images\. Convert it/) },
    ]);
    // Ids are a hash of the path: none of these has one the preview routes would serve.
    const ids = new MediaRegistry();
    for (const path of paths) expect(service.mediaPath(ids.register(path))).toBeUndefined();
  });

  it('plans with the same checks as the command line', async () => {
    const plan = await ok('plan', { graph: chain(), graphPath: null });
    expect(plan.ok).toBe(true);
    expect(plan.tasks).toEqual([
      expect.objectContaining({ node: 'shot', body: expect.objectContaining({ video_urls: [`upload:${join(dir, 'project', 'clip.mp4')}`] }) }),
    ]);
    const bad = graphOf([asset('clip', 'video', file(join(MEDIA, 'video-16s-854x480.mp4'))), seedance('shot', 'seedance-2.0-v2v', '[Video 1]')], [edge('e1', 'clip', 'media', 'shot', 'video:1')]);
    const badPlan = await ok('plan', { graph: bad, graphPath: null });
    expect(badPlan.ok).toBe(false);
    expect(JSON.stringify(badPlan.problems)).toMatch(/may last at most 15 s/);
    expect(await call('run.start', { graph: bad, graphPath: null })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Nothing was sent/) } });
  });

  it('runs from the window, streams events and lists outputs for preview', async () => {
    await ok('settings.set', { baseUrl: sim.url });
    expect(await call('run.start', { graph: chain(), graphPath: null })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/No Modellix API key/) } });
    await ok('key.set', { key: KEY, allowPlainText: false });
    const done = waitFor((e) => e.type === 'run.done');
    const { runIds } = (await ok('run.start', { graph: chain(), graphPath: null })) as { runIds: string[] };
    expect(runIds).toHaveLength(1);
    expect(await done).toMatchObject({ ok: true, succeeded: 1 });
    const { tasks } = (await ok('tasks.list', {})) as { tasks: { state: string; outputs: { mediaId: string; path: string }[] }[] };
    expect(tasks[0]?.state).toBe('succeeded');
    // Paid for at a service of the user's choosing: not marked simulated.
    expect(tasks[0]).not.toHaveProperty('simulated');
    const output = tasks[0]?.outputs[0];
    expect(existsSync(output?.path as string)).toBe(true);
    expect(service.mediaPath(output?.mediaId as string)).toBe(output?.path);
    const { runs } = (await ok('runs.list', {})) as { runs: { outcome: string; graphName: string }[] };
    expect(runs[0]).toMatchObject({ outcome: 'succeeded', graphName: 'Service test' });
  });

  it('lists a reused node in its run, with the earlier task\'s outputs for preview', async () => {
    await ok('settings.set', { baseUrl: sim.url });
    await ok('key.set', { key: KEY, allowPlainText: false });
    type Listed = { tasks: { taskKey: string; runId: string; node: string; state: string; taskId?: string; reusedFrom?: { taskKey: string; taskId?: string }; outputs: { mediaId: string; path: string; kind: string }[] }[] };
    const first = waitFor((e) => e.type === 'run.done');
    const [firstRun] = (await ok('run.start', { graph: chain(), graphPath: null })).runIds as string[];
    expect(await first).toMatchObject({ succeeded: 1 });
    const paid = ((await ok('tasks.list', { runId: firstRun as string })) as Listed).tasks[0];
    expect(paid).toMatchObject({ node: 'shot', state: 'succeeded' });

    const second = waitFor((e) => e.type === 'run.done');
    const [secondRun] = (await ok('run.start', { graph: chain(), graphPath: null })).runIds as string[];
    expect(await second).toMatchObject({ ok: true, succeeded: 0, reused: 1 });
    expect(sim.stats.submits.total).toBe(1);
    const { tasks } = (await ok('tasks.list', { runId: secondRun as string })) as Listed;
    expect(tasks).toEqual([
      expect.objectContaining({ runId: secondRun, node: 'shot', state: 'succeeded', reusedFrom: { taskKey: paid?.taskKey, taskId: paid?.taskId } }),
    ]);
    const output = tasks[0]?.outputs[0];
    expect(output).toMatchObject({ path: paid?.outputs[0]?.path, kind: 'video' });
    expect(service.mediaPath(output?.mediaId as string)).toBe(output?.path);
    // The whole list shows the paid task once and the reuse once.
    const all = ((await ok('tasks.list', {})) as Listed).tasks;
    expect(all.map((t) => [t.runId, t.reusedFrom ? 'reused' : 'paid'])).toEqual([
      [secondRun, 'reused'],
      [firstRun, 'paid'],
    ]);
  });

  it('resumes what a crash left: finishes the run, reports a lost submit and never re-sends it', async () => {
    await ok('settings.set', { baseUrl: sim.url });
    await ok('key.set', { key: KEY, allowPlainText: false });
    const graph = graphOf(
      [seedance('a', 'seedance-2.0-t2v', 'lost', {}, 0), seedance('b', 'seedance-2.0-t2v', 'never started', {}, 100)],
    );
    const recipe = recipeFor({ graph, graphFile: null, baseDir: dir, outDir: join(dir, 'out') });
    // What a process killed between an intent and its answer leaves in the ledger.
    const ledger = await Ledger.open(join(dir, 'data'));
    await ledger.append({ type: 'run.started', runId: 'crashed-run', graphFile: null, graphHash: 'h', batchRow: null, recipe: recipe as unknown as Record<string, never> });
    await ledger.append(taskIntent({ runId: 'crashed-run', nodeId: 'a', model: 'seedance-2.0-t2v', submitPath: '/api/v1/bytedance/seedance-2.0-t2v/async', body: { prompt: 'lost' }, service: sim.url }));
    await ledger.close();
    const done = waitFor((e) => e.type === 'run.done');
    expect(await ok('run.resume', {})).toEqual({ runIds: ['crashed-run'], unknown: [{ runId: 'crashed-run', node: 'a' }], elsewhere: [], closed: [] });
    expect(await done).toMatchObject({ succeeded: 1, unknown: 1 });
    expect(sim.stats.submits.total).toBe(1);
    const { tasks } = (await ok('tasks.list', { runId: 'crashed-run' })) as { tasks: { node: string; state: string }[] };
    expect(tasks.map((t) => [t.node, t.state]).sort()).toEqual([
      ['a', 'unknown'],
      ['b', 'succeeded'],
    ]);
    expect(await ok('run.resume', {})).toEqual({ runIds: [], unknown: [], elsewhere: [], closed: [] });
  });

  it('refuses malformed arguments before they reach the engine', async () => {
    expect(await call('settings.set', { concurrency: 0 })).toMatchObject({ ok: false, error: { code: 'bad-arguments', message: expect.stringMatching(/^settings.set was called with bad arguments: concurrency/) } });
    expect(await dispatch(service.handlers, 'graph.delete', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await call('key.set', { key: 'short' } as ArgsOf<'key.set'>)).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
  });

  it('keeps a recovery file for crash restore', async () => {
    expect(await ok('autosave.read', {})).toEqual({ recovery: null });
    await ok('autosave.write', { graph: chain(), path: '/x/y.seedance.json' });
    expect(await ok('autosave.read', {})).toMatchObject({ recovery: { path: '/x/y.seedance.json', graph: { name: 'Service test' } } });
    await ok('autosave.clear', {});
    expect(await ok('autosave.read', {})).toEqual({ recovery: null });
  });

  it('Run again (force) pays again for a request an earlier run would have reused; Run reuses it', async () => {
    await ok('settings.set', { baseUrl: sim.url });
    await ok('key.set', { key: KEY, allowPlainText: false });
    const runOnce = async (force: boolean) => {
      const done = waitFor((e) => e.type === 'run.done');
      await ok('run.start', { graph: chain(), graphPath: null, force });
      return done;
    };
    expect(await runOnce(false)).toMatchObject({ succeeded: 1, reused: 0 });
    expect(await runOnce(false)).toMatchObject({ succeeded: 0, reused: 1 });
    expect(sim.stats.submits.total).toBe(1);
    expect(await runOnce(true)).toMatchObject({ succeeded: 1, reused: 0 });
    expect(sim.stats.submits.total).toBe(2);
  });

  it('settings.set changes only the fields it names: the service address stays (found with simulated mode)', async () => {
    await ok('settings.set', { baseUrl: sim.url, concurrency: 6 });
    await ok('settings.set', { confirmTasksOver: 3 });
    expect(await ok('settings.get', {})).toMatchObject({ baseUrl: sim.url, concurrency: 6, confirmTasksOver: 3 });
  });

  it('a fresh data folder with no key runs in simulated mode: the built-in simulator, no key sent, nothing to pay (issue 10.1)', async () => {
    const info = (await ok('connection.info', {})) as { baseUrl: string; source: string; simulated: boolean };
    expect(info).toMatchObject({ source: 'simulated', simulated: true });
    expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.baseUrl).not.toBe(sim.url);
    const done = waitFor((e) => e.type === 'run.done');
    const { runIds } = (await ok('run.start', { graph: chain(), graphPath: null })) as { runIds: string[] };
    expect(runIds).toHaveLength(1);
    expect(await done).toMatchObject({ ok: true, succeeded: 1 });
    // Nothing reached the test's own simulator (standing in for a real service).
    expect(sim.stats.requests).toBe(0);
    const { tasks } = (await ok('tasks.list', {})) as { tasks: { outputs: { path: string }[]; simulated?: boolean }[] };
    // Every result says it is simulated: in the window (tasks.list) and in its sidecar.
    expect(tasks[0]?.simulated).toBe(true);
    const video = tasks[0]?.outputs[0]?.path as string;
    const sidecar = JSON.parse(readFileSync(video.replace(/\.mp4$/, '.json'), 'utf8')) as { simulated: boolean; service: string };
    expect(sidecar).toMatchObject({ simulated: true, service: info.baseUrl });
  });

  it('leaves simulated mode once a key is set or a service chosen, and on the switch; the key never goes to the simulator', async () => {
    await ok('key.set', { key: KEY, allowPlainText: false });
    expect(await ok('connection.info', {})).toEqual({ baseUrl: 'https://api.modellix.ai', source: 'default', simulated: false });
    await ok('key.clear', {});
    await ok('settings.set', { baseUrl: sim.url });
    expect(await ok('connection.info', {})).toEqual({ baseUrl: sim.url, source: 'settings', simulated: false });
    // The switch wins either way: on, with a key set and a service chosen, runs are simulated.
    await ok('key.set', { key: KEY, allowPlainText: false });
    await ok('settings.set', { simulated: true });
    expect(await ok('connection.info', {})).toMatchObject({ source: 'simulated', simulated: true });
    const done = waitFor((e) => e.type === 'run.done');
    await ok('run.start', { graph: chain(), graphPath: null });
    expect(await done).toMatchObject({ ok: true });
    expect(sim.stats.requests).toBe(0);
    expect(sim.stats.keyChecks).toBe(0);
    await ok('settings.set', { simulated: false });
    expect(await ok('connection.info', {})).toEqual({ baseUrl: sim.url, source: 'settings', simulated: false });
  });

  it('sends the window\'s runs where MODELLIX_BASE_URL points, and says so (issue 8.4)', async () => {
    await remake({ env: { MODELLIX_BASE_URL: sim.url } });
    // The saved address is still the real service's: the environment wins.
    expect((await ok('settings.get', {})).baseUrl).toBe('https://api.modellix.ai');
    await ok('key.set', { key: KEY, allowPlainText: false });
    expect(await ok('key.validate', {})).toMatchObject({ valid: true });
    expect(sim.stats.keyChecks).toBe(1);
    expect(await ok('connection.info', {})).toEqual({ baseUrl: sim.url, source: 'env', simulated: false });
    await ok('settings.set', { baseUrl: 'https://eu.example' });
    expect(await ok('connection.info', {})).toEqual({ baseUrl: sim.url, source: 'env', simulated: false });
  });

  it('names MODELLIX_BASE_URL when its value cannot be used', async () => {
    await remake({ env: { MODELLIX_BASE_URL: 'http://api.modellix.ai' } });
    expect(await ok('connection.info', {})).toMatchObject({ source: 'env', problem: expect.stringMatching(/^MODELLIX_BASE_URL: .*must use https/) });
    await ok('key.set', { key: KEY, allowPlainText: false }).catch(() => undefined);
    expect(await call('balance', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^MODELLIX_BASE_URL: .*Fix or unset MODELLIX_BASE_URL/) } });
  });

  it('says where runs go without the variable: the saved address, or the real service', async () => {
    await ok('key.set', { key: KEY, allowPlainText: false });
    expect(await ok('connection.info', {})).toEqual({ baseUrl: 'https://api.modellix.ai', source: 'default', simulated: false });
    await ok('settings.set', { baseUrl: sim.url });
    expect(await ok('connection.info', {})).toEqual({ baseUrl: sim.url, source: 'settings', simulated: false });
  });

  it('refuses a service address that is not an https origin (or http on this machine)', async () => {
    expect(await call('settings.set', { baseUrl: 'http://api.modellix.ai' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/must use https/) } });
    expect((await ok('settings.get', {})).baseUrl).toBe('https://api.modellix.ai');
  });
});

describe('graph files: what may be written and opened (issue 8.6)', () => {
  const failure = async (method: 'graph.save' | 'graph.open', args: ArgsOf<'graph.save'> | ArgsOf<'graph.open'>) => {
    const answer = await call(method, args as never);
    expect(answer.ok, JSON.stringify(answer)).toBe(false);
    return (answer as Extract<CallAnswer, { ok: false }>).error;
  };

  it('saves only .seedance.json files', async () => {
    const rc = join(dir, '.bashrc');
    writeFileSync(rc, 'export PATH=$HOME/bin:$PATH\n');
    expect(await failure('graph.save', { path: rc, graph: chain() })).toMatchObject({ code: 'failed', message: expect.stringMatching(/only as \.seedance\.json files.*Choose a name ending in \.seedance\.json/s) });
    expect(await failure('graph.save', { path: join(dir, 'project', 'g.json'), graph: chain() })).toMatchObject({ code: 'failed' });
    expect(readFileSync(rc, 'utf8')).toBe('export PATH=$HOME/bin:$PATH\n');
    expect(existsSync(join(dir, 'project', 'g.json'))).toBe(false);
    expect(await ok('graph.save', { path: join(dir, 'project', 'UPPER.SEEDANCE.JSON'), graph: chain() })).toMatchObject({ canceled: false });
  });

  it('never replaces a file that is not a graph, nor a folder, nor what a link points to', async () => {
    const notes = join(dir, 'project', 'notes.seedance.json');
    writeFileSync(notes, 'my notes, not a graph');
    expect(await failure('graph.save', { path: notes, graph: chain() })).toMatchObject({ message: expect.stringMatching(/already exists and is not a Seedance Flow graph.*was not replaced/s) });
    expect(readFileSync(notes, 'utf8')).toBe('my notes, not a graph');

    const folder = join(dir, 'project', 'folder.seedance.json');
    mkdirSync(folder);
    expect(await failure('graph.save', { path: folder, graph: chain() })).toMatchObject({ message: expect.stringMatching(/not a regular file \(it is a folder\)/) });

    const rc = join(dir, '.profile');
    writeFileSync(rc, 'umask 022\n');
    const link = join(dir, 'project', 'link.seedance.json');
    symlinkSync(rc, link);
    expect(await failure('graph.save', { path: link, graph: chain() })).toMatchObject({ message: expect.stringMatching(/is not a Seedance Flow graph/) });
    expect(readFileSync(rc, 'utf8')).toBe('umask 022\n');
  });

  it('replaces a graph file', async () => {
    const path = join(dir, 'project', 'g.seedance.json');
    await ok('graph.save', { path, graph: chain() });
    await ok('graph.save', { path, graph: { ...chain(), name: 'Second' } });
    expect(readFileSync(path, 'utf8')).toContain('"name": "Second"');
  });

  it('desktop: opens and saves by path only files the user chose outside the page', async () => {
    const chosen = join(dir, 'project', 'chosen.seedance.json');
    const other = join(dir, 'project', 'other.seedance.json');
    const graphPaths = createChosenPaths();
    await remake({ graphPaths, dialogs: { ...noDialogs, native: true, saveGraph: async () => chosen, openGraph: async () => chosen } });
    writeFileSync(other, readFileSync(join(import.meta.dirname, '../../examples/extend-a-clip.seedance.json')));

    expect(await failure('graph.open', { path: other })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/only graph files you chose.*File > Open/s) });
    expect(await failure('graph.save', { path: chosen, graph: chain() })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Save As/) });
    expect(existsSync(chosen)).toBe(false);

    // Save As through the native dialog: from then on the window may name that file.
    expect(await ok('graph.save', { graph: chain() })).toEqual({ canceled: false, path: chosen });
    expect(await ok('graph.save', { path: chosen, graph: chain() })).toEqual({ canceled: false, path: chosen });
    expect(await ok('graph.open', { path: chosen })).toMatchObject({ canceled: false, path: chosen });

    // A path handed over by the main process (launch, Open Recent, a dropped file) counts too.
    graphPaths.grant(other);
    expect(await ok('graph.open', { path: other })).toMatchObject({ canceled: false });

    // After a restart, the recent files may still be opened by path; nothing else.
    await remake({ graphPaths: createChosenPaths(), dialogs: { ...noDialogs, native: true } });
    expect(await ok('graph.open', { path: chosen })).toMatchObject({ canceled: false });
    expect(await failure('graph.save', { path: join(dir, 'project', 'new.seedance.json'), graph: chain() })).toMatchObject({ code: 'forbidden' });
  });
});

describe('the key goes only where it was entered for (issue 8.5)', () => {
  let other: Awaited<ReturnType<typeof startSimulator>>;
  beforeEach(async () => {
    other = await startSimulator({ processingMs: 20 });
  });
  afterEach(async () => {
    await other.close();
  });

  /** The key set for the first simulator, then the address changed to the other one. */
  async function keyForSimThenMoved(): Promise<void> {
    await ok('settings.set', { baseUrl: sim.url });
    await ok('key.set', { key: KEY, allowPlainText: false });
    expect(await ok('key.status', {})).toMatchObject({ boundTo: sim.url, boundToCurrent: true });
    await ok('settings.set', { baseUrl: other.url });
  }

  it('browser mode: sends nothing to the new address until the key is entered again', async () => {
    await remake();
    await keyForSimThenMoved();
    expect(await ok('key.status', {})).toMatchObject({ boundTo: sim.url, boundToCurrent: false, note: expect.stringContaining(`enter the key again`) });
    for (const method of ['key.validate', 'balance', 'run.resume'] as const) {
      expect(await call(method, {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining(`was entered for ${sim.url}; to use it with ${other.url}, enter the key again in Settings`) },
      });
    }
    expect(await call('run.start', { graph: chain(), graphPath: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(other.stats.requests).toBe(0);
    expect(sim.stats.keyChecks).toBe(0);
    // Entering it again binds it to the new address.
    await ok('key.set', { key: KEY, allowPlainText: false });
    expect(await ok('key.validate', {})).toMatchObject({ valid: true });
    expect(other.stats.keyChecks).toBe(1);
  });

  it('desktop: asks through the native dialog; no sends nothing, yes rebinds the key', async () => {
    const asked: { boundTo: string; target: string }[] = [];
    let answer = false;
    await remake({ dialogs: { ...noDialogs, native: true, confirmKeyOrigin: async (request) => (asked.push(request), answer) } });
    await keyForSimThenMoved();
    expect(await call('key.validate', {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/was not sent/) } });
    expect(asked).toEqual([{ boundTo: sim.url, target: other.url }]);
    expect(other.stats.requests).toBe(0);
    answer = true;
    expect(await ok('key.validate', {})).toMatchObject({ valid: true });
    expect(other.stats.keyChecks).toBe(1);
    expect(await ok('key.status', {})).toMatchObject({ boundTo: other.url, boundToCurrent: true });
    // Bound now: no second question.
    expect(await ok('balance', {})).toMatchObject({ balanceUsd: expect.any(Number) });
    expect(asked).toHaveLength(2);
  });

  it('MODELLIX_API_KEY belongs to the real service, not to an address set later in Settings', async () => {
    await remake({ env: { MODELLIX_API_KEY: KEY } });
    await ok('settings.set', { baseUrl: other.url });
    expect(await ok('key.status', {})).toMatchObject({ source: 'env', boundTo: 'https://api.modellix.ai', boundToCurrent: false });
    expect(await call('key.validate', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(other.stats.requests).toBe(0);
  });
});

describe('quitting with a submit in flight', () => {
  it('dispose waits for the answer, so the task id is on record (not outcome unknown)', async () => {
    await ok('settings.set', { baseUrl: sim.url });
    await ok('key.set', { key: KEY, allowPlainText: false });
    sim.setFaults({ latency: { count: 1, on: ['submit'], ms: 400 } });
    const graph = graphOf([seedance('a', 'seedance-2.0-t2v', 'A lighthouse in fog', {}, 0)]);
    await ok('run.start', { graph, graphPath: null });
    await waitFor((e) => e.type === 'task.queued');
    for (let i = 0; i < 200 && sim.stats.submits.total === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(service.submitsInFlight()).toBe(1);
    await service.dispose();
    expect(service.submitsInFlight()).toBe(0);
    const ledger = await Ledger.open(join(dir, 'data'));
    try {
      // Suspended, not cancelled: the task stays submitted and its run open, for the next start to resume.
      expect(ledger.allTasks().map((t) => [t.state, t.taskId])).toEqual([['submitted', sim.stats.submits.taskIds[0]]]);
      expect(ledger.runs().map((r) => r.outcome)).toEqual([undefined]);
    } finally {
      await ledger.close();
    }
  });
});

describe('resume and the service', () => {
  it('leaves an unfinished run of another service alone and says where it belongs', async () => {
    const other = await startSimulator({ apiKeys: [KEY], processingMs: 20 });
    try {
      const recipe = recipeFor({ graph: graphOf([seedance('a', 'seedance-2.0-t2v', 'elsewhere', {}, 0)]), graphFile: null, baseDir: dir, outDir: join(dir, 'out') });
      const ledger = await Ledger.open(join(dir, 'data'));
      await ledger.append({ type: 'run.started', runId: 'run-on-other', graphFile: null, graphHash: 'h', batchRow: null, recipe: recipe as unknown as Record<string, never>, service: other.url });
      const intent = taskIntent({ runId: 'run-on-other', nodeId: 'a', model: 'seedance-2.0-t2v', submitPath: '/api/v1/bytedance/seedance-2.0-t2v/async', body: { prompt: 'elsewhere' }, service: other.url });
      await ledger.append(intent);
      await ledger.append({ type: 'task.submitted', taskKey: intent.taskKey, taskId: 'task-on-other' });
      await ledger.close();
      await ok('settings.set', { baseUrl: sim.url });
      await ok('key.set', { key: KEY, allowPlainText: false });
      expect(await ok('run.resume', {})).toEqual({ runIds: [], unknown: [], elsewhere: [{ runId: 'run-on-other', service: other.url }], closed: [] });
      expect(sim.stats.polls).toBe(0);
      expect(other.stats.polls).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('what a run will cost, before paying (plan summary and balance, over real HTTP)', () => {
  const priced = () =>
    graphOf([
      seedance('wide', 'seedance-2.0-t2v', 'A wide shot of a harbour', { resolution: '720p', duration: 5, seed: -1 }, 0),
      seedance('close', 'seedance-2.0-t2v', 'A close-up of a gull', { resolution: '1080p', duration: 10, seed: 3 }, 300),
    ]);

  it('simulated mode: the summary counts tasks and seconds, names the missing prices, and says nothing is paid', async () => {
    const plan = (await ok('plan', { graph: priced(), graphPath: null })) as { summary: Record<string, unknown> };
    expect(plan.summary).toEqual({
      runs: 1,
      planned: 2,
      tasks: 2,
      seconds: 15,
      lines: [
        { model: 'seedance-2.0-t2v', resolution: '720p', tasks: 1, seconds: 5 },
        { model: 'seedance-2.0-t2v', resolution: '1080p', tasks: 1, seconds: 10 },
      ],
      usd: null,
      missing: ['seedance-2.0-t2v@1080p', 'seedance-2.0-t2v@720p'],
      simulated: true,
    });
  });

  it('Settings refuses a bad price key, saying the format; the estimate matches what the service bills', async () => {
    const billing = await startSimulator({ apiKeys: [KEY], processingMs: 20, balanceUsd: 50, pricePerSecondUsd: 0.2 });
    try {
      expect(await call('settings.set', { prices: { '720p t2v': 0.2 } })).toMatchObject({
        ok: false,
        error: { code: 'bad-arguments', message: expect.stringContaining('"720p t2v" is not a price key: use "<model>@<resolution>" (e.g. "seedance-2.0-t2v@720p")') },
      });
      // The user's table says what the service charges: 0.2 USD a second, whatever the resolution.
      await ok('settings.set', { baseUrl: billing.url, prices: { 'seedance-2.0-t2v': 0.2, 'seedance-2.0-t2v@4k': 1 } });
      await ok('key.set', { key: KEY, allowPlainText: false });
      expect(await ok('balance', {})).toEqual({ balanceUsd: 50 });

      const plan = (await ok('plan', { graph: priced(), graphPath: null, runs: 3, media: false })) as { summary: { usd: number; tasks: number; seconds: number; runs: number; simulated: boolean; planned: number } };
      // "close" has a fixed seed: the same request in all three runs, sent once. "wide" is three takes.
      expect(plan.summary).toMatchObject({ runs: 3, planned: 6, tasks: 4, seconds: 3 * 5 + 10, simulated: false, missing: [] });
      expect(plan.summary.usd).toBeCloseTo(25 * 0.2, 9);

      const done: RunEvent[] = [];
      const off = service.subscribe((event, payload) => event === 'run.event' && (payload as RunEvent).type === 'run.done' && done.push(payload as RunEvent));
      try {
        const { runIds } = (await ok('run.start', { graph: priced(), graphPath: null, runs: 3 })) as { runIds: string[] };
        for (let i = 0; i < 400 && done.length < runIds.length; i++) await new Promise((r) => setTimeout(r, 10));
        expect(done).toHaveLength(3);
      } finally {
        off();
      }
      expect(billing.stats.submits.total).toBe(plan.summary.tasks);
      const { balanceUsd } = (await ok('balance', {})) as { balanceUsd: number };
      expect(50 - balanceUsd).toBeCloseTo(plan.summary.usd, 2);
    } finally {
      await billing.close();
    }
  });
});

describe('a stored price the app cannot read', () => {
  it('is left out on read; the other settings stay', async () => {
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(
      join(dir, 'data', 'settings.json'),
      JSON.stringify({ baseUrl: sim.url, concurrency: 7, prices: { 'seedance-9-t2v': 0.1, 'seedance-2.0-t2v@720p': 0.2, 'seedance-2.0-t2v': -1 } }),
    );
    await remake();
    expect(await ok('settings.get', {})).toMatchObject({ baseUrl: sim.url, concurrency: 7, prices: { 'seedance-2.0-t2v@720p': 0.2 } });
  });
});
