/**
 * Pre-flight of every run before anything is sent: plan errors and local media checks (from the
 * runner), plus the totals a user is asked to confirm (tasks, seconds of video, per model).
 */
import pLimit from 'p-limit';
import type { ModelId } from '../../shared/models';
import { countRequests, type Plan, type RepeatedRequest } from '../../shared/plan';
import { secondsOf } from '../engine/runner/recipe';
import { formatPlanIssue } from '../../shared/plan';
import type { LabeledRecipe } from './graph-input';
import type { Preflight, RunnerApi } from './runner-api';

export interface CheckedRun extends LabeledRecipe, Preflight {}

/** Above either of these, a run asks before it sends (unless --yes). */
export const CONFIRM_OVER_TASKS = 10;
export const CONFIRM_OVER_SECONDS = 120;

export { secondsOf };

/** Pre-flights every recipe; recipes with the same inputs (repeats) are checked once. */
export async function preflightAll(runner: Pick<RunnerApi, 'preflightRecipe'>, recipes: readonly LabeledRecipe[], concurrency = 4): Promise<CheckedRun[]> {
  const limit = pLimit(concurrency);
  const byInputs = new Map<string, Promise<Preflight>>();
  return Promise.all(
    recipes.map(async (labeled) => {
      let check = byInputs.get(labeled.inputsKey);
      if (!check) {
        check = limit(() => runner.preflightRecipe(labeled.recipe));
        byInputs.set(labeled.inputsKey, check);
      }
      return { ...labeled, ...(await check) };
    }),
  );
}

export interface ModelTotal {
  model: ModelId;
  tasks: number;
  seconds: number;
}

export interface Totals {
  runs: number;
  /** Tasks the runs plan. */
  tasks: number;
  /** Tasks that will be sent: identical fixed-seed requests across runs are sent once. */
  toSend: number;
  /** Seconds of video of the tasks sent (what Modellix bills). */
  videoSeconds: number;
  byModel: ModelTotal[];
  /** Requests several runs share (fixed seed): sent once. */
  repeats: RepeatedRequest[];
}

export function totalsOf(runs: readonly Pick<CheckedRun, 'plan' | 'tasks' | 'videoSeconds'>[]): Totals {
  const byModel = new Map<ModelId, ModelTotal>();
  const entry = (model: ModelId) => byModel.get(model) ?? { model, tasks: 0, seconds: 0 };
  let videoSeconds = 0;
  for (const run of runs) {
    videoSeconds += run.videoSeconds;
    for (const task of run.plan.tasks) {
      const total = entry(task.model);
      total.tasks += 1;
      total.seconds += secondsOf(task);
      byModel.set(task.model, total);
    }
  }
  const count = countRequests(runs.map((r) => r.plan), secondsOf);
  for (const repeat of count.repeats) {
    const total = entry(repeat.model);
    total.tasks -= repeat.times - 1;
    total.seconds -= repeat.seconds * (repeat.times - 1);
    videoSeconds -= repeat.seconds * (repeat.times - 1);
  }
  return {
    runs: runs.length,
    tasks: count.planned,
    toSend: count.distinct,
    videoSeconds,
    byModel: [...byModel.values()].sort((a, b) => b.tasks - a.tasks || a.model.localeCompare(b.model)),
    repeats: count.repeats,
  };
}

export function needsConfirmation(totals: Totals): boolean {
  return totals.toSend > CONFIRM_OVER_TASKS || totals.videoSeconds > CONFIRM_OVER_SECONDS;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "24 tasks in 3 runs, 120 s of video", then one line per model. */
export function formatTotals(totals: Totals): string[] {
  const shared = totals.tasks - totals.toSend;
  const head =
    `${plural(totals.toSend, 'task')}${totals.runs > 1 ? ` in ${plural(totals.runs, 'run')}` : ''}, ${totals.videoSeconds} s of video` +
    (shared > 0 ? ` (${shared} more repeat a fixed-seed request and share its result)` : '');
  const width = Math.max(0, ...totals.byModel.map((m) => m.model.length));
  return [head, ...totals.byModel.map((m) => `  ${m.model.padEnd(width)}  ${plural(m.tasks, 'task').padStart(9)}  ${String(m.seconds).padStart(5)} s`)];
}

/** Tells the user, before anything is paid, which requests repeat with a fixed seed and are sent once. */
export function repeatNotes(totals: Pick<Totals, 'repeats'>): string[] {
  return totals.repeats.map(
    (r) =>
      `note: "${r.label}" has a fixed seed (${r.seed}), so it is the same request in ${r.times} runs and gives the same video: ` +
      `it is sent once and the runs share it. Set its seed to -1 (random) for a different take in each run.`,
  );
}

function withLabel(label: string, text: string): string {
  return label ? `${label}: ${text}` : text;
}

/** Every problem of every run, once each (a problem all runs share is not repeated per run). */
export function problemsOf(runs: readonly CheckedRun[]): string[] {
  const seen = new Map<string, string[]>();
  for (const run of runs) {
    for (const problem of run.problems) seen.set(problem, [...(seen.get(problem) ?? []), run.label]);
  }
  const lines: string[] = [];
  for (const [problem, labels] of seen) {
    const all = labels.length === runs.length && runs.length > 1;
    if (all || labels.every((l) => l === '')) lines.push(problem);
    else lines.push(...[...new Set(labels)].map((label) => withLabel(label, problem)));
  }
  return lines;
}

/** Plan warnings of every run, once each. */
export function warningsOf(runs: readonly { plan: Plan }[]): string[] {
  const lines = new Set<string>();
  for (const run of runs) for (const issue of run.plan.issues) if (issue.severity === 'warning') lines.add(formatPlanIssue(issue));
  return [...lines];
}
