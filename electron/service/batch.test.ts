/**
 * Batches from the window against the simulator over real HTTP: rows from a CSV (the command
 * line's reader) and from multi-item asset nodes, one run per row, statuses from the ledger, and
 * "retry failed" that re-sends only the failed row (the simulator's counters prove it).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchRowStatus } from '../../shared/api';
import type { GraphDocument } from '../../shared/graph';
import { startSimulator, type SimulatorHandle } from '../engine/simulator';
import { asset, edge, file, graphOf, seedance } from '../../test/support/graphs';
import { noDialogs } from './ports';
import { closeServiceFixture, makeTestService, MEDIA, runsDone, serviceClient, TEST_KEY as KEY, useSimulator } from './test-support/harness';
import type { AppService } from './types';

let dir: string;
let sim: SimulatorHandle;
let service: AppService;
const { call, ok } = serviceClient(() => service);
const make = (): AppService => makeTestService(dir);
const allDone = () => runsDone(service);

const template = (): GraphDocument =>
  graphOf(
    [asset('clip', 'video', undefined, { name: 'clip' }), seedance('shot', 'seedance-2.0-v2v', '{{mood}} take on [Video 1]', { seed: 7 })],
    [edge('e1', 'clip', 'media', 'shot', 'video:1')],
    { name: 'Batch test', variables: [{ name: 'mood', value: 'calm' }] },
  );

/** clips/a.mp4 and clips/b.mp4 as the items of one asset node (the first its file), into a v2v node with a fixed seed. */
function itemsGraph(seed: number, batchId: string): GraphDocument {
  const items = [file(join(dir, 'project', 'clips', 'a.mp4')), file(join(dir, 'project', 'clips', 'b.mp4'))];
  return graphOf(
    [asset('clip', 'video', items[0], { items }), seedance('shot', 'seedance-2.0-v2v', 'Restyle [Video 1]', { seed })],
    [edge('e1', 'clip', 'media', 'shot', 'video:1')],
    { batch: { id: batchId } },
  );
}

function statuses(rows: BatchRowStatus[]): string[] {
  return rows.map((r) => r.status);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sf-batch-'));
  mkdirSync(join(dir, 'project', 'clips'), { recursive: true });
  copyFileSync(join(MEDIA, 'video-3s-854x480.mp4'), join(dir, 'project', 'clips', 'a.mp4'));
  copyFileSync(join(MEDIA, 'video-3s-854x480.mp4'), join(dir, 'project', 'clips', 'b.mp4'));
  sim = await startSimulator({ apiKeys: [KEY], processingMs: 20 });
  service = make();
  await useSimulator(service, sim);
});
afterEach(async () => {
  await closeServiceFixture({ service, sim, dir });
});

describe('batches from the window', () => {
  it('reads a CSV with the command line rules: relative paths, unbound inputs in words, every problem listed', async () => {
    const csv = join(dir, 'project', 'rows.csv');
    writeFileSync(csv, 'clip\nclips/a.mp4\nclips/b.mp4\n');
    const read = await ok('batch.readCsv', { path: csv, graph: template() });
    expect(read).toEqual({
      canceled: false,
      unsupported: false,
      path: csv,
      columns: ['clip'],
      rows: [
        { bindings: { clip: { kind: 'file', path: join(dir, 'project', 'clips', 'a.mp4') } }, variables: {} },
        { bindings: { clip: { kind: 'file', path: join(dir, 'project', 'clips', 'b.mp4') } }, variables: {} },
      ],
      notes: ['No column sets variable "mood": every row uses its value "calm".'],
    });
    writeFileSync(csv, 'clip,colour\n,red\n');
    const bad = await call('batch.readCsv', { path: csv, graph: template() });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('column "colour" matches no named asset or variable') } });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('row 1: "clip" is empty') } });
    // No native dialog (browser mode): the window asks for a typed path.
    expect(await ok('batch.readCsv', { graph: template() })).toEqual({ canceled: false, unsupported: true });
    // On the desktop only the file picked in the native dialog is read, never a path the page names.
    await service.dispose();
    writeFileSync(csv, 'clip\nclips/a.mp4\n');
    service = makeTestService(dir, { dialogs: { ...noDialogs, native: true, pickCsv: async () => csv } });
    expect(await call('batch.readCsv', { path: '/etc/passwd', graph: template() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ok('batch.readCsv', { graph: template() })).toMatchObject({ canceled: false, unsupported: false, path: csv, columns: ['clip'] });
  });

  it('runs 3 rows, one fails; retry failed re-sends only that row and a second retry sends nothing', async () => {
    const csv = join(dir, 'project', 'rows.csv');
    writeFileSync(csv, 'clip,mood\nclips/a.mp4,noir\nclips/b.mp4,sunny\nclips/a.mp4,stormy\n');
    const read = await ok('batch.readCsv', { path: csv, graph: template() });
    if (read.canceled || read.unsupported) throw new Error('expected rows');
    const graph: GraphDocument = { ...template(), batch: { id: 'b-test', csv: read.path, columns: read.columns, rows: read.rows } };
    const graphPath = join(dir, 'project', 'g.seedance.json');

    expect(statuses((await ok('batch.status', { graph, graphPath })).rows)).toEqual(['not-run', 'not-run', 'not-run']);
    // The confirmation counts every row before anything is paid.
    expect(await ok('batch.plan', { graph, graphPath })).toMatchObject({ rows: [1, 2, 3], tasks: 3, videoSeconds: 15, problems: [], summary: { runs: 3, tasks: 3, seconds: 15, usd: null } });
    expect(sim.stats.submits.total).toBe(0);

    sim.setFaults({ failTasks: { count: 1, reason: 'Simulated content policy refusal' } });
    const first = allDone();
    const started = await ok('batch.run', { graph, graphPath });
    expect(started.rows).toEqual([1, 2, 3]);
    await first.until(started.runIds);
    expect(sim.stats.submits.total).toBe(3);

    const after = (await ok('batch.status', { graph, graphPath })).rows;
    const failed = after.filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('Simulated content policy refusal');
    const succeeded = after.filter((r) => r.status === 'succeeded');
    expect(succeeded).toHaveLength(2);
    for (const row of succeeded) expect(row.outputs.length).toBeGreaterThan(0);
    const failedRow = failed[0]?.row as number;

    // A new service (an app restart): statuses come from the ledger.
    await service.dispose();
    service = make();
    expect((await ok('batch.status', { graph, graphPath })).rows.map((r) => r.status)).toEqual(after.map((r) => r.status));

    const bodies = { ...sim.stats.submits.byBodyHash };
    expect(await ok('batch.plan', { graph, graphPath, rows: 'failed' })).toMatchObject({ rows: [failedRow], tasks: 1 });
    const retry = allDone();
    const again = await ok('batch.run', { graph, graphPath, rows: 'failed' });
    expect(again.rows).toEqual([failedRow]);
    expect(again.runIds).toHaveLength(1);
    await retry.until(again.runIds);

    // Only the failed row went again: one more task, and no body of a row that succeeded was sent twice.
    expect(sim.stats.submits.total).toBe(4);
    const grew = Object.keys(sim.stats.submits.byBodyHash).filter((hash) => sim.stats.submits.byBodyHash[hash] !== bodies[hash]);
    expect(grew).toHaveLength(1);
    expect(sim.stats.submits.byBodyHash[grew[0] as string]).toBe(2);
    expect(statuses((await ok('batch.status', { graph, graphPath })).rows)).toEqual(['succeeded', 'succeeded', 'succeeded']);

    // Nothing left to retry: nothing is sent.
    expect(await ok('batch.run', { graph, graphPath, rows: 'failed' })).toEqual({ runIds: [], rows: [] });
    expect(sim.stats.submits.total).toBe(4);
  });

  it('a single Run of a graph with a batch sends each node once, with its first item, and records no batch', async () => {
    const graph = itemsGraph(5, 'single');
    expect(await ok('plan', { graph, graphPath: null })).toMatchObject({ ok: true, tasks: [{ body: { video_urls: [`upload:${join(dir, 'project', 'clips', 'a.mp4')}`] } }] });
    const done = allDone();
    const { runIds } = await ok('run.start', { graph, graphPath: null });
    await done.until(runIds);
    expect(sim.stats.submits.total).toBe(1);
    // The single run is no row of the batch.
    expect(statuses((await ok('batch.status', { graph, graphPath: null })).rows)).toEqual(['not-run', 'not-run']);
  });

  it('imports a folder as its media files in name order (one item each), and says when a folder has none', async () => {
    const folder = join(dir, 'project', 'clips');
    copyFileSync(join(MEDIA, 'video-3s-854x480.mp4'), join(folder, 'a10.mp4'));
    copyFileSync(join(MEDIA, 'video-3s-854x480.mp4'), join(folder, 'a2.mp4'));
    writeFileSync(join(folder, 'notes.txt'), 'not media');
    mkdirSync(join(folder, 'sub'));
    mkdirSync(join(dir, 'project', 'empty'));
    const result = await ok('media.import', { paths: [folder, join(dir, 'project', 'empty')] });
    expect(result.files.map((f) => f.fileName)).toEqual(['a.mp4', 'a2.mp4', 'a10.mp4', 'b.mp4']);
    expect(result.errors).toEqual([{ path: join(dir, 'project', 'empty'), message: expect.stringContaining('holds no video, image or audio file') }]);
  });

  it('saves items and CSV rows relative to the graph file, opens them absolute, and loads graphs without a batch', async () => {
    const a = file(join(dir, 'project', 'clips', 'a.mp4'));
    const b = file(join(dir, 'project', 'clips', 'b.mp4'));
    const graph: GraphDocument = {
      ...graphOf([asset('clip', 'video', a, { items: [a, b], name: 'clip' }), asset('style', 'image', undefined, { name: 'style' })]),
      batch: { id: 'b1', csv: join(dir, 'project', 'rows.csv'), columns: ['style'], rows: [{ bindings: { style: file(join(dir, 'project', 's1.png')) }, variables: {} }, { bindings: { style: file('/elsewhere/s2.png') }, variables: {} }] },
    };
    const graphPath = join(dir, 'project', 'g.seedance.json');
    await ok('graph.save', { path: graphPath, graph });
    const text = readFileSync(graphPath, 'utf8');
    expect(text).toContain('"path": "clips/b.mp4"');
    expect(text).toContain('"csv": "rows.csv"');
    expect(text).toContain('"path": "s1.png"');
    expect(text).toContain('"path": "/elsewhere/s2.png"');
    const opened = await ok('graph.open', { path: graphPath });
    expect(!opened.canceled && opened.graph).toEqual(graph);
    // An older file, without a batch, opens as before.
    await ok('graph.save', { path: graphPath, graph: template() });
    const plain = await ok('graph.open', { path: graphPath });
    expect(!plain.canceled && plain.graph.batch).toBeUndefined();
    expect((await ok('batch.status', { graph: template(), graphPath })).rows).toEqual([]);
  });

  it('runs each item of a multi-item asset node as a row, and cancels the batch with run.cancel', async () => {
    const graph = itemsGraph(9, 'items');
    sim.setFaults({ latency: { ms: 1500 } });
    const started = await ok('batch.run', { graph, graphPath: null });
    expect(started.rows).toEqual([1, 2]);
    // While it runs, every row again is refused (no row is paid twice by a second click).
    expect(await call('batch.run', { graph, graphPath: null })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The batch is still running/) } });
    const done = allDone();
    expect((await ok('run.cancel', { runId: started.runIds[0] as string })).cancelled).toBe(1);
    await done.until(started.runIds);
    const rows = (await ok('batch.status', { graph, graphPath: null })).rows;
    expect(statuses(rows)).toEqual(['cancelled', 'cancelled']);
    sim.setFaults({});
    // Items whose counts differ on two nodes: refused before anything is sent, naming both.
    const uneven = { ...graph, nodes: [...graph.nodes, asset('ref', 'image', file('/x.png'), { label: 'Style', items: [file('/x.png'), file('/y.png'), file('/z.png')] })] };
    expect(await call('batch.plan', { graph: uneven, graphPath: null })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('asset "clip" has 2 items but asset "Style" has 3 items') },
    });
  });
});
