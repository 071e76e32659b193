import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../engine/ledger';
import { intent, runStarted, sha } from '../../engine/ledger/test-support/events';
import { makeHarness, type Harness } from '../test-support/harness';

let h: Harness;
afterEach(() => h?.cleanup());

const RUN_A = 'aaaa1111-0000-4000-8000-000000000001';
const RUN_B = 'bbbb2222-0000-4000-8000-000000000002';

/** A ledger with one succeeded task in run A (batch row 3), one failed and one unknown in run B. */
async function writeLedger(dataDir: string): Promise<void> {
  let clock = Date.parse('2030-01-01T10:00:00Z');
  const ledger = await Ledger.open(dataDir, { releaseOnExit: false, now: () => new Date((clock += 1000)) });
  await ledger.append({ type: 'run.started', runId: RUN_A, graphFile: '/g/chain.json', graphHash: sha('g'), batchRow: 3, batchFile: '/b/rows.csv' });
  await ledger.append(intent(RUN_A, 'k1', { prompt: 'a', seed: 1 }, 'shot1'));
  await ledger.append({ type: 'task.submitted', taskKey: 'k1', taskId: 'task-111' });
  await ledger.append({ type: 'task.succeeded', taskKey: 'k1', resources: [{ url: 'https://cdn/x.mp4' }] });
  await ledger.append({ type: 'task.downloaded', taskKey: 'k1', outputs: [{ url: 'https://cdn/x.mp4', path: '/out/run-a/shot1.mp4', sha256: sha('a'), bytes: 10 }] });
  await ledger.append(runStarted(RUN_B));
  await ledger.append(intent(RUN_B, 'k2', { prompt: 'b', seed: 2 }, 'shot1'));
  await ledger.append({ type: 'task.submitted', taskKey: 'k2', taskId: 'task-222' });
  await ledger.append({ type: 'task.failed', taskKey: 'k2', reason: 'refused by moderation', retryable: false, phase: 'task' });
  await ledger.append(intent(RUN_B, 'k3', { prompt: 'c', seed: 3 }, 'shot2'));
  await ledger.append({ type: 'task.unknown', taskKey: 'k3', reason: 'no answer to the submit' });
  await ledger.close();
}

describe('tasks', () => {
  it('--json prints one line per task, oldest first, with state, task id, outputs and no body', async () => {
    h = makeHarness();
    await writeLedger(path.join(h.dir, 'data'));
    expect(await h.run('tasks', '--json')).toBe(0);
    const rows = h.io.stdout.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => [r.runId, r.node, r.state, r.taskId])).toEqual([
      [RUN_A, 'shot1', 'succeeded', 'task-111'],
      [RUN_B, 'shot1', 'failed', 'task-222'],
      [RUN_B, 'shot2', 'unknown', null],
    ]);
    expect(rows[0]).toMatchObject({ model: 'seedance-2.0-t2v', outputs: ['/out/run-a/shot1.mp4'], batchRow: 3, batchFile: '/b/rows.csv' });
    expect(rows[1]).toMatchObject({ message: 'refused by moderation' });
    expect(rows.every((r) => !('body' in r))).toBe(true);
  });

  it('--run filters by id or its first characters; --limit keeps the newest', async () => {
    h = makeHarness();
    await writeLedger(path.join(h.dir, 'data'));
    expect(await h.run('tasks', '--json', '--run', 'bbbb2222')).toBe(0);
    expect(h.io.stdout.text.trim().split('\n')).toHaveLength(2);
    h.io.stdout.text = '';
    expect(await h.run('tasks', '--json', '--limit', '1')).toBe(0);
    expect((JSON.parse(h.io.stdout.text) as { node: string }).node).toBe('shot2');
    expect(await h.run('tasks', '--run', 'zzz')).toBe(2);
    expect(h.io.stderr.text).toContain('No run matches "zzz"');
  });

  it('prints a table: run, node, model, state, task id, age, outputs', async () => {
    h = makeHarness();
    await writeLedger(path.join(h.dir, 'data'));
    expect(await h.run('tasks')).toBe(0);
    const lines = h.io.stdout.text.trim().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+NODE\s+MODEL\s+STATE\s+TASK ID\s+AGE\s+OUTPUTS$/);
    expect(lines[1]).toMatch(/^aaaa1111 r3\s+shot1\s+seedance-2\.0-t2v\s+succeeded\s+task-111\s+\S+ \S+\s+shot1\.mp4$/);
    expect(lines[3]).toContain('unknown (check dashboard)');
  });

  it('reads without locking: works while another process holds the ledger', async () => {
    h = makeHarness();
    const dataDir = path.join(h.dir, 'data');
    await writeLedger(dataDir);
    const held = await Ledger.open(dataDir, { releaseOnExit: false });
    try {
      expect(await h.run('tasks', '--json')).toBe(0);
      expect(h.io.stdout.text.trim().split('\n')).toHaveLength(3);
    } finally {
      await held.close();
    }
  });

  it('--data-dir picks the ledger; an empty one is not an error', async () => {
    h = makeHarness();
    await writeLedger(path.join(h.dir, 'elsewhere'));
    expect(await h.run('tasks', '--json', '--data-dir', 'elsewhere')).toBe(0);
    expect(h.io.stdout.text.trim().split('\n')).toHaveLength(3);
    h.io.stdout.text = '';
    expect(await h.run('tasks', '--json')).toBe(0);
    expect(h.io.stdout.text).toBe('');
    expect(await h.run('tasks')).toBe(0);
    expect(h.io.stderr.text).toContain('No tasks yet');
  });
});
