/**
 * `seedance-flow resume`: finishes every run a killed process left in the ledger. Tasks with a
 * task id are polled again; a submit that never got its id back is marked outcome unknown and
 * never re-sent. Same output and exit codes as `run`.
 */
import { z } from 'zod';
import { resolveConnection } from '../connection';
import type { CliContext } from '../context';
import { EXIT, worstExit, type ExitCode } from '../exit-codes';
import { driveRunner } from '../drive';
import { openLedger } from '../ledger-access';
import { baseUrlFlag, booleanFlag, intFlag, parseOptions, pollFlag } from '../options';
import type { Printer } from '../output/printer';
import { chooseMode, createReporter } from '../output/reporter';
import { shortRunId } from '../output/run-state';
import { exitCodeOf, printSummary, summaryJson, UNKNOWN_ADVICE, unknownTasksOf } from '../output/summary';
import { dataDirFor, type GlobalOptions } from './common';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './run';

const resumeOptionsSchema = z.strictObject({
  json: booleanFlag,
  concurrency: intFlag('--concurrency', { max: MAX_CONCURRENCY, example: DEFAULT_CONCURRENCY }).optional(),
  baseUrl: baseUrlFlag('--base-url').optional(),
  poll: pollFlag.optional(),
});

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

export async function resumeCommand(ctx: CliContext, printer: Printer, raw: unknown, globals: GlobalOptions): Promise<ExitCode> {
  const { io, deps } = ctx;
  const opts = parseOptions(resumeOptionsSchema, raw, 'resume');
  const connection = resolveConnection(io, {
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    ...(opts.poll ? { poll: opts.poll } : {}),
    requireKey: true,
  });
  if (connection.apiKey) printer.addSecret(connection.apiKey);
  const dataDir = dataDirFor(io, globals, 'resume');

  const ledger = await openLedger(deps, dataDir);
  try {
    const unfinished = ledger.runs().filter((r) => r.outcome === undefined).length;
    const client = deps.createClient({ baseUrl: connection.baseUrl, apiKey: connection.apiKey ?? '' });
    const reporter = createReporter(chooseMode(opts.json ?? false, io), printer, { expectedRuns: Math.max(unfinished, 1) });
    const resumed = await driveRunner(
      io,
      reporter,
      { client, ledger, polling: connection.polling, concurrency: opts.concurrency ?? DEFAULT_CONCURRENCY },
      (runnerDeps) => deps.runner.resumeRuns(runnerDeps),
    );
    const summaries = resumed.runs;
    for (const [service, count] of countBy(resumed.elsewhere.map((r) => r.service))) {
      printer.err(`note: ${count} unfinished run${count === 1 ? ' belongs' : 's belong'} to ${service}, not ${connection.baseUrl}: \`seedance-flow resume --base-url ${service}\` finishes ${count === 1 ? 'it' : 'them'}.`);
    }
    const marked = resumed.unknown.map((task) => ({
      runId: task.runId,
      node: task.nodeId,
      model: task.model,
      reason: task.unknownReason ?? 'no answer came back to the submit',
    }));
    // Marked unknown now, but their run may have nothing else left: count them in the exit code too.
    const code = marked.length > 0 ? worstExit(exitCodeOf(summaries), EXIT.failed) : exitCodeOf(summaries);
    if (opts.json) {
      printer.out(JSON.stringify(summaryJson(summaries, code, { dataDir, markedUnknown: marked })));
      return code;
    }
    // Those in a resumed run are listed by the summary; the others (their run had finished) here.
    const listed = unknownTasksOf(summaries);
    const apart = marked.filter((m) => !listed.some((u) => u.runId === m.runId && u.node === m.node));
    if (apart.length > 0) {
      printer.out(`Marked outcome unknown (${apart.length}): the submit was sent, but no task id came back before the process stopped.`);
      for (const m of apart) printer.out(`  run ${shortRunId(m.runId)} ${m.node} (${m.model})`);
      printer.out(UNKNOWN_ADVICE);
    }
    if (summaries.length === 0) printer.out(`Nothing ${marked.length > 0 ? 'else ' : ''}to resume: every run in ${dataDir} has finished.`);
    else printSummary(printer, summaries, code);
    return code;
  } finally {
    await ledger.close();
  }
}
