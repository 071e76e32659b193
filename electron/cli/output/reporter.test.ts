import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/api/run-events';
import { createPrinter } from './printer';
import { chooseMode, createReporter } from './reporter';

class Sink extends Writable {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 100,
  ) {
    super();
  }
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

const runId = '3f2a9c1e-0000-4000-8000-000000000000';
const at = 1;
const events: RunEvent[] = [
  { type: 'run.started', runId, at, graph: '/g/chain.json', tasks: 2, row: 3 },
  { type: 'task.queued', runId, at, node: 'shot1', model: 'seedance-2.0-v2v' },
  { type: 'task.uploading', runId, at, node: 'shot1', file: '/g/clip.mp4', cached: false },
  { type: 'task.submitted', runId, at, node: 'shot1', taskId: 'task-abc' },
  { type: 'task.status', runId, at, node: 'shot1', taskId: 'task-abc', status: 'processing' },
  { type: 'task.waiting', runId, at, node: 'shot1', reason: 'rate limited (429)', ms: 2000 },
  { type: 'task.succeeded', runId, at, node: 'shot1', taskId: 'task-abc', outputs: ['/o/shot1.mp4'] },
  { type: 'node.done', runId, at, node: 'shot1', ok: true },
  { type: 'task.failed', runId, at, node: 'shot2', outcome: 'skipped', message: 'Skipped: "shot1" did not produce its output.' },
  { type: 'node.done', runId, at, node: 'shot2', ok: false },
  { type: 'run.done', runId, at, ok: false, succeeded: 1, reused: 0, failed: 0, unknown: 0, cancelled: 0, skipped: 1, outDir: '/o' },
];

function setup(tty: boolean) {
  const stdout = new Sink(tty);
  const stderr = new Sink(tty);
  return { stdout, stderr, printer: createPrinter({ stdout, stderr }) };
}

describe('reporters', () => {
  it('chooses bars only when stdout and stderr are terminals', () => {
    expect(chooseMode(true, { stdout: { isTTY: true }, stderr: { isTTY: true } })).toBe('json');
    expect(chooseMode(false, { stdout: { isTTY: true }, stderr: { isTTY: true } })).toBe('progress');
    expect(chooseMode(false, { stdout: { isTTY: false }, stderr: { isTTY: true } })).toBe('plain');
  });

  it('plain: one readable line per event', () => {
    const { stdout, printer } = setup(false);
    const reporter = createReporter('plain', printer);
    for (const e of events) reporter.event(e);
    reporter.finish();
    expect(stdout.text.trim().split('\n')).toEqual([
      '[run 3f2a9c1e] started (row 3): 2 tasks of /g/chain.json',
      '[run 3f2a9c1e] shot1 queued (seedance-2.0-v2v)',
      '[run 3f2a9c1e] shot1 uploading /g/clip.mp4',
      '[run 3f2a9c1e] shot1 submitted task-abc',
      '[run 3f2a9c1e] shot1 processing',
      '[run 3f2a9c1e] shot1 waiting 2 s: rate limited (429)',
      '[run 3f2a9c1e] shot1 succeeded -> /o/shot1.mp4',
      '[run 3f2a9c1e] shot2: Skipped: "shot1" did not produce its output.',
      '[run 3f2a9c1e] finished with problems: 1 succeeded, 1 skipped -> /o',
    ]);
  });

  it('json: validated events only, one line each', () => {
    const { stdout, stderr, printer } = setup(false);
    const reporter = createReporter('json', printer);
    for (const e of events) reporter.event(e);
    reporter.event({ type: 'task.queued', runId, at } as unknown as RunEvent);
    const lines = stdout.text.trim().split('\n');
    expect(lines).toHaveLength(events.length);
    expect(JSON.parse(lines[3] ?? '')).toEqual(events[3]);
    expect(stderr.text).toContain('unexpected shape (task.queued)');
  });

  it('progress: a bar per run on stderr, failures logged above it', () => {
    const { stdout, stderr, printer } = setup(true);
    const reporter = createReporter('progress', printer, { expectedRuns: 1, expectedTasks: 2 });
    for (const e of events) reporter.event(e);
    reporter.finish();
    expect(stdout.text).toBe('');
    expect(stderr.text).toContain('run 3f2a9c1e row 3');
    expect(stderr.text).toContain('2/2');
    expect(stderr.text).toContain('Skipped: "shot1" did not produce its output.');
  });

  it('progress: one overall bar for many runs', () => {
    const { stderr, printer } = setup(true);
    const reporter = createReporter('progress', printer, { expectedRuns: 20, expectedTasks: 40 });
    reporter.event({ type: 'run.started', runId: 'r1', at, graph: null, tasks: 2 });
    reporter.event({ type: 'task.submitted', runId: 'r1', at, node: 'a', taskId: 't' });
    reporter.finish();
    expect(stderr.text).toMatch(/1 run\s+\S+ 0\/40 1 submitted/);
  });
});
