/**
 * Pre-flight of every run before anything is sent: plan errors and local media checks (from the
 * runner), plus the totals a user is asked to confirm (tasks, seconds of video per model and
 * resolution, the cost from the price table: shared/plan/estimate.ts, as in the window).
 */
import pLimit from 'p-limit';
import { countRequests, estimateRuns, type Estimate, type Plan, type Prices, type RepeatedRequest } from '../../shared/plan';
import { summaryLines } from '../../shared/plan/estimate-lines';
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

export interface Totals {
  runs: number;
  /** Tasks the runs plan. */
  tasks: number;
  /** Tasks that will be sent: identical fixed-seed requests across runs are sent once. */
  toSend: number;
  /** Seconds of video of the tasks sent (what Modellix bills). */
  videoSeconds: number;
  /** Requests several runs share (fixed seed): sent once. */
  repeats: RepeatedRequest[];
  /** Per model and resolution, and the cost from the price table (shared with the window). */
  estimate: Estimate;
}

/** The totals of the runs, priced from `prices` (the app's price table; empty: no estimate). */
export function totalsOf(runs: readonly Pick<CheckedRun, 'plan'>[], prices: Prices = {}): Totals {
  const plans = runs.map((r) => r.plan);
  const count = countRequests(plans, secondsOf);
  const estimate = estimateRuns(plans, prices, count);
  return { runs: runs.length, tasks: count.planned, toSend: count.distinct, videoSeconds: estimate.seconds, repeats: count.repeats, estimate };
}

export function needsConfirmation(totals: Totals): boolean {
  return totals.toSend > CONFIRM_OVER_TASKS || totals.videoSeconds > CONFIRM_OVER_SECONDS;
}

/** "24 tasks in 3 runs, 120 s of video", one line per model and resolution, then the cost (the window's dialog says the same). */
export function formatTotals(totals: Totals): string[] {
  const { head, lines, cost } = summaryLines(totals.estimate);
  return [head, ...lines, cost];
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
