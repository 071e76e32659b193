import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEDGER_FILE, Ledger, LedgerUsageError } from './ledger';
import { intent, runStarted, SERVICE, sha } from './test-support/events';

let dir: string;
const open: Ledger[] = [];
async function openLedger(options: Parameters<typeof Ledger.open>[1] = {}): Promise<Ledger> {
  const ledger = await Ledger.open(dir, options);
  open.push(ledger);
  return ledger;
}
async function reopen(ledger: Ledger, options: Parameters<typeof Ledger.open>[1] = {}): Promise<Ledger> {
  await ledger.close();
  return openLedger(options);
}
const fileText = () => readFileSync(path.join(dir, LEDGER_FILE), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-ledger-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('Ledger', () => {
  it('appends one fsynced line per event and replays them on reopen', async () => {
    let ledger = await openLedger();
    await ledger.append(runStarted('r1', { batchRow: 3 }));
    await ledger.append(intent('r1', 't1'));
    await ledger.append({ type: 'task.submitted', taskKey: 't1', taskId: 'task-1', pollUrl: 'http://x/api/v1/tasks/task-1' });
    await ledger.append({ type: 'task.status', taskKey: 't1', status: 'processing' });
    await ledger.append({ type: 'task.succeeded', taskKey: 't1', resources: [{ url: 'https://cdn/x.mp4', type: 'video', role: 'primary' }] });
    await ledger.append({ type: 'task.downloaded', taskKey: 't1', outputs: [{ url: 'https://cdn/x.mp4', path: '/out/x.mp4', sha256: sha('a'), bytes: 10 }] });
    await ledger.append({ type: 'run.finished', runId: 'r1', outcome: 'succeeded' });
    const lines = fileText().trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ v: 1, type: 'run.started', runId: 'r1', batchRow: 3 });
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ type: 'task.intent', seed: 7, model: 'seedance-2.0-t2v' });

    const before = ledger.task('t1');
    ledger = await reopen(ledger);
    expect(ledger.warnings).toEqual([]);
    expect(ledger.task('t1')).toEqual(before);
    expect(ledger.task('t1')).toMatchObject({ state: 'succeeded', taskId: 'task-1', lastStatus: 'processing' });
    expect(ledger.taskByTaskId('task-1')?.taskKey).toBe('t1');
    expect(ledger.run('r1')).toMatchObject({ outcome: 'succeeded', batchRow: 3, graphFile: '/graphs/chain.json' });
    expect(ledger.tasksByRun('r1').map((t) => t.taskKey)).toEqual(['t1']);
    expect(ledger.tasksByRun('nope')).toEqual([]);
  });

  it('answers pendingTasks, intentsWithoutId and pendingDownloads', async () => {
    const ledger = await openLedger();
    await ledger.append(runStarted('r1'));
    for (const key of ['a', 'b', 'c', 'd', 'e']) await ledger.append(intent('r1', key, { prompt: key }, key));
    await ledger.append({ type: 'task.submitted', taskKey: 'b', taskId: 'id-b' });
    await ledger.append({ type: 'task.submitted', taskKey: 'c', taskId: 'id-c' });
    await ledger.append({ type: 'task.succeeded', taskKey: 'c', resources: [{ url: 'u' }] });
    await ledger.append({ type: 'task.submitted', taskKey: 'd', taskId: 'id-d' });
    await ledger.append({ type: 'task.failed', taskKey: 'd', reason: 'moderation', retryable: false, phase: 'task' });
    await ledger.append({ type: 'task.cancelled', taskKey: 'e' });
    expect(ledger.pendingTasks().map((t) => t.taskKey)).toEqual(['b']);
    expect(ledger.intentsWithoutId().map((t) => t.taskKey)).toEqual(['a']);
    expect(ledger.pendingDownloads().map((t) => t.taskKey)).toEqual(['c']);
    expect(ledger.task('d')?.failure).toEqual({ reason: 'moderation', retryable: false, phase: 'task' });
  });

  it('marks intents without id as outcome unknown after a reopen, never its own', async () => {
    let ledger = await openLedger();
    await ledger.append(runStarted('r1'));
    await ledger.append(intent('r1', 'lost'));
    await ledger.append(intent('r1', 'known', { prompt: 'b', seed: 1 }));
    await ledger.append({ type: 'task.submitted', taskKey: 'known', taskId: 'task-k' });
    ledger = await reopen(ledger);
    await ledger.append(intent('r1', 'in-flight', { prompt: 'c' }));
    const marked = await ledger.recoverAfterCrash();
    expect(marked.map((t) => t.taskKey)).toEqual(['lost']);
    expect(ledger.task('lost')).toMatchObject({ state: 'unknown' });
    expect(ledger.task('lost')?.unknownReason).toMatch(/not sent again automatically/);
    expect(ledger.task('in-flight')?.state).toBe('intent');
    expect(ledger.pendingTasks().map((t) => t.taskKey)).toEqual(['known']);
    ledger = await reopen(ledger);
    expect(ledger.task('lost')?.state).toBe('unknown');
    // `in-flight` is now a leftover of the previous process.
    expect((await ledger.recoverAfterCrash()).map((t) => t.taskKey)).toEqual(['in-flight']);
    expect(await ledger.recoverAfterCrash()).toEqual([]);
  });

  it('keeps a task id that turns up after the outcome was marked unknown', async () => {
    const ledger = await openLedger();
    await ledger.append(runStarted('r1'));
    await ledger.append(intent('r1', 't'));
    await ledger.append({ type: 'task.unknown', taskKey: 't', reason: 'dropped' });
    await ledger.append({ type: 'task.submitted', taskKey: 't', taskId: 'late' });
    expect(ledger.pendingTasks().map((t) => t.taskId)).toEqual(['late']);
    expect(ledger.task('t')?.unknownReason).toBeUndefined();
  });

  it('ignores a torn last line on open and appends after it on a fresh line', async () => {
    let ledger = await openLedger();
    await ledger.append(runStarted('r1'));
    await ledger.append(intent('r1', 't1'));
    await ledger.close();
    appendFileSync(path.join(dir, LEDGER_FILE), '{"v":1,"at":"2025-01-01T00:00:00.000Z","type":"task.subm');
    ledger = await openLedger();
    expect(ledger.warnings).toHaveLength(1);
    expect(ledger.warnings[0]?.message).toMatch(/line 3: incomplete last line/);
    await ledger.append({ type: 'task.submitted', taskKey: 't1', taskId: 'task-1' });
    ledger = await reopen(ledger);
    expect(ledger.task('t1')?.taskId).toBe('task-1');
    expect(ledger.warnings).toHaveLength(1);
    expect(ledger.warnings[0]?.message).toMatch(/line 3: not valid JSON/);
  });

  it('ignores a corrupt middle line', async () => {
    let ledger = await openLedger();
    await ledger.append(runStarted('r1'));
    await ledger.close();
    appendFileSync(path.join(dir, LEDGER_FILE), 'this is not json\n{"v":1,"type":"task.intent"}\n');
    ledger = await openLedger();
    await ledger.append(intent('r1', 't1'));
    ledger = await reopen(ledger);
    expect(ledger.warnings.map((w) => w.line)).toEqual([2, 3]);
    expect(ledger.tasksByRun('r1').map((t) => t.taskKey)).toEqual(['t1']);
  });

  it('refuses events that do not fit, writing nothing', async () => {
    const ledger = await openLedger();
    await ledger.append(runStarted('r1'));
    await expect(ledger.append({ type: 'task.submitted', taskKey: 'ghost', taskId: 'x' })).rejects.toThrow(LedgerUsageError);
    await expect(ledger.append(intent('nope', 't1'))).rejects.toThrow(/unknown run nope/);
    await expect(ledger.append({ ...intent('r1', 't1'), seed: 8 })).rejects.toThrow(/seed 8 differs/);
    await expect(ledger.append({ ...intent('r1', 't1'), requestHash: sha('0') })).rejects.toThrow(/requestHash is not/);
    await expect(ledger.append({ ...intent('r1', 't1'), runId: '' })).rejects.toThrow(/runId/);
    await ledger.append(intent('r1', 't1'));
    await expect(ledger.append({ type: 'task.succeeded', taskKey: 't1', resources: [{ url: 'u' }] })).rejects.toThrow(/in state intent/);
    await expect(ledger.append(intent('r1', 't1'))).rejects.toThrow(/two intents/);
    expect(fileText().trimEnd().split('\n')).toHaveLength(2);
  });

  it('writes many concurrent appends, each on its own line, in call order', async () => {
    let ledger = await openLedger();
    await ledger.append(runStarted('r1'));
    await Promise.all(Array.from({ length: 200 }, (_, i) => ledger.append(intent('r1', `t${i}`, { prompt: `p${i}` }))));
    expect(fileText().trimEnd().split('\n')).toHaveLength(201);
    ledger = await reopen(ledger);
    expect(ledger.tasksByRun('r1').map((t) => t.taskKey)).toEqual(Array.from({ length: 200 }, (_, i) => `t${i}`));
  });

  it('remembers uploads by content hash, forgets invalidated and old ones', async () => {
    let now = new Date('2025-03-01T00:00:00Z');
    let ledger = await openLedger({ now: () => now });
    await ledger.append({ type: 'upload.cached', sha256: sha('a'), service: SERVICE, url: 'https://m/a.png', fileId: 'f-a', mimeType: 'image/png', bytes: 5 });
    await ledger.append({ type: 'upload.cached', sha256: sha('b'), service: SERVICE, url: 'https://m/b.png' });
    await ledger.append({ type: 'upload.invalidated', sha256: sha('b'), service: SERVICE, reason: 'deleted' });
    ledger = await reopen(ledger, { now: () => now });
    expect(ledger.uploadFor(sha('a'), SERVICE)).toMatchObject({ url: 'https://m/a.png', fileId: 'f-a', at: '2025-03-01T00:00:00.000Z' });
    expect(ledger.uploadFor(sha('b'), SERVICE)).toBeUndefined();
    expect(ledger.uploadFor(sha('c'), SERVICE)).toBeUndefined();
    now = new Date('2025-03-09T00:00:00Z');
    expect(ledger.uploadFor(sha('a'), SERVICE)).toBeUndefined();
    expect(ledger.uploadFor(sha('a'), SERVICE, { maxAgeMs: 30 * 86_400_000 })).toBeDefined();
  });

  it('refuses appends after close and survives a missing data folder', async () => {
    dir = path.join(dir, 'nested', 'data');
    const ledger = await openLedger();
    await ledger.close();
    await expect(ledger.append(runStarted('r1'))).rejects.toThrow(/closed/);
    await expect(ledger.compact()).rejects.toThrow(/closed/);
  });

  it('keeps the data folder and the ledger to the user alone (0700 / 0600), and tightens an old ledger', async () => {
    const old = process.umask(0o022);
    try {
      dir = path.join(dir, 'fresh', 'data');
      let ledger = await openLedger();
      await ledger.append(runStarted('r1'));
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dir, LEDGER_FILE)).mode & 0o777).toBe(0o600);
      expect(statSync(path.join(dir, 'ledger.lock')).mode & 0o777).toBe(0o600);
      await ledger.close();
      chmodSync(path.join(dir, LEDGER_FILE), 0o644);
      ledger = await openLedger();
      expect(statSync(path.join(dir, LEDGER_FILE)).mode & 0o777).toBe(0o600);
      await ledger.close();
    } finally {
      process.umask(old);
    }
  });

  it('refuses to open a ledger written by a newer version, and releases the lock', async () => {
    writeFileSync(path.join(dir, LEDGER_FILE), '{"v":9,"type":"x"}\n');
    await expect(Ledger.open(dir)).rejects.toThrow(/newer version/);
    writeFileSync(path.join(dir, LEDGER_FILE), '');
    await openLedger();
  });
});
