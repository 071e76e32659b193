/**
 * Requests that several runs of one invocation would send identically: the same model and body
 * with a fixed seed give the same video, so the runner sends each once and the other runs share
 * its result. Found from the plans before anything is sent, so the user is told before paying.
 * A task whose input is an upstream output is identical only when that upstream task is too.
 */
import { isFixedSeed } from '../models/seed';
import { stableStringify } from '../util/stable-json';
import { buildBody, describeRef, type Plan, type PlannedTask } from './plan';

export interface RepeatedRequest {
  node: string;
  model: PlannedTask['model'];
  label: string;
  seed: number;
  /** How many runs plan this very request (at least 2). */
  times: number;
  /** Seconds of video each of the repeats would have billed. */
  seconds: number;
}

export interface RequestCount {
  /** Tasks the plans hold. */
  planned: number;
  /** Distinct requests among them: what is sent (at most; earlier results may be reused too). */
  distinct: number;
  repeats: RepeatedRequest[];
}

/** The identity of each fixed-seed task of a plan, by node; absent when the request varies. */
function identities(plan: Plan): Map<string, string> {
  const keys = new Map<string, string>();
  for (const task of plan.tasks) {
    if (!isFixedSeed(task.settings.seed)) continue;
    let varies = false;
    const body = buildBody(task, (ref) => {
      if (ref.kind !== 'output') return describeRef(ref);
      const upstream = keys.get(ref.node);
      if (upstream === undefined) varies = true;
      return `output:${upstream ?? ''}.${ref.output}`;
    });
    if (!varies) keys.set(task.node, stableStringify({ model: task.model, path: task.path, body }));
  }
  return keys;
}

/** Counts the requests a set of plans would send, and which of them repeat. */
export function countRequests(plans: readonly Plan[], secondsOf: (task: PlannedTask) => number): RequestCount {
  const seen = new Map<string, { task: PlannedTask; times: number }>();
  let planned = 0;
  let distinct = 0;
  for (const plan of plans) {
    const keys = identities(plan);
    for (const task of plan.tasks) {
      planned += 1;
      const key = keys.get(task.node);
      const entry = key === undefined ? undefined : seen.get(key);
      if (entry) {
        entry.times += 1;
        continue;
      }
      distinct += 1;
      if (key !== undefined) seen.set(key, { task, times: 1 });
    }
  }
  const repeats = [...seen.values()]
    .filter((e) => e.times > 1)
    .map(({ task, times }) => ({ node: task.node, model: task.model, label: task.label, seed: task.settings.seed as number, times, seconds: secondsOf(task) }));
  return { planned, distinct, repeats };
}
