/**
 * The ledger's tasks as the window sees them (`tasks.list`): newest first, outputs registered for
 * preview. A node that reused an earlier identical task (fixed seed) has no task of its own in
 * its run; it is listed there all the same, marked `reusedFrom`, with that task's outputs.
 */
import type { TaskView } from '../../shared/api';
import { mediaKindOfFileName } from '../../shared/models';
import { endReason, type DownloadedOutput, type LedgerState, type ReusedNode, type TaskRecord } from '../engine/ledger';

/** Gives a file a media id the window can preview it by. */
export type RegisterMedia = (path: string) => string;

function outputViews(files: readonly DownloadedOutput[] | undefined, register: RegisterMedia): TaskView['outputs'] {
  return (files ?? []).map((o) => ({
    path: o.path,
    mediaId: register(o.path),
    kind: mediaKindOfFileName(o.path) ?? (o.type === 'image' ? 'image' : 'video'),
  }));
}

/** `simulated: true` for the views of a run that went to the built-in simulator. */
function simulatedMark(state: LedgerState, runId: string): { simulated?: true } {
  return state.runs.get(runId)?.recipe?.simulated === true ? { simulated: true } : {};
}

function taskView(task: TaskRecord, register: RegisterMedia, state: LedgerState): TaskView {
  const message = endReason(task);
  return {
    ...simulatedMark(state, task.runId),
    taskKey: task.taskKey,
    runId: task.runId,
    node: task.nodeId,
    ...(task.label ? { label: task.label } : {}),
    model: task.model,
    state: task.state,
    ...(task.taskId ? { taskId: task.taskId } : {}),
    ...(task.lastStatus ? { status: task.lastStatus } : {}),
    ...(message ? { message } : {}),
    startedAt: task.intentAt,
    ...(task.endedAt ? { endedAt: task.endedAt } : {}),
    outputs: outputViews(task.outputs, register),
  };
}

/** The view of a node of `runId` that reused `source`. */
function reusedView(runId: string, reused: ReusedNode, source: TaskRecord, register: RegisterMedia, state: LedgerState): TaskView {
  return {
    ...simulatedMark(state, source.runId),
    taskKey: `reused:${runId}:${reused.nodeId}`,
    runId,
    node: reused.nodeId,
    ...(source.label ? { label: source.label } : {}),
    model: source.model,
    state: 'succeeded',
    startedAt: reused.at,
    endedAt: reused.at,
    // The files this run took (downloaded again when only the URLs were left), else the source's.
    outputs: outputViews(reused.outputs ?? source.outputs, register),
    reusedFrom: { taskKey: source.taskKey, ...(source.taskId ? { taskId: source.taskId } : {}) },
  };
}

/** The `limit` newest tasks and reused nodes (of one run, or of all), newest first. */
export function listTaskViews(state: LedgerState, options: { runId?: string | undefined; limit: number }, register: RegisterMedia): TaskView[] {
  const { runId, limit } = options;
  type Entry = { at: string; view: () => TaskView };
  const entries: Entry[] = [];
  for (const task of state.tasks.values()) {
    if (!runId || task.runId === runId) entries.push({ at: task.intentAt, view: () => taskView(task, register, state) });
  }
  const runs = runId ? [state.runs.get(runId)].filter((r) => r !== undefined) : state.runs.values();
  for (const run of runs) {
    for (const reused of run.reused) {
      const source = state.tasks.get(reused.sourceTaskKey);
      // The ledger never drops a task; a source missing here would be a damaged ledger: nothing to show.
      if (source) entries.push({ at: reused.at, view: () => reusedView(run.runId, reused, source, register, state) });
    }
  }
  // Stable: tasks written at the same instant keep the ledger's order.
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  // Media are registered only for what is returned.
  return entries.slice(-limit).reverse().map((entry) => entry.view());
}
