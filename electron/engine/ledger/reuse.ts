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
import { isFixedSeed, seedOfBody, stableHash } from './stable-json';
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

/** The first of `candidates` (newest first) whose output is still at hand. */
function firstAtHand(candidates: readonly TaskRecord[], options: ReuseOptions): ReusableTask | undefined {
  const now = options.now ?? new Date();
  const fileSize = options.fileSize ?? defaultFileSize;
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

function newestFirst(tasks: TaskRecord[]): TaskRecord[] {
  return tasks.sort((a, b) => Date.parse(b.succeededAt ?? b.intentAt) - Date.parse(a.succeededAt ?? a.intentAt));
}

/** The newest earlier task on `service` whose output can stand in for a new request with this hash. */
export function findReusableTask(state: LedgerState, requestHash: string, service: string, options: ReuseOptions = {}): ReusableTask | undefined {
  const candidates = [...state.tasks.values()]
    .filter((task) => task.state === 'succeeded' && task.requestHash === requestHash && task.service === service)
    .filter((task) => isFixedSeed(task.seed) && isFixedSeed(seedOfBody(task.body)));
  return firstAtHand(newestFirst(candidates), options);
}

/**
 * What a request asks for, whatever URL its local files were uploaded to: each uploaded input
 * (`inputHashes`, keyed `field:position`) stands in as its content hash, since the same file may
 * be uploaded again under a new URL.
 */
export function requestIdentity(model: string, body: Readonly<Record<string, unknown>>, inputHashes: Readonly<Record<string, string>> = {}): string {
  const copy: Record<string, unknown> = structuredClone({ ...body });
  for (const [slot, sha256] of Object.entries(inputHashes)) {
    const at = slot.lastIndexOf(':');
    const field = slot.slice(0, at);
    const position = Number(slot.slice(at + 1));
    const value = copy[field];
    if (Array.isArray(value)) value[position] = `sha256:${sha256}`;
    else copy[field] = `sha256:${sha256}`;
  }
  return stableHash({ model, body: copy });
}

/**
 * The latest result of a node's unchanged request on `service`, whatever its seed: what "Run this
 * node" and "Run from here" keep of the nodes upstream (a new seed would give a new video, but the
 * user asked to keep what they have). `identity` is `requestIdentity` of the new request.
 */
export function findLatestResult(state: LedgerState, nodeId: string, identity: string, service: string, options: ReuseOptions = {}): ReusableTask | undefined {
  const candidates = [...state.tasks.values()].filter(
    (task) => task.state === 'succeeded' && task.nodeId === nodeId && task.service === service && requestIdentity(task.model, task.body, task.inputHashes) === identity,
  );
  return firstAtHand(newestFirst(candidates), options);
}
