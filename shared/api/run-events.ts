/**
 * The event stream of a run: what the runner tells the CLI, the window and the tests. One zod
 * schema, so the desktop IPC, browser mode's server-sent events and `--json` lines all carry
 * (and check) the same shape.
 */
import { z } from 'zod';

const base = {
  runId: z.string(),
  /** Milliseconds since the epoch. */
  at: z.number(),
};
const node = { ...base, node: z.string() };

export const runEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('run.started'),
    graph: z.string().nullable(),
    tasks: z.number().int(),
    /** Batch row (1-based) or repeat, when the run is one of several. */
    row: z.number().int().optional(),
    repeat: z.number().int().optional(),
  }),
  z.object({ ...node, type: z.literal('task.queued'), model: z.string() }),
  z.object({ ...node, type: z.literal('task.uploading'), file: z.string(), cached: z.boolean() }),
  z.object({ ...node, type: z.literal('task.submitted'), taskId: z.string() }),
  z.object({ ...node, type: z.literal('task.status'), taskId: z.string(), status: z.string() }),
  z.object({ ...node, type: z.literal('task.waiting'), reason: z.string(), ms: z.number() }),
  /** The service has the result; it is being downloaded (`files`: the video and, if asked for, the last frame). */
  z.object({ ...node, type: z.literal('task.downloading'), taskId: z.string(), files: z.number().int() }),
  z.object({ ...node, type: z.literal('task.succeeded'), taskId: z.string(), outputs: z.array(z.string()) }),
  z.object({ ...node, type: z.literal('task.reused'), taskId: z.string(), outputs: z.array(z.string()), reason: z.string() }),
  z.object({
    ...node,
    type: z.literal('task.failed'),
    /** unknown: the submit may have been billed; it is never re-sent automatically. */
    outcome: z.enum(['failed', 'unknown', 'cancelled', 'skipped']),
    message: z.string(),
    taskId: z.string().optional(),
  }),
  z.object({ ...node, type: z.literal('node.done'), ok: z.boolean() }),
  z.object({
    ...base,
    type: z.literal('run.done'),
    ok: z.boolean(),
    succeeded: z.number().int(),
    reused: z.number().int(),
    failed: z.number().int(),
    unknown: z.number().int(),
    cancelled: z.number().int(),
    skipped: z.number().int(),
    outDir: z.string().optional(),
  }),
]);

export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventType = RunEvent['type'];
