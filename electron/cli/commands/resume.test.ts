import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../engine/ledger';
import { recipeFor } from '../../engine/runner/index';
import { parseGraph } from '../../../shared/graph';
import { readFileSync } from 'node:fs';
import { API_KEY, makeHarness, summaryFor, type Harness } from '../test-support/harness';

let h: Harness;
afterEach(() => h?.cleanup());

function chainRecipe(dir: string) {
  const parsed = parseGraph(readFileSync(path.join(dir, 'chain.seedance.json'), 'utf8'));
  if (!parsed.ok) throw new Error('fixture');
  return recipeFor({ graph: parsed.graph, graphFile: path.join(dir, 'chain.seedance.json'), baseDir: dir, outDir: path.join(dir, 'out') });
}

const unknownTask = { taskKey: 'k9', runId: 'cccc3333-x', nodeId: 'shot9', model: 'seedance-2.0-t2v', state: 'unknown', unknownReason: 'stopped mid-submit' } as TaskRecord;

describe('resume', () => {
  it('needs the key', async () => {
    h = makeHarness();
    expect(await h.run('resume')).toBe(2);
    expect(h.io.stderr.text).toContain('MODELLIX_API_KEY is not set');
    expect(h.nothingSent()).toBe(true);
  });

  it('nothing left: says so, exit 0', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('resume')).toBe(0);
    expect(h.deps.runner.resumeRuns).toHaveBeenCalledTimes(1);
    expect(h.io.stdout.text).toContain('Nothing to resume');
  });

  it('finishes runs; lists tasks marked outcome unknown with dashboard advice; exit 1', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY, MODELLIX_BASE_URL: 'http://localhost:9000' } });
    const recipe = chainRecipe(h.dir);
    h.deps.runner.resumeRuns.mockImplementation(async (deps) => {
      expect(deps.concurrency).toBe(2);
      expect(deps.polling.firstDelayMs).toBeLessThan(1000);
      return { runs: [summaryFor(recipe, 'dddd4444-run')], unknown: [unknownTask], elsewhere: [] };
    });
    expect(await h.run('resume', '--concurrency', '2')).toBe(1);
    expect(h.io.stdout.text).toContain('Marked outcome unknown (1)');
    expect(h.io.stdout.text).toContain('run cccc3333 shot9 (seedance-2.0-t2v)');
    expect(h.io.stdout.text).toContain('never sent again');
    expect(h.io.stdout.text).toContain('check your Modellix dashboard');
    expect(h.io.stdout.text).toContain('Finished with problems: 1 run, 2 tasks (2 succeeded)');
  });

  it('--json: events and a summary line with what was marked unknown', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    h.deps.runner.resumeRuns.mockResolvedValue({ runs: [], unknown: [unknownTask], elsewhere: [{ runId: 'r1', service: 'https://other.example' }, { runId: 'r2', service: 'https://other.example' }] });
    expect(await h.run('resume', '--json')).toBe(1);
    const summary = JSON.parse(h.io.stdout.text.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(summary).toMatchObject({ type: 'summary', exitCode: 1, markedUnknown: [{ runId: 'cccc3333-x', node: 'shot9', reason: 'stopped mid-submit' }] });
    expect(JSON.stringify(summary)).not.toContain(API_KEY);
    expect(h.io.stderr.text).toContain('2 unfinished runs belong to https://other.example');
    expect(h.io.stderr.text).toContain('seedance-flow resume --base-url https://other.example');
  });
});
