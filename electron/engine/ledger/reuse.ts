/**
 * When a node may take an earlier task's output instead of paying again: the earlier task
 * succeeded on the same service with exactly the same request (model + full body, so the same
 * seed), that seed was fixed (not -1, not absent), and its output is still at hand: the
 * downloaded files exist with their recorded size, or the result URLs are younger than Modellix
 * keeps them (7 days, docs/modellix-api.md). A task recorded without its service is never reused:
 * its URLs may belong to another service.
 */
import { statSync } from 'node:fs';
import type { DownloadedOutput, ResultResource } from './events';
import { isFixedSeed, seedOfBody } from './stable-json';
import type { LedgerState, TaskRecord } from './state';

/** How long Modellix keeps result URLs, per its docs (older docs said 24 hours). */
export const RESULT_URL_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface ReusableTask {
  task: TaskRecord;
  /** `files`: the downloaded outputs are on disk; `urls`: only the result URLs (download them). */
  via: 'files' | 'urls';
  resources: ResultResource[];
  outputs?: DownloadedOutput[];
}

export interface ReuseOptions {
  now?: Date;
  /** Size of a file in bytes, or undefined when it does not exist (tests replace it). */
  fileSize?: (path: string) => number | undefined;
  /** Override of the URL lifetime (e.g. 24 h to be careful). */
  urlLifetimeMs?: number;
}

function defaultFileSize(file: string): number | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/** Whether every downloaded output of a task is still on disk at its recorded size. */
function outputsPresent(outputs: readonly DownloadedOutput[], fileSize = defaultFileSize): boolean {
  return outputs.length > 0 && outputs.every((output) => fileSize(output.path) === output.bytes);
}

/** Whether a task's result URLs are still within their lifetime. */
export function urlsFresh(task: TaskRecord, now: Date, lifetimeMs = RESULT_URL_LIFETIME_MS): boolean {
  if (task.succeededAt === undefined) return false;
  return now.getTime() - Date.parse(task.succeededAt) < lifetimeMs;
}

/** The newest earlier task on `service` whose output can stand in for a new request with this hash. */
export function findReusableTask(state: LedgerState, requestHash: string, service: string, options: ReuseOptions = {}): ReusableTask | undefined {
  const now = options.now ?? new Date();
  const fileSize = options.fileSize ?? defaultFileSize;
  const candidates = [...state.tasks.values()]
    .filter((task) => task.state === 'succeeded' && task.requestHash === requestHash && task.service === service)
    .filter((task) => isFixedSeed(task.seed) && isFixedSeed(seedOfBody(task.body)))
    .sort((a, b) => Date.parse(b.succeededAt ?? b.intentAt) - Date.parse(a.succeededAt ?? a.intentAt));
  for (const task of candidates) {
    const resources = task.resources ?? [];
    if (task.outputs && outputsPresent(task.outputs, fileSize)) {
      return { task, via: 'files', resources, outputs: task.outputs };
    }
    if (resources.length > 0 && urlsFresh(task, now, options.urlLifetimeMs)) {
      return { task, via: 'urls', resources };
    }
  }
  return undefined;
}
