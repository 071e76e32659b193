/**
 * The contract's history methods: every task the ledger holds, across restarts, for the History
 * panel (listed a page at a time, filtered and searched on the Node side), the graph a run ran,
 * running one node of a run again, and recovering a lost submit by its Modellix task id.
 */
import { z } from 'zod';
import { graphSchema, mediaKindSchema } from '../graph/schema';

const path = z.string().min(1).max(4096);

/** A file a task made, registered for preview. */
export const outputViewSchema = z.strictObject({ path, mediaId: z.string(), kind: mediaKindSchema });

/** Where a task stands, as the history says it: `running` until it ends; `reused` paid nothing. */
export const HISTORY_STATUSES = ['running', 'succeeded', 'reused', 'failed', 'cancelled', 'unknown'] as const;
const historyStatusSchema = z.enum(HISTORY_STATUSES);
export type HistoryStatus = z.infer<typeof historyStatusSchema>;

const historyEntrySchema = z.strictObject({
  taskKey: z.string(),
  runId: z.string(),
  /** The graph's name (or its file's), never an id. */
  graph: z.string(),
  graphPath: path.nullable(),
  /** The node's id in the run's graph, and the name the user gave it. */
  node: z.string(),
  label: z.string(),
  model: z.string(),
  status: historyStatusSchema,
  taskId: z.string().optional(),
  prompt: z.string().optional(),
  /** Why it ended without a result, in the service's or the runner's words. */
  message: z.string().optional(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  outputs: z.array(outputViewSchema),
  batchRow: z.number().int().optional(),
  /** The run was taken up again after a restart. */
  resumed: z.literal(true).optional(),
  /** Made by the built-in simulator: nothing was paid. */
  simulated: z.literal(true).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const runId = z.string().min(1).max(200);
const taskKey = z.string().min(1).max(200);

export const historyMethods = {
  'history.list': {
    args: z.strictObject({
      status: historyStatusSchema.optional(),
      /** Words to find in the graph's or node's name, the prompt, the model or the task id. */
      text: z.string().max(200).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    /** Newest first; `total`: how many match in all. */
    result: z.strictObject({ entries: z.array(historyEntrySchema), total: z.number().int() }),
  },
  'run.graph': {
    /** The graph a run ran, as recorded when it started. */
    args: z.strictObject({ runId }),
    result: z.strictObject({ graph: graphSchema, graphPath: path.nullable(), startedAt: z.string() }),
  },
  'task.rerun': {
    /** Runs a task's node again as it was in its run, paying again; `dryRun`: only says what it would send. */
    args: z.strictObject({ taskKey, dryRun: z.boolean().default(false) }),
    result: z.strictObject({ runIds: z.array(z.string()), tasks: z.number().int(), seconds: z.number() }),
  },
  'task.recover': {
    /** Records the Modellix task id of a submit whose answer was lost; its result is then fetched. */
    args: z.strictObject({ taskKey, taskId: z.string().max(1000) }),
    result: z.strictObject({ runId: z.string(), node: z.string() }),
  },
} as const;
