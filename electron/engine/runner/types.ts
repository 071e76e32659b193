/**
 * What a run is made of and what it needs. A run's recipe is written to the task ledger when the
 * run starts, so that `resume` can finish it after a crash with nothing else to go on.
 */
import { z } from 'zod';
import type { RunEvent } from '../../../shared/api/run-events';
import { assetSourceSchema } from '../../../shared/graph';
import { runTargetSchema } from '../../../shared/plan/scope';
import type { Ledger } from '../ledger';
import type { ModellixClient } from '../modellix';
import type { PollingPolicy } from './polling';
import type { SubmitsInFlight } from './submits-in-flight';

export const runRecipeSchema = z.strictObject({
  /** The graph as it was when the run started (its stable serialization, parsed). */
  graph: z.record(z.string(), z.json()),
  /** Absolute path of the graph file; null for a graph that was never saved. */
  graphFile: z.string().nullable(),
  /** Folder that relative file paths in the graph are relative to. */
  baseDir: z.string(),
  variables: z.record(z.string(), z.string()),
  bindings: z.record(z.string(), assetSourceSchema),
  /** Folder this run writes its outputs into. */
  outDir: z.string(),
  /** Re-run nodes even when an identical earlier request (fixed seed) could be reused. */
  force: z.boolean(),
  batchFile: z.string().optional(),
  /** A batch from the window: `<batch id>/<row fingerprint>` (its rows' last outcomes are found by it). */
  batchId: z.string().optional(),
  batchRow: z.number().int().positive().optional(),
  repeat: z.number().int().positive().optional(),
  /** The run went to the app's built-in simulator (simulated mode): nothing was paid. */
  simulated: z.literal(true).optional(),
  /** Part of the graph only: one node, or a node and everything downstream (shared/plan/scope.ts). */
  target: runTargetSchema.optional(),
});
export type RunRecipe = z.infer<typeof runRecipeSchema>;

export interface RunnerDeps {
  client: ModellixClient;
  ledger: Ledger;
  polling: PollingPolicy;
  /** Tasks in flight at once (uploading, submitted or downloading), across all runs. */
  concurrency: number;
  /** Uploads at once (Modellix's own CLI sends at most two). */
  uploadConcurrency?: number;
  /** How often a 429 or a lost connection may be retried before a task gives up. */
  maxRetries?: number;
  /** Used to download results (defaults to the global fetch). */
  fetch?: typeof fetch;
  onEvent?: (event: RunEvent) => void;
  /** Cancels the run: polling stops and tasks are marked cancelled (the API has no cancel). */
  signal?: AbortSignal;
  now?: () => number;
  random?: () => number;
  /** Where submits in flight are counted (the caller's, so quitting can wait for them). */
  submits?: SubmitsInFlight;
  /** The service is a simulator (the app's simulated mode): every sidecar says so. */
  simulated?: boolean;
}

export type NodeOutcome = 'succeeded' | 'reused' | 'failed' | 'unknown' | 'cancelled' | 'skipped';

export interface NodeResult {
  node: string;
  outcome: NodeOutcome;
  message?: string;
  taskId?: string;
  /** Downloaded output files (the video first, then the last frame). */
  files: string[];
}

export interface RunSummary {
  runId: string;
  /** Null for a run whose `run.started` line was lost: its tasks were finished on their own. */
  recipe: RunRecipe | null;
  /** The folder the run's outputs went to. */
  folder: string;
  ok: boolean;
  nodes: NodeResult[];
  /** Plan or pre-flight problems that stopped the run before anything was sent. */
  problems: string[];
}
