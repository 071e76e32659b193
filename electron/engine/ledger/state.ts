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
  /** The service (API origin) the submit went to; absent on lines written before it was recorded. */
  service?: string;
  /** Where the outputs go, and the node's name for the user (see the intent event). */
  folder?: string;
  label?: string;
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

/** Why a task ended without a result, in the words recorded for it (failed, unknown or cancelled). */
export function endReason(task: Pick<TaskRecord, 'failure' | 'unknownReason' | 'cancelledReason'>): string | undefined {
  return task.failure?.reason || task.unknownReason || task.cancelledReason;
}

export interface ReusedNode {
  nodeId: string;
  sourceTaskKey: string;
  at: string;
  /** The files the run took, when recorded. */
  outputs?: DownloadedOutput[];
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
  /** The service the run sends to. */
  service?: string;
  /**
   * True when the run's `run.started` line was lost (damaged): the record was made from its task
   * lines, which carry enough to list the tasks and finish them on their own.
   */
  orphan?: true;
  startedAt: string;
  outcome?: EventOf<'run.finished'>['outcome'];
  finishedAt?: string;
  /** When the run was last taken up again after a restart (`resume`). */
  resumedAt?: string;
  /** Task keys in intent order. */
  taskKeys: string[];
  reused: ReusedNode[];
}

export interface UploadRecord {
  sha256: string;
  service?: string;
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
  /** By `uploadKey(service, sha256)`. */
  uploads: Map<string, UploadRecord>;
}

/** The key of an upload in the state: the same content uploaded to two services is two uploads. */
/** The tasks of a run, in the order they were written (its `taskKeys`). */
export function tasksOfRun(state: Pick<LedgerState, 'runs' | 'tasks'>, runId: string): TaskRecord[] {
  const run = state.runs.get(runId);
  if (!run) return [];
  return run.taskKeys.flatMap((key) => state.tasks.get(key) ?? []);
}

export function uploadKey(service: string | undefined, sha256: string): string {
  return `${service ?? ''} ${sha256}`;
}

export function createState(): LedgerState {
  return { runs: new Map(), tasks: new Map(), taskIds: new Map(), uploads: new Map() };
}

/** Applies one event. Returns a warning when the event was ignored, else undefined. */
export function applyEvent(state: LedgerState, event: LedgerEvent): string | undefined {
  switch (event.type) {
    case 'run.started': {
      const known = state.runs.get(event.runId);
      if (known && !known.orphan) return `run ${event.runId} started twice; the second start was ignored`;
      state.runs.set(event.runId, {
        runId: event.runId,
        graphFile: event.graphFile,
        graphHash: event.graphHash,
        batchRow: event.batchRow,
        ...(event.repeat !== undefined ? { repeat: event.repeat } : {}),
        ...(event.batchFile !== undefined ? { batchFile: event.batchFile } : {}),
        ...(event.recipe !== undefined ? { recipe: event.recipe } : {}),
        ...(event.service !== undefined ? { service: event.service } : {}),
        startedAt: event.at,
        taskKeys: known?.taskKeys ?? [],
        reused: known?.reused ?? [],
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
    case 'run.resumed': {
      const run = state.runs.get(event.runId);
      if (!run) return `run ${event.runId} resumed but never started; ignored`;
      run.resumedAt = event.at;
      return undefined;
    }
    case 'node.reused': {
      const run = state.runs.get(event.runId);
      if (!run) return `node ${event.nodeId} reused in unknown run ${event.runId}; ignored`;
      run.reused.push({ nodeId: event.nodeId, sourceTaskKey: event.sourceTaskKey, at: event.at, ...(event.outputs !== undefined ? { outputs: event.outputs } : {}) });
      return undefined;
    }
    case 'task.intent': {
      if (state.tasks.has(event.taskKey)) return `task ${event.taskKey} has two intents; the second was ignored`;
      const run = state.runs.get(event.runId) ?? orphanRun(state, event);
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
        ...(event.service !== undefined ? { service: event.service } : {}),
        ...(event.folder !== undefined ? { folder: event.folder } : {}),
        ...(event.label !== undefined ? { label: event.label } : {}),
        state: 'intent',
        intentAt: event.at,
      });
      run.taskKeys.push(event.taskKey);
      return undefined;
    }
    case 'upload.cached': {
      state.uploads.set(uploadKey(event.service, event.sha256), {
        sha256: event.sha256,
        ...(event.service !== undefined ? { service: event.service } : {}),
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
      for (const [key, upload] of state.uploads) {
        if (upload.sha256 === event.sha256 && (event.service === undefined || upload.service === event.service)) state.uploads.delete(key);
      }
      return undefined;
    }
    default:
      return applyTaskEvent(state, event);
  }
}

/**
 * The run of a task whose `run.started` line was lost: made from the intent, so the task is still
 * listed and can be finished (its intent names the service and the output folder).
 */
function orphanRun(state: LedgerState, intent: EventOf<'task.intent'>): RunRecord {
  const run: RunRecord = {
    runId: intent.runId,
    graphFile: null,
    graphHash: '',
    batchRow: null,
    ...(intent.service !== undefined ? { service: intent.service } : {}),
    orphan: true,
    startedAt: intent.at,
    taskKeys: [],
    reused: [],
  };
  state.runs.set(intent.runId, run);
  return run;
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
