/**
 * Batches from the window: the graph's rows (shared/batch: CSV rows and multi-item asset nodes),
 * one run each with `batchRow` set, their last outcomes from the ledger, and reading a batch CSV
 * with the command line's reader (engine/batch/csv.ts). A row's run carries `batchId`: the batch's
 * id and the row's fingerprint, so a row whose inputs changed counts as not run, and "retry
 * failed" never re-sends a row whose last run, with the same inputs, succeeded.
 */
import { basename, dirname, resolve } from 'node:path';
import { ApiError, type ApiHandlers, type BatchRowStatus, type ParsedArgsOf } from '../../shared/api';
import { batchRowsOf, graphForRow, type BatchRowSpec } from '../../shared/batch';
import type { GraphDocument } from '../../shared/graph';
import { estimateRuns, type Plan, type Prices } from '../../shared/plan';
import { readBatch, unboundInputs } from '../engine/batch/csv';
import { batchIdentity, lastRowRuns, rowBatchId } from '../engine/batch/row-id';
import { readRegularFile, RegularFileError } from '../engine/fs/regular-file';
import { tasksOfRun, type LedgerState, type RunRecord } from '../engine/ledger';
import { preflightRecipe, recipeFor, type RecipeInput, type RunRecipe } from '../engine/runner';
import type { Connection, RunManager } from './run-manager';
import type { Dialogs } from './ports';
import { listTaskViews, type RegisterMedia } from './task-views';

/** A batch CSV is read whole: at most this many bytes. */
const MAX_CSV_BYTES = 16 * 1024 * 1024;

export interface BatchDeps {
  runs: RunManager;
  dialogs: Dialogs;
  recipeInput(input: { graph: GraphDocument; graphPath: string | null }): Promise<RecipeInput>;
  simulatedNow(): Promise<boolean>;
  /** The price table of Settings, for the estimate before paying. */
  prices(): Promise<Prices>;
  runConnection(simulated: boolean): Promise<Connection>;
  register: RegisterMedia;
  /** Whether a run is going on in this process now (else an open run was left by a stopped app). */
  isActive(runId: string): boolean;
}

type BatchMethods = 'batch.readCsv' | 'batch.status' | 'batch.plan' | 'batch.run';

function rowsOrThrow(graph: GraphDocument): BatchRowSpec[] {
  const rows = batchRowsOf(graph);
  if (rows.kind === 'error') throw new ApiError('failed', rows.message);
  return rows.kind === 'rows' ? rows.rows : [];
}

function statusOf(run: RunRecord | undefined, state: LedgerState, deps: Pick<BatchDeps, 'register' | 'isActive'>, row: number): BatchRowStatus {
  if (!run) return { row, status: 'not-run', outputs: [] };
  // The run's own tasks, and the earlier tasks its reused nodes took their outputs from.
  const own = tasksOfRun(state, run.runId);
  const sources = run.reused.flatMap((r) => {
    const source = state.tasks.get(r.sourceTaskKey);
    return source ? [source] : [];
  });
  const tasks = new Map([...own, ...sources].map((t) => [t.taskKey, t]));
  const views = listTaskViews({ ...state, tasks }, { runId: run.runId, limit: 1000 }, deps.register);
  const outputs = views.flatMap((view) => view.outputs);
  const base = { row, runId: run.runId, outputs };
  if (run.outcome === undefined) {
    if (!deps.isActive(run.runId)) return { ...base, status: 'unfinished', message: 'The app stopped before this row finished: Resume unfinished runs finishes it.' };
    return { ...base, status: run.taskKeys.length === 0 ? 'queued' : 'running' };
  }
  if (run.outcome === 'succeeded') return { ...base, status: 'succeeded' };
  const reason = views.find((view) => view.state !== 'succeeded' && view.message)?.message;
  if (run.outcome === 'cancelled') return { ...base, status: 'cancelled', message: reason ?? 'Stopped by the user.' };
  return { ...base, status: 'failed', message: reason ?? (run.outcome === 'partial' ? 'Some of its nodes did not produce their output.' : 'The run failed.') };
}

/** Whether "retry failed" runs a row: its last run did not succeed and is not still going (or left to resume). */
function needsRetry(status: BatchRowStatus['status']): boolean {
  return status === 'not-run' || status === 'failed' || status === 'cancelled';
}

export function createBatchHandlers(deps: BatchDeps): Pick<ApiHandlers, BatchMethods> {
  async function statuses(graph: GraphDocument, graphPath: string | null): Promise<{ rows: BatchRowSpec[]; statuses: BatchRowStatus[] }> {
    const rows = rowsOrThrow(graph);
    if (rows.length === 0) return { rows, statuses: [] };
    const state = await deps.runs.state();
    const last = lastRowRuns(state.runs.values(), batchIdentity(graph, graphPath), rows);
    return { rows, statuses: rows.map((row) => statusOf(last.get(row.row), state, deps, row.row)) };
  }

  /** The rows to run and their recipes, each checked (plan and local media) before anything is sent. */
  async function prepare(args: Pick<ParsedArgsOf<'batch.run'>, 'graph' | 'graphPath' | 'rows'> & { force?: boolean; simulated?: boolean }) {
    const { graph, graphPath } = args;
    const { rows, statuses: all } = await statuses(graph, graphPath);
    if (rows.length === 0) {
      throw new ApiError('failed', 'This graph has no batch rows: import a CSV, or give an asset node several files, first.');
    }
    const going = all.filter((status) => status.status === 'queued' || status.status === 'running');
    if (args.rows === 'all' && going.length > 0) {
      throw new ApiError('failed', `The batch is still running (row ${going.map((s) => s.row).join(', ')}): wait for it, or stop it, before running every row again.`);
    }
    const chosen = args.rows === 'failed' ? rows.filter((row, i) => needsRetry(all[i]?.status ?? 'not-run')) : rows;
    const batch = batchIdentity(graph, graphPath);
    const base = await deps.recipeInput({ graph, graphPath });
    const recipes: RunRecipe[] = [];
    const plans: Plan[] = [];
    const problems: string[] = [];
    let tasks = 0;
    let videoSeconds = 0;
    for (const row of chosen) {
      const recipe = recipeFor({
        ...base,
        graph: graphForRow(graph, row),
        variables: row.variables,
        bindings: row.bindings,
        batchId: rowBatchId(batch, row),
        batchRow: row.row,
        force: args.force ?? false,
        ...(args.simulated ? { simulated: true } : {}),
      });
      const preflight = await preflightRecipe(recipe);
      for (const problem of preflight.problems) problems.push(`Row ${row.row}: ${problem}`);
      tasks += preflight.tasks;
      videoSeconds += preflight.videoSeconds;
      recipes.push(recipe);
      plans.push(preflight.plan);
    }
    return { rows: chosen.map((row) => row.row), recipes, plans, problems, tasks, videoSeconds };
  }

  /** One batch start at a time: a second "retry failed" sees the rows the first one started. */
  let starting: Promise<unknown> = Promise.resolve();

  return {
    'batch.readCsv': async ({ path, graph }) => {
      if (path === undefined && !deps.dialogs.pickCsv) return { canceled: false, unsupported: true };
      // With a native dialog, only the file the user picks there is read: the page names no path.
      if (path !== undefined && deps.dialogs.native) {
        throw new ApiError('forbidden', 'Seedance Flow reads only batch CSVs you chose: use Import CSV… to pick one.');
      }
      const chosen = path ?? (await deps.dialogs.pickCsv?.());
      if (!chosen) return { canceled: true };
      const file = resolve(chosen);
      let text: string;
      try {
        text = (await readRegularFile(file, { maxBytes: MAX_CSV_BYTES })).toString('utf8');
      } catch (error) {
        if (error instanceof RegularFileError) throw new ApiError('failed', `Could not read the batch CSV: ${error.message} Give the path of a .csv file.`);
        throw error;
      }
      const read = readBatch(text, graph, dirname(file), basename(file));
      if (!read.ok) {
        const count = read.errors.length;
        throw new ApiError(
          'failed',
          `The CSV ${file} does not fit the graph (${count} problem${count === 1 ? '' : 's'}):\n${read.errors.join('\n')}\n` +
            "Columns are named after the graph's named asset nodes (their Batch name) and its variables; file paths are relative to the CSV's folder.",
        );
      }
      return {
        canceled: false,
        unsupported: false,
        path: file,
        columns: read.columns,
        rows: read.rows.map((row) => ({ bindings: row.bindings, variables: row.variables })),
        notes: unboundInputs(graph, read.columns),
      };
    },
    'batch.status': async ({ graph, graphPath }) => ({ rows: (await statuses(graph, graphPath)).statuses }),
    'batch.plan': async ({ graph, graphPath, rows }) => {
      const prepared = await prepare({ graph, graphPath, rows });
      // The same estimate as Run's, over every row: what the confirmation shows before paying.
      const summary = { ...estimateRuns(prepared.plans, await deps.prices()), simulated: await deps.simulatedNow() };
      return { rows: prepared.rows, tasks: prepared.tasks, videoSeconds: prepared.videoSeconds, problems: prepared.problems, summary };
    },
    'batch.run': ({ graph, graphPath, rows, force }) => {
      const start = async () => {
        const simulated = await deps.simulatedNow();
        const prepared = await prepare({ graph, graphPath, rows, force, simulated });
        if (prepared.problems.length > 0) {
          throw new ApiError('failed', `Nothing was sent; fix these first:\n${prepared.problems.join('\n')}`);
        }
        if (prepared.recipes.length === 0) return { runIds: [], rows: [] };
        const runIds = await deps.runs.start(prepared.recipes, await deps.runConnection(simulated));
        return { runIds, rows: prepared.rows };
      };
      const result = starting.then(start, start);
      starting = result.catch(() => undefined);
      return result;
    },
  };
}
