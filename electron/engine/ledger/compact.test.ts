import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempPathFor } from '../fs/atomic';
import { compactEvents } from './compact';
import type { LedgerEvent } from './events';
import { LEDGER_FILE, Ledger, REJECTED_FILE } from './ledger';
import { replayLedgerText } from './replay';
import { applyEvent, createState, stateFingerprint } from './state';
import { intent, runStarted, SERVICE, sha } from './test-support/events';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-compact-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
const ledgerPath = () => path.join(dir, LEDGER_FILE);

function fingerprintOf(events: readonly LedgerEvent[]): string {
  const state = createState();
  for (const event of events) applyEvent(state, event);
  return stateFingerprint(state);
}

async function busyLedger(): Promise<Ledger> {
  const ledger = await Ledger.open(dir);
  await ledger.append(runStarted('r1'));
  await ledger.append(intent('r1', 'done'));
  await ledger.append({ type: 'task.submitted', taskKey: 'done', taskId: 'id-done' });
  for (const status of ['pending', 'pending', 'processing', 'processing']) await ledger.append({ type: 'task.status', taskKey: 'done', status });
  await ledger.append({ type: 'task.succeeded', taskKey: 'done', resources: [{ url: 'u1' }] });
  await ledger.append({ type: 'task.downloaded', taskKey: 'done', outputs: [{ url: 'u1', path: '/o/1.mp4', sha256: sha('1'), bytes: 1 }] });
  await ledger.append({ type: 'task.downloaded', taskKey: 'done', outputs: [{ url: 'u1', path: '/o/2.mp4', sha256: sha('2'), bytes: 2 }] });
  await ledger.append(intent('r1', 'polling', { prompt: 'p' }));
  await ledger.append({ type: 'task.submitted', taskKey: 'polling', taskId: 'id-polling' });
  for (const status of ['pending', 'processing']) await ledger.append({ type: 'task.status', taskKey: 'polling', status });
  await ledger.append(intent('r1', 'lost', { prompt: 'q' }));
  await ledger.append({ type: 'upload.cached', sha256: sha('a'), service: SERVICE, url: 'old' });
  await ledger.append({ type: 'upload.cached', sha256: sha('a'), service: SERVICE, url: 'new' });
  await ledger.append({ type: 'upload.cached', sha256: sha('b'), service: SERVICE, url: 'gone' });
  await ledger.append({ type: 'upload.invalidated', sha256: sha('b') });
  return ledger;
}

describe('compact', () => {
  it('keeps the state, drops what is superseded, and keeps appending to the new file', async () => {
    let ledger = await busyLedger();
    const before = readFileSync(ledgerPath(), 'utf8');
    const result = await ledger.compact();
    const after = readFileSync(ledgerPath(), 'utf8');
    expect(result).toMatchObject({ linesBefore: 19, rejectedLines: 0 });
    expect(result.linesAfter).toBe(after.trimEnd().split('\n').length);
    expect(result.linesAfter).toBe(11);
    expect(stateFingerprint(replayLedgerText(after).state)).toBe(stateFingerprint(replayLedgerText(before).state));
    expect(ledger.task('done')?.outputs?.[0]?.path).toBe('/o/2.mp4');
    await ledger.append({ type: 'task.succeeded', taskKey: 'polling', resources: [{ url: 'u2' }] });
    await ledger.close();
    ledger = await Ledger.open(dir);
    expect(ledger.warnings).toEqual([]);
    expect(ledger.task('polling')).toMatchObject({ state: 'succeeded', lastStatus: 'processing' });
    expect(ledger.task('done')).toMatchObject({ lastStatus: 'processing', outputs: [{ path: '/o/2.mp4' }] });
    expect(ledger.intentsWithoutId().map((t) => t.taskKey)).toEqual(['lost']);
    expect(ledger.uploadFor(sha('a'), SERVICE)?.url).toBe('new');
    expect(ledger.uploadFor(sha('b'), SERVICE)).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual([LEDGER_FILE, 'ledger.lock']);
    await ledger.close();
  });

  it('is atomic: a crash mid-compaction leaves the old file and a temp file that the next open removes', async () => {
    const ledger = await busyLedger();
    await ledger.close();
    const original = readFileSync(ledgerPath(), 'utf8');
    // What a kill between "write temp" and "rename" leaves: a partial temp file next to the ledger.
    const temp = tempPathFor(ledgerPath());
    writeFileSync(temp, original.slice(0, 300));
    const reopened = await Ledger.open(dir);
    expect(existsSync(temp)).toBe(false);
    expect(reopened.warnings).toEqual([]);
    expect(stateFingerprint(replayLedgerText(readFileSync(ledgerPath(), 'utf8')).state)).toBe(stateFingerprint(replayLedgerText(original).state));
    expect(reopened.task('done')?.state).toBe('succeeded');
    await reopened.close();
  });

  it('moves unreadable lines aside instead of losing them', async () => {
    let ledger = await Ledger.open(dir);
    await ledger.append(runStarted('r1'));
    await ledger.close();
    appendFileSync(ledgerPath(), 'garbage line\n');
    ledger = await Ledger.open(dir);
    await ledger.append(intent('r1', 't1'));
    const result = await ledger.compact();
    expect(result.rejectedLines).toBe(1);
    const rejected = readFileSync(path.join(dir, REJECTED_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; raw: string });
    expect(rejected).toEqual([expect.objectContaining({ line: 2, raw: 'garbage line' })]);
    await ledger.close();
    ledger = await Ledger.open(dir);
    expect(ledger.warnings).toEqual([]);
    expect(ledger.tasksByRun('r1')).toHaveLength(1);
    await ledger.close();
  });

  it('runs between appends without losing any (appends made during a compaction land in the new file)', async () => {
    const ledger = await Ledger.open(dir);
    await ledger.append(runStarted('r1'));
    const appends: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      appends.push(ledger.append(intent('r1', `t${i}`, { prompt: `${i}` })));
      if (i % 10 === 5) appends.push(ledger.compact());
    }
    await Promise.all(appends);
    await ledger.close();
    const reopened = await Ledger.open(dir);
    expect(reopened.tasksByRun('r1')).toHaveLength(30);
    await reopened.close();
  });

  it('never changes the state, for any sequence of events (property)', () => {
    const key = fc.constantFrom('t1', 't2', 't3');
    const run = fc.constantFrom('r1', 'r2');
    const upload = fc.constantFrom(sha('a'), sha('b'));
    const event = fc.oneof(
      run.map((runId) => ({ ...runStarted(runId) })),
      fc.record({ runId: run, outcome: fc.constantFrom('succeeded' as const, 'failed' as const) }).map((e) => ({ type: 'run.finished' as const, ...e })),
      fc.tuple(run, key, fc.integer({ min: -1, max: 2 })).map(([runId, taskKey, seed]) => intent(runId, taskKey, { prompt: 'x', seed })),
      fc.tuple(key, fc.constantFrom('id1', 'id2', 'id3')).map(([taskKey, taskId]) => ({ type: 'task.submitted' as const, taskKey, taskId })),
      fc.tuple(key, fc.constantFrom('pending', 'processing')).map(([taskKey, status]) => ({ type: 'task.status' as const, taskKey, status })),
      key.map((taskKey) => ({ type: 'task.succeeded' as const, taskKey, resources: [{ url: `u-${taskKey}` }] })),
      fc.tuple(key, fc.nat(3)).map(([taskKey, n]) => ({ type: 'task.downloaded' as const, taskKey, outputs: [{ url: 'u', path: `/o/${n}`, sha256: sha('c'), bytes: n }] })),
      key.map((taskKey) => ({ type: 'task.failed' as const, taskKey, reason: 'r', retryable: false, phase: 'task' as const })),
      key.map((taskKey) => ({ type: 'task.unknown' as const, taskKey, reason: 'dropped' })),
      key.map((taskKey) => ({ type: 'task.cancelled' as const, taskKey })),
      fc.tuple(run, key).map(([runId, sourceTaskKey]) => ({ type: 'node.reused' as const, runId, nodeId: 'n', sourceTaskKey })),
      fc.tuple(upload, fc.nat(3)).map(([s, n]) => ({ type: 'upload.cached' as const, sha256: s, url: `url-${n}` })),
      upload.map((s) => ({ type: 'upload.invalidated' as const, sha256: s })),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (inputs) => {
        const events = inputs.map((e, i) => ({ ...e, v: 1, at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString() }) as LedgerEvent);
        const compacted = compactEvents(events);
        expect(fingerprintOf(compacted)).toBe(fingerprintOf(events));
        expect(compacted.length).toBeLessThanOrEqual(events.length);
        expect(compactEvents(compacted)).toEqual(compacted);
      }),
      { numRuns: 300 },
    );
  });
});
