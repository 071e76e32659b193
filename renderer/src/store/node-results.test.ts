import { describe, expect, it } from 'vitest';
import type { RunView, TaskView } from '../../../shared/api';
import { resultsByNode } from './node-results';

const run = (runId: string, graphPath: string | null): RunView => ({ runId, graphPath, startedAt: '2025-01-01T00:00:00.000Z', outcome: 'succeeded', tasks: 1 });
const task = (runId: string, node: string, endedAt: string, extra: Partial<TaskView> = {}): TaskView => ({
  taskKey: `${runId}:${node}`,
  runId,
  node,
  model: 'seedance-2.0-t2v',
  state: 'succeeded',
  startedAt: '2025-01-01T00:00:00.000Z',
  endedAt,
  outputs: [{ path: `/out/${runId}/${node}.mp4`, mediaId: `${runId}-${node}`, kind: 'video' }],
  ...extra,
});

describe('resultsByNode', () => {
  it("keeps this graph's finished results with outputs, by node, newest first", () => {
    const runs = [run('a', '/g.seedance.json'), run('b', '/g.seedance.json'), run('c', '/other.seedance.json'), run('d', null)];
    const tasks = [
      task('a', 'shot1', '2025-01-01T00:01:00.000Z'),
      task('b', 'shot1', '2025-01-02T00:01:00.000Z'),
      task('b', 'shot2', '2025-01-02T00:02:00.000Z', { state: 'failed', outputs: [] }),
      task('c', 'shot1', '2025-01-03T00:01:00.000Z'),
      task('d', 'shot1', '2025-01-04T00:01:00.000Z'),
    ];
    const byNode = resultsByNode(tasks, runs, '/g.seedance.json', []);
    expect(Object.keys(byNode)).toEqual(['shot1']);
    expect(byNode.shot1?.map((t) => t.runId)).toEqual(['b', 'a']);
    // An unsaved graph: the runs this window started for it.
    expect(resultsByNode(tasks, runs, null, ['d']).shot1?.map((t) => t.runId)).toEqual(['d']);
    // Saved after running: both.
    expect(resultsByNode(tasks, runs, '/g.seedance.json', ['d']).shot1?.map((t) => t.runId)).toEqual(['d', 'b', 'a']);
  });
});
