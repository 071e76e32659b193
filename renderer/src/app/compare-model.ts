/**
 * The compare grid's model: one row per run (a take, a batch row, or a run by its start time),
 * one column per node that made results (named as the user named it), and in each cell that
 * node's result in that run, or its state there (failed and why, cancelled, running, not run).
 */
import type { RunView, TaskView } from '../../../shared/api';
import { findNode, type GraphDocument } from '../../../shared/graph';
import { nodeName } from '../nodes/names';

export type CompareCell =
  | { kind: 'result'; task: TaskView; video?: TaskView['outputs'][number]; frame?: TaskView['outputs'][number] }
  | { kind: 'failed'; reason: string }
  | { kind: 'unknown'; reason: string }
  | { kind: 'cancelled'; reason?: string }
  | { kind: 'running' }
  | { kind: 'none' };

export interface CompareColumn {
  node: string;
  name: string;
}

export interface CompareRow {
  runId: string;
  label: string;
  /** The run as a whole, for the row's header. */
  outcome: RunView['outcome'] | undefined;
  cells: CompareCell[];
}

export interface CompareModel {
  columns: CompareColumn[];
  rows: CompareRow[];
}

function startTime(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** "Take 2" for a repeat, "Row 3" for a batch row, else the run's start time. */
export function runLabel(run: Pick<RunView, 'repeat' | 'batchRow' | 'startedAt'> | undefined, runId: string): string {
  if (!run) return `Run ${runId.slice(0, 8)}`;
  const parts: string[] = [];
  if (run.batchRow !== undefined) parts.push(`Row ${run.batchRow}`);
  if (run.repeat !== undefined) parts.push(`Take ${run.repeat}`);
  return parts.length > 0 ? parts.join(', ') : startTime(run.startedAt);
}

/** The cell of a node in a run: its newest task decides (a retried submit makes a new one). */
function cellOf(task: TaskView | undefined, run: RunView | undefined): CompareCell {
  if (!task) return run?.outcome === 'running' ? { kind: 'running' } : { kind: 'none' };
  switch (task.state) {
    case 'succeeded': {
      const video = task.outputs.find((o) => o.kind === 'video');
      const frame = task.outputs.find((o) => o.kind === 'image');
      if (!video && !frame) return run?.outcome === 'running' ? { kind: 'running' } : { kind: 'failed', reason: task.message ?? 'Finished, but its files were not downloaded. Resume unfinished runs to fetch them.' };
      return { kind: 'result', task, ...(video ? { video } : {}), ...(frame ? { frame } : {}) };
    }
    case 'failed':
      return { kind: 'failed', reason: task.message ?? 'No reason was given.' };
    case 'unknown':
      return { kind: 'unknown', reason: task.message ?? 'The answer to the submit was lost; check the Modellix dashboard.' };
    case 'cancelled':
      return { kind: 'cancelled', ...(task.message ? { reason: task.message } : {}) };
    default:
      return { kind: 'running' };
  }
}

/**
 * Builds the grid for `runIds` (in that order) from the runs' views and tasks. Columns follow the
 * graph's order; a node no longer in the graph keeps the name it had when it ran.
 */
export function compareModel(runIds: readonly string[], runs: readonly RunView[], tasks: readonly TaskView[], graph: GraphDocument): CompareModel {
  const ours = new Set(runIds);
  // Newest first (as tasks.list answers): the first task seen for a run and node is the one shown.
  const sorted = tasks.filter((t) => ours.has(t.runId)).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const names = new Map<string, string>();
  const newest = new Map<string, TaskView>();
  for (const task of sorted) {
    if (!names.has(task.node)) names.set(task.node, task.label ?? task.node);
    const key = `${task.runId}\u0000${task.node}`;
    if (!newest.has(key)) newest.set(key, task);
  }
  const position = (node: string) => {
    const at = graph.nodes.findIndex((n) => n.id === node);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const columns: CompareColumn[] = [...names.keys()]
    .sort((a, b) => position(a) - position(b))
    .map((node) => {
      const found = findNode(graph, node);
      return { node, name: found && found.type !== 'note' ? nodeName(found) : (names.get(node) ?? node) };
    });
  const byId = new Map(runs.map((r) => [r.runId, r]));
  const rows = runIds.map((runId) => {
    const run = byId.get(runId);
    return { runId, label: runLabel(run, runId), outcome: run?.outcome, cells: columns.map((c) => cellOf(newest.get(`${runId}\u0000${c.node}`), run)) };
  });
  return { columns, rows };
}
