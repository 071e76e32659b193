/**
 * A pipeline used twice in one graph, through the CLI with the real engine against the simulator
 * over real HTTP: the plan expands each pipeline node into its own tasks, the run pays for each
 * once, a re-run reuses them, and `run --batch` runs the same file over a CSV.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeGraph, type GraphDocument } from '../../shared/graph';
import { asset, edge, file, graphOf, seedance } from '../../test/support/graphs';
import { pipelineNode } from '../../test/support/pipelines';
import { startSimulator, type SimulatorHandle } from '../engine/simulator';
import { realDeps } from './real-deps';
import { API_KEY, makeHarness, MEDIA_FIXTURES, type Harness } from './test-support/harness';

let h: Harness;
let sim: SimulatorHandle | undefined;
afterEach(async () => {
  h?.cleanup();
  await sim?.close();
  sim = undefined;
});

/** "Restyle then extend": input `clip`, output `result`; the prompts use `{{subject}}`. */
function restyleThenExtend(): GraphDocument {
  return graphOf(
    [
      asset('clip', 'video', undefined, { name: 'clip' }, 0),
      seedance('restyle', 'seedance-2.0-v2v', 'Restyle [Video 1] as {{look}}; {{subject}} keeps moving', { duration: 5, seed: 11 }, 400),
      seedance('extend', 'seedance-2.0-fast-v2v', 'Continue [Video 1] with {{subject}}', { duration: 4, seed: 11 }, 800),
    ],
    [edge('e1', 'clip', 'media', 'restyle', 'video:1'), edge('e2', 'restyle', 'video', 'extend', 'video:1')],
    {
      name: 'Restyle then extend',
      variables: [
        { name: 'look', value: 'watercolour' },
        { name: 'subject', value: 'the subject' },
      ],
      outputs: [{ name: 'result', node: 'extend', output: 'video' }],
    },
  );
}

/** The pipeline twice: two looks of one named clip, then a final node on the first look's result. */
function twoLooks(): GraphDocument {
  return graphOf(
    [
      asset('clip', 'video', file('clip.mp4'), { name: 'clip' }, 0),
      pipelineNode('look_a', restyleThenExtend(), { label: 'Watercolour', variables: { subject: '{{subject}}' } }, 400),
      pipelineNode('look_b', restyleThenExtend(), { label: 'Charcoal', variables: { look: 'charcoal', subject: '{{subject}}' } }, 400),
      seedance('finale', 'seedance-2.0-fast-v2v', 'Slow [Video 1] down', { duration: 4, seed: 11 }, 1200),
    ],
    [
      edge('w1', 'clip', 'media', 'look_a', 'in:clip'),
      edge('w2', 'clip', 'media', 'look_b', 'in:clip'),
      edge('w3', 'look_a', 'out:result', 'finale', 'video:1'),
    ],
    { name: 'Two looks', variables: [{ name: 'subject', value: 'the shapes' }] },
  );
}

interface Line {
  type: string;
  node?: string;
  row?: number;
  outputs?: string[];
  body?: { prompt: string; video_urls?: string[] };
}
const linesOf = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);

describe('a graph using one pipeline twice', () => {
  it('dry-runs as the inner tasks of each use, with path ids and filled variables', async () => {
    h = makeHarness();
    writeFileSync(path.join(h.dir, 'two-looks.seedance.json'), serializeGraph(twoLooks()));
    expect(await h.run('run', 'two-looks.seedance.json', '--dry-run', '--json')).toBe(0);
    const tasks = linesOf(h.io.stdout.text);
    expect(tasks.map((t) => t.node)).toEqual(['look_a/restyle', 'look_b/restyle', 'look_a/extend', 'look_b/extend', 'finale']);
    expect(tasks[0]?.body).toMatchObject({ prompt: 'Restyle [Video 1] as watercolour; the shapes keeps moving', video_urls: [`upload:${path.join(h.dir, 'clip.mp4')}`] });
    expect(tasks[1]?.body?.prompt).toBe('Restyle [Video 1] as charcoal; the shapes keeps moving');
    expect(tasks[4]?.body?.video_urls).toEqual(['output:look_a/extend.video']);
    expect(h.nothingSent()).toBe(true);
  });

  it('runs against the simulator paying once per inner task, reuses on a re-run, then runs a batch of the same file', async () => {
    sim = await startSimulator({ processingMs: 0 });
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY, MODELLIX_BASE_URL: sim.url } });
    Object.assign(h.ctx, { deps: realDeps() });
    writeFileSync(path.join(h.dir, 'two-looks.seedance.json'), serializeGraph(twoLooks()));

    expect(await h.run('run', 'two-looks.seedance.json', '--yes', '--json')).toBe(0);
    // Two uses of a two-task pipeline, and the finale: five submits, one upload of the shared clip.
    expect(sim.stats.submits.total).toBe(5);
    expect(sim.stats.submits.duplicates).toEqual([]);
    expect(sim.stats.uploads).toBe(1);
    const first = linesOf(h.io.stdout.text);
    const succeeded = first.filter((l) => l.type === 'task.succeeded');
    expect(succeeded.map((l) => l.node).sort()).toEqual(['finale', 'look_a/extend', 'look_a/restyle', 'look_b/extend', 'look_b/restyle']);
    for (const l of succeeded) for (const out of l.outputs ?? []) expect(existsSync(out)).toBe(true);
    // Inner outputs are named by their path, so the two uses never overwrite each other.
    const names = succeeded.flatMap((l) => l.outputs ?? []).map((f) => path.basename(f));
    expect(names).toEqual(expect.arrayContaining(['look_a-restyle.mp4', 'look_b-restyle.mp4', 'look_a-extend.mp4', 'look_b-extend.mp4']));
    expect(first.at(-1)).toMatchObject({ type: 'summary', ok: true });

    // Fixed seeds, nothing changed: the ledger reuses every inner task, nothing is paid again.
    h.io.stdout.text = '';
    expect(await h.run('run', 'two-looks.seedance.json', '--yes', '--json')).toBe(0);
    expect(sim.stats.submits.total).toBe(5);
    expect(linesOf(h.io.stdout.text).filter((l) => l.type === 'task.reused')).toHaveLength(5);

    // The same file over a batch: each row binds the outer clip and subject; 5 tasks a row.
    writeFileSync(path.join(h.dir, 'looks.csv'), 'clip,subject\nclip.mp4,the red shapes\nclip2.mp4,the blue shapes\n');
    writeFileSync(path.join(h.dir, 'clip2.mp4'), readFileSync(path.join(MEDIA_FIXTURES, 'video-3s-854x480.mp4')));
    h.io.stdout.text = '';
    expect(await h.run('run', 'two-looks.seedance.json', '--batch', 'looks.csv', '--yes', '--json')).toBe(0);
    expect(sim.stats.submits.total).toBe(5 + 10);
    expect(sim.stats.submits.duplicates).toEqual([]);
    const batch = linesOf(h.io.stdout.text).filter((l) => l.type === 'task.succeeded');
    expect(batch).toHaveLength(10);
    expect(linesOf(h.io.stdout.text).at(-1)).toMatchObject({ type: 'summary', ok: true });
  });

  it('refuses a broken pipeline before sending anything, naming the path', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    const graph = twoLooks();
    graph.edges = graph.edges.filter((e) => e.id !== 'w2');
    writeFileSync(path.join(h.dir, 'broken.seedance.json'), serializeGraph(graph));
    expect(await h.run('run', 'broken.seedance.json', '--yes')).toBe(2);
    expect(h.io.stderr.text).toContain('Pipeline "Charcoal": input "clip" is not wired and has no file or URL inside the pipeline. Wire a video into it.');
    expect(h.nothingSent()).toBe(true);
  });
});
