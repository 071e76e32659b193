/**
 * The end of a run or a resume: the exit code, a short human summary (or one JSON line), and the
 * tasks whose outcome is unknown, which are never re-sent and need the user's eye.
 */
import { dirname } from 'node:path';
import type { NodeOutcome, RunSummary } from '../../engine/runner/types';
import { EXIT, type ExitCode } from '../exit-codes';
import type { Printer } from './printer';
import { runLabel, shortRunId } from './run-state';
import { plural } from '../../../shared/util/plural';

const SUCCESS: ReadonlySet<NodeOutcome> = new Set(['succeeded', 'reused']);

/** 0 when every node succeeded or was reused, 2 when a run was stopped by its plan, else 1. */
export function exitCodeOf(summaries: readonly RunSummary[]): ExitCode {
  let code: ExitCode = EXIT.ok;
  for (const s of summaries) {
    if (s.problems.length > 0 && s.nodes.every((n) => n.outcome === 'skipped')) return EXIT.usage;
    if (!s.ok || s.problems.length > 0 || s.nodes.some((n) => !SUCCESS.has(n.outcome))) code = EXIT.failed;
  }
  return code;
}

function countOutcomes(summaries: readonly RunSummary[]): Record<NodeOutcome, number> {
  const counts: Record<NodeOutcome, number> = { succeeded: 0, reused: 0, failed: 0, unknown: 0, cancelled: 0, skipped: 0 };
  for (const s of summaries) for (const n of s.nodes) counts[n.outcome] += 1;
  return counts;
}

export interface UnknownTask {
  runId: string;
  label: string;
  node: string;
  taskId?: string;
  message?: string;
}

export function unknownTasksOf(summaries: readonly RunSummary[]): UnknownTask[] {
  return summaries.flatMap((s) =>
    s.nodes
      .filter((n) => n.outcome === 'unknown')
      .map((n) => ({
        runId: s.runId,
        label: runLabel(s.recipe?.batchRow, s.recipe?.repeat),
        node: n.node,
        ...(n.taskId ? { taskId: n.taskId } : {}),
        ...(n.message ? { message: n.message } : {}),
      })),
  );
}

export const UNKNOWN_ADVICE =
  'These tasks may have been received and billed by Modellix, but no answer came back. They are never sent again ' +
  'automatically: check your Modellix dashboard, then re-run the node if you still want it (`seedance-flow run ... --force`).';

/** The final `--json` line. */
export function summaryJson(summaries: readonly RunSummary[], exitCode: ExitCode, extra: Record<string, unknown> = {}) {
  return {
    type: 'summary',
    ok: exitCode === EXIT.ok,
    exitCode,
    ...extra,
    counts: countOutcomes(summaries),
    runs: summaries.map((s) => ({
      runId: s.runId,
      ...(s.recipe?.batchRow !== undefined ? { row: s.recipe.batchRow } : {}),
      ...(s.recipe?.repeat !== undefined ? { repeat: s.recipe.repeat } : {}),
      ok: s.ok,
      outDir: s.recipe?.outDir ?? dirname(s.folder),
      problems: s.problems,
      nodes: s.nodes,
    })),
    unknown: unknownTasksOf(summaries),
  };
}

/** The human summary: counts, each run that did not fully succeed, the unknown ones, where the files are. */
export function printSummary(printer: Printer, summaries: readonly RunSummary[], exitCode: ExitCode): void {
  const counts = countOutcomes(summaries);
  const parts = (Object.entries(counts) as [NodeOutcome, number][])
    .filter(([outcome, n]) => n > 0 || outcome === 'succeeded')
    .map(([outcome, n]) => `${n} ${outcome === 'unknown' ? 'outcome unknown' : outcome}`);
  const tasks = summaries.reduce((sum, s) => sum + s.nodes.length, 0);
  printer.out(`${exitCode === EXIT.ok ? 'Done' : 'Finished with problems'}: ${plural(summaries.length, 'run')}, ${plural(tasks, 'task')} (${parts.join(', ')}).`);
  for (const s of summaries) {
    const label = runLabel(s.recipe?.batchRow, s.recipe?.repeat);
    const head = `  run ${shortRunId(s.runId)}${label ? ` (${label})` : ''}`;
    for (const problem of s.problems) printer.out(`${head}: ${problem}`);
    for (const n of s.nodes) {
      if (SUCCESS.has(n.outcome) || n.outcome === 'unknown') continue;
      const id = n.taskId ? ` (${n.taskId})` : '';
      const saysItself = n.message?.toLowerCase().startsWith(n.outcome) ?? false;
      printer.out(`${head} ${n.node}${saysItself ? id : ` ${n.outcome}${id}`}${n.message ? `: ${n.message}` : ''}`);
    }
  }
  const unknown = unknownTasksOf(summaries);
  if (unknown.length > 0) {
    printer.out(`Outcome unknown (${unknown.length}):`);
    for (const u of unknown) {
      printer.out(`  run ${shortRunId(u.runId)}${u.label ? ` (${u.label})` : ''} ${u.node}${u.taskId ? ` task ${u.taskId}` : ' (no task id came back)'}${u.message ? `: ${u.message}` : ''}`);
    }
    printer.out(UNKNOWN_ADVICE);
  }
  const outDirs = [...new Set(summaries.filter((s) => s.nodes.some((n) => n.files.length > 0)).map((s) => s.recipe?.outDir ?? dirname(s.folder)))];
  if (outDirs.length > 0) printer.out(`Outputs in ${outDirs.join(', ')}`);
}
