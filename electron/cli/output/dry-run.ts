/**
 * `run --dry-run`: the requests a run would send, with inputs shown as `upload:<path>`, a URL, or
 * `output:<node>.<output>` (a result that exists only once its node has run). Nothing is sent.
 */
import path from 'node:path';
import { buildBody, describeRef, type InputRef, type PlannedTask } from '../../../shared/plan';
import type { CheckedRun } from '../preflight';
import { formatTotals, secondsOf, totalsOf, type Totals } from '../preflight';
import type { Printer } from './printer';
import { clip, formatTable } from './table';

export interface DryRunLine {
  node: string;
  model: string;
  path: string;
  body: Record<string, unknown>;
  row?: number;
  repeat?: number;
}

/** One entry per task of every run (with `row` / `repeat` only when there are several runs). */
function dryRunLines(runs: readonly CheckedRun[]): DryRunLine[] {
  const many = runs.length > 1;
  return runs.flatMap((run) =>
    run.plan.tasks.map((task) => ({
      node: task.node,
      model: task.model,
      path: task.path,
      body: buildBody(task, (ref) => describeRef(ref)),
      ...(many && run.recipe.batchRow !== undefined ? { row: run.recipe.batchRow } : {}),
      ...(many && run.recipe.repeat !== undefined ? { repeat: run.recipe.repeat } : {}),
    })),
  );
}

/** `--dry-run --json`: exactly one JSON line per task. */
export function printDryRunJson(printer: Printer, runs: readonly CheckedRun[]): void {
  for (const line of dryRunLines(runs)) printer.out(JSON.stringify(line));
}

/** `--dry-run`: a table of the tasks, then the totals. */
export function printDryRunTable(printer: Printer, runs: readonly CheckedRun[], cwd: string, totals: Totals = totalsOf(runs)): void {
  const show = (ref: InputRef) => {
    if (ref.kind !== 'file') return describeRef(ref);
    const rel = path.relative(cwd, ref.path);
    return `upload:${rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : ref.path}`;
  };
  const inputsOf = (task: PlannedTask) => {
    const byField = new Map<string, string[]>();
    for (const input of task.inputs) byField.set(input.field, [...(byField.get(input.field) ?? []), show(input.ref)]);
    return [...byField].map(([field, refs]) => `${field}=${refs.join(',')}`).join(' ') || '-';
  };
  const many = runs.length > 1;
  const headers = [...(many ? ['RUN'] : []), 'NODE', 'MODEL', 'SECONDS', 'INPUTS', 'PROMPT'];
  const rows = runs.flatMap((run) =>
    run.plan.tasks.map((task) => [
      ...(many ? [run.label] : []),
      task.node,
      task.model,
      String(secondsOf(task)),
      inputsOf(task),
      clip(task.prompt, 60),
    ]),
  );
  printer.out('Dry run: these requests would be sent (nothing was sent).');
  for (const line of formatTable(headers, rows)) printer.out(line);
  // The same lines as the confirmation (and the window's dialog): per model and resolution, then the cost.
  const [head, ...rest] = formatTotals(totals);
  printer.out(`Total: ${head}`);
  for (const line of rest) printer.out(line);
}
