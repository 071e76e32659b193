/**
 * `seedance-flow run <graph>`: checks everything locally (flags, graph, CSV, plan, media), shows
 * and confirms big totals, then hands the recipes to the runner and reports its events. Exit 0
 * when every task succeeded (or was reused), 1 when some did not, 2 when nothing was sent
 * because of a usage, graph or CSV problem.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Ledger } from '../../engine/ledger';
import { askYesNo } from '../confirm';
import { dataDirFor, type GlobalOptions } from './common';
import { resolveConnection } from '../connection';
import type { CliContext } from '../context';
import { CliError, EXIT, type ExitCode } from '../exit-codes';
import { batchRowsOf, hasBatch } from '../../../shared/batch';
import { batchIdentity, lastRowRuns } from '../../engine/batch/row-id';
import { mapFilePaths } from '../../service/graph-files';
import { buildRecipes, loadBatchFile, loadGraphFile, targetOf, type LoadedGraph, type SavedBatch } from '../graph-input';
import { driveRunner } from '../drive';
import { readPrices } from '../../service/settings-file';
import { openLedger } from '../ledger-access';
import { baseUrlFlag, booleanFlag, existingFile, folderFlag, intFlag, parseOptions, pollFlag } from '../options';
import { printDryRunJson, printDryRunTable } from '../output/dry-run';
import type { Printer } from '../output/printer';
import { chooseMode, createReporter } from '../output/reporter';
import { exitCodeOf, printSummary, summaryJson } from '../output/summary';
import { CONFIRM_OVER_SECONDS, CONFIRM_OVER_TASKS, formatTotals, needsConfirmation, preflightAll, problemsOf, repeatNotes, totalsOf, warningsOf } from '../preflight';

export const DEFAULT_OUT_DIR = 'seedance-output';
export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 32;

function runOptionsSchema(cwd: string) {
  return z
    .strictObject({
      runs: intFlag('--runs', { max: 1000, example: 3 }).optional(),
      batch: existingFile('--batch', cwd).optional(),
      rows: booleanFlag,
      retryFailed: booleanFlag,
      concurrency: intFlag('--concurrency', { max: MAX_CONCURRENCY, example: DEFAULT_CONCURRENCY }).optional(),
      out: folderFlag('--out', cwd).optional(),
      maxTasks: intFlag('--max-tasks', { max: 1_000_000, example: 50 }).optional(),
      yes: booleanFlag,
      force: booleanFlag,
      baseUrl: baseUrlFlag('--base-url').optional(),
      dryRun: booleanFlag,
      json: booleanFlag,
      poll: pollFlag.optional(),
      node: z.string().min(1).optional(),
      from: z.string().min(1).optional(),
    })
    .superRefine((opts, ctx) => {
      if (opts.node !== undefined && opts.from !== undefined) {
        ctx.addIssue({ code: 'custom', message: '--node runs one node and --from runs a node and everything after it: give one of them.' });
      }
      if (opts.retryFailed && opts.batch === undefined && !opts.rows) {
        ctx.addIssue({ code: 'custom', message: '--retry-failed re-runs the rows of a batch that did not succeed: add --batch rows.csv (the same file as before), or --rows for the batch saved in the graph.' });
      }
      if (opts.rows && opts.batch !== undefined) {
        ctx.addIssue({ code: 'custom', message: '--rows runs the batch saved in the graph and --batch runs a CSV: give one of them.' });
      }
    });
}

export async function runCommand(ctx: CliContext, printer: Printer, graphArg: string, raw: unknown, globals: GlobalOptions): Promise<ExitCode> {
  const { io, deps } = ctx;
  const opts = parseOptions(runOptionsSchema(io.cwd), raw, 'run');
  const graphFile = parseOptions(existingFile('The graph file', io.cwd), graphArg, 'run');
  const connection = resolveConnection(io, {
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    ...(opts.poll ? { poll: opts.poll } : {}),
    requireKey: !opts.dryRun,
  });
  if (connection.apiKey) printer.addSecret(connection.apiKey);

  const loaded = await loadGraphFile(graphFile);
  if (loaded.migratedFrom !== undefined) {
    printer.err(`note: ${path.basename(graphFile)} is format version ${loaded.migratedFrom}; it was read as version ${loaded.graph.version}. Saving it from Seedance Flow upgrades the file.`);
  }
  let rows = opts.batch ? await loadBatchFile(opts.batch, loaded.graph) : undefined;
  const dataDir = dataDirFor(io, globals, 'run');

  let ledger: Ledger | undefined;
  /**
   * `--rows`: the batch saved in the graph (CSV rows, several items on an asset node), each row's
   * run found again by the same id the window gives it; with --retry-failed, only the rows whose
   * latest run did not succeed.
   */
  async function savedRowsToRun(loadedGraph: LoadedGraph, retryFailed: boolean): Promise<SavedBatch & { graph: LoadedGraph }> {
    let graph = loadedGraph;
    // Paths as the window reads them (absolute), so a row is the same row for both.
    const folder = path.dirname(path.resolve(graph.file));
    graph = { ...graph, graph: mapFilePaths(graph.graph, (p) => (path.isAbsolute(p) ? p : path.resolve(folder, p))) };
    const found = batchRowsOf(graph.graph);
    if (found.kind === 'none') throw new CliError(`${path.basename(graph.file)} holds no batch: import a CSV or give an asset node several files in Seedance Flow, or run a CSV with --batch rows.csv.`);
    if (found.kind === 'error') throw new CliError(found.message);
    const identity = batchIdentity(graph.graph, graph.file);
    if (!retryFailed) return { identity, rows: found.rows, graph };
    ledger ??= await openLedger(deps, dataDir);
    const last = lastRowRuns(ledger.runs(), identity, found.rows);
    const rows = found.rows.filter((row) => last.get(row.row)?.outcome !== 'succeeded');
    const all = found.rows.length;
    if (rows.length === 0) printer.err(`Every one of the ${all} rows saved in ${path.basename(graph.file)} has already succeeded: nothing to retry.`);
    else printer.err(`Retrying ${rows.length} of ${all} rows (${all - rows.length} already succeeded): rows ${rows.map((r) => r.row).join(', ')}.`);
    return { identity, rows, graph };
  }
  try {
    if (opts.retryFailed && opts.batch && rows) {
      ledger = await openLedger(deps, dataDir);
      const outcomes = deps.runner.batchRowOutcomes(ledger, opts.batch);
      const all = rows.length;
      rows = rows.filter((row) => outcomes.get(row.row) !== 'succeeded');
      if (rows.length === 0) {
        printer.err(`Every one of the ${all} rows of ${opts.batch} has already succeeded: nothing to retry.`);
        if (opts.json && !opts.dryRun) printer.out(JSON.stringify(summaryJson([], EXIT.ok)));
        return EXIT.ok;
      }
      printer.err(`Retrying ${rows.length} of ${all} rows (${all - rows.length} already succeeded): rows ${rows.map((r) => r.row).join(', ')}.`);
    }

    const saved = opts.rows ? await savedRowsToRun(loaded, opts.retryFailed ?? false) : undefined;
    if (saved?.rows.length === 0) return EXIT.ok;
    if (!opts.rows && !opts.batch && hasBatch(loaded.graph)) {
      printer.err(`note: ${path.basename(graphFile)} holds a batch (rows or several items on an asset node); this run uses each node's first item. Add --rows to run every row.`);
    }
    const target = opts.node !== undefined ? targetOf(loaded.graph, opts.node, 'node') : opts.from !== undefined ? targetOf(loaded.graph, opts.from, 'from') : undefined;
    const recipes = buildRecipes(deps.runner, {
      loaded: saved?.graph ?? loaded,
      ...(target ? { target } : {}),
      outDir: opts.out ?? path.resolve(io.cwd, DEFAULT_OUT_DIR),
      force: opts.force ?? false,
      runs: opts.runs ?? 1,
      ...(opts.batch && rows ? { batch: { file: opts.batch, rows } } : {}),
      ...(saved ? { saved: { identity: saved.identity, rows: saved.rows } } : {}),
    });

    const checked = await preflightAll(deps.runner, recipes);
    for (const warning of warningsOf(checked)) printer.err(warning);
    const problems = problemsOf(checked);
    if (problems.length > 0) {
      throw new CliError(
        `Nothing was sent: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix first:\n${problems.map((p) => `  ${p.split('\n').join('\n    ')}`).join('\n')}`,
      );
    }
    // The app's price table (same data folder): the estimate in the totals, as the window shows it.
    const { prices, problem: pricesProblem } = await readPrices(dataDir);
    if (pricesProblem) printer.err(`note: ${pricesProblem}`);
    const totals = totalsOf(checked, prices);
    for (const note of repeatNotes(totals)) printer.err(note);
    if (opts.maxTasks !== undefined && totals.toSend > opts.maxTasks) {
      throw new CliError(
        `This run would send ${totals.toSend} tasks, over --max-tasks ${opts.maxTasks}. Nothing was sent. ` +
          'Raise --max-tasks, or run fewer rows or repeats.',
      );
    }

    if (opts.dryRun) {
      if (opts.json) printDryRunJson(printer, checked);
      else printDryRunTable(printer, checked, io.cwd, totals);
      return EXIT.ok;
    }

    if (needsConfirmation(totals) && !opts.yes) {
      const lines = formatTotals(totals);
      const interactive = io.stdin.isTTY === true && io.stderr.isTTY === true;
      if (!interactive) {
        // The same lines as on a terminal, so the cost is known before choosing --yes.
        for (const line of lines.slice(1)) printer.err(line);
        throw new CliError(
          `This run would send ${lines[0]} (more than ${CONFIRM_OVER_TASKS} tasks or ${CONFIRM_OVER_SECONDS} s of video), ` +
            'and there is no terminal to ask. Nothing was sent. Pass --yes to send it, or --max-tasks N to cap it.',
        );
      }
      printer.err(`This run will send ${lines[0]}:`);
      for (const line of lines.slice(1)) printer.err(line);
      if (!(await askYesNo(io, 'Each task is billed by Modellix. Send them?'))) {
        printer.err('Nothing was sent.');
        return EXIT.failed;
      }
    }

    ledger ??= await openLedger(deps, dataDir);
    const unfinished = ledger.runs().filter((r) => r.outcome === undefined).length;
    if (unfinished > 0) {
      printer.err(`note: the ledger has ${unfinished} unfinished run${unfinished === 1 ? '' : 's'} from before; \`seedance-flow resume\` finishes ${unfinished === 1 ? 'it' : 'them'}.`);
    }
    const client = deps.createClient({ baseUrl: connection.baseUrl, apiKey: connection.apiKey ?? '' });
    const reporter = createReporter(chooseMode(opts.json ?? false, io), printer, {
      expectedRuns: recipes.length,
      expectedTasks: totals.tasks,
    });
    const summaries = await driveRunner(
      io,
      reporter,
      { client, ledger, polling: connection.polling, concurrency: opts.concurrency ?? DEFAULT_CONCURRENCY },
      (runnerDeps) => deps.runner.startRuns(recipes.map((r) => r.recipe), runnerDeps),
    );
    const code = exitCodeOf(summaries);
    if (opts.json) printer.out(JSON.stringify(summaryJson(summaries, code)));
    else printSummary(printer, summaries, code);
    return code;
  } finally {
    await ledger?.close();
  }
}
