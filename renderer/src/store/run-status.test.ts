import { beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/api';
import { runStatusText } from '../nodes/seedance-view';
import { finishedSummary, runStateOf, useRunStatus } from './run-status';

const store = () => useRunStatus.getState();
const record = (event: RunEvent) => store().record(event);
const started = (runId: string, at = 0): RunEvent => ({ type: 'run.started', runId, at, graph: null, tasks: 1 });
const done = (runId: string, at: number, counts: Partial<Record<'succeeded' | 'reused' | 'failed', number>> = {}): RunEvent => ({
  type: 'run.done',
  runId,
  at,
  ok: !counts.failed,
  succeeded: counts.succeeded ?? 0,
  reused: counts.reused ?? 0,
  failed: counts.failed ?? 0,
  unknown: 0,
  cancelled: 0,
  skipped: 0,
});
const status = (runId: string, node: string, at: number): RunEvent => ({ type: 'task.status', runId, at, node, taskId: 't', status: 'processing' });

beforeEach(() => store().clear());

describe('run status', () => {
  it('keeps what a run said before the window knew it was its own, and never brings back a finished run', () => {
    record(started('r1'));
    record({ type: 'task.reused', runId: 'r1', at: 1, node: 'a', taskId: 't0', outputs: [], reason: 'same request' });
    record({ type: 'node.done', runId: 'r1', at: 2, node: 'a', ok: true });
    record(done('r1', 3, { reused: 1 }));
    expect(store().byNode).toEqual({});
    store().begin(['r1']);
    expect(store().active).toEqual([]);
    expect(store().byNode.a?.type).toBe('task.reused');
    expect(finishedSummary(store(), ['r1'])).toMatchObject({ ok: true, reused: 1, succeeded: 0 });
  });

  it('shows and counts as running only the runs this window started', () => {
    record(started('other'));
    record(status('other', 'a', 1));
    expect(store().active).toEqual([]);
    expect(store().byNode).toEqual({});
    store().begin(['mine']);
    record(started('mine', 2));
    record(status('other', 'a', 3));
    expect(store().byNode).toEqual({});
    record(status('mine', 'a', 4));
    expect(store().active).toEqual(['mine']);
    expect(store().byNode.a?.runId).toBe('mine');
    record(done('other', 5));
    expect(store().active).toEqual(['mine']);
    record(done('mine', 6));
    expect(store().active).toEqual([]);
  });

  it('a new run forgets the node states of the previous one; a run going on from before stays active', () => {
    store().begin(['r1']);
    record(started('r1'));
    record(status('r1', 'a', 1));
    store().begin(['r2']);
    expect(store().byNode).toEqual({});
    expect(store().active).toEqual(['r1', 'r2']);
    record(status('r1', 'a', 2));
    expect(store().byNode).toEqual({});
  });

  it('several runs started together: the latest event of each node, and one summary when the last ends', () => {
    record(started('r1'));
    record(status('r1', 'a', 5));
    record(started('r2'));
    record(status('r2', 'a', 3));
    record(done('r1', 6, { succeeded: 1 }));
    store().begin(['r1', 'r2']);
    expect(store().byNode.a).toMatchObject({ runId: 'r1', at: 5 });
    expect(store().active).toEqual(['r2']);
    expect(finishedSummary(store(), ['r1', 'r2'])).toBeUndefined();
    record(done('r2', 7, { failed: 1 }));
    expect(finishedSummary(store(), ['r1', 'r2'])).toMatchObject({ ok: false, succeeded: 1, failed: 1 });
    expect(finishedSummary(store(), [])).toBeUndefined();
  });

  it('a resumed run that had ended (a download was lost) is running again', () => {
    store().begin(['r1']);
    record(started('r1'));
    record(done('r1', 1, { failed: 1 }));
    expect(store().active).toEqual([]);
    record(started('r1', 2));
    expect(store().active).toEqual(['r1']);
    expect(finishedSummary(store(), ['r1'])).toBeUndefined();
  });

  it('node.done after a task event keeps the more telling task event', () => {
    store().begin(['r1']);
    record({ type: 'task.failed', runId: 'r1', at: 1, node: 'a', outcome: 'failed', message: 'refused' });
    record({ type: 'node.done', runId: 'r1', at: 2, node: 'a', ok: false });
    expect(store().byNode.a?.type).toBe('task.failed');
  });
});

describe('what a node says of its task', () => {
  it('says cancelled, skipped and unknown as themselves, not as failed, also after the node is done', () => {
    store().begin(['r9']);
    for (const outcome of ['cancelled', 'skipped', 'unknown', 'failed'] as const) {
      const node = `n-${outcome}`;
      record({ type: 'task.failed', runId: 'r9', at: 1, node, outcome, message: `because ${outcome}` });
      record({ type: 'node.done', runId: 'r9', at: 2, node, ok: false });
      const shown = store().byNode[node];
      expect(shown && runStateOf(shown)).toBe(outcome);
    }
    const text = (node: string) => {
      const event = store().byNode[node];
      return event ? runStatusText(event) : '';
    };
    expect(text('n-cancelled')).toBe('Cancelled: because cancelled');
    expect(text('n-skipped')).toBe('Skipped: because skipped');
    expect(text('n-unknown')).toBe('Outcome unknown: because unknown');
    expect(text('n-failed')).toBe('Failed: because failed');
  });
});
