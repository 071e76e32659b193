/**
 * Favourites over the app service, with runs going to a Modellix simulator over real HTTP: the
 * mark lives in the result's sidecar (other fields kept), survives a new service, is refused for
 * a file that is not a run result, and copying puts exactly the favourites' files in the folder
 * the user chose, never replacing a file there.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskView } from '../../shared/api';
import type { SimulatorHandle } from '../engine/simulator';
import { asset, edge, file, graphOf, seedance } from '../../test/support/graphs';
import { copyResults } from './favourites';
import { noDialogs, type Dialogs } from './ports';
import { closeServiceFixture, makeTestService, runsDone, serviceClient, startServiceFixture, useSimulator } from './test-support/harness';
import type { AppService } from './types';

let dir: string;
let sim: SimulatorHandle;
let service: AppService;
/** What the desktop folder picker answers next (undefined: the user cancels). */
let picked: string | undefined;
const pickTitles: string[] = [];

const desktop: Dialogs = { ...noDialogs, native: true, pickFolder: async (title) => (pickTitles.push(title), picked) };

const make = (dialogs: Dialogs): AppService => makeTestService(dir, { dialogs, mode: dialogs.native ? 'desktop' : 'browser' });
const { call, ok } = serviceClient(() => service);

/** Runs the graph `runs` times to the end; the runs' tasks, newest first. */
async function runTimes(runs: number, settings: { seed?: number } = {}): Promise<{ runIds: string[]; tasks: TaskView[] }> {
  const done = runsDone(service);
  const graph = graphOf(
    [asset('clip', 'video', file(join(dir, 'project', 'clip.mp4'))), seedance('shot', 'seedance-2.0-v2v', 'Restyle [Video 1]', { return_last_frame: true, ...settings })],
    [edge('e1', 'clip', 'media', 'shot', 'video:1')],
    { name: 'Takes' },
  );
  graph.nodes[1] = { ...graph.nodes[1], data: { ...(graph.nodes[1]?.data as object), label: 'Hero shot' } } as (typeof graph.nodes)[number];
  const { runIds } = await ok('run.start', { graph, graphPath: null, runs });
  await done.until(runIds);
  const tasks = (await Promise.all(runIds.map((runId) => ok('tasks.list', { runId })))).flatMap((r) => r.tasks);
  return { runIds, tasks };
}

const sidecarOf = (video: string) => video.replace(/\.mp4$/, '.json');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

beforeEach(async () => {
  ({ dir, sim } = await startServiceFixture('sf-favourites-'));
  mkdirSync(join(dir, 'chosen'));
  picked = undefined;
  pickTitles.length = 0;
  service = make(desktop);
  await useSimulator(service, sim);
});
afterEach(async () => {
  await closeServiceFixture({ service, sim, dir });
});

describe('favourite results', () => {
  it('marks one take of three in its sidecar, keeps the other fields, and the mark survives a restart', async () => {
    const { runIds, tasks } = await runTimes(3);
    expect(runIds).toHaveLength(3);
    expect(sim.stats.submits.total).toBe(3);
    expect(tasks.map((t) => [t.state, t.label])).toEqual([
      ['succeeded', 'Hero shot'],
      ['succeeded', 'Hero shot'],
      ['succeeded', 'Hero shot'],
    ]);
    const take2 = tasks.find((t) => t.runId === runIds[1]) as TaskView;
    const video = take2.outputs.find((o) => o.kind === 'video')?.path as string;
    const before = readJson(sidecarOf(video));
    expect(before).not.toHaveProperty('favourite');

    expect(await ok('results.favourite', { path: video, favourite: true })).toEqual({ favourite: true });
    const after = readJson(sidecarOf(video));
    expect(after).toEqual({ ...before, favourite: true });
    // The other takes' sidecars are untouched.
    for (const task of tasks.filter((t) => t !== take2)) expect(readJson(sidecarOf(task.outputs[0]?.path as string))).not.toHaveProperty('favourite');
    expect(await ok('results.favourites', { runIds })).toEqual({ paths: [video] });

    // A new service (the app restarted) reads the same mark.
    await service.dispose();
    service = make(desktop);
    expect(await ok('results.favourites', { runIds })).toEqual({ paths: [video] });

    // By the last frame's path too; unmarking removes the field and nothing else.
    const frame = take2.outputs.find((o) => o.kind === 'image')?.path as string;
    expect(frame).toMatch(/last-frame\.png$/);
    await ok('results.favourite', { path: frame, favourite: false });
    expect(readJson(sidecarOf(video))).toEqual(before);
    expect(await ok('results.favourites', { runIds })).toEqual({ paths: [] });
  });

  it('a take that shares another take\'s result (fixed seed, one invocation) shares its sidecar, and so its mark', async () => {
    const { runIds, tasks } = await runTimes(2, { seed: 7 });
    expect(sim.stats.submits.total).toBe(1);
    const reused = tasks.find((t) => t.reusedFrom) as TaskView;
    const paid = tasks.find((t) => !t.reusedFrom) as TaskView;
    expect(reused.outputs[0]?.path).toBe(paid.outputs[0]?.path);
    await ok('results.favourite', { path: reused.outputs[0]?.path as string, favourite: true });
    expect(readJson(sidecarOf(paid.outputs[0]?.path as string))).toMatchObject({ favourite: true, run: { id: paid.runId } });
    expect(await ok('results.favourites', { runIds })).toEqual({ paths: [paid.outputs[0]?.path] });
  });

  it('marks a reused result downloaded into its own run folder: a sidecar of its own, from the source\'s, is written beside its files', async () => {
    const first = await runTimes(1, { seed: 7 });
    const paid = first.tasks[0] as TaskView;
    const paidVideo = paid.outputs.find((o) => o.kind === 'video')?.path as string;
    const paidSidecar = readFileSync(sidecarOf(paidVideo), 'utf8');
    // The source's files are gone: the reuse downloads the result again into its own run.
    for (const output of paid.outputs) rmSync(output.path);
    const second = await runTimes(1, { seed: 7 });
    expect(sim.stats.submits.total).toBe(1);
    const reused = second.tasks[0] as TaskView;
    expect(reused.reusedFrom).toBeDefined();
    const video = reused.outputs.find((o) => o.kind === 'video')?.path as string;
    expect(dirname(video)).not.toBe(dirname(paidVideo));
    expect(existsSync(sidecarOf(video))).toBe(false);

    await ok('results.favourite', { path: video, favourite: true });
    expect(readJson(sidecarOf(video))).toMatchObject({
      favourite: true,
      run: { id: reused.runId },
      reusedFrom: { sidecar: sidecarOf(paidVideo) },
      seed: 7,
      outputs: expect.arrayContaining([expect.objectContaining({ file: video, bytes: readFileSync(video).length })]),
    });
    // The source's sidecar is untouched; the favourites name the reused result only.
    expect(readFileSync(sidecarOf(paidVideo), 'utf8')).toBe(paidSidecar);
    expect(await ok('results.favourites', { runIds: [...first.runIds, ...second.runIds] })).toEqual({ paths: [video] });
  });

  it('refuses a path that is not a run result, and changes nothing', async () => {
    const { tasks } = await runTimes(1);
    const video = tasks[0]?.outputs[0]?.path as string;
    const sidecar = readFileSync(sidecarOf(video), 'utf8');
    const stranger = join(dirname(video), 'other.mp4');
    writeFileSync(stranger, 'not a result');
    for (const path of [stranger, sidecarOf(video), join(dir, 'project', 'clip.mp4'), '/etc/passwd']) {
      expect(await call('results.favourite', { path, favourite: true })).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringMatching(/is not a result of a run Seedance Flow knows/) },
      });
    }
    expect(readFileSync(sidecarOf(video), 'utf8')).toBe(sidecar);
    expect(existsSync(join(dirname(video), 'other.json'))).toBe(false);
  });

  it('says so, and leaves it, when a sidecar is not the JSON object the app wrote', async () => {
    const { tasks } = await runTimes(1);
    const video = tasks[0]?.outputs[0]?.path as string;
    writeFileSync(sidecarOf(video), '[1, 2');
    expect(await call('results.favourite', { path: video, favourite: true })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is not the JSON object Seedance Flow wrote/) } });
    expect(readFileSync(sidecarOf(video), 'utf8')).toBe('[1, 2');
  });

  it('desktop: copies exactly the favourite (video, last frame, sidecar) into the picked folder, and never replaces a file', async () => {
    const { runIds, tasks } = await runTimes(3);
    const take3 = tasks.find((t) => t.runId === runIds[2]) as TaskView;
    const video = take3.outputs.find((o) => o.kind === 'video')?.path as string;
    await ok('results.favourite', { path: video, favourite: true });

    // Cancelled picker: nothing is written anywhere.
    expect(await ok('results.copyFavourites', { runIds })).toEqual({ canceled: true });
    expect(readdirSync(join(dir, 'chosen'))).toEqual([]);
    // The window cannot name the folder on the desktop.
    expect(await call('results.copyFavourites', { runIds, folder: join(dir, 'chosen') })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    picked = join(dir, 'chosen');
    const first = await ok('results.copyFavourites', { runIds });
    expect(pickTitles).toEqual(['Copy favourites to folder', 'Copy favourites to folder']);
    const prefix = basename(dirname(video));
    expect(prefix).toMatch(/^Takes-run3-/);
    const names = [`${prefix}-shot.mp4`, `${prefix}-shot.last-frame.png`, `${prefix}-shot.json`];
    expect(readdirSync(join(dir, 'chosen')).sort()).toEqual([...names].sort());
    expect(first).toEqual({
      canceled: false,
      unsupported: false,
      folder: join(dir, 'chosen'),
      copied: [
        { from: video, to: join(dir, 'chosen', names[0] as string) },
        { from: video.replace(/\.mp4$/, '.last-frame.png'), to: join(dir, 'chosen', names[1] as string) },
        { from: sidecarOf(video), to: join(dir, 'chosen', names[2] as string) },
      ],
      alreadyThere: [],
    });
    expect(readFileSync(join(dir, 'chosen', names[0] as string))).toEqual(readFileSync(video));
    expect(readJson(join(dir, 'chosen', names[2] as string))).toMatchObject({ favourite: true });

    // Copying again: the same files are there, nothing is copied twice.
    const again = await ok('results.copyFavourites', { runIds });
    expect(again).toMatchObject({ copied: [], alreadyThere: first.canceled || first.unsupported ? [] : first.copied });
    expect(readdirSync(join(dir, 'chosen'))).toHaveLength(3);

    // A different file under the same name is kept: the result goes under a suffix, all its files alike.
    writeFileSync(join(dir, 'chosen', names[0] as string), 'my own file');
    const third = await ok('results.copyFavourites', { runIds });
    expect(readFileSync(join(dir, 'chosen', names[0] as string), 'utf8')).toBe('my own file');
    expect(third).toMatchObject({
      copied: [
        { to: join(dir, 'chosen', `${prefix}-shot (2).mp4`) },
        { to: join(dir, 'chosen', `${prefix}-shot.last-frame (2).png`) },
        { to: join(dir, 'chosen', `${prefix}-shot (2).json`) },
      ],
    });
    expect(readdirSync(join(dir, 'chosen'))).toHaveLength(6);
  });

  it('browser mode: asks for a typed folder, which must be a full path to an existing folder', async () => {
    await service.dispose();
    service = make(noDialogs);
    const { runIds, tasks } = await runTimes(2);
    const video = tasks.find((t) => t.runId === runIds[0])?.outputs[0]?.path as string;
    await ok('results.favourite', { path: video, favourite: true });

    expect(await ok('results.copyFavourites', { runIds })).toEqual({ canceled: false, unsupported: true });
    expect(await call('results.copyFavourites', { runIds, folder: 'chosen' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/full path/) } });
    expect(await call('results.copyFavourites', { runIds, folder: join(dir, 'missing') })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/There is no folder at/) } });
    expect(existsSync(join(dir, 'missing'))).toBe(false);

    const copied = await ok('results.copyFavourites', { runIds, folder: join(dir, 'chosen') });
    expect(copied).toMatchObject({ folder: join(dir, 'chosen'), alreadyThere: [] });
    expect(readdirSync(join(dir, 'chosen'))).toHaveLength(3);
    expect(readdirSync(join(dir, 'chosen')).every((name) => name.startsWith(basename(dirname(video))))).toBe(true);
  });
});

describe('copying results into a folder', () => {
  it('never writes through a link or over a folder of the same name: the copy gets a suffix', async () => {
    const run = join(dir, 'out', 'Takes-run1-abcdef12');
    mkdirSync(run, { recursive: true });
    writeFileSync(join(run, 'shot.mp4'), 'video');
    writeFileSync(join(run, 'shot.json'), '{}');
    const elsewhere = join(dir, 'elsewhere.mp4');
    writeFileSync(elsewhere, 'keep me');
    const chosen = join(dir, 'chosen');
    symlinkSync(elsewhere, join(chosen, 'Takes-run1-abcdef12-shot.mp4'));
    mkdirSync(join(chosen, 'Takes-run1-abcdef12-shot (2).mp4'));
    const report = await copyResults([{ runId: 'r', node: 'shot', key: join(run, 'shot.mp4'), files: [join(run, 'shot.mp4')], sidecar: join(run, 'shot.json') }], chosen);
    expect(report.copied.map((c) => basename(c.to))).toEqual(['Takes-run1-abcdef12-shot (3).mp4', 'Takes-run1-abcdef12-shot (3).json']);
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep me');
    expect(readFileSync(join(chosen, 'Takes-run1-abcdef12-shot (3).mp4'), 'utf8')).toBe('video');
    // No temp file is left behind.
    expect(readdirSync(chosen).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});
