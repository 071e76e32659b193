/**
 * `seedance-flow tasks`: the ledger, newest last: run, node, model, state, Modellix task id, age
 * and output files. Read without a lock, so it works while the app or a run is busy.
 */
import path from 'node:path';
import { z } from 'zod';
import { endReason, type LedgerState, type RunRecord, type TaskRecord } from '../../engine/ledger';
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exit-codes';
import { readLedgerSnapshot } from '../ledger-access';
import { booleanFlag, intFlag, parseOptions } from '../options';
import type { Printer } from '../output/printer';
import { shortRunId } from '../output/run-state';
import { formatAge, formatTable } from '../output/table';
import { dataDirFor, type GlobalOptions } from './common';
import { TASK_KEY_PREFIX } from './recover';

const DEFAULT_TABLE_LIMIT = 50;

const tasksOptionsSchema = z.strictObject({
  json: booleanFlag,
  run: z
    .string()
    .trim()
    .min(1, { error: '--run takes a run id (or its first characters), as `seedance-flow tasks` shows it.' })
    .optional(),
  limit: intFlag('--limit', { max: 1_000_000, example: 20 }).optional(),
});

/** One `--json` line: everything but the request body. */
function taskJson(task: TaskRecord, run: RunRecord | undefined) {
  return {
    taskKey: task.taskKey,
    runId: task.runId,
    node: task.nodeId,
    model: task.model,
    state: task.state,
    taskId: task.taskId ?? null,
    lastStatus: task.lastStatus ?? null,
    intentAt: task.intentAt,
    submittedAt: task.submittedAt ?? null,
    endedAt: task.endedAt ?? null,
    outputs: (task.outputs ?? []).map((o) => o.path),
    message: endReason(task) ?? null,
    graphFile: run?.graphFile ?? null,
    batchFile: run?.batchFile ?? null,
    batchRow: run?.batchRow ?? null,
    repeat: run?.repeat ?? null,
    requestHash: task.requestHash,
  };
}

/** Tasks in intent order (oldest first), for one run (by id or id prefix) or all. */
function selectTasks(state: LedgerState, runFilter?: string): TaskRecord[] {
  let runIds: Set<string> | undefined;
  if (runFilter !== undefined) {
    runIds = new Set([...state.runs.keys()].filter((id) => id === runFilter || id.startsWith(runFilter) || shortRunId(id) === runFilter));
  }
  return [...state.tasks.values()]
    .filter((t) => runIds === undefined || runIds.has(t.runId))
    .sort((a, b) => (a.intentAt < b.intentAt ? -1 : a.intentAt > b.intentAt ? 1 : 0));
}

export async function tasksCommand(ctx: CliContext, printer: Printer, raw: unknown, globals: GlobalOptions): Promise<ExitCode> {
  const { io } = ctx;
  const opts = parseOptions(tasksOptionsSchema, raw, 'tasks');
  const dataDir = dataDirFor(io, globals, 'tasks');
  const snapshot = await readLedgerSnapshot(dataDir);
  if (snapshot.warnings.length > 0) printer.err(`note: ${snapshot.warnings.length} line(s) of ${snapshot.file} could not be read and were skipped.`);
  if (!snapshot.exists) {
    if (!opts.json) printer.err(`No tasks yet: there is no ledger in ${dataDir}.`);
    return EXIT.ok;
  }
  const all = selectTasks(snapshot.state, opts.run);
  if (opts.run !== undefined && all.length === 0) {
    printer.err(`No run matches "${opts.run}" in ${snapshot.file}. \`seedance-flow tasks\` lists the runs.`);
    return EXIT.usage;
  }
  const limit = opts.limit ?? (opts.json ? undefined : DEFAULT_TABLE_LIMIT);
  const shown = limit === undefined ? all : all.slice(-limit);
  if (opts.json) {
    for (const task of shown) printer.out(JSON.stringify(taskJson(task, snapshot.state.runs.get(task.runId))));
    return EXIT.ok;
  }
  if (all.length === 0) {
    printer.err(`No tasks yet in ${snapshot.file}.`);
    return EXIT.ok;
  }
  const now = io.now();
  const rows = shown.map((task) => {
    const run = snapshot.state.runs.get(task.runId);
    const where = run?.batchRow ? ` r${run.batchRow}` : run?.repeat ? ` #${run.repeat}` : '';
    return [
      `${shortRunId(task.runId)}${where}`,
      task.nodeId,
      task.model,
      task.state === 'unknown' ? 'unknown (check dashboard)' : task.state === 'submitted' && task.lastStatus ? task.lastStatus : task.state,
      task.taskId ?? (task.state === 'unknown' ? `? key ${task.taskKey.slice(0, TASK_KEY_PREFIX)}` : '-'),
      formatAge(now - Date.parse(task.intentAt)),
      (task.outputs ?? []).map((o) => path.basename(o.path)).join(', ') || (endReason(task) ? `(${endReason(task)?.slice(0, 60)})` : '-'),
    ];
  });
  for (const line of formatTable(['RUN', 'NODE', 'MODEL', 'STATE', 'TASK ID', 'AGE', 'OUTPUTS'], rows)) printer.out(line);
  if (shown.length < all.length) printer.err(`(the newest ${shown.length} of ${all.length} tasks; --limit N shows more, --json all)`);
  const unknown = shown.filter((task) => task.state === 'unknown');
  if (unknown.length > 0) {
    printer.err(
      `${unknown.length === 1 ? 'One task has' : `${unknown.length} tasks have`} an unknown outcome: the submit was sent but its answer was lost, and it is never sent again. ` +
        'If your Modellix dashboard shows the task, fetch its result with `seedance-flow recover <key> <task id>`, ' +
        `e.g. \`seedance-flow recover ${(unknown[0] as TaskRecord).taskKey.slice(0, TASK_KEY_PREFIX)} <task id>\`.`,
    );
  }
  return EXIT.ok;
}
