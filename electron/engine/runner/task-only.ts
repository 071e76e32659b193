/**
 * Finishing tasks from their own ledger lines, without their run's recipe: a run whose
 * `run.started` line was damaged, or one lost submit the user recovers by its Modellix task id.
 * Each intent names the model, the submit path, the body, the service, the output folder and the
 * node's name, which is all that polling and downloading need.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MODELS, type ModelId } from '../../../shared/models';
import type { PlannedTask } from '../../../shared/plan';
import type { TaskRecord } from '../ledger';
import type { RunContext } from './context';
import { NodeTask, type NodeEnd } from './node-task';
import { closeRun } from './runs';

/** Where a task's outputs go when its intent names no folder (lines written before it did). */
function fallbackFolder(dataDir: string, runId: string): string {
  return join(dataDir, 'recovered', runId.slice(0, 8));
}

/** The folder of a task: the one its intent names, or the recovery folder in the data folder. */
function folderOfTask(dataDir: string, record: TaskRecord): string {
  return record.folder ?? fallbackFolder(dataDir, record.runId);
}

/** A planned task rebuilt from a ledger record alone (no inputs: the request is already made). */
function plannedTaskOf(record: TaskRecord): PlannedTask | undefined {
  if (!Object.hasOwn(MODELS, record.model)) return undefined;
  const prompt = record.body['prompt'];
  return {
    node: record.nodeId,
    label: record.label ?? record.nodeId,
    model: record.model as ModelId,
    path: record.submitPath,
    prompt: typeof prompt === 'string' ? prompt : '',
    settings: {},
    inputs: [],
    dependsOn: [],
  };
}

/** Polls and downloads (or reports) one task from what the ledger knows of it. */
export async function finishTask(ctx: RunContext, runId: string, record: TaskRecord, planned = plannedTaskOf(record), folder = folderOfTask(ctx.ledger.dataDir, record)): Promise<NodeEnd> {
  if (!planned) {
    const message = `Task ${record.taskId ?? record.taskKey} is for a model this version does not know (${record.model}); update Seedance Flow to finish it.`;
    ctx.emit(runId, { type: 'task.failed', node: record.nodeId, outcome: 'failed', message });
    return { node: record.nodeId, outcome: 'failed', message, files: [] };
  }
  await mkdir(folder, { recursive: true });
  return new NodeTask(ctx, runId, planned, folder).continueFrom(record);
}

/**
 * Finishes a run whose recipe is lost: each node's latest task is polled and downloaded into the
 * folder its intent names. Nodes that never started cannot be started (their inputs are unknown).
 */
export async function finishOrphanRun(ctx: RunContext, runId: string) {
  const latest = new Map<string, TaskRecord>();
  for (const task of ctx.ledger.tasksByRun(runId)) latest.set(task.nodeId, task);
  const records = [...latest.values()];
  const folder = records[0] ? folderOfTask(ctx.ledger.dataDir, records[0]) : fallbackFolder(ctx.ledger.dataDir, runId);
  ctx.emit(runId, { type: 'run.started', graph: null, tasks: records.length });
  const results = await Promise.all(records.map((record) => ctx.limit(() => finishTask(ctx, runId, record))));
  return closeRun(ctx, runId, null, results, folder);
}
