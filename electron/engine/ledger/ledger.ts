/**
 * The task ledger: the source of truth for every paid task, an append-only JSONL file in the data
 * folder. Each `append` is one line, fsynced before its promise resolves: the runner awaits the
 * intent's append before it sends the submit. Only one process may hold a ledger (a lock file).
 *
 * `open` replays the file: a torn last line or a damaged line is skipped with a warning, never
 * fatal. `compact` rewrites the file (temp file, fsync, rename), so a kill at any instant leaves
 * either the old file or the new one.
 */
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir, removeAtomicTempFiles, writeFileAtomic } from '../fs/atomic';
import { describeFsError, errorCode } from '../fs/errors';
import { LEDGER_FORMAT_VERSION, LedgerEvent, type NewLedgerEvent } from './events';
import { acquireLock, type AcquireLockOptions, type LockHandle } from './lock';
import { compactEvents } from './compact';
import { replayLedgerText, type LedgerWarning } from './replay';
import { findLatestResult, findReusableTask, RESULT_URL_LIFETIME_MS, type ReusableTask, type ReuseOptions } from './reuse';
import { requestHash, seedOfBody } from './stable-json';
import { applyEvent, stateFingerprint, tasksOfRun, uploadKey, type LedgerState, type RunRecord, type TaskRecord, type UploadRecord } from './state';

export const LEDGER_FILE = 'ledger.jsonl';
export const LOCK_FILE = 'ledger.lock';
/** Lines compaction could not read are kept here, for a human to look at. */
export const REJECTED_FILE = 'ledger.rejected.jsonl';

/** The caller passed an event that does not fit the ledger (a bug in the caller). Nothing was written. */
export class LedgerUsageError extends Error {
  override readonly name = 'LedgerUsageError';
}

/** The disk refused a write: the ledger can no longer be trusted in this process. */
class LedgerWriteError extends Error {
  override readonly name = 'LedgerWriteError';
}

export interface LedgerOptions {
  /** Clock for `at` and for URL ages (tests replace it). */
  now?: () => Date;
  lock?: AcquireLockOptions;
  /** Release the lock if the process exits without `close()` (default true). */
  releaseOnExit?: boolean;
}

export interface CompactResult {
  linesBefore: number;
  linesAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  /** Unreadable lines moved to `ledger.rejected.jsonl`. */
  rejectedLines: number;
}

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

const UNKNOWN_AFTER_CRASH =
  'Seedance Flow stopped after sending this task and before Modellix answered. The task may exist and may be billed; ' +
  'it is not sent again automatically. Check your Modellix dashboard, then re-run the node if you want it.';

export class Ledger {
  readonly file: string;
  private readonly state: LedgerState;
  private readonly replayWarnings: LedgerWarning[];
  /** Tasks that were in the file when it was opened: only those can be crash leftovers. */
  private readonly openedTaskKeys: ReadonlySet<string>;
  private readonly now: () => Date;
  private queue: Pending[] = [];
  private flushScheduled = false;
  private io: Promise<unknown> = Promise.resolve();
  private broken: Error | undefined;
  private closed = false;
  private readonly exitHandler: (() => void) | undefined;

  private constructor(
    readonly dataDir: string,
    private handle: FileHandle,
    private readonly lock: LockHandle,
    state: LedgerState,
    warnings: LedgerWarning[],
    options: LedgerOptions,
  ) {
    this.file = path.join(dataDir, LEDGER_FILE);
    this.state = state;
    this.replayWarnings = warnings;
    this.openedTaskKeys = new Set(state.tasks.keys());
    this.now = options.now ?? (() => new Date());
    if (options.releaseOnExit ?? true) {
      this.exitHandler = () => lock.releaseSync();
      process.on('exit', this.exitHandler);
    }
  }

  /** Locks the data folder, clears temp files a crash left, and replays the ledger. */
  static async open(dataDir: string, options: LedgerOptions = {}): Promise<Ledger> {
    const dir = path.resolve(dataDir);
    // The ledger holds request bodies and result URLs: the folder and the file are the user's alone.
    await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const lock = await acquireLock(path.join(dir, LOCK_FILE), options.lock);
    let handle: FileHandle | undefined;
    try {
      const file = path.join(dir, LEDGER_FILE);
      await removeAtomicTempFiles(dir, { target: file });
      const text = await readText(file);
      const { state, parsed, warnings } = replayLedgerText(text, LEDGER_FILE);
      handle = await fsp.open(file, 'a', PRIVATE_FILE_MODE);
      await keepPrivate(handle);
      if (text.length === 0) await fsyncDir(dir);
      if (!parsed.endsWithNewline) {
        // Close the torn line so the next event starts on a line of its own. Its bytes are kept.
        await handle.write('\n');
        await handle.datasync();
      }
      return new Ledger(dir, handle, lock, state, warnings, options);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await lock.release();
      throw error;
    }
  }

  /** Lines skipped or ignored when the file was opened (torn, damaged, out of place). */
  get warnings(): readonly LedgerWarning[] {
    return this.replayWarnings;
  }

  /**
   * Appends one event: validated, applied to the state, written as one line and fsynced before the
   * promise resolves. An event that does not fit (bad shape, unknown task, wrong order) throws
   * `LedgerUsageError` and writes nothing.
   */
  append(input: NewLedgerEvent): Promise<LedgerEvent> {
    try {
      this.assertWritable();
      const event = this.validate(input);
      const warning = applyEvent(this.state, event);
      if (warning !== undefined) throw new LedgerUsageError(`Ledger refused the event: ${warning}.`);
      return this.enqueue(`${JSON.stringify(event)}\n`).then(() => event);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private validate(input: NewLedgerEvent): LedgerEvent {
    const parsed = LedgerEvent.safeParse({ ...input, v: LEDGER_FORMAT_VERSION, at: input.at ?? this.now().toISOString() });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`).join('; ');
      throw new LedgerUsageError(`Ledger refused a ${input.type} event: ${issues}.`);
    }
    const event = parsed.data;
    if (event.type === 'task.intent') {
      if (event.requestHash !== requestHash(event.model, event.body))
        throw new LedgerUsageError(`Ledger refused the intent of task ${event.taskKey}: requestHash is not requestHash(model, body).`);
      if (event.seed !== (seedOfBody(event.body) ?? null))
        throw new LedgerUsageError(`Ledger refused the intent of task ${event.taskKey}: seed ${String(event.seed)} differs from the body's seed.`);
      // On replay an intent whose run line was lost still counts (see state.ts); a new one must name a known run.
      if (!this.state.runs.has(event.runId)) throw new LedgerUsageError(`Ledger refused the intent of task ${event.taskKey}: it belongs to unknown run ${event.runId}, which was never started.`);
    }
    return event;
  }

  private assertWritable(): void {
    if (this.closed) throw new LedgerUsageError('The task ledger is closed.');
    if (this.broken) throw this.broken;
  }

  private enqueue(line: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        this.io = this.io.then(() => this.flush());
      }
    });
  }

  /** Writes every queued line with one write and one fsync (group commit). Never rejects. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    try {
      if (this.broken) throw this.broken;
      const bytes = Buffer.from(batch.map((p) => p.line).join(''), 'utf8');
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
      await this.handle.datasync();
      for (const p of batch) p.resolve();
    } catch (error) {
      this.broken ??= new LedgerWriteError(
        `Could not write the task ledger ${this.file}: ${describeFsError(error)}. Nothing more is sent until it can be written. ` +
          'Free disk space or fix the folder\'s permissions, then resume (`seedance-flow resume`, or Resume in the app): every task sent so far is on record.',
      );
      for (const p of [...batch, ...this.queue.splice(0)]) p.reject(this.broken);
    }
  }

  /** Runs `work` after every queued write, with nothing else touching the file meanwhile. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.io.then(work);
    this.io = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every append made so far is on disk. */
  async flushed(): Promise<void> {
    await this.exclusive(async () => undefined);
    if (this.broken) throw this.broken;
  }

  // ---- queries ----

  run(runId: string): RunRecord | undefined {
    return this.state.runs.get(runId);
  }

  runs(): RunRecord[] {
    return [...this.state.runs.values()];
  }

  task(taskKey: string): TaskRecord | undefined {
    return this.state.tasks.get(taskKey);
  }

  taskByTaskId(taskId: string): TaskRecord | undefined {
    const key = this.state.taskIds.get(taskId);
    return key === undefined ? undefined : this.state.tasks.get(key);
  }

  allTasks(): TaskRecord[] {
    return [...this.state.tasks.values()];
  }

  /** The run's tasks in intent order. */
  tasksByRun(runId: string): TaskRecord[] {
    return tasksOfRun(this.state, runId);
  }

  /** Tasks with a task id that are not final: poll them again (e.g. after a restart). */
  pendingTasks(): TaskRecord[] {
    return this.allTasks().filter((task) => task.state === 'submitted');
  }

  /** Intents with no task id: their submit may or may not have reached Modellix. */
  intentsWithoutId(): TaskRecord[] {
    return this.allTasks().filter((task) => task.state === 'intent');
  }

  /** Succeeded tasks whose outputs were never downloaded (their URLs may have expired: see `urlsFresh`). */
  pendingDownloads(): TaskRecord[] {
    return this.allTasks().filter((task) => task.state === 'succeeded' && task.outputs === undefined);
  }

  /** An earlier identical task (fixed seed) on `service` whose output can be reused instead of paying again. */
  findReusable(hash: string, service: string, options: Omit<ReuseOptions, 'now'> = {}): ReusableTask | undefined {
    return findReusableTask(this.state, hash, service, { ...options, now: this.now() });
  }

  /** The latest result of `nodeId`'s unchanged request (`requestIdentity`) on `service`, whatever its seed. */
  findLatestResult(nodeId: string, identity: string, service: string): ReusableTask | undefined {
    return findLatestResult(this.state, nodeId, identity, service, { now: this.now() });
  }

  /**
   * The remembered upload of this content to `service`, unless older than `maxAgeMs` (default 7
   * days: how long Modellix keeps uploaded media is not documented, so uploads are treated like
   * result URLs; docs/modellix-api.md). Uploads recorded without a service are never used.
   */
  uploadFor(sha256: string, service: string, options: { maxAgeMs?: number } = {}): UploadRecord | undefined {
    const upload = this.state.uploads.get(uploadKey(service, sha256));
    if (!upload) return undefined;
    const maxAge = options.maxAgeMs ?? RESULT_URL_LIFETIME_MS;
    return this.now().getTime() - Date.parse(upload.at) < maxAge ? upload : undefined;
  }

  // ---- recovery and maintenance ----

  /**
   * Marks every intent without a task id that was in the file at open as outcome unknown (they
   * belong to a process that died mid-submit). Never re-submits. Returns the tasks it marked.
   * Intents appended by this process are left alone: their submit may be in flight.
   */
  async recoverAfterCrash(reason = UNKNOWN_AFTER_CRASH): Promise<TaskRecord[]> {
    const leftovers = this.intentsWithoutId().filter((task) => this.openedTaskKeys.has(task.taskKey));
    await Promise.all(leftovers.map((task) => this.append({ type: 'task.unknown', taskKey: task.taskKey, reason })));
    return leftovers;
  }

  /**
   * Rewrites the file with only what the current state needs (see compact.ts), atomically. The
   * result is checked to replay to the very same state before it replaces the file. Lines that
   * could not be read are moved to `ledger.rejected.jsonl` rather than lost.
   */
  compact(): Promise<CompactResult> {
    try {
      this.assertWritable();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.exclusive(() => this.compactNow());
  }

  private async compactNow(): Promise<CompactResult> {
    if (this.broken) throw this.broken;
    const text = await readText(this.file);
    const before = replayLedgerText(text, LEDGER_FILE);
    const kept = compactEvents(before.parsed.lines.map((l) => l.event));
    const newText = kept.map((event) => `${JSON.stringify(event)}\n`).join('');
    const after = replayLedgerText(newText, LEDGER_FILE);
    if (stateFingerprint(after.state) !== stateFingerprint(before.state)) {
      throw new Error(`Compaction of ${this.file} would change the ledger's state; the file was left as it is. Please report this bug.`);
    }
    if (before.parsed.rejected.length > 0) {
      const at = this.now().toISOString();
      const lines = before.parsed.rejected.map((r) => `${JSON.stringify({ at, line: r.line, raw: r.raw })}\n`).join('');
      const rejected = await fsp.open(path.join(this.dataDir, REJECTED_FILE), 'a');
      try {
        await rejected.write(lines);
        await rejected.sync();
      } finally {
        await rejected.close();
      }
    }
    await writeFileAtomic(this.file, newText, { mode: PRIVATE_FILE_MODE });
    const old = this.handle;
    try {
      this.handle = await fsp.open(this.file, 'a');
    } catch (error) {
      this.broken = new LedgerWriteError(
        `The task ledger ${this.file} was compacted but could not be reopened (${error instanceof Error ? error.message : String(error)}). ` +
          'Nothing was lost; restart Seedance Flow and run `seedance-flow resume`.',
      );
      throw this.broken;
    } finally {
      if (this.handle !== old) await old.close().catch(() => undefined);
    }
    return {
      linesBefore: before.parsed.lines.length + before.parsed.rejected.length,
      linesAfter: kept.length,
      bytesBefore: Buffer.byteLength(text),
      bytesAfter: Buffer.byteLength(newText),
      rejectedLines: before.parsed.rejected.length,
    };
  }

  /** Waits for pending writes, closes the file and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.io;
    await this.handle.close().catch(() => undefined);
    if (this.exitHandler) process.off('exit', this.exitHandler);
    await this.lock.release();
  }
}

/** Mode of the data folder when the ledger creates it. */
const PRIVATE_DIR_MODE = 0o700;
/** Mode of the ledger and its lock. */
const PRIVATE_FILE_MODE = 0o600;

/** A ledger file an older version left readable by others is made the user's alone (where the OS has modes). */
async function keepPrivate(handle: FileHandle): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await handle.stat();
  if ((mode & 0o077) !== 0) await handle.chmod(PRIVATE_FILE_MODE).catch(() => undefined);
}

async function readText(file: string): Promise<string> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return '';
    throw error;
  }
}
