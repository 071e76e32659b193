/**
 * Every fault the simulator can inject ends either in success after retries or in a clear final
 * error, never in a hang, and a submit whose answer was lost is never sent again.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createModellixClient } from '../../electron/engine/modellix';
import { recipeFor, resumeRuns, startRuns, type RunSummary } from '../../electron/engine/runner';
import type { FaultsInput } from '../../electron/engine/simulator';
import { asset, edge, file, graphOf, seedance } from '../support/graphs';
import { API_KEY, harness, MEDIA, type Harness } from '../support/engine';

const RESULT_BYTES = statSync(join(import.meta.dirname, '../fixtures/simulator/result.mp4')).size;

function v2v() {
  return graphOf(
    [asset('clip', 'video', file('video-3s-854x480.mp4')), seedance('shot', 'seedance-2.0-v2v', 'Restyle [Video 1]', { seed: -1 })],
    [edge('e1', 'clip', 'media', 'shot', 'video:1')],
  );
}

let h: Harness;
afterEach(async () => h?.close());

async function runWith(faults: FaultsInput, extra: Parameters<Harness['deps']>[0] = {}): Promise<RunSummary> {
  h = await harness({ faults });
  const recipe = recipeFor({ graph: v2v(), graphFile: null, baseDir: MEDIA, outDir: join(h.dir, 'out') });
  const [summary] = await startRuns([recipe], h.deps(extra));
  return summary as RunSummary;
}

const outcome = (s: RunSummary) => s.nodes[0]?.outcome;
const message = (s: RunSummary) => s.nodes[0]?.message ?? '';

describe('faults that end in success after retries', () => {
  it('429 bursts on submit: backs off as told, then succeeds', async () => {
    const s = await runWith({ rateLimit: { count: 3, on: ['submit'], retryAfterSeconds: 0 } });
    expect(outcome(s)).toBe('succeeded');
    expect(h.sim.stats.submits.total).toBe(1);
    expect(h.sim.stats.submits.requests).toBe(4);
    expect(h.events.filter((e) => e.type === 'task.waiting')).toHaveLength(3);
    // Each refused submit is on record as refused, so no paid task is unaccounted for.
    expect(h.ledger.allTasks().map((t) => t.state)).toEqual(['failed', 'failed', 'failed', 'succeeded']);
  });

  it('429 with an HTTP date, on polls', async () => {
    const s = await runWith({ rateLimit: { count: 2, on: ['poll'], retryAfterSeconds: 0, header: 'http-date' } });
    expect(outcome(s)).toBe('succeeded');
  });

  it('5xx bursts on polls and uploads', async () => {
    const s = await runWith({ serverError: { count: 3, on: ['poll', 'upload'], status: 503 } });
    expect(outcome(s)).toBe('succeeded');
    expect(h.sim.stats.uploads).toBe(1);
  });

  it('truncated downloads are retried and never leave a partial file', async () => {
    const s = await runWith({ truncateDownloads: { count: 2 } });
    expect(outcome(s)).toBe('succeeded');
    expect(statSync(s.nodes[0]?.files[0] as string).size).toBe(RESULT_BYTES);
  });

  it('downloads cut short with no Content-Length are caught by checking the file, retried, never counted', async () => {
    const s = await runWith({ truncateDownloads: { count: 2, announce: 'none' } });
    expect(h.sim.stats.faults.truncatedDownloads).toBe(2);
    expect(outcome(s)).toBe('succeeded');
    expect(statSync(s.nodes[0]?.files[0] as string).size).toBe(RESULT_BYTES);
    expect(h.events.filter((e) => e.type === 'task.waiting' && /incomplete/.test(e.reason))).toHaveLength(2);
  });

  it('a download that stays cut short fails the node and is never recorded as downloaded', async () => {
    const s = await runWith({ truncateDownloads: { announce: 'none' } }, { maxRetries: 1 });
    expect(outcome(s)).toBe('failed');
    expect(message(s)).toMatch(/incomplete/);
    const task = h.ledger.allTasks()[0];
    expect(task?.state).toBe('succeeded');
    expect(task?.outputs).toBeUndefined();
    // The result is still on Modellix: the run stays open for `resume`.
    expect(h.ledger.runs()[0]?.outcome).toBeUndefined();
  });

  it('slow downloads finish', async () => {
    const s = await runWith({ slowDownloads: { count: 1, bytesPerSecond: 200_000 } });
    expect(outcome(s)).toBe('succeeded');
    expect(statSync(s.nodes[0]?.files[0] as string).size).toBe(RESULT_BYTES);
  });
});

describe('faults that end in a clear final error', () => {
  it('a submit dropped after the task was created: outcome unknown, never re-sent', async () => {
    const s = await runWith({ dropSubmit: { count: 1, when: 'after-create' } });
    expect(outcome(s)).toBe('unknown');
    expect(message(s)).toMatch(/never re-sent automatically/);
    expect(h.sim.stats.submits.requests).toBe(1);
    expect(h.sim.stats.submits.total).toBe(1);
    expect(h.ledger.allTasks().map((t) => t.state)).toEqual(['unknown']);
    // Resuming does not send it either.
    const { runs } = await resumeRuns(h.deps());
    expect(runs).toEqual([]);
    expect(h.sim.stats.submits.requests).toBe(1);
  });

  it('a 5xx on submit is outcome unknown too', async () => {
    const s = await runWith({ serverError: { count: 1, on: ['submit'], status: 502 } });
    expect(outcome(s)).toBe('unknown');
    expect(h.sim.stats.submits.requests).toBe(1);
  });

  it('a failed task shows the service reason', async () => {
    const s = await runWith({ failTasks: { count: 1, reason: 'The input contains a real human face.', field: 'fail_reason' } });
    expect(outcome(s)).toBe('failed');
    expect(message(s)).toBe('Modellix reports the task failed: The input contains a real human face.');
  });

  it('an expired result URL says so', async () => {
    const s = await runWith({ expiredResults: { count: 5 } });
    expect(outcome(s)).toBe('failed');
    expect(message(s)).toMatch(/expired \(Modellix keeps results for about 7 days\)/);
  });

  it('a wrong key stops every submit with advice', async () => {
    h = await harness();
    const client = createModellixClient({ baseUrl: h.sim.url, apiKey: 'not-the-key-123', timeoutMs: 5000 });
    const graph = graphOf([seedance('a', 'seedance-2.0-t2v', 'one', {}, 0), seedance('b', 'seedance-2.0-t2v', 'two', {}, 100)]);
    const [s] = await startRuns([recipeFor({ graph, graphFile: null, baseDir: MEDIA, outDir: join(h.dir, 'out') })], h.deps({ client, concurrency: 1 }));
    expect(s?.nodes.map((n) => n.outcome)).toEqual(['failed', 'failed']);
    expect(s?.nodes[0]?.message).toMatch(/MODELLIX_API_KEY/);
    expect(s?.nodes[1]?.message).toBe(s?.nodes[0]?.message);
    expect(JSON.stringify(s)).not.toContain('not-the-key-123');
    expect(h.sim.stats.submits.total).toBe(0);
  });

  it('an empty balance says to top up', async () => {
    h = await harness();
    await h.sim.close();
    const { startSimulator } = await import('../../electron/engine/simulator');
    h.sim = await startSimulator({ apiKeys: [API_KEY], balanceUsd: 0.01, pricePerSecondUsd: 1 });
    const client = createModellixClient({ baseUrl: h.sim.url, apiKey: API_KEY, timeoutMs: 5000 });
    const graph = graphOf([seedance('a', 'seedance-2.0-t2v', 'one')]);
    const [s] = await startRuns([recipeFor({ graph, graphFile: null, baseDir: MEDIA, outDir: join(h.dir, 'out') })], h.deps({ client }));
    expect(s?.nodes[0]?.message).toMatch(/top up/i);
  });

  it('cancelling stops polling and marks the task cancelled', async () => {
    h = await harness({ processingMs: 60_000 });
    const controller = new AbortController();
    const recipe = recipeFor({ graph: v2v(), graphFile: null, baseDir: MEDIA, outDir: join(h.dir, 'out') });
    const running = startRuns([recipe], h.deps({ signal: controller.signal, onEvent: (e) => {
      h.events.push(e);
      if (e.type === 'task.submitted') controller.abort(new Error('user cancelled'));
    } }));
    const [s] = await running;
    expect(s?.nodes[0]?.outcome).toBe('cancelled');
    expect(s?.nodes[0]?.message).toMatch(/may still finish and be billed/);
    expect(h.ledger.allTasks()[0]?.state).toBe('cancelled');
    expect(h.ledger.runs()[0]?.outcome).toBe('cancelled');
  });
});

describe('resume', () => {
  it('polls a task submitted before a crash, downloads it, and starts the nodes that never started', async () => {
    h = await harness({ processingMs: 100 });
    const graph = graphOf(
      [seedance('first', 'seedance-2.0-t2v', 'A harbour', { seed: 5 }, 0), seedance('second', 'seedance-2.0-v2v', 'Extend [Video 1]', { seed: 5 }, 300)],
      [edge('e1', 'first', 'video', 'second', 'video:1')],
    );
    const recipe = recipeFor({ graph, graphFile: null, baseDir: MEDIA, outDir: join(h.dir, 'out') });
    // What a process killed right after the first submit leaves behind.
    const runId = 'crashed-run-0001';
    await h.ledger.append({ type: 'run.started', runId, graphFile: null, graphHash: 'x', batchRow: null, recipe: recipe as unknown as Record<string, never> });
    const client = createModellixClient({ baseUrl: h.sim.url, apiKey: API_KEY });
    const body = { prompt: 'A harbour', seed: 5 };
    const { taskIntent } = await import('../../electron/engine/ledger');
    const intent = taskIntent({ runId, nodeId: 'first', model: 'seedance-2.0-t2v', submitPath: '/api/v1/bytedance/seedance-2.0-t2v/async', body, service: h.sim.url });
    await h.ledger.append(intent);
    const receipt = await client.submit('/api/v1/bytedance/seedance-2.0-t2v/async', body);
    await h.ledger.append({ type: 'task.submitted', taskKey: intent.taskKey, taskId: receipt.taskId });
    const { runs, unknown } = await resumeRuns(h.deps());
    expect(unknown).toEqual([]);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.nodes.map((n) => [n.node, n.outcome])).toEqual([
      ['first', 'succeeded'],
      ['second', 'succeeded'],
    ]);
    expect(h.sim.stats.submits.total).toBe(2);
    expect(h.sim.stats.submits.duplicates).toEqual([]);
    expect(h.ledger.run(runId)?.outcome).toBe('succeeded');
  });
});
