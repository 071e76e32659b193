/** The example pipelines run against the simulator exactly as they are shipped. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGraph, serializeGraph } from '../../shared/graph';
import { readBatch } from '../../electron/engine/batch/csv';
import { preflightRecipe, recipeFor, startRuns } from '../../electron/engine/runner';
import { harness, type Harness } from '../support/engine';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.seedance.json'));

function load(name: string) {
  const parsed = parseGraph(readFileSync(join(EXAMPLES, name), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
  return parsed.graph;
}

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h.close());

describe('examples', () => {
  it('there are at least four templates', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('%s passes the pre-flight and runs against the simulator', async (name) => {
    const recipe = recipeFor({ graph: load(name), graphFile: join(EXAMPLES, name), baseDir: EXAMPLES, outDir: join(h.dir, 'out') });
    const preflight = await preflightRecipe(recipe);
    expect(preflight.problems).toEqual([]);
    expect(preflight.plan.issues.filter((i) => i.severity === 'warning')).toEqual([]);
    const [summary] = await startRuns([recipe], h.deps());
    expect(summary?.nodes.every((n) => n.outcome === 'succeeded' || n.outcome === 'reused')).toBe(true);
  });

  it('the batch example binds every row', () => {
    const graph = load('restyle-with-references.seedance.json');
    const read = readBatch(readFileSync(join(EXAMPLES, 'restyle-batch.csv'), 'utf8'), graph, EXAMPLES);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.rows.map((r) => r.variables.subject)).toEqual(['the moving shapes', 'the scrolling numbers']);
  });

  it('the pipeline example embeds the pipeline file as it is shipped (same content hash), and batches', () => {
    const graph = load('two-looks-one-pipeline.seedance.json');
    const text = readFileSync(join(EXAMPLES, 'pipelines', 'restyle-and-extend.seedance.json'), 'utf8');
    const pipeline = parseGraph(text);
    expect(pipeline.ok).toBe(true);
    const hash = createHash('sha256').update(text).digest('hex');
    const uses = graph.nodes.filter((n) => n.type === 'pipeline');
    expect(uses).toHaveLength(2);
    for (const use of uses) {
      expect(use.data.source).toEqual({ path: 'pipelines/restyle-and-extend.seedance.json', hash });
      expect(serializeGraph(use.data.graph)).toBe(text);
    }
    const read = readBatch(readFileSync(join(EXAMPLES, 'two-looks-batch.csv'), 'utf8'), graph, EXAMPLES);
    expect(read.ok).toBe(true);
  });
});
