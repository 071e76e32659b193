/**
 * The command line, as commander defines it: commands, flags, help with examples. Each action
 * hands its raw values to a command module, which checks them with zod and returns an exit code.
 */
import { Command, Option } from 'commander';
import { recoverCommand } from './commands/recover';
import { resumeCommand } from './commands/resume';
import { runCommand, DEFAULT_CONCURRENCY, DEFAULT_OUT_DIR } from './commands/run';
import { schemaCommand } from './commands/schema';
import { simulateCommand } from './commands/simulate';
import { registerServeCommand } from '../host/serve-command';
import { tasksCommand } from './commands/tasks';
import { validateCommand } from './commands/validate';
import type { CliContext } from './context';
import type { ExitCode } from './exit-codes';
import type { Printer } from './output/printer';
import { CONFIRM_OVER_SECONDS, CONFIRM_OVER_TASKS } from './preflight';
import { faultHelp } from './simulate-faults';

const EXAMPLES = `
Examples:
  $ seedance-flow validate pipeline.seedance.json
  $ seedance-flow run pipeline.seedance.json --dry-run --json
  $ MODELLIX_API_KEY=... seedance-flow run pipeline.seedance.json --out renders
  $ seedance-flow run pipeline.seedance.json --batch shots.csv --yes --max-tasks 200
  $ seedance-flow run pipeline.seedance.json --batch shots.csv --retry-failed
  $ seedance-flow resume
  $ seedance-flow tasks --limit 20
  $ seedance-flow recover 3f2a9c1b task-abc123   # a lost submit, found on the dashboard

Try it without a key, against the simulator:
  $ seedance-flow simulate --port 8787 &
  $ MODELLIX_API_KEY=test seedance-flow run pipeline.seedance.json --base-url http://127.0.0.1:8787

Environment:
  MODELLIX_API_KEY     your Modellix API key (read only from here; never printed or stored)
  MODELLIX_BASE_URL    the API origin (default https://api.modellix.ai)
  SEEDANCE_FLOW_HOME   the folder of the task ledger (default: the desktop app's data folder)

Exit codes: 0 all tasks succeeded (reused counts), 1 some failed, unknown or cancelled,
2 bad usage or an invalid graph / CSV (nothing was sent).`;

const RUN_HELP = `
Inputs are checked before anything is sent: the plan, every local file (missing, too long,
too big) and the batch CSV. Above ${CONFIRM_OVER_TASKS} tasks or ${CONFIRM_OVER_SECONDS} s of video the totals are shown and
confirmed (y/N) on a terminal; elsewhere pass --yes. --max-tasks is a hard cap. The totals
(and --dry-run) show seconds per model and resolution and a cost estimate from the price table
the desktop app keeps in the data folder (Settings > Prices); a model without a price is named,
never guessed.

Batch CSV: one run per row; columns are named after the graph's named asset nodes (a file
path, relative to the CSV's folder, or a URL) and its variables.

Ctrl-C stops polling and marks tasks in flight cancelled (final). A task already sent may still
finish on Modellix and be billed. A second Ctrl-C quits at once.

Examples:
  $ seedance-flow run pipeline.seedance.json --dry-run
  $ seedance-flow run pipeline.seedance.json --runs 3 --json > events.jsonl
  $ seedance-flow run pipeline.seedance.json --batch shots.csv --concurrency 8 --yes`;

export interface ProgramResult {
  /** Set by the action that ran; undefined when commander handled everything (help, version). */
  exitCode?: ExitCode;
}

export function createProgram(ctx: CliContext, printer: Printer, result: ProgramResult): Command {
  const program = new Command();
  const globals = () => program.opts<{ dataDir?: string }>();
  const set = (code: ExitCode) => {
    result.exitCode = code;
  };

  program
    .name('seedance-flow')
    .description('Run Seedance 2.0 video pipelines (graphs saved by Seedance Flow) through the Modellix API, headless.')
    .version(ctx.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--data-dir <dir>', 'folder of the task ledger (default: $SEEDANCE_FLOW_HOME, else the desktop app\'s data folder)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void ctx.io.stdout.write(printer.redact(text)),
      writeErr: (text) => void ctx.io.stderr.write(printer.redact(text)),
    })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .addHelpText('after', EXAMPLES);

  program
    .command('validate')
    .description('check a graph (and optionally a batch CSV) without sending anything')
    .argument('<graph>', 'the graph file (.seedance.json)')
    .option('--batch <rows.csv>', 'also check every row of this batch CSV')
    .action(async (graph: string, options: unknown) => set(await validateCommand(ctx, printer, graph, options)));

  program
    .command('run')
    .description('run a graph: once, N times, or once per row of a CSV')
    .argument('<graph>', 'the graph file (.seedance.json)')
    .option('--runs <n>', 'run the graph N times')
    .option('--batch <rows.csv>', 'run once per row of this CSV')
    .option('--rows', 'run the batch saved in the graph (its CSV rows, its assets\' several items), one run per row')
    .option('--retry-failed', 'with --batch or --rows: only the rows whose latest run did not succeed')
    .option('--concurrency <n>', `tasks in flight at once (default ${DEFAULT_CONCURRENCY})`)
    .option('--out <dir>', `output folder (default ./${DEFAULT_OUT_DIR})`)
    .option('--max-tasks <n>', 'refuse to send more than N tasks in all (exit 2)')
    .option('-y, --yes', `send without asking, even above ${CONFIRM_OVER_TASKS} tasks or ${CONFIRM_OVER_SECONDS} s of video`)
    .option('--force', 're-run nodes even when an identical earlier request (fixed seed) could be reused')
    .option('--node <node>', 'run only this Seedance node (its name or id) with what it needs; unchanged nodes upstream keep their latest result')
    .option('--from <node>', 'run this node (or the nodes an asset feeds) and everything downstream; unchanged nodes upstream keep their latest result')
    .option('--base-url <url>', 'Modellix API origin (default $MODELLIX_BASE_URL, else https://api.modellix.ai)')
    .option('--dry-run', 'print the requests that would be sent, and send nothing (no key needed)')
    .option('--json', 'one JSON line per event (with --dry-run: per task), then a summary line')
    .addOption(new Option('--poll <policy>', 'polling: "modellix" (10 s backing off to 30 s) or "fast"; default fast on loopback'))
    .addHelpText('after', RUN_HELP)
    .action(async (graph: string, options: unknown) => set(await runCommand(ctx, printer, graph, options, globals())));

  program
    .command('tasks')
    .description('list the paid tasks in the ledger: run, node, model, state, task id, age, outputs')
    .option('--json', 'one JSON line per task (all of them unless --limit)')
    .option('--run <id>', 'only this run (its id or first characters)')
    .option('--limit <n>', 'only the newest N tasks (default 50 in the table)')
    .action(async (options: unknown) => set(await tasksCommand(ctx, printer, options, globals())));

  program
    .command('resume')
    .description('finish every run a stopped or killed process left; never re-sends a task of unknown outcome')
    .option('--json', 'one JSON line per event, then a summary line')
    .option('--concurrency <n>', `tasks in flight at once (default ${DEFAULT_CONCURRENCY})`)
    .option('--base-url <url>', 'Modellix API origin (default $MODELLIX_BASE_URL, else https://api.modellix.ai)')
    .addOption(new Option('--poll <policy>', 'polling: "modellix" or "fast"; default fast on loopback'))
    .action(async (options: unknown) => set(await resumeCommand(ctx, printer, options, globals())));

  program
    .command('recover')
    .description('record the Modellix task id of a submit whose answer was lost, then fetch its result into the run')
    .argument('<task>', 'the task key (or its first characters) that `tasks` shows for a task of unknown outcome')
    .argument('<task-id>', 'the Modellix task id, from your Modellix dashboard')
    .option('--json', 'one JSON line per event, then a summary line')
    .option('--base-url <url>', 'Modellix API origin (default $MODELLIX_BASE_URL, else https://api.modellix.ai)')
    .addOption(new Option('--poll <policy>', 'polling: "modellix" or "fast"; default fast on loopback'))
    .addHelpText('after', `\nA submit whose answer was lost (a dropped connection, a crash) is marked outcome unknown and never\nsent again. If your Modellix dashboard shows the task, recover it instead of paying again:\n\n  $ seedance-flow tasks                       # the key of each task of unknown outcome\n  $ seedance-flow recover 3f2a9c1b task-abc123`)
    .action(async (task: string, taskId: string, options: unknown) => set(await recoverCommand(ctx, printer, task, taskId, options, globals())));

  program
    .command('schema')
    .description('print the JSON Schema of the graph file')
    .action(() => set(schemaCommand(printer)));

  program
    .command('simulate')
    .description('start a Modellix-compatible simulator on 127.0.0.1 (no key needed); Ctrl-C stops it')
    .option('--port <n>', 'port to listen on (default: any free port)')
    .option('--processing-ms <n>', 'time from submit to result (default 3000)')
    .option('--fault <name[:count]>', 'inject a fault; repeatable. Without a count it hits every request', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .addHelpText('after', `\nFaults:\n${faultHelp()}\n\nExample:\n  $ seedance-flow simulate --port 8787 --fault rate-limit:3 --fault drop-after:1`)
    .action(async (options: unknown) => set(await simulateCommand(ctx, printer, options)));

  registerServeCommand(program, { ctx, printer, setExitCode: set });

  return program;
}
