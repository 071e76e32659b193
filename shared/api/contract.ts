/**
 * The contract between the window and the Node side: every method the window may call and every
 * event it may receive, each with zod schemas. Electron IPC and browser mode's HTTP + server-sent
 * events are two transports of this one definition; both check arguments with these schemas
 * before anything reaches the engine, and no method ever returns the API key.
 */
import { z } from 'zod';
import { COMMAND_IDS } from '../commands/registry';
import { graphSchema } from '../graph/schema';
import { assetSourceSchema, batchRowSchema, mediaKindSchema } from '../graph/schema';
import { runTargetSchema } from '../plan/target';
import { runEventSchema } from './run-events';
import { estimateSchema, pricesSchema } from '../plan/estimate';
import { historyMethods, outputViewSchema } from './history';

const path = z.string().min(1).max(4096);
const nothing = z.strictObject({});

const mediaInfoSchema = z.strictObject({
  /** Opaque id for previews: the transport turns it into a URL the window may load. */
  mediaId: z.string(),
  path,
  fileName: z.string(),
  kind: mediaKindSchema,
  mimeType: z.string().optional(),
  bytes: z.number().int().nonnegative(),
  seconds: z.number().nonnegative().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** What a Seedance model would refuse this file for, in words. */
  problems: z.array(z.string()),
});
export type MediaInfo = z.infer<typeof mediaInfoSchema>;

const keyStatusSchema = z.strictObject({
  /** Whether a key is available to the engine now. */
  present: z.boolean(),
  /** Where it lives: the environment, encrypted by the OS, a user-only file, or this session only. */
  source: z.enum(['none', 'env', 'encrypted', 'file', 'session']),
  /** Whether the OS offers encryption (Electron safeStorage); false on Linux without a keyring. */
  encryptionAvailable: z.boolean(),
  /** A sentence for the settings panel: where the key is kept and what that means. */
  note: z.string(),
  /** The service address (an origin) the key was entered for; it is sent nowhere else unconfirmed. */
  boundTo: z.string().optional(),
  /** Whether `boundTo` is the address runs use now (absent when there is no key). */
  boundToCurrent: z.boolean().optional(),
});
export type KeyStatus = z.infer<typeof keyStatusSchema>;

export const settingsSchema = z.strictObject({
  baseUrl: z.string().url().default('https://api.modellix.ai'),
  /** Tasks in flight at once. */
  concurrency: z.number().int().min(1).max(32).default(4),
  /** Where results go; empty means the default output folder. */
  outDir: z.string().max(4096).default(''),
  /** Ask before runs above these totals. */
  confirmTasksOver: z.number().int().min(0).max(100_000).default(10),
  confirmSecondsOver: z.number().int().min(0).max(10_000_000).default(120),
  /**
   * A user-editable price table (USD per second of output, by model and resolution); never from the
   * API. Keys: "<model>@<resolution>" or "<model>" for any resolution (shared/plan/estimate.ts).
   */
  prices: pricesSchema.default({}),
  /**
   * Simulated mode: runs go to a simulator inside the app, no key, nothing paid. Unset: on until
   * a key is set or a service chosen (electron/service/simulated.ts).
   */
  simulated: z.boolean().optional(),
  /** Folders of pipelines the user added, besides the data folder's own `pipelines` (shared/pipeline). */
  pipelineFolders: z.array(z.string().min(1).max(4096)).max(20).optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * What `settings.set` takes: any of the fields, each without its default, so a patch changes only
 * what it names (`settingsSchema.partial()` would fill the others with their defaults and, say,
 * put the service address back to the real service when only the concurrency was changed).
 */
export const settingsPatchSchema = z.strictObject({
  baseUrl: settingsSchema.shape.baseUrl.unwrap().optional(),
  concurrency: settingsSchema.shape.concurrency.unwrap().optional(),
  outDir: settingsSchema.shape.outDir.unwrap().optional(),
  confirmTasksOver: settingsSchema.shape.confirmTasksOver.unwrap().optional(),
  confirmSecondsOver: settingsSchema.shape.confirmSecondsOver.unwrap().optional(),
  prices: settingsSchema.shape.prices.unwrap().optional(),
  simulated: settingsSchema.shape.simulated,
  pipelineFolders: settingsSchema.shape.pipelineFolders,
});

const planIssueSchema = z.strictObject({
  severity: z.enum(['error', 'warning']),
  node: z.string().optional(),
  edge: z.string().optional(),
  field: z.string().optional(),
  message: z.string(),
});

const plannedTaskViewSchema = z.strictObject({
  node: z.string(),
  model: z.string(),
  path: z.string(),
  /** The request body with inputs shown as `upload:<file>`, URLs, or `output:<node>.<output>`. */
  body: z.record(z.string(), z.unknown()),
});

const runInput = z.strictObject({
  graph: graphSchema,
  /** The saved file the graph came from, if any: relative media paths are relative to it. */
  graphPath: path.nullable(),
  variables: z.record(z.string(), z.string()).optional(),
  bindings: z.record(z.string(), assetSourceSchema).optional(),
  /** Run part of the graph: one node (with what it needs upstream), or a node and everything downstream. */
  target: runTargetSchema.optional(),
});

const taskViewSchema = z.strictObject({
  /** The ledger's task key; a reused node has no task of its own: `reused:<runId>:<node>`. */
  taskKey: z.string(),
  runId: z.string(),
  node: z.string(),
  /** The node's name as the user gave it when the run started (the graph may have changed since). */
  label: z.string().optional(),
  model: z.string(),
  state: z.enum(['intent', 'submitted', 'succeeded', 'failed', 'unknown', 'cancelled']),
  taskId: z.string().optional(),
  status: z.string().optional(),
  message: z.string().optional(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  outputs: z.array(outputViewSchema),
  /** Set when the node reused an earlier identical task (fixed seed) instead of paying: its outputs are that task's. */
  reusedFrom: z.strictObject({ taskKey: z.string(), taskId: z.string().optional() }).optional(),
  /** Made by the app's built-in simulator (simulated mode): nothing was paid. */
  simulated: z.literal(true).optional(),
});
export type TaskView = z.infer<typeof taskViewSchema>;

const runViewSchema = z.strictObject({
  runId: z.string(),
  graphPath: path.nullable(),
  graphName: z.string().optional(),
  startedAt: z.string(),
  outcome: z.enum(['running', 'succeeded', 'failed', 'cancelled', 'partial']),
  batchRow: z.number().int().optional(),
  repeat: z.number().int().optional(),
  tasks: z.number().int(),
});
export type RunView = z.infer<typeof runViewSchema>;

/** What a batch row's last run came to, from the ledger. */
const batchRowStatusSchema = z.strictObject({
  /** 1-based, as the rows table numbers it. */
  row: z.number().int().positive(),
  /** `unfinished`: its run was left by a stopped app (Resume finishes it; Retry failed leaves it). */
  status: z.enum(['not-run', 'queued', 'running', 'succeeded', 'failed', 'cancelled', 'unfinished']),
  /** Why it failed or was cancelled, in words. */
  message: z.string().optional(),
  /** Its last run. */
  runId: z.string().optional(),
  outputs: z.array(z.strictObject({ path, mediaId: z.string(), kind: mediaKindSchema })),
});
export type BatchRowStatus = z.infer<typeof batchRowStatusSchema>;

/** Which rows of a batch: every row, or those whose last run did not succeed (never run, failed, cancelled). */
const batchRowsChoice = z.enum(['all', 'failed']).default('all');

const recentFileSchema = z.strictObject({ path, name: z.string(), openedAt: z.string() });

const openedGraphSchema = z.strictObject({
  canceled: z.literal(false),
  path,
  graph: graphSchema,
  /** Set when the file was in an older format and was upgraded on load. */
  migratedFrom: z.number().int().optional(),
});

const canceled = z.strictObject({ canceled: z.literal(true) });
const runIds = z.array(z.string()).min(1).max(1000);
const copiedFile = z.strictObject({ from: path, to: path });

/** A pipeline in the library: a graph file in a pipelines folder (its ports: shared/pipeline/ports.ts). */
const pipelineEntrySchema = z.strictObject({
  path,
  name: z.string(),
  /** sha256 of the file's stable serialization: which version a pipeline node embeds. */
  hash: z.string(),
  /** The pipeline graph, with its local file paths made absolute: what a placed node embeds. */
  graph: graphSchema,
});
export type PipelineEntry = z.infer<typeof pipelineEntrySchema>;

/** Every method: its argument and result schemas. */
export const methods = {
  'app.info': {
    args: nothing,
    result: z.strictObject({
      version: z.string(),
      mode: z.enum(['desktop', 'browser']),
      platform: z.string(),
      dataDir: z.string(),
      /** Where the example pipelines and their media are, so templates open with working paths. */
      examplesDir: z.string().nullable(),
    }),
  },
  'graph.open': {
    /** Without a path the user picks one (a native dialog on the desktop). */
    args: z.strictObject({ path: path.optional() }),
    result: z.union([canceled, openedGraphSchema]),
  },
  'graph.save': {
    /** Without a path the user picks one ("Save as"). */
    args: z.strictObject({ path: path.optional(), graph: graphSchema }),
    result: z.union([canceled, z.strictObject({ canceled: z.literal(false), path })]),
  },
  'graph.recent': { args: nothing, result: z.strictObject({ files: z.array(recentFileSchema) }) },
  'autosave.write': { args: z.strictObject({ graph: graphSchema, path: path.nullable() }), result: nothing },
  'autosave.read': {
    args: nothing,
    result: z.strictObject({ recovery: z.strictObject({ graph: graphSchema, path: path.nullable(), savedAt: z.string() }).nullable() }),
  },
  'autosave.clear': { args: nothing, result: nothing },
  'media.pick': {
    args: z.strictObject({ kinds: z.array(mediaKindSchema).min(1), multiple: z.boolean() }),
    /** `unsupported`: this transport has no native picker (browser mode): type a path instead. */
    result: z.union([canceled, z.strictObject({ canceled: z.literal(false), unsupported: z.boolean(), files: z.array(mediaInfoSchema) })]),
  },
  'media.import': {
    /** Registers local files (dropped, picked or typed) and reads their facts for badges. */
    args: z.strictObject({ paths: z.array(path).min(1).max(100) }),
    result: z.strictObject({ files: z.array(mediaInfoSchema), errors: z.array(z.strictObject({ path, message: z.string() })) }),
  },
  'plan': {
    args: runInput.extend({
      /** Runs to estimate (Run several times). */
      runs: z.number().int().min(1).max(1000).default(1),
      /** false: skip reading local media (a quick estimate while the graph is edited). */
      media: z.boolean().default(true),
    }),
    result: z.strictObject({
      ok: z.boolean(),
      tasks: z.array(plannedTaskViewSchema),
      issues: z.array(planIssueSchema),
      /** Local media problems found before anything is sent. */
      problems: z.array(z.string()),
      videoSeconds: z.number(),
      /** Upstream nodes a target keeps: they take their latest unchanged result, and run only without one. */
      kept: z.array(z.string()),
      /** What the runs will cost, priced from Settings' table; `simulated`: nothing is paid. */
      summary: estimateSchema.extend({ simulated: z.boolean() }),
    }),
  },
  'run.start': {
    args: runInput.extend({
      runs: z.number().int().min(1).max(1000).default(1),
      force: z.boolean().default(false),
    }),
    result: z.strictObject({ runIds: z.array(z.string()) }),
  },
  'batch.readCsv': {
    /**
     * Reads a batch CSV against the graph (the command line's reader and binding rule). Without a
     * path the user picks one; `unsupported`: this transport has no picker (browser mode): type a
     * path instead. A CSV that does not fit the graph is an error listing every problem.
     */
    args: z.strictObject({ path: path.optional(), graph: graphSchema }),
    result: z.union([
      canceled,
      z.strictObject({ canceled: z.literal(false), unsupported: z.literal(true) }),
      z.strictObject({
        canceled: z.literal(false),
        unsupported: z.literal(false),
        path,
        columns: z.array(z.string()),
        rows: z.array(batchRowSchema),
        /** Named inputs no column binds, in words (every row keeps their own value). */
        notes: z.array(z.string()),
      }),
    ]),
  },
  'batch.status': {
    /** Each batch row's last outcome, from the ledger (so it survives a restart). */
    args: runInput.pick({ graph: true, graphPath: true }),
    result: z.strictObject({ rows: z.array(batchRowStatusSchema) }),
  },
  'batch.plan': {
    /** What running these rows would send, counted over every row, before anything is paid. */
    args: runInput.pick({ graph: true, graphPath: true }).extend({ rows: batchRowsChoice }),
    result: z.strictObject({
      /** The rows it would run. */
      rows: z.array(z.number().int().positive()),
      tasks: z.number().int(),
      videoSeconds: z.number(),
      /** What stops it, each naming its row; empty when it may go ahead. */
      problems: z.array(z.string()),
      /** The estimate over every row (as `plan`'s), for the confirmation before paying. */
      summary: estimateSchema.extend({ simulated: z.boolean() }),
    }),
  },
  'batch.run': {
    /** Runs the rows, one run each (`batchRow` set); `failed` never re-sends a row whose last run succeeded. Stop with `run.cancel`. */
    args: runInput.pick({ graph: true, graphPath: true }).extend({ rows: batchRowsChoice, force: z.boolean().default(false) }),
    result: z.strictObject({ runIds: z.array(z.string()), rows: z.array(z.number().int().positive()) }),
  },
  'run.resume': {
    /** Finishes the runs a crash or a killed process left (polls, downloads, starts what never started). */
    args: nothing,
    result: z.strictObject({
      runIds: z.array(z.string()),
      /** Submits whose answer was lost: never re-sent; the user should check the Modellix dashboard. */
      unknown: z.array(z.strictObject({ runId: z.string(), node: z.string() })),
      /** Unfinished runs of another Modellix service: left alone until the app talks to that service. */
      elsewhere: z.array(z.strictObject({ runId: z.string(), service: z.string() })).default([]),
      /** Unfinished simulated runs of an earlier session, closed: the built-in simulator keeps no tasks across restarts. */
      closed: z.array(z.string()).default([]),
    }),
  },
  'run.cancel': { args: z.strictObject({ runId: z.string().optional() }), result: z.strictObject({ cancelled: z.number().int() }) },
  'tasks.list': {
    args: z.strictObject({ runId: z.string().optional(), limit: z.number().int().min(1).max(10_000).default(200) }),
    result: z.strictObject({ tasks: z.array(taskViewSchema) }),
  },
  'runs.list': {
    args: z.strictObject({ limit: z.number().int().min(1).max(10_000).default(100) }),
    result: z.strictObject({ runs: z.array(runViewSchema) }),
  },
  'key.status': { args: nothing, result: keyStatusSchema },
  'key.set': {
    /** `allowPlainText`: only when the OS cannot encrypt, the user's explicit choice to keep it in a user-only file. */
    args: z.strictObject({ key: z.string().min(8).max(512), allowPlainText: z.boolean().default(false) }),
    result: keyStatusSchema,
  },
  'key.clear': { args: nothing, result: keyStatusSchema },
  'key.validate': { args: nothing, result: z.strictObject({ valid: z.boolean(), message: z.string() }) },
  'balance': { args: nothing, result: z.strictObject({ balanceUsd: z.number() }) },
  'settings.get': { args: nothing, result: settingsSchema },
  /**
   * Where runs go now and why: MODELLIX_BASE_URL in the environment wins over the saved address
   * (Settings shows that field as set by the environment). `problem`: the value cannot be used.
   */
  'connection.info': {
    args: nothing,
    result: z.strictObject({
      baseUrl: z.string(),
      source: z.enum(['env', 'settings', 'default', 'simulated']),
      /** Runs go to the simulator inside the app (simulated mode). */
      simulated: z.boolean(),
      problem: z.string().optional(),
    }),
  },
  'settings.set': { args: settingsPatchSchema, result: settingsSchema },
  /** Shows an imported file or a run output in the OS file browser; `shown` false: this host has none (browser mode). */
  'shell.reveal': { args: z.strictObject({ path }), result: z.strictObject({ shown: z.boolean() }) },
  /**
   * Opens an imported file or a run output in the system's own app for it (the desktop). `opened`
   * false: this host cannot (browser mode), and the window opens the file's preview URL instead.
   */
  'shell.open': { args: z.strictObject({ path }), result: z.strictObject({ opened: z.boolean() }) },
  ...historyMethods,
  /** Marks a run's result (any of its files, by path) as a favourite or not: kept in its sidecar JSON. */
  'results.favourite': { args: z.strictObject({ path, favourite: z.boolean() }), result: z.strictObject({ favourite: z.boolean() }) },
  /** The results of these runs marked as favourites: the path of each one's first output, as `tasks.list` gives it. */
  'results.favourites': { args: z.strictObject({ runIds }), result: z.strictObject({ paths: z.array(path) }) },
  /**
   * Copies the favourite results of these runs (files and sidecar) into a folder, never replacing a
   * file there. Desktop: the user picks the folder (no `folder`). Browser mode has no picker
   * (`unsupported`): the user types `folder`.
   */
  'results.copyFavourites': {
    args: z.strictObject({ runIds, folder: path.optional() }),
    result: z.union([
      canceled,
      z.strictObject({ canceled: z.literal(false), unsupported: z.literal(true) }),
      z.strictObject({ canceled: z.literal(false), unsupported: z.literal(false), folder: path, copied: z.array(copiedFile), alreadyThere: z.array(copiedFile) }),
    ]),
  },
  /** The pipeline library: every graph file in the pipelines folders (the data folder's, then the user's). */
  'pipelines.list': {
    args: nothing,
    result: z.strictObject({
      pipelines: z.array(pipelineEntrySchema),
      /** Files in those folders that are not pipelines this app can read, in words. */
      problems: z.array(z.strictObject({ path, message: z.string() })),
    }),
  },
  /** Saves a graph into the data folder's pipelines folder. */
  'pipelines.save': {
    args: z.strictObject({
      graph: graphSchema,
      /** The file's name without .seedance.json: letters, digits, spaces, dots, dashes and underscores. */
      name: z.string().min(1).max(120),
      /** Write over a pipeline of that name (else refused in words). */
      replace: z.boolean().default(false),
    }),
    result: pipelineEntrySchema,
  },
} as const;

/** Every event the window may receive. */
export const events = {
  'run.event': runEventSchema,
  'key.changed': keyStatusSchema,
  'settings.changed': settingsSchema,
  /** The app is quitting and waits (at most `waitMs`) for the answers to submits already sent. */
  'app.quitting': z.strictObject({ submits: z.number().int().nonnegative(), waitMs: z.number().int().nonnegative() }),
  /** A command from the application menu or a shortcut handled by the Node side: any id of the command registry. */
  'menu.command': z.strictObject({
    command: z.enum(COMMAND_IDS),
    /** For `open`: the file to open (Open Recent, a file given at launch or dropped on the dock icon). */
    path: path.optional(),
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Events = typeof events;
export type EventName = keyof Events;

/** What a caller passes (defaults may be left out). */
export type ArgsOf<M extends MethodName> = z.input<Methods[M]['args']>;
/** What a handler receives (defaults filled in). */
export type ParsedArgsOf<M extends MethodName> = z.output<Methods[M]['args']>;
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventOf<E extends EventName> = z.output<Events[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** The window's view of the Node side: one async function per method, one subscription per event. */
export type SeedanceApi = {
  [M in MethodName]: (args: ArgsOf<M>) => Promise<ResultOf<M>>;
} & {
  /**
   * Subscribes to an event; returns the function that unsubscribes. A payload the contract does not
   * allow never reaches `listener`: it goes to `onInvalid`, when given, so the window can say so.
   */
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void, onInvalid?: (payload: unknown) => void): () => void;
};

/** The Node side's implementation: one handler per method, given checked arguments. */
export type ApiHandlers = {
  [M in MethodName]: (args: ParsedArgsOf<M>) => Promise<ResultOf<M>>;
};

/** An error as it crosses a transport: a message for the user, and a code for the window. */
export const apiErrorSchema = z.strictObject({
  code: z.enum(['bad-arguments', 'failed', 'unknown-method', 'forbidden']),
  message: z.string(),
});
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorShape['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Checks a method's arguments; throws ApiError('bad-arguments') with readable reasons. */
export function parseArgs<M extends MethodName>(method: M, args: unknown): ParsedArgsOf<M> {
  const schema = methods[method].args as unknown as z.ZodType<ParsedArgsOf<M>>;
  const result = schema.safeParse(args ?? {});
  if (!result.success) {
    const reasons = result.error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`);
    throw new ApiError('bad-arguments', `${method} was called with bad arguments: ${reasons.join('; ')}`);
  }
  return result.data;
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
