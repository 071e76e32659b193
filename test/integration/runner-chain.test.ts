import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recipeFor, startRuns } from '../../electron/engine/runner';
import { asset, edge, file, graphOf, seedance } from '../support/graphs';
import { harness, MEDIA, type Harness } from '../support/engine';

function chain(seed = 11) {
  return graphOf(
    [
      asset('clip', 'video', file('video-3s-854x480.mp4')),
      asset('music', 'audio', file('audio-3s.mp3')),
      seedance('restyle', 'seedance-2.0-v2v', 'Restyle [Video 1] as ink wash', { seed, duration: 4 }, 300),
      seedance('extend', 'seedance-2.0-fast-i2v', 'The camera keeps drifting', { seed }, 600),
      seedance('final', 'seedance-2.0-v2v', 'Cut [Video 1] to [Audio 1]', { seed }, 900),
    ],
    [
      edge('e1', 'clip', 'media', 'restyle', 'video:1'),
      edge('e2', 'restyle', 'lastFrame', 'extend', 'firstFrame'),
      edge('e3', 'extend', 'video', 'final', 'video:1'),
      edge('e4', 'music', 'media', 'final', 'audio:1'),
    ],
    { name: 'Chain' },
  );
}

let h: Harness;
afterEach(async () => h?.close());

describe('runner against the simulator', () => {
  it('runs a three-node chain and downloads every output with its provenance', async () => {
    h = await harness();
    const recipe = recipeFor({ graph: chain(), graphFile: join(MEDIA, 'chain.json'), baseDir: MEDIA, outDir: join(h.dir, 'out') });
    const [summary] = await startRuns([recipe], h.deps());
    expect(summary?.problems).toEqual([]);
    expect(summary?.nodes.map((n) => [n.node, n.outcome])).toEqual([
      ['restyle', 'succeeded'],
      ['extend', 'succeeded'],
      ['final', 'succeeded'],
    ]);
    expect(summary?.ok).toBe(true);
    const files = summary?.nodes.flatMap((n) => n.files) ?? [];
    // restyle: video + last frame (its last frame is wired on); extend and final: video.
    expect(files.map((f) => f.split('/').pop())).toEqual(['restyle.mp4', 'restyle.last-frame.png', 'extend.mp4', 'final.mp4']);
    for (const f of files) expect(statSync(f).size).toBeGreaterThan(1000);
    const sidecar = JSON.parse(readFileSync(files[0]?.replace('.mp4', '.json') as string, 'utf8'));
    expect(sidecar).toMatchObject({
      app: 'seedance-flow',
      graph: { file: join(MEDIA, 'chain.json'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      node: { id: 'restyle' },
      model: 'seedance-2.0-v2v',
      request: { prompt: 'Restyle [Video 1] as ink wash', seed: 11, duration: 4, return_last_frame: true, video_urls: [expect.stringContaining(h.sim.url)] },
      seed: 11,
      task: { id: expect.any(String) },
      inputHashes: { 'video_urls:0': expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(sidecar.results).toHaveLength(2);
    expect(sidecar.timings.submittedAt).toEqual(expect.any(String));
    // The downstream requests used the upstream results.
    const extend = h.ledger.allTasks().find((t) => t.nodeId === 'extend');
    expect(extend?.body.first_frame_image).toContain('/results/');
    expect(h.sim.stats.submits.total).toBe(3);
    expect(h.sim.stats.submits.duplicates).toEqual([]);
    expect(h.sim.stats.uploads).toBe(2);
    const types = h.events.map((e) => e.type);
    expect(types[0]).toBe('run.started');
    expect(types.at(-1)).toBe('run.done');
    expect(types.filter((t) => t === 'task.succeeded')).toHaveLength(3);
    // Each node says it is downloading once the service has its result, before it succeeds.
    for (const succeeded of h.events.filter((e) => e.type === 'task.succeeded')) {
      const node = 'node' in succeeded ? succeeded.node : '';
      const nodeTypes = h.events.filter((e) => 'node' in e && e.node === node).map((e) => e.type);
      expect(nodeTypes.indexOf('task.downloading')).toBeGreaterThan(nodeTypes.indexOf('task.submitted'));
      expect(nodeTypes.indexOf('task.downloading')).toBeLessThan(nodeTypes.indexOf('task.succeeded'));
    }
    expect(h.ledger.runs()[0]?.outcome).toBe('succeeded');
  });

  it('reuses identical fixed-seed requests, and --force runs them again', async () => {
    h = await harness();
    const recipe = recipeFor({ graph: chain(), graphFile: null, baseDir: MEDIA, outDir: join(h.dir, 'out') });
    await startRuns([recipe], h.deps());
    expect(h.sim.stats.submits.total).toBe(3);
    const [again] = await startRuns([recipe], h.deps());
    expect(again?.nodes.map((n) => n.outcome)).toEqual(['reused', 'reused', 'reused']);
    expect(again?.ok).toBe(true);
    expect(h.sim.stats.submits.total).toBe(3);
    // Uploads are remembered by content hash too.
    expect(h.sim.stats.uploads).toBe(2);
    expect(h.events.filter((e) => e.type === 'task.reused')[0]).toMatchObject({ reason: expect.stringMatching(/nothing was paid/) });
    const [forced] = await startRuns([{ ...recipe, force: true }], h.deps());
    expect(forced?.nodes.map((n) => n.outcome)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(h.sim.stats.submits.total).toBe(6);
  });

  it('never reuses a random seed', async () => {
    h = await harness();
    const graph = graphOf([seedance('t', 'seedance-2.0-t2v', 'A lighthouse', { seed: -1 })]);
    const recipe = recipeFor({ graph, graphFile: null, baseDir: MEDIA, outDir: join(h.dir, 'out') });
    await startRuns([recipe, recipe], h.deps());
    await startRuns([recipe], h.deps());
    expect(h.sim.stats.submits.total).toBe(3);
  });

  it('runs many runs concurrently within the concurrency limit', async () => {
    h = await harness({ processingMs: 50 });
    const recipes = Array.from({ length: 8 }, (_, i) =>
      recipeFor({ graph: graphOf([seedance('t', 'seedance-2.0-t2v', `Shot ${i}`)]), graphFile: null, baseDir: MEDIA, outDir: join(h.dir, 'out'), repeat: i + 1 }),
    );
    let active = 0;
    let peak = 0;
    const summaries = await startRuns(recipes, h.deps({
      concurrency: 3,
      onEvent: (e) => {
        if (e.type === 'task.submitted') peak = Math.max(peak, ++active);
        if (e.type === 'node.done') active--;
      },
    }));
    expect(summaries.every((s) => s.ok)).toBe(true);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    expect(new Set(summaries.map((s) => s.nodes[0]?.files[0])).size).toBe(8);
    for (const s of summaries) expect(existsSync(s.nodes[0]?.files[0] as string)).toBe(true);
  });
});
