/**
 * The ledger's line format: one JSON object per line, each an event with `v` (format version),
 * `type`, `at` (ISO time). Every line is validated with these schemas when the file is read.
 *
 * A task is known by `taskKey`, a local id chosen before the submit (the intent); Modellix's
 * `taskId` arrives with the submit's answer. One taskKey is one submit attempt: re-submitting
 * (only ever after a definite rejection, or when the user asks) is a new intent with a new key.
 */
import { z } from 'zod';

/** The line format this code writes and reads. A higher version in a file stops the open. */
export const LEDGER_FORMAT_VERSION = 1;

const id = z.string().min(1).max(500);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex sha256');
const isoTime = z.iso.datetime({ offset: true });
const jsonObject = z.record(z.string(), z.json());
/**
 * The Modellix service (API origin, e.g. `https://api.modellix.ai`) a line belongs to. Task ids,
 * uploads and result URLs only mean something on their own service, so caches and reuse match on
 * it; lines written before it existed carry none and are never reused.
 */
const service = z.string().min(1).max(500);

const base = {
  v: z.literal(LEDGER_FORMAT_VERSION),
  at: isoTime,
};

/** A run of a graph began (one per graph run; a batch has one per row and repeat). */
export const RunStartedEvent = z.object({
  ...base,
  type: z.literal('run.started'),
  runId: id,
  /** Absolute path of the graph file, or null for a graph that was never saved. */
  graphFile: z.string().nullable(),
  /** sha256 of the graph's stable serialization. */
  graphHash: z.string().min(1),
  /** 1-based CSV row for a batch run, null otherwise. */
  batchRow: z.number().int().positive().nullable(),
  /** 1-based repeat index for `--runs N`, when used. */
  repeat: z.number().int().positive().optional(),
  /** The batch file, when the run came from one. */
  batchFile: z.string().optional(),
  /** Everything needed to finish the run after a crash (the runner's RunRecipe, checked there). */
  recipe: jsonObject.optional(),
  /** The service the run sends to: `resume` finishes it there and nowhere else. */
  service: service.optional(),
});

/** A run ended (every task final, or the user stopped it). */
export const RunFinishedEvent = z.object({
  ...base,
  type: z.literal('run.finished'),
  runId: id,
  outcome: z.enum(['succeeded', 'failed', 'cancelled', 'partial']),
});

/** An unfinished run was taken up again after a restart (`resume`): its open tasks are polled, the rest started. */
export const RunResumedEvent = z.object({
  ...base,
  type: z.literal('run.resumed'),
  runId: id,
});

/** Written and fsynced BEFORE the submit request leaves. */
export const TaskIntentEvent = z.object({
  ...base,
  type: z.literal('task.intent'),
  taskKey: id,
  runId: id,
  nodeId: id,
  model: id,
  /** The API path the submit goes to, e.g. `/api/v1/bytedance/seedance-2.0-v2v/async`. */
  submitPath: z.string().min(1),
  body: jsonObject,
  /** `requestHash(model, body)`. */
  requestHash: sha256,
  /** The body's seed; null when absent (the service then picks one at random, like -1). */
  seed: z.number().int().nullable(),
  /** sha256 of each local input file by slot, for provenance. */
  inputHashes: z.record(z.string(), sha256).optional(),
  /** The service the submit goes to. */
  service: service.optional(),
  /**
   * The folder the outputs go to and the node's name for the user: with these the task can be
   * listed and finished on its own, even when its `run.started` line is lost.
   */
  folder: z.string().min(1).optional(),
  label: z.string().min(1).max(500).optional(),
});

/** The submit answered with a task id. */
export const TaskSubmittedEvent = z.object({
  ...base,
  type: z.literal('task.submitted'),
  taskKey: id,
  taskId: id,
  /** `get_result.url` when the answer carried one. */
  pollUrl: z.string().optional(),
});

/** A poll saw this status (kept only while it changes; compaction keeps the last). */
export const TaskStatusEvent = z.object({
  ...base,
  type: z.literal('task.status'),
  taskKey: id,
  status: z.string().min(1).max(100),
});

/** A result resource of a successful task. */
export const ResultResource = z.object({
  url: z.string().min(1),
  type: z.string().optional(),
  role: z.string().optional(),
  format: z.string().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type ResultResource = z.infer<typeof ResultResource>;

/** The task finished with results. The URLs are kept by Modellix for about 7 days. */
export const TaskSucceededEvent = z.object({
  ...base,
  type: z.literal('task.succeeded'),
  taskKey: id,
  resources: z.array(ResultResource).min(1),
});

/** A downloaded output file. */
export const DownloadedOutput = z.object({
  url: z.string().min(1),
  path: z.string().min(1),
  sha256,
  bytes: z.number().int().nonnegative(),
  role: z.string().optional(),
  type: z.string().optional(),
});
export type DownloadedOutput = z.infer<typeof DownloadedOutput>;

/** Every output of the task is on disk (the list replaces any earlier one for this task). */
export const TaskDownloadedEvent = z.object({
  ...base,
  type: z.literal('task.downloaded'),
  taskKey: id,
  outputs: z.array(DownloadedOutput).min(1),
});

/** The task is over without a result. */
export const TaskFailedEvent = z.object({
  ...base,
  type: z.literal('task.failed'),
  taskKey: id,
  /** The service's own reason, or ours, in words the user can act on. */
  reason: z.string().min(1),
  /** Whether sending the same request again may succeed (429, 5xx, a definite rejection later lifted). */
  retryable: z.boolean(),
  /** Where it failed: the submit was refused, the task failed, polling gave up, or the download did. */
  phase: z.enum(['submit', 'task', 'poll', 'download']),
  /** HTTP status when there was one. */
  httpStatus: z.number().int().optional(),
});

/** The submit may have reached Modellix but no task id came back: never re-sent automatically. */
export const TaskOutcomeUnknownEvent = z.object({
  ...base,
  type: z.literal('task.unknown'),
  taskKey: id,
  reason: z.string().min(1),
});

/** The user cancelled: polling stops (the API has no cancel, the task may still run and bill). */
export const TaskCancelledEvent = z.object({
  ...base,
  type: z.literal('task.cancelled'),
  taskKey: id,
  reason: z.string().optional(),
});

/** A node of a run took the output of an earlier identical task instead of paying again. */
export const NodeReusedEvent = z.object({
  ...base,
  type: z.literal('node.reused'),
  runId: id,
  nodeId: id,
  sourceTaskKey: id,
  /** The files this run took (downloaded again when only the result URLs were left). */
  outputs: z.array(DownloadedOutput).optional(),
});

/** A local file was uploaded; the same content is not uploaded again while this is valid. */
export const UploadCachedEvent = z.object({
  ...base,
  type: z.literal('upload.cached'),
  sha256,
  /** The service the file was uploaded to: its URL is used only there. */
  service: service.optional(),
  url: z.string().min(1),
  fileId: z.string().optional(),
  mimeType: z.string().optional(),
  bytes: z.number().int().nonnegative().optional(),
  /** The local file's name when uploaded (for the user's eyes only). */
  fileName: z.string().optional(),
});

/** A cached upload must not be used again (deleted, refused or expired). */
export const UploadInvalidatedEvent = z.object({
  ...base,
  type: z.literal('upload.invalidated'),
  sha256,
  /** Only on this service; without it, on every service. */
  service: service.optional(),
  reason: z.string().optional(),
});

export const LedgerEvent = z.discriminatedUnion('type', [
  RunStartedEvent,
  RunFinishedEvent,
  RunResumedEvent,
  TaskIntentEvent,
  TaskSubmittedEvent,
  TaskStatusEvent,
  TaskSucceededEvent,
  TaskDownloadedEvent,
  TaskFailedEvent,
  TaskOutcomeUnknownEvent,
  TaskCancelledEvent,
  NodeReusedEvent,
  UploadCachedEvent,
  UploadInvalidatedEvent,
]);
export type LedgerEvent = z.infer<typeof LedgerEvent>;
export type LedgerEventType = LedgerEvent['type'];
export type EventOf<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>;

/** What callers pass to `append`: `v` and `at` are filled in (an explicit `at` is kept). */
export type NewLedgerEvent = {
  [T in LedgerEventType]: Omit<EventOf<T>, 'v' | 'at'> & { at?: string };
}[LedgerEventType];

/** Only the version of a line, read before the full validation. */
export const VersionProbe = z.object({ v: z.number().int() });
