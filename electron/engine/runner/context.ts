/**
 * What every task of every run in one `startRuns`/`resumeRuns` call shares: the client, the
 * ledger, the concurrency limit, the 429 gate, the uploader, the event stream and the stop flag.
 */
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { RunEvent } from '../../../shared/api/run-events';
import type { PlannedTask } from '../../../shared/plan';
import { writeFileAtomic } from '../fs';
import type { DownloadedOutput, Ledger, TaskRecord } from '../ledger';
import type { ModellixClient } from '../modellix';
import { outputNames } from './recipe';
import type { PollingPolicy } from './polling';
import { RateGate } from './rate-gate';
import type { RunnerDeps } from './types';
import { Uploader } from './uploads';
import { SubmitsInFlight } from './submits-in-flight';
import type { NodeEnd } from './node-task';

/** A run event before the runner stamps `runId` and `at` on it. */
export type EventInput = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'runId' | 'at'> : never) : never;

const APP_NAME = 'seedance-flow';

export class RunContext {
  readonly client: ModellixClient;
  /** The service every task of this context goes to (the client's API origin). */
  readonly service: string;
  /** Results come from a simulator (simulated mode), not from a paid service. */
  readonly simulated: boolean;
  /**
   * Fixed-seed requests being made in this context, by request hash: an identical request in
   * another run waits for the first and takes its result instead of paying again.
   */
  readonly sameRequest = new Map<string, Promise<NodeEnd>>();
  readonly ledger: Ledger;
  readonly polling: PollingPolicy;
  readonly gate: RateGate;
  readonly limit: ReturnType<typeof pLimit>;
  readonly uploader: Uploader;
  /** Submits sent and not yet answered (quitting waits a little for them). */
  readonly submits: SubmitsInFlight;
  readonly maxRetries: number;
  readonly signal: AbortSignal | undefined;
  readonly fetch: typeof fetch | undefined;
  readonly now: () => number;
  readonly random: () => number;
  /** Set when every further submit would fail the same way (a bad key, no balance). */
  stopped: Error | undefined;
  private readonly onEvent: ((event: RunEvent) => void) | undefined;

  constructor(deps: RunnerDeps) {
    this.client = deps.client;
    this.service = deps.client.baseUrl;
    this.simulated = deps.simulated ?? false;
    this.ledger = deps.ledger;
    this.polling = deps.polling;
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.gate = new RateGate(this.now);
    this.limit = pLimit(Math.max(1, deps.concurrency));
    this.maxRetries = deps.maxRetries ?? 6;
    // Back-off follows the polling pace: fast against the simulator, patient against Modellix.
    const backoffMs = Math.max(50, Math.min(500, deps.polling.firstDelayMs));
    this.uploader = new Uploader(deps.client, deps.ledger, deps.uploadConcurrency ?? 2, this.maxRetries, backoffMs);
    this.submits = deps.submits ?? new SubmitsInFlight();
    this.signal = deps.signal;
    this.fetch = deps.fetch;
    this.onEvent = deps.onEvent;
  }

  emit(runId: string, event: EventInput): void {
    this.onEvent?.({ ...event, runId, at: this.now() } as RunEvent);
  }

  stop(reason: Error): void {
    this.stopped ??= reason;
  }

  /** Writes `<node>.json` beside the outputs: where every output came from. */
  async writeSidecar(runId: string, task: PlannedTask, record: TaskRecord, outputs: readonly DownloadedOutput[], folder: string): Promise<void> {
    const run = this.ledger.run(runId);
    const recipe = run?.recipe as { graphFile?: string | null; batchFile?: string; batchRow?: number; variables?: unknown } | undefined;
    const sidecar = {
      app: APP_NAME,
      service: this.service,
      simulated: this.simulated,
      graph: { file: run?.graphFile ?? null, sha256: run?.graphHash ?? null },
      run: {
        id: runId,
        ...(recipe?.batchFile ? { batchFile: recipe.batchFile, batchRow: recipe.batchRow } : {}),
        ...(run?.repeat !== undefined ? { repeat: run.repeat } : {}),
        variables: recipe?.variables ?? {},
      },
      node: { id: task.node, label: task.label },
      model: task.model,
      submitPath: task.path,
      request: record.body,
      seed: record.seed,
      inputs: task.inputs.map((input) => ({
        slot: input.slot,
        field: input.field,
        source: input.ref.kind === 'file' ? { file: input.ref.path } : input.ref.kind === 'url' ? { url: input.ref.url } : { node: input.ref.node, output: input.ref.output },
      })),
      inputHashes: record.inputHashes ?? {},
      task: { id: record.taskId ?? null, key: record.taskKey },
      timings: {
        intentAt: record.intentAt,
        submittedAt: record.submittedAt ?? null,
        succeededAt: record.succeededAt ?? null,
        downloadedAt: new Date(this.now()).toISOString(),
      },
      results: (record.resources ?? []).map((r) => ({ url: r.url, type: r.type ?? null, role: r.role ?? null })),
      outputs: outputs.map((o) => ({ file: o.path, sha256: o.sha256, bytes: o.bytes })),
    };
    await writeFileAtomic(join(folder, outputNames(task.node).sidecar), `${JSON.stringify(sidecar, null, 2)}\n`);
  }
}
