/**
 * Recovering a submit whose answer was lost. Such a task is marked outcome unknown and never
 * re-sent; when the user finds its task id (on the Modellix dashboard), `recoverTask` records the
 * id, polls the task and downloads its result into the run, as if the answer had arrived.
 */
import type { TaskRecord } from '../ledger';
import { isModellixError } from '../modellix';
import { RunContext } from './context';
import type { NodeEnd } from './node-task';
import { planRecipe, runFolder } from './recipe';
import { latestTask } from './runs';
import { finishTask } from './task-only';
import { runRecipeSchema, type RunnerDeps } from './types';

/** Recovery refused before anything was recorded; the message says why and what to do. */
export class RecoverError extends Error {
  override readonly name = 'RecoverError';
}

export interface Recovered {
  task: TaskRecord;
  end: NodeEnd;
  /** The run's outcome after the recovery (undefined while the run is unfinished: `resume` ends it). */
  runOutcome: string | undefined;
}

function describe(task: TaskRecord): string {
  return `"${task.label ?? task.nodeId}" of run ${task.runId.slice(0, 8)}`;
}

/** Checks that `taskId` may be recorded for the task of unknown outcome `taskKey`. */
async function check(ctx: RunContext, taskKey: string, taskId: string): Promise<TaskRecord> {
  const task = ctx.ledger.task(taskKey);
  if (!task) throw new RecoverError(`There is no task ${taskKey} in the ledger. \`seedance-flow tasks\` lists the tasks of unknown outcome with their keys.`);
  if (task.state !== 'unknown') {
    throw new RecoverError(`Task ${describe(task)} is ${task.state === 'intent' ? 'being submitted by another process' : task.state}, not of unknown outcome: there is nothing to recover.`);
  }
  if (task.service !== undefined && task.service !== ctx.service) {
    throw new RecoverError(`Task ${describe(task)} was sent to ${task.service}; recover it there (pass --base-url ${task.service}).`);
  }
  const other = ctx.ledger.taskByTaskId(taskId);
  if (other) throw new RecoverError(`Modellix task ${taskId} is already recorded for ${describe(other)}. Check the task id on your Modellix dashboard.`);
  try {
    await ctx.client.poll(taskId, ctx.signal ? { signal: ctx.signal } : {});
  } catch (error) {
    if (isModellixError(error) && error.status === 404) {
      throw new RecoverError(`Modellix knows no task ${taskId} on ${ctx.service}. Copy the task id again from your Modellix dashboard.`);
    }
    throw error;
  }
  return task;
}

/** Each node of the run ended well (its latest task downloaded, or it reused a result)? */
function nodeOutcomes(ctx: RunContext, runId: string): boolean[] {
  const run = ctx.ledger.run(runId);
  const recipe = runRecipeSchema.safeParse(run?.recipe);
  const nodes = recipe.success
    ? planRecipe(recipe.data).tasks.map((t) => t.node)
    : [...new Set(ctx.ledger.tasksByRun(runId).map((t) => t.nodeId))];
  return nodes.map((node) => {
    if (run?.reused.some((r) => r.nodeId === node)) return true;
    const task = latestTask(ctx, runId, node);
    return task?.state === 'succeeded' && task.outputs !== undefined;
  });
}

/** A finished run's outcome, written again when the recovery changed it. */
async function settleRun(ctx: RunContext, runId: string): Promise<string | undefined> {
  const run = ctx.ledger.run(runId);
  if (run?.outcome === undefined) return undefined;
  const ok = nodeOutcomes(ctx, runId);
  const outcome = ok.every(Boolean) ? 'succeeded' : ok.some(Boolean) ? 'partial' : run.outcome === 'cancelled' ? 'cancelled' : 'failed';
  if (outcome !== run.outcome) await ctx.ledger.append({ type: 'run.finished', runId, outcome });
  return outcome;
}

/**
 * Records `taskId` as the Modellix task of the lost submit `taskKey`, then polls it and downloads
 * its result into the run's folder. Throws `RecoverError` (nothing recorded) when the task is not
 * of unknown outcome, belongs to another service, or Modellix does not know the id.
 */
export async function recoverTask(deps: RunnerDeps, taskKey: string, taskId: string): Promise<Recovered> {
  const ctx = new RunContext(deps);
  // An intent left by a process that died mid-submit is of unknown outcome too.
  await ctx.ledger.recoverAfterCrash();
  const id = taskId.trim();
  await check(ctx, taskKey, id);
  await ctx.ledger.append({ type: 'task.submitted', taskKey, taskId: id });
  const task = ctx.ledger.task(taskKey) as TaskRecord;
  const recipe = runRecipeSchema.safeParse(ctx.ledger.run(task.runId)?.recipe);
  const planned = recipe.success ? planRecipe(recipe.data).tasks.find((t) => t.node === task.nodeId) : undefined;
  const folder = recipe.success ? runFolder(recipe.data, task.runId) : undefined;
  ctx.emit(task.runId, { type: 'task.submitted', node: task.nodeId, taskId: id });
  const end = planned && folder ? await finishTask(ctx, task.runId, task, planned, folder) : await finishTask(ctx, task.runId, task);
  const runOutcome = await settleRun(ctx, task.runId);
  return { task: ctx.ledger.task(taskKey) as TaskRecord, end, runOutcome };
}
