/**
 * The results each node has made, across runs and restarts (from the ledger, through
 * `runs.list` and `tasks.list`), newest first: what the Seedance node plays and lets the user
 * step through. A node's results are those of runs of this graph: of its file when it has one,
 * and the runs this window started for it (an unsaved graph has no other identity).
 */
import { create } from 'zustand';
import type { RunView, TaskView } from '../../../shared/api';

export interface NodeResultsState {
  /** Node id -> its finished tasks with outputs, newest first. */
  byNode: Record<string, readonly TaskView[]>;
}

export const useNodeResults = create<NodeResultsState>()(() => ({ byNode: {} }));

const NONE: readonly TaskView[] = Object.freeze([]);

/** A node's results, newest first (the same array while they do not change). */
export function useResultsOf(nodeId: string): readonly TaskView[] {
  return useNodeResults((s) => s.byNode[nodeId] ?? NONE);
}

/**
 * Groups the finished tasks with outputs by node, newest first, keeping only runs of this graph:
 * those whose graph file is `graphPath`, and those in `windowRuns`.
 */
export function resultsByNode(tasks: readonly TaskView[], runs: readonly RunView[], graphPath: string | null, windowRuns: readonly string[]): Record<string, TaskView[]> {
  const ours = new Set([...windowRuns, ...(graphPath === null ? [] : runs.filter((r) => r.graphPath === graphPath).map((r) => r.runId))]);
  const byNode: Record<string, TaskView[]> = {};
  for (const task of tasks) {
    if (task.state !== 'succeeded' || task.outputs.length === 0 || !ours.has(task.runId)) continue;
    (byNode[task.node] ??= []).push(task);
  }
  for (const list of Object.values(byNode)) list.sort((a, b) => (b.endedAt ?? b.startedAt).localeCompare(a.endedAt ?? a.startedAt));
  return byNode;
}
