/**
 * Runs started from the window. The ledger is opened (and locked) only while runs are active, so
 * the command line can use the same ledger whenever the app is idle; listings read it unlocked.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, type RunEvent } from '../../shared/api';
import { Ledger, LEDGER_FILE, LedgerLockedError, readLedgerSnapshot, type LedgerState, type RunRecord, type TaskRecord } from '../engine/ledger';
import { createModellixClient, type ModellixClient } from '../engine/modellix';
import { pollingFor, QUIT_WAIT_MS, recoverTask, resumeRuns, startRuns, SubmitsInFlight, type RunElsewhere, type RunnerDeps, type RunRecipe, type RunSummary } from '../engine/runner';
import { RunSuspended } from '../engine/runner/suspend';

export interface RunManagerOptions {
  dataDir: string;
  fetch?: typeof fetch;
  onEvent: (event: RunEvent) => void;
  log?: (message: string) => void;
}

export interface Connection {
  baseUrl: string;
  apiKey: string;
  /** The built-in simulator of simulated mode: its results say so. */
  simulated?: boolean;
  concurrency: number;
}

export function clientFor(connection: Pick<Connection, 'baseUrl' | 'apiKey'>, fetchImpl?: typeof fetch): ModellixClient {
  try {
    return createModellixClient({ baseUrl: connection.baseUrl, apiKey: connection.apiKey, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  } catch (error) {
    throw new ApiError('failed', `${error instanceof Error ? error.message : String(error)} Fix the Modellix URL in Settings.`);
  }
}

export class RunManager {
  private ledger: Ledger | undefined;
  private opening: Promise<Ledger> | undefined;
  private active = 0;
  private readonly controllers = new Map<string, AbortController>();
  private readonly running = new Set<Promise<unknown>>();
  /** Submits marked outcome unknown when the ledger was opened, until `resume` reports them. */
  private readonly recovered: TaskRecord[] = [];
  /** The ledger as last read from disk, with the file's identity then (see `state`). */
  private snapshot: { key: string; state: LedgerState } | undefined;
  /** Submits sent and not yet answered, across every run of this window. */
  readonly submits = new SubmitsInFlight();

  constructor(private readonly options: RunManagerOptions) {}

  private async openLedger(): Promise<Ledger> {
    if (this.ledger) return this.ledger;
    this.opening ??= Ledger.open(this.options.dataDir)
      .then(async (ledger) => {
        // A previous session that died mid-submit: mark those unknown before anything else runs.
        this.recovered.push(...(await ledger.recoverAfterCrash()));
        this.ledger = ledger;
        return ledger;
      })
      .catch((error: unknown) => {
        throw error instanceof LedgerLockedError
          ? new ApiError('failed', `${error.message} Runs from the app wait until it is free.`)
          : error;
      })
      .finally(() => {
        this.opening = undefined;
      });
    return this.opening;
  }

  /** Starts runs in the background; resolves with their ids as soon as they are on record. */
  async start(recipes: RunRecipe[], connection: Connection): Promise<string[]> {
    return this.launch(connection, (deps, onRegistered) => startRuns(recipes, deps, { onRegistered }));
  }

  /**
   * Finishes every run a crash left, in the background. Submits that never got their task id were
   * marked outcome unknown when the ledger was opened; they are returned, never re-sent.
   */
  async resume(connection: Connection): Promise<{ runIds: string[]; unknown: TaskRecord[]; elsewhere: RunElsewhere[] }> {
    const ledger = await this.openLedger();
    const unknown = this.recovered.splice(0);
    const service = clientFor(connection, this.options.fetch).baseUrl;
    const unfinished = ledger.runs().filter((run) => run.outcome === undefined);
    // A run of another service is finished there only (its task ids mean nothing here).
    const mine = (run: (typeof unfinished)[number]) => run.service === undefined || run.service === service;
    const open = unfinished.filter(mine).map((run) => run.runId);
    const elsewhere = unfinished.filter((run) => !mine(run)).map((run) => ({ runId: run.runId, service: run.service as string }));
    if (open.length === 0) {
      await this.releaseIfIdle();
      return { runIds: [], unknown, elsewhere };
    }
    const runIds = await this.launch(connection, async (deps, onRegistered) => {
      onRegistered(open);
      return (await resumeRuns(deps)).runs;
    });
    return { runIds, unknown, elsewhere };
  }

  private depsFor(ledger: Ledger, connection: Connection, signal: AbortSignal, onEvent = this.options.onEvent): RunnerDeps {
    return {
      client: clientFor(connection, this.options.fetch),
      ledger,
      polling: pollingFor(connection.baseUrl),
      concurrency: connection.concurrency,
      ...(connection.simulated ? { simulated: true } : {}),
      signal,
      submits: this.submits,
      onEvent,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    };
  }

  /** Whether a run is going on in this process now. */
  isActive(runId: string): boolean {
    return this.controllers.has(runId);
  }

  /**
   * Records `taskId` as the Modellix task of the lost submit `taskKey` (see recoverTask). Resolves
   * once it is on record (or rejects with why it was refused); polling and downloading go on in
   * the background, reported by run events like any run.
   */
  async recover(connection: Connection, taskKey: string, taskId: string): Promise<void> {
    const ledger = await this.openLedger();
    const controller = new AbortController();
    const runId = ledger.task(taskKey)?.runId;
    let recorded: () => void = () => undefined;
    const onRecord = new Promise<void>((resolve) => {
      recorded = resolve;
    });
    const deps = this.depsFor(ledger, connection, controller.signal, (event) => {
      if (event.type === 'task.submitted' && event.runId === runId) recorded();
      this.options.onEvent(event);
    });
    this.active++;
    const own = runId !== undefined && !this.controllers.has(runId);
    if (own) this.controllers.set(runId, controller);
    const work = recoverTask(deps, taskKey, taskId);
    this.track(work, 'recovery', () => {
      if (own && this.controllers.get(runId) === controller) this.controllers.delete(runId);
    });
    await Promise.race([onRecord, work]);
  }

  /**
   * Work going on in the background, already counted in `active` by the caller: its failure is
   * logged, `ended` runs when it ends, and the ledger is released when the last work ends.
   */
  private track(work: Promise<unknown>, what: string, ended: () => void): void {
    this.running.add(work);
    void work
      .catch((error: unknown) => this.options.log?.(`${what} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(async () => {
        this.running.delete(work);
        ended();
        if (--this.active === 0) await this.release();
      });
  }

  private async launch(
    connection: Connection,
    work: (deps: RunnerDeps, onRegistered: (runIds: string[]) => void) => Promise<RunSummary[]>,
  ): Promise<string[]> {
    const ledger = await this.openLedger();
    const controller = new AbortController();
    this.active++;
    let resolveIds: (ids: string[]) => void = () => undefined;
    const ids = new Promise<string[]>((resolve) => {
      resolveIds = resolve;
    });
    const deps = this.depsFor(ledger, connection, controller.signal);
    const run = work(deps, (runIds) => {
      for (const id of runIds) this.controllers.set(id, controller);
      resolveIds(runIds);
    });
    this.track(run, 'run', () => {
      for (const [id, c] of this.controllers) if (c === controller) this.controllers.delete(id);
    });
    return Promise.race([ids, run.then(() => ids)]);
  }

  /**
   * Closes the unfinished runs `lost` picks (not those running now), which can never be finished:
   * their open tasks are recorded cancelled with `reason`, and the run ends cancelled (partial when
   * some node has its result). Their lost submits are no longer reported by `resume`.
   */
  async closeLost(lost: (run: RunRecord) => boolean, reason: string): Promise<string[]> {
    const ledger = await this.openLedger();
    try {
      const closing = ledger.runs().filter((run) => run.outcome === undefined && !this.controllers.has(run.runId) && lost(run));
      for (const run of closing) {
        const tasks = ledger.tasksByRun(run.runId);
        for (const task of tasks) {
          if (task.state === 'intent' || task.state === 'submitted') await ledger.append({ type: 'task.cancelled', taskKey: task.taskKey, reason });
        }
        const some = run.reused.length > 0 || tasks.some((t) => t.outputs !== undefined);
        await ledger.append({ type: 'run.finished', runId: run.runId, outcome: some ? 'partial' : 'cancelled' });
      }
      const ids = new Set(closing.map((run) => run.runId));
      const kept = this.recovered.filter((task) => !ids.has(task.runId));
      this.recovered.splice(0, this.recovered.length, ...kept);
      return [...ids];
    } finally {
      await this.releaseIfIdle();
    }
  }

  /** Cancels one run (all runs started with it share a signal) or every run. */
  cancel(runId?: string): number {
    const targets = runId ? [this.controllers.get(runId)].filter((c): c is AbortController => c !== undefined) : [...new Set(this.controllers.values())];
    for (const controller of new Set(targets)) controller.abort(new Error('cancelled by the user'));
    return runId ? (targets.length > 0 ? 1 : 0) : this.controllers.size;
  }

  /** The ledger's state: live while runs are active, else read from disk without a lock (do not change it). */
  async state(): Promise<LedgerState> {
    if (this.ledger) {
      const ledger = this.ledger;
      return { runs: new Map(ledger.runs().map((r) => [r.runId, r])), tasks: new Map(ledger.allTasks().map((t) => [t.taskKey, t])), taskIds: new Map(), uploads: new Map() };
    }
    // Read again only when the file changed: the History asks often (each filter, each search).
    const info = await stat(join(this.options.dataDir, LEDGER_FILE)).catch(() => undefined);
    const key = info ? `${info.ino}:${info.size}:${info.mtimeMs}` : 'none';
    if (this.snapshot?.key !== key) this.snapshot = { key, state: (await readLedgerSnapshot(this.options.dataDir)).state };
    return this.snapshot.state;
  }

  private async releaseIfIdle(): Promise<void> {
    if (this.active === 0) await this.release();
  }

  private async release(): Promise<void> {
    const ledger = this.ledger;
    this.ledger = undefined;
    await ledger?.close();
  }

  /**
   * Suspends every run (see RunSuspended), waits (at most `waitMs`) for the answers to submits already sent so their
   * task ids are on record, then for the runs to wind down, and releases the ledger.
   */
  async dispose(waitMs = QUIT_WAIT_MS): Promise<void> {
    // Suspended, not cancelled: the runs stay open on record and the next start resumes them.
    for (const controller of new Set(this.controllers.values())) controller.abort(new RunSuspended());
    await this.submits.settled(waitMs);
    await Promise.race([Promise.allSettled([...this.running]), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    await this.release();
  }
}
