/**
 * How a run is shown while it goes: `--json` (one validated JSON line per runner event), plain
 * lines when stdout is not a terminal (`[run 3f2a] shot1 submitted task-abc`), or cli-progress
 * bars on a terminal.
 */
import cliProgress from 'cli-progress';
import { runEventSchema, type RunEvent } from '../../../shared/api/run-events';
import type { Printer } from './printer';
import { RunStates, type RunView } from './run-state';

export interface RunReporter {
  event(event: RunEvent): void;
  /** A message for the user (stderr; above the bars on a terminal). */
  note(line: string): void;
  /** Stops any live display; call before the summary. */
  finish(): void;
}

export type ReporterMode = 'json' | 'plain' | 'progress';

export interface ReporterOptions {
  /** Runs expected, if known (decides one bar per run or one overall bar). */
  expectedRuns?: number;
  /** Tasks expected in all, if known (the overall bar's total before runs start). */
  expectedTasks?: number;
  /** Up to this many runs get a bar each; more share one overall bar. */
  maxBars?: number;
}

/** Bars (on stderr) only when both stdout and stderr are terminals; plain lines on stdout otherwise. */
export function chooseMode(json: boolean, io: { stdout: { isTTY?: boolean }; stderr: { isTTY?: boolean } }): ReporterMode {
  if (json) return 'json';
  return io.stdout.isTTY === true && io.stderr.isTTY === true ? 'progress' : 'plain';
}

export function createReporter(mode: ReporterMode, printer: Printer, options: ReporterOptions = {}): RunReporter {
  switch (mode) {
    case 'json':
      return jsonReporter(printer);
    case 'plain':
      return plainReporter(printer);
    case 'progress':
      return progressReporter(printer, options);
  }
}

/** `--json`: each event checked against the shared schema, one line each, to stdout. */
function jsonReporter(printer: Printer): RunReporter {
  return {
    event(event) {
      const parsed = runEventSchema.safeParse(event);
      if (parsed.success) printer.out(JSON.stringify(parsed.data));
      else printer.err(`warning: the runner emitted an event of unexpected shape (${event.type}); it was left out of the JSON stream.`);
    },
    note: (line) => printer.err(line),
    finish: () => undefined,
  };
}

/** One readable line per event, about a run. */
function describeEvent(event: RunEvent, run: RunView): string | undefined {
  const head = `[run ${run.short}]`;
  switch (event.type) {
    case 'run.started':
      return `${head} started${run.label ? ` (${run.label})` : ''}: ${event.tasks} task${event.tasks === 1 ? '' : 's'}${event.graph ? ` of ${event.graph}` : ''}`;
    case 'task.queued':
      return `${head} ${event.node} queued (${event.model})`;
    case 'task.uploading':
      return `${head} ${event.node} uploading ${event.file}${event.cached ? ' (already uploaded, reused)' : ''}`;
    case 'task.submitted':
      return `${head} ${event.node} submitted ${event.taskId}`;
    case 'task.status':
      return `${head} ${event.node} ${event.status}`;
    case 'task.waiting':
      return `${head} ${event.node} waiting ${Math.ceil(event.ms / 1000)} s: ${event.reason}`;
    case 'task.downloading':
      return `${head} ${event.node} downloading the result`;
    case 'task.succeeded':
      return `${head} ${event.node} succeeded${event.outputs.length > 0 ? ` -> ${event.outputs.join(', ')}` : ''}`;
    case 'task.reused':
      return `${head} ${event.node} reused ${event.taskId} (${event.reason})${event.outputs.length > 0 ? ` -> ${event.outputs.join(', ')}` : ''}`;
    case 'task.failed': {
      const what = { failed: 'failed', unknown: 'outcome unknown', cancelled: 'cancelled', skipped: 'skipped' }[event.outcome];
      const id = event.taskId ? ` (${event.taskId})` : '';
      // "skipped: Skipped: ..." reads badly: the runner's message often names the outcome itself.
      const saysItself = event.message.toLowerCase().startsWith(what);
      return `${head} ${event.node}${saysItself ? id : ` ${what}${id}`}: ${event.message}`;
    }
    case 'node.done':
      return undefined;
    case 'run.done': {
      const parts = [
        `${event.succeeded} succeeded`,
        event.reused ? `${event.reused} reused` : '',
        event.failed ? `${event.failed} failed` : '',
        event.unknown ? `${event.unknown} outcome unknown` : '',
        event.cancelled ? `${event.cancelled} cancelled` : '',
        event.skipped ? `${event.skipped} skipped` : '',
      ].filter(Boolean);
      return `${head} ${event.ok ? 'done' : 'finished with problems'}: ${parts.join(', ')}${event.outDir ? ` -> ${event.outDir}` : ''}`;
    }
  }
}

/** Not a terminal: plain lines to stdout, one per event. */
function plainReporter(printer: Printer): RunReporter {
  const states = new RunStates();
  return {
    event(event) {
      const run = states.apply(event);
      const line = describeEvent(event, run);
      if (line) printer.out(line);
    },
    note: (line) => printer.err(line),
    finish: () => undefined,
  };
}

interface BarPayload {
  label: string;
  activity: string;
}

function fit(text: string, width: number): string {
  if (width <= 1) return '';
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * A terminal: one bar per run (tasks done / total, with what each node is doing), or a single
 * overall bar when there are many runs. Failures and notes are printed above the bars.
 */
function progressReporter(printer: Printer, options: ReporterOptions): RunReporter {
  const stream = printer.stderr;
  const states = new RunStates();
  const perRun = (options.expectedRuns ?? 1) <= (options.maxBars ?? 6);
  const columns = () => (typeof stream.columns === 'number' && stream.columns > 0 ? stream.columns : 80);
  const multibar = new cliProgress.MultiBar(
    {
      stream,
      format: (_options, params, payload: BarPayload) => {
        const head = `${payload.label} ${'█'.repeat(Math.round(params.progress * 20)).padEnd(20, '░')} ${params.value}/${params.total}`;
        return `${head} ${fit(payload.activity, columns() - head.length - 2)}`;
      },
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      autopadding: true,
      fps: 5,
      linewrap: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  let overall: cliProgress.SingleBar | undefined;
  let stopped = false;

  const labelOf = (run: RunView) => `run ${run.short}${run.label ? ` ${run.label}` : ''}`.padEnd(18);
  const log = (line: string) => {
    if (stopped) printer.err(line);
    else multibar.log(`${printer.redact(line)}\n`);
  };

  const updateOverall = () => {
    const totals = states.totals();
    const total = Math.max(totals.tasks, options.expectedTasks ?? 0, 1);
    const activity: string[] = [];
    const counts = new Map<string, number>();
    for (const run of states.runs.values()) {
      for (const [node, status] of run.status) if (!run.done.has(node)) counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    for (const [status, n] of counts) activity.push(`${n} ${status}`);
    if (totals.failed > 0) activity.push(`${totals.failed} failed`);
    const payload: BarPayload = { label: `${states.runs.size} run${states.runs.size === 1 ? '' : 's'}`.padEnd(10), activity: activity.join(', ') };
    if (!overall) overall = multibar.create(total, totals.done, payload);
    else {
      overall.setTotal(total);
      overall.update(totals.done, payload);
    }
  };

  return {
    event(event) {
      if (stopped) return;
      const run = states.apply(event);
      if (event.type === 'task.failed' || (event.type === 'task.waiting' && event.ms >= 5000)) {
        const line = describeEvent(event, run);
        if (line) log(line);
      }
      if (!perRun) {
        updateOverall();
        return;
      }
      const payload: BarPayload = { label: printer.redact(labelOf(run)), activity: printer.redact(states.activity(run)) };
      let bar = bars.get(run.runId);
      if (!bar) {
        bar = multibar.create(Math.max(run.tasks, 1), run.done.size, payload);
        bars.set(run.runId, bar);
      } else {
        bar.setTotal(Math.max(run.tasks, 1));
        bar.update(run.done.size, payload);
      }
    },
    note: log,
    finish() {
      if (stopped) return;
      stopped = true;
      // stop() does not write lines still waiting in log(): one last redraw flushes them.
      if (multibar.isActive) multibar.update();
      multibar.stop();
    },
  };
}
