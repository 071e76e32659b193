import { describe, expect, it } from 'vitest';
import { LedgerVersionError, parseLedgerText, replayLedgerText } from './replay';
import { intent, runStarted } from './test-support/events';

const at = '2025-01-01T00:00:00.000Z';
const line = (event: object) => JSON.stringify({ v: 1, at, ...event });

function lines(): string[] {
  return [
    line(runStarted('r1')),
    line(intent('r1', 't1')),
    line({ type: 'task.submitted', taskKey: 't1', taskId: 'task-1' }),
    line({ type: 'task.status', taskKey: 't1', status: 'processing' }),
  ];
}

describe('replay', () => {
  it('rebuilds runs and tasks from the lines', () => {
    const { state, warnings } = replayLedgerText(`${lines().join('\n')}\n`);
    expect(warnings).toEqual([]);
    expect(state.runs.get('r1')?.taskKeys).toEqual(['t1']);
    expect(state.tasks.get('t1')).toMatchObject({ state: 'submitted', taskId: 'task-1', lastStatus: 'processing', seed: 7 });
    expect(state.taskIds.get('task-1')).toBe('t1');
  });

  it('skips a torn last line with one warning', () => {
    const all = lines();
    const torn = (all[3] ?? '').slice(0, 25);
    const text = `${all.slice(0, 3).join('\n')}\n${torn}`;
    const { state, warnings, parsed } = replayLedgerText(text, 'ledger.jsonl');
    expect(parsed.endsWithNewline).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/ledger\.jsonl line 4: incomplete last line.*skipped/);
    expect(state.tasks.get('t1')?.state).toBe('submitted');
    expect(state.tasks.get('t1')?.lastStatus).toBeUndefined();
  });

  it('keeps a complete last line that only lacks its newline', () => {
    const { state, warnings, parsed } = replayLedgerText(lines().join('\n'));
    expect(parsed.endsWithNewline).toBe(false);
    expect(warnings).toEqual([]);
    expect(state.tasks.get('t1')?.lastStatus).toBe('processing');
  });

  it('skips a corrupt middle line and an invalid event, keeping the rest', () => {
    const all = lines();
    const text = [all[0], all[1], '{"v":1,"type":"task.sub\u0000garbage', line({ type: 'task.submitted', taskKey: 't1' }), all[2], all[3]].join('\n') + '\n';
    const { state, warnings, parsed } = replayLedgerText(text);
    expect(warnings.map((w) => w.line)).toEqual([3, 4]);
    expect(warnings[0]?.message).toMatch(/not valid JSON/);
    expect(warnings[1]?.message).toMatch(/not a valid ledger event \(taskId/);
    expect(parsed.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(state.tasks.get('t1')).toMatchObject({ state: 'submitted', lastStatus: 'processing' });
  });

  it('ignores blank lines and CRLF endings', () => {
    const { warnings, state } = replayLedgerText(`${lines().join('\r\n')}\r\n\n\n`);
    expect(warnings).toEqual([]);
    expect(state.tasks.size).toBe(1);
  });

  it('warns about events that do not fit the state instead of failing', () => {
    const text = [
      line({ type: 'task.submitted', taskKey: 'ghost', taskId: 'x' }),
      line(runStarted('r1')),
      line(runStarted('r1')),
      line(intent('r1', 't1')),
      line(intent('r1', 't1')),
      line({ type: 'task.succeeded', taskKey: 't1', resources: [{ url: 'https://cdn/x.mp4' }] }),
    ].join('\n');
    const { warnings, state } = replayLedgerText(text);
    expect(warnings.map((w) => w.line)).toEqual([1, 3, 5, 6]);
    expect(warnings[3]?.message).toMatch(/task\.succeeded for task t1 in state intent/);
    expect(state.tasks.get('t1')?.state).toBe('intent');
  });

  it('refuses a file written by a newer format', () => {
    expect(() => parseLedgerText(`${line(runStarted('r1'))}\n{"v":2,"type":"future"}\n`)).toThrow(LedgerVersionError);
    expect(() => parseLedgerText('{"v":2,"type":"future"}\n')).toThrow(/newer version of Seedance Flow.*Update Seedance Flow/);
  });
});
