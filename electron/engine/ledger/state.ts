/**
 * The ledger's in-memory state: a pure reducer over events. Replaying the file through
 * `applyEvent` rebuilds exactly the state the writer had. An event that does not fit the state
 * (a status for a task never intended, a second intent under one key) changes nothing and yields
 * a warning; it never throws, so one bad line cannot make the ledger unreadable.
 */
import type { DownloadedOutput, EventOf, LedgerEvent, ResultResource } from './events';

/**
 * - `intent`: written before the submit; no task id yet.
 * - `submitted`: has a task id, not final: poll it.
 * - `succeeded`: results exist (downloaded when `outputs` is set).
 * - `failed`, `unknown` (outcome unknown), `cancelled`: over.
 */
export type TaskState = 'intent' | 'submitted' | 'succeeded' | 'failed' | 'unknown' | 'cancelled';

export const FINAL_TASK_STATES: ReadonlySet<TaskState> = new Set(['succeeded', 'failed', 'unknown', 'cancelled']);

export interface TaskFailure {
  reason: string;
  retryable: boolean;
  phase: EventOf<'task.failed'>['phase'];
  httpStatus?: number;
}

export interface TaskRecord {
  taskKey: string;
  runId: string;
  nodeId: string;
  model: string;
  submitPath: string;
  body: EventOf<'task.intent'>['body'];
  requestHash: string;
  seed: number | null;
  inputHashes?: Record<string, string>;
  state: TaskState;
  intentAt: string;
  taskId?: string;
  pollUrl?: string;
  submittedAt?: string;
  lastStatus?: string;
  lastStatusAt?: string;
  resources?: ResultResource[];
  succeededAt?: string;
  outputs?: DownloadedOutput[];
  downloadedAt?: string;
  failure?: TaskFailure;
  failedAt?: string;
  unknownReason?: string;
  cancelledReason?: string;
  endedAt?: string;
}

export interface ReusedNode {
  nodeId: string;
  sourceTaskKey: string;
  at: string;
}

export interface RunRecord {
  runId: string;
  graphFile: string | null;
  graphHash: string;
  batchRow: number | null;
  repeat?: number;
  batchFile?: string;
  /** The run's recipe as written (the runner checks it before use). */
  recipe?: EventOf<'run.started'>['recipe'];
  startedAt: string;
  outcome?: EventOf<'run.finished'>['outcome'];
  finishedAt?: string;
  /** Task keys in intent order. */
  taskKeys: string[];
  reused: ReusedNode[];
}

export interface UploadRecord {
  sha256: string;
  url: string;
  fileId?: string;
  mimeType?: string;
  bytes?: number;
  fileName?: string;
  at: string;
}

export interface LedgerState {
  runs: Map<string, RunRecord>;
  tasks: Map<string, TaskRecord>;
  /** Modellix task id -> task key. */
  taskIds: Map<string, string>;
  uploads: Map<string, UploadRecord>;
}

export function createState(): LedgerState {
  return { runs: new Map(), tasks: new Map(), taskIds: new Map(), uploads: new Map() };
}

/** Applies one event. Returns a warning when the event was ignored, else undefined. */
export function applyEvent(state: LedgerState, event: LedgerEvent): string | undefined {
  switch (event.type) {
    case 'run.started': {
      if (state.runs.has(event.runId)) return `run ${event.runId} started twice; the second start was ignored`;
      state.runs.set(event.runId, {
        runId: event.runId,
        graphFile: event.graphFile,
        graphHash: event.graphHash,
        batchRow: event.batchRow,
        ...(event.repeat !== undefined ? { repeat: event.repeat } : {}),
        ...(event.batchFile !== undefined ? { batchFile: event.batchFile } : {}),
        ...(event.recipe !== undefined ? { recipe: event.recipe } : {}),
        startedAt: event.at,
        taskKeys: [],
        reused: [],
      });
      return undefined;
    }
    case 'run.finished': {
      const run = state.runs.get(event.runId);
      if (!run) return `run ${event.runId} finished but never started; ignored`;
      run.outcome = event.outcome;
      run.finishedAt = event.at;
      return undefined;
    }
    case 'node.reused': {
      const run = state.runs.get(event.runId);
      if (!run) return `node ${event.nodeId} reused in unknown run ${event.runId}; ignored`;
      run.reused.push({ nodeId: event.nodeId, sourceTaskKey: event.sourceTaskKey, at: event.at });
      return undefined;
    }
    case 'task.intent': {
      if (state.tasks.has(event.taskKey)) return `task ${event.taskKey} has two intents; the second was ignored`;
      const run = state.runs.get(event.runId);
      if (!run) return `task ${event.taskKey} belongs to unknown run ${event.runId}; ignored`;
      state.tasks.set(event.taskKey, {
        taskKey: event.taskKey,
        runId: event.runId,
        nodeId: event.nodeId,
        model: event.model,
        submitPath: event.submitPath,
        body: event.body,
        requestHash: event.requestHash,
        seed: event.seed,
        ...(event.inputHashes !== undefined ? { inputHashes: event.inputHashes } : {}),
        state: 'intent',
        intentAt: event.at,
      });
      run.taskKeys.push(event.taskKey);
      return undefined;
    }
    case 'upload.cached': {
      state.uploads.set(event.sha256, {
        sha256: event.sha256,
        url: event.url,
        ...(event.fileId !== undefined ? { fileId: event.fileId } : {}),
        ...(event.mimeType !== undefined ? { mimeType: event.mimeType } : {}),
        ...(event.bytes !== undefined ? { bytes: event.bytes } : {}),
        ...(event.fileName !== undefined ? { fileName: event.fileName } : {}),
        at: event.at,
      });
      return undefined;
    }
    case 'upload.invalidated': {
      state.uploads.delete(event.sha256);
      return undefined;
    }
    default:
      return applyTaskEvent(state, event);
  }
}

type TaskEvent = EventOf<'task.submitted' | 'task.status' | 'task.succeeded' | 'task.downloaded' | 'task.failed' | 'task.unknown' | 'task.cancelled'>;

/** Which states each task event may follow. */
const ALLOWED_FROM: Readonly<Record<TaskEvent['type'], readonly TaskState[]>> = {
  // From `unknown` too: a task id found later (e.g. by the user) turns it back into a known task.
  'task.submitted': ['intent', 'unknown'],
  'task.status': ['submitted'],
  'task.succeeded': ['submitted'],
  // A second download (outputs were deleted and fetched again) replaces the list.
  'task.downloaded': ['succeeded'],
  // From `succeeded`: the outputs could not be downloaded (e.g. the URLs expired).
  'task.failed': ['intent', 'submitted', 'succeeded'],
  'task.unknown': ['intent'],
  'task.cancelled': ['intent', 'submitted'],
};

function applyTaskEvent(state: LedgerState, event: TaskEvent): string | undefined {
  const task = state.tasks.get(event.taskKey);
  if (!task) return `${event.type} for unknown task ${event.taskKey}; ignored`;
  if (!ALLOWED_FROM[event.type].includes(task.state)) {
    if (event.type === 'task.status') return undefined; // a late poll answer: harmless
    return `${event.type} for task ${event.taskKey} in state ${task.state}; ignored`;
  }
  switch (event.type) {
    case 'task.submitted': {
      const other = state.taskIds.get(event.taskId);
      if (other !== undefined && other !== task.taskKey) return `task id ${event.taskId} is already recorded for task ${other}; ignored`;
      task.state = 'submitted';
      task.taskId = event.taskId;
      if (event.pollUrl !== undefined) task.pollUrl = event.pollUrl;
      task.submittedAt = event.at;
      delete task.unknownReason;
      delete task.endedAt;
      state.taskIds.set(event.taskId, task.taskKey);
      return undefined;
    }
    case 'task.status':
      task.lastStatus = event.status;
      task.lastStatusAt = event.at;
      return undefined;
    case 'task.succeeded':
      task.state = 'succeeded';
      task.resources = event.resources;
      task.succeededAt = event.at;
      task.endedAt = event.at;
      return undefined;
    case 'task.downloaded':
      task.outputs = event.outputs;
      task.downloadedAt = event.at;
      return undefined;
    case 'task.failed':
      task.state = 'failed';
      task.failure = {
        reason: event.reason,
        retryable: event.retryable,
        phase: event.phase,
        ...(event.httpStatus !== undefined ? { httpStatus: event.httpStatus } : {}),
      };
      task.failedAt = event.at;
      task.endedAt = event.at;
      return undefined;
    case 'task.unknown':
      task.state = 'unknown';
      task.unknownReason = event.reason;
      task.endedAt = event.at;
      return undefined;
    case 'task.cancelled':
      task.state = 'cancelled';
      if (event.reason !== undefined) task.cancelledReason = event.reason;
      task.endedAt = event.at;
      return undefined;
  }
}

/** A canonical text of the whole state: equal states give equal text (used to check compaction). */
export function stateFingerprint(state: LedgerState): string {
  const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({
    runs: sorted(state.runs),
    tasks: sorted(state.tasks),
    taskIds: sorted(state.taskIds),
    uploads: sorted(state.uploads),
  }, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  });
}
