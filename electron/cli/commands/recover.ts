/**
 * `seedance-flow recover <task> <modellix-task-id>`: a submit whose answer was lost is marked
 * outcome unknown and never re-sent. When its task id shows on the Modellix dashboard, this records
 * the id, polls the task and downloads its result into the run. Exit 0 when the result is on disk,
 * 1 when the task did not succeed, 2 when nothing was recorded (unknown key, wrong id, ...).
 */
import { z } from 'zod';
import type { Ledger, TaskRecord } from '../../engine/ledger';
import { RecoverError } from '../../engine/runner/recover';
import { resolveConnection } from '../connection';
import type { CliContext } from '../context';
import { driveRunner } from '../drive';
import { CliError, EXIT, type ExitCode } from '../exit-codes';
import { openLedger } from '../ledger-access';
import { baseUrlFlag, booleanFlag, parseOptions, pollFlag } from '../options';
import type { Printer } from '../output/printer';
import { chooseMode, createReporter } from '../output/reporter';
import { dataDirFor, type GlobalOptions } from './common';

const recoverOptionsSchema = z.strictObject({
  json: booleanFlag,
  baseUrl: baseUrlFlag('--base-url').optional(),
  poll: pollFlag.optional(),
});

/** The shortest key prefix `tasks` shows and `recover` takes. */
export const TASK_KEY_PREFIX = 8;

const keyArg = z
  .string()
  .trim()
  .min(4, { error: 'Give the task key (at least its first 4 characters), as `seedance-flow tasks` shows it for a task of unknown outcome.' });
const taskIdArg = z
  .string()
  .trim()
  .min(1, { error: 'Give the Modellix task id, as your Modellix dashboard shows it.' })
  .max(500, { error: 'That is not a Modellix task id: it is too long.' });

/** The task a key (or the start of one) names; ambiguous or unknown keys are refused with advice. */
function findTask(ledger: Pick<Ledger, 'allTasks'>, key: string): TaskRecord {
  const tasks = ledger.allTasks();
  const exact = tasks.find((t) => t.taskKey === key);
  if (exact) return exact;
  const matches = tasks.filter((t) => t.taskKey.startsWith(key));
  if (matches.length === 1) return matches[0] as TaskRecord;
  if (matches.length === 0) throw new CliError(`No task key starts with "${key}". \`seedance-flow tasks\` lists the tasks of unknown outcome with their keys.`);
  throw new CliError(`"${key}" starts ${matches.length} task keys: give more of it (${matches.map((t) => t.taskKey.slice(0, 12)).join(', ')}).`);
}

export async function recoverCommand(ctx: CliContext, printer: Printer, keyRaw: string, taskIdRaw: string, raw: unknown, globals: GlobalOptions): Promise<ExitCode> {
  const { io, deps } = ctx;
  const opts = parseOptions(recoverOptionsSchema, raw, 'recover');
  const key = parseOptions(keyArg, keyRaw, 'recover');
  const taskId = parseOptions(taskIdArg, taskIdRaw, 'recover');
  const connection = resolveConnection(io, { ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}), ...(opts.poll ? { poll: opts.poll } : {}), requireKey: true });
  if (connection.apiKey) printer.addSecret(connection.apiKey);
  const ledger = await openLedger(deps, dataDirFor(io, globals, 'recover'));
  try {
    const task = findTask(ledger, key);
    const client = deps.createClient({ baseUrl: connection.baseUrl, apiKey: connection.apiKey ?? '' });
    const reporter = createReporter(chooseMode(opts.json ?? false, io), printer, { expectedRuns: 1, expectedTasks: 1 });
    let recovered;
    try {
      recovered = await driveRunner(io, reporter, { client, ledger, polling: connection.polling, concurrency: 1 }, (runnerDeps) =>
        deps.runner.recoverTask(runnerDeps, task.taskKey, taskId),
      );
    } catch (error) {
      if (error instanceof RecoverError) throw new CliError(`Nothing was recorded: ${error.message}`);
      throw error;
    }
    const { end, runOutcome } = recovered;
    const ok = end.outcome === 'succeeded';
    const name = task.label ?? task.nodeId;
    if (opts.json) {
      printer.out(JSON.stringify({ type: 'summary', ok, exitCode: ok ? EXIT.ok : EXIT.failed, taskKey: task.taskKey, taskId, node: task.nodeId, outcome: end.outcome, files: end.files, runOutcome: runOutcome ?? null, ...(end.message ? { message: end.message } : {}) }));
    } else if (ok) {
      printer.out(`Recovered "${name}" (Modellix task ${taskId}): ${end.files.join(', ')}`);
      if (runOutcome) printer.out(`Its run is now ${runOutcome}.`);
    } else {
      printer.out(`Task ${taskId} of "${name}" is recorded now, but it did not give a result: ${end.message ?? end.outcome}`);
    }
    return ok ? EXIT.ok : EXIT.failed;
  } finally {
    await ledger.close();
  }
}
