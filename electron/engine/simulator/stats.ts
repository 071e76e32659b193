/** What the simulator saw, so tests can assert on it (e.g. "no submit was created twice"). */
import { createHash } from 'node:crypto';
import { stableStringify } from '../../../shared/util/stable-json';

export interface SimulatorStats {
  /** Every HTTP request, whatever it was. */
  requests: number;
  submits: {
    /** Tasks created (a dropped-after-create submit counts: it exists and would be billed). */
    total: number;
    /** Submit requests that passed authentication, whatever became of them (429s and drops too). */
    requests: number;
    /** Tasks created per body hash (see submitBodyHash). */
    byBodyHash: Record<string, number>;
    /** Body hashes with more than one task: double-paid work. */
    duplicates: string[];
    /** Tasks created through the alias path without `/async`. */
    viaAlias: number;
    /** The ids of the tasks created, in order (what a dashboard would list). */
    taskIds: string[];
  };
  polls: number;
  /** Files stored (successful uploads). */
  uploads: number;
  /** Stored uploads per SHA-256 of their content: more than 1 means the same file went up twice. */
  uploadsByContentHash: Record<string, number>;
  deletes: number;
  keyChecks: number;
  balanceChecks: number;
  modelLists: number;
  downloads: number;
  faults: {
    rateLimited: number;
    serverErrors: number;
    droppedBeforeCreate: number;
    droppedAfterCreate: number;
    failedTasks: number;
    slowDownloads: number;
    truncatedDownloads: number;
    expiredResults: number;
    delayed: number;
  };
}

/** The identity of a submit: the model and the body, key order ignored. */
export function submitBodyHash(modelId: string, body: unknown): string {
  return createHash('sha256').update(`${modelId}\n${stableStringify(body)}`).digest('hex').slice(0, 32);
}

/** The plain counters the server bumps directly. */
export type StatsCounter =
  | 'requests'
  | 'submitRequests'
  | 'polls'
  | 'deletes'
  | 'keyChecks'
  | 'balanceChecks'
  | 'modelLists'
  | 'downloads';

export class StatsRecorder {
  private readonly counts = {
    requests: 0,
    submitRequests: 0,
    viaAlias: 0,
    polls: 0,
    uploads: 0,
    deletes: 0,
    keyChecks: 0,
    balanceChecks: 0,
    modelLists: 0,
    downloads: 0,
  };
  private readonly byHash = new Map<string, number>();
  private readonly taskIds: string[] = [];
  private readonly uploadHashes = new Map<string, number>();
  readonly faults: SimulatorStats['faults'] = {
    rateLimited: 0,
    serverErrors: 0,
    droppedBeforeCreate: 0,
    droppedAfterCreate: 0,
    failedTasks: 0,
    slowDownloads: 0,
    truncatedDownloads: 0,
    expiredResults: 0,
    delayed: 0,
  };

  count(what: StatsCounter): void {
    this.counts[what] += 1;
  }

  taskCreated(hash: string, viaAlias: boolean, taskId: string): void {
    this.byHash.set(hash, (this.byHash.get(hash) ?? 0) + 1);
    this.taskIds.push(taskId);
    if (viaAlias) this.counts.viaAlias += 1;
  }

  uploadStored(content: Uint8Array): void {
    this.counts.uploads += 1;
    const hash = createHash('sha256').update(content).digest('hex');
    this.uploadHashes.set(hash, (this.uploadHashes.get(hash) ?? 0) + 1);
  }

  snapshot(): SimulatorStats {
    const byBodyHash = Object.fromEntries(this.byHash);
    let total = 0;
    for (const n of this.byHash.values()) total += n;
    const c = this.counts;
    return {
      requests: c.requests,
      submits: {
        total,
        requests: c.submitRequests,
        byBodyHash,
        duplicates: [...this.byHash].filter(([, n]) => n > 1).map(([hash]) => hash),
        viaAlias: c.viaAlias,
        taskIds: [...this.taskIds],
      },
      polls: c.polls,
      uploads: c.uploads,
      uploadsByContentHash: Object.fromEntries(this.uploadHashes),
      deletes: c.deletes,
      keyChecks: c.keyChecks,
      balanceChecks: c.balanceChecks,
      modelLists: c.modelLists,
      downloads: c.downloads,
      faults: { ...this.faults },
    };
  }
}
