/**
 * The life of one node's paid task: intent on disk, submit, task id on disk, poll, download.
 * Every step that costs money or can be lost is written to the ledger before the next one, so a
 * crash at any instant leaves a record that `resume` can finish, and a submit whose outcome is
 * unknown is never sent again.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedTask } from '../../../shared/plan';
import { taskIntent, urlsFresh, type DownloadedOutput, type ResultResource, type TaskRecord } from '../ledger';
import { isModellixError, pickLastFrame, pickVideo, type ModellixError, type TaskSnapshot } from '../modellix';
import { describeFsError, isLocalFsError } from '../fs';
import { downloadFile, DownloadError } from './downloads';
import { pollDelay } from './polling';
import { outputNames } from './recipe';
import { sleep } from './sleep';
import { isSuspended } from './suspend';
import type { RunContext } from './context';
import type { NodeResult } from './types';

/** What a finished node gives its downstream nodes. */
export interface NodeOutputs {
  video?: { url: string; file?: string };
  lastFrame?: { url: string; file?: string };
  /** When the URLs were made (they expire after about 7 days). */
  succeededAt?: string;
  taskId?: string;
}

export type NodeEnd = NodeResult & { outputs?: NodeOutputs };

type SendResult =
  | { kind: 'submitted'; taskId: string }
  | { kind: 'not-sent' }
  | { kind: 'failed'; error: ModellixError; retryable: boolean };

/** A run-wide stop: every later submit of every run would fail the same way (401, 402). */
export class RunStoppedError extends Error {}

/** What to do when the disk refused an output: the result waits on Modellix. */
const LOCAL_DISK_ADVICE =
  'Free space or fix the folder\'s permissions (or choose another output folder), then resume: `seedance-flow resume`, or Resume in the app. The result stays on Modellix for about 7 days and is not paid again.';

const cancelledMessage =
  'Cancelled: polling stopped. Modellix has no cancel, so the task may still finish and be billed.';

function resultResources(snapshot: TaskSnapshot): ResultResource[] {
  return snapshot.resources.map((r) => ({
    url: r.url,
    ...(r.type !== undefined ? { type: r.type } : {}),
    ...(r.role !== undefined ? { role: r.role } : {}),
    ...(r.format !== undefined ? { format: r.format } : {}),
    ...(r.width !== undefined ? { width: r.width } : {}),
    ...(r.height !== undefined ? { height: r.height } : {}),
  }));
}

/** The video (primary, else first) and the last frame (an image, non-primary) of a result. */
export function pickOutputs(resources: readonly ResultResource[]): { video?: ResultResource; lastFrame?: ResultResource } {
  const video = pickVideo(resources);
  const lastFrame = pickLastFrame(resources);
  return { ...(video ? { video } : {}), ...(lastFrame ? { lastFrame } : {}) };
}

function outputsOf(task: TaskRecord, files?: readonly DownloadedOutput[]): NodeOutputs {
  const picked = pickOutputs(task.resources ?? []);
  const fileFor = (url: string | undefined) => files?.find((f) => f.url === url)?.path;
  const out: NodeOutputs = { ...(task.taskId ? { taskId: task.taskId } : {}), ...(task.succeededAt ? { succeededAt: task.succeededAt } : {}) };
  if (picked.video) out.video = { url: picked.video.url, ...(fileFor(picked.video.url) ? { file: fileFor(picked.video.url) } : {}) };
  if (picked.lastFrame) out.lastFrame = { url: picked.lastFrame.url, ...(fileFor(picked.lastFrame.url) ? { file: fileFor(picked.lastFrame.url) } : {}) };
  return out;
}

export class NodeTask {
  constructor(
    private readonly ctx: RunContext,
    private readonly runId: string,
    private readonly task: PlannedTask,
    private readonly folder: string,
  ) {}

  private emitFailed(outcome: 'failed' | 'unknown' | 'cancelled', message: string, taskId?: string): NodeEnd {
    this.ctx.emit(this.runId, { type: 'task.failed', node: this.task.node, outcome, message, ...(taskId ? { taskId } : {}) });
    const result: NodeEnd = { node: this.task.node, outcome, message, files: [] };
    if (taskId) result.taskId = taskId;
    return result;
  }

  /** Carries on from whatever the ledger knows of this node in this run. */
  async continueFrom(record: TaskRecord): Promise<NodeEnd> {
    switch (record.state) {
      case 'submitted':
        return this.pollAndDownload(record);
      case 'succeeded':
        return record.outputs && record.outputs.every((o) => existsSync(o.path))
          ? this.finished(record, record.outputs)
          : this.download(record);
      case 'unknown':
        return this.emitFailed('unknown', `The submit's outcome is unknown (${record.unknownReason ?? 'no answer'}); it is never re-sent automatically. Check your Modellix dashboard before running this node again.`);
      case 'cancelled':
        return this.emitFailed('cancelled', record.cancelledReason ?? cancelledMessage, record.taskId);
      case 'failed':
        return this.emitFailed('failed', record.failure?.reason ?? 'The task failed.', record.taskId);
      case 'intent':
        // Only this process's own in-flight submit can be here; a crashed one was marked unknown.
        return this.emitFailed('unknown', 'The submit was interrupted; its outcome is unknown and it is never re-sent automatically.');
    }
  }

  /** Submits the body (with back-off on 429), then polls and downloads. */
  async submit(body: Record<string, unknown>, inputHashes: Record<string, string>): Promise<NodeEnd> {
    const { ledger, gate } = this.ctx;
    for (let attempt = 0; ; attempt++) {
      if (this.ctx.stopped) throw this.ctx.stopped;
      await gate.pass(this.ctx.signal);
      if (this.ctx.signal?.aborted) return this.emitFailed('cancelled', 'Cancelled before it was submitted; nothing was paid.');
      const intent = taskIntent({
        runId: this.runId,
        nodeId: this.task.node,
        model: this.task.model,
        submitPath: this.task.path,
        body: body as Parameters<typeof taskIntent>[0]['body'],
        ...(Object.keys(inputHashes).length > 0 ? { inputHashes } : {}),
        service: this.ctx.service,
        folder: this.folder,
        label: this.task.label,
      });
      // From the intent to the recorded answer, quitting waits for this submit (see SubmitsInFlight).
      const sent = await this.ctx.submits.track(this.sendAndRecord(intent, body));
      if (sent.kind === 'submitted') {
        this.ctx.emit(this.runId, { type: 'task.submitted', node: this.task.node, taskId: sent.taskId });
        return this.pollAndDownload(ledger.task(intent.taskKey) as TaskRecord);
      }
      if (sent.kind === 'not-sent') return this.emitFailed('cancelled', 'Cancelled before it was submitted; nothing was paid.');
      const error = sent.error;
      if (error.kind === 'outcome-unknown') {
        return this.emitFailed('unknown', `${error.message} The task may exist and be billed, so it is never re-sent automatically.`);
      }
      const status = error.status;
      if (status === 401 || status === 402 || status === 403) {
        this.ctx.stop(new RunStoppedError(error.message));
        return this.emitFailed('failed', error.message);
      }
      if (!sent.retryable || attempt >= this.ctx.maxRetries) return this.emitFailed('failed', error.message);
      const wait = error.retryAfterMs ?? Math.min(60_000, 2000 * 2 ** attempt);
      gate.hold(wait);
      this.ctx.emit(this.runId, {
        type: 'task.waiting',
        node: this.task.node,
        reason: status === 429 ? 'Modellix asked to slow down (429)' : 'Modellix could not be reached',
        ms: wait,
      });
    }
  }

  /**
   * Writes the intent, sends the submit and writes what became of it: the task id, a definite
   * refusal, or outcome unknown. Resolves only once that is on disk.
   */
  private async sendAndRecord(intent: ReturnType<typeof taskIntent>, body: Record<string, unknown>): Promise<SendResult> {
    const { ledger, client } = this.ctx;
    await ledger.append(intent);
    if (this.ctx.signal?.aborted) {
      await ledger.append({ type: 'task.cancelled', taskKey: intent.taskKey, reason: 'Cancelled before it was sent; nothing was paid.' });
      return { kind: 'not-sent' };
    }
    try {
      // Not cancellable once sent: an abort mid-request would leave the outcome unknown.
      const receipt = await client.submit(this.task.path, body);
      await ledger.append({ type: 'task.submitted', taskKey: intent.taskKey, taskId: receipt.taskId, pollUrl: receipt.pollUrl });
      return { kind: 'submitted', taskId: receipt.taskId };
    } catch (error) {
      if (!isModellixError(error)) throw error;
      if (error.kind === 'outcome-unknown') {
        await ledger.append({ type: 'task.unknown', taskKey: intent.taskKey, reason: error.message });
        return { kind: 'failed', error, retryable: false };
      }
      const status = error.status;
      const retryable = status === 429 || (status === undefined && error.reason === 'network');
      await ledger.append({
        type: 'task.failed',
        taskKey: intent.taskKey,
        reason: error.message,
        retryable,
        phase: 'submit',
        ...(status !== undefined ? { httpStatus: status } : {}),
      });
      return { kind: 'failed', error, retryable };
    }
  }

  private async pollAndDownload(record: TaskRecord): Promise<NodeEnd> {
    const { ledger, client, polling, signal } = this.ctx;
    const taskId = record.taskId as string;
    const started = this.ctx.now();
    let lastStatus = record.lastStatus;
    let badAnswers = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        await sleep(pollDelay(polling, attempt, this.ctx.random), signal);
      } catch {
        return this.cancel(record);
      }
      let snapshot: TaskSnapshot;
      try {
        snapshot = await client.poll(record.pollUrl ?? taskId, signal ? { signal } : {});
      } catch (error) {
        if (signal?.aborted) return this.cancel(record);
        if (!isModellixError(error)) throw error;
        const tooLong = this.ctx.now() - started > polling.maxWaitMs;
        // A poll is safe to repeat; an unreadable answer is retried a few times before giving up.
        const again = error.kind === 'retryable' || (error.reason === 'bad-answer' && ++badAnswers <= this.ctx.maxRetries);
        if (again && !tooLong) {
          if (error.retryAfterMs) this.ctx.emit(this.runId, { type: 'task.waiting', node: this.task.node, reason: 'Modellix asked to slow down (429)', ms: error.retryAfterMs });
          if (error.retryAfterMs) await sleep(error.retryAfterMs, signal).catch(() => undefined);
          continue;
        }
        await ledger.append({
          type: 'task.failed',
          taskKey: record.taskKey,
          reason: error.message,
          retryable: false,
          phase: 'poll',
          ...(error.status !== undefined ? { httpStatus: error.status } : {}),
        });
        return this.emitFailed('failed', error.message, taskId);
      }
      if (snapshot.rawStatus !== lastStatus) {
        lastStatus = snapshot.rawStatus;
        await ledger.append({ type: 'task.status', taskKey: record.taskKey, status: snapshot.rawStatus });
        this.ctx.emit(this.runId, { type: 'task.status', node: this.task.node, taskId, status: snapshot.status });
      }
      if (snapshot.status === 'success') {
        const resources = resultResources(snapshot);
        if (!pickOutputs(resources).video) {
          await ledger.append({ type: 'task.failed', taskKey: record.taskKey, reason: 'The task succeeded but returned no video.', retryable: false, phase: 'task' });
          return this.emitFailed('failed', 'The task succeeded but returned no video.', taskId);
        }
        await ledger.append({ type: 'task.succeeded', taskKey: record.taskKey, resources });
        return this.download(ledger.task(record.taskKey) as TaskRecord);
      }
      if (snapshot.status === 'failed') {
        const reason = snapshot.failureReason ? `Modellix reports the task failed: ${snapshot.failureReason}` : 'Modellix reports the task failed and gave no reason.';
        await ledger.append({ type: 'task.failed', taskKey: record.taskKey, reason, retryable: false, phase: 'task' });
        return this.emitFailed('failed', reason, taskId);
      }
    }
  }

  private async cancel(record: TaskRecord): Promise<NodeEnd> {
    // Quitting leaves the task submitted on record: the next start resumes polling it.
    if (isSuspended(this.ctx.signal)) return this.emitFailed('cancelled', (this.ctx.signal?.reason as Error).message, record.taskId);
    await this.ctx.ledger.append({ type: 'task.cancelled', taskKey: record.taskKey, reason: cancelledMessage });
    return this.emitFailed('cancelled', cancelledMessage, record.taskId);
  }

  private async download(record: TaskRecord): Promise<NodeEnd> {
    const names = outputNames(this.task.node);
    const picked = pickOutputs(record.resources ?? []);
    const wanted: { resource: ResultResource; file: string }[] = [];
    if (picked.video) wanted.push({ resource: picked.video, file: join(this.folder, names.video) });
    if (picked.lastFrame) wanted.push({ resource: picked.lastFrame, file: join(this.folder, names.lastFrame) });
    const outputs: DownloadedOutput[] = [];
    if (wanted.length > 0) this.ctx.emit(this.runId, { type: 'task.downloading', node: this.task.node, taskId: record.taskId ?? record.taskKey, files: wanted.length });
    try {
      for (const { resource, file } of wanted) {
        const written = await downloadFile(resource.url, file, {
          ...(this.ctx.fetch ? { fetch: this.ctx.fetch } : {}),
          ...(this.ctx.signal ? { signal: this.ctx.signal } : {}),
          retries: this.ctx.maxRetries,
          backoffMs: Math.max(50, Math.min(1000, this.ctx.polling.firstDelayMs)),
          onRetry: (reason, ms) => this.ctx.emit(this.runId, { type: 'task.waiting', node: this.task.node, reason: `download: ${reason}`, ms }),
        });
        outputs.push({
          url: resource.url,
          path: written.path,
          sha256: written.sha256,
          bytes: written.bytes,
          ...(resource.role !== undefined ? { role: resource.role } : {}),
          ...(resource.type !== undefined ? { type: resource.type } : {}),
        });
      }
    } catch (error) {
      if (this.ctx.signal?.aborted) return this.emitFailed('cancelled', 'Cancelled while downloading; the result stays on Modellix for about 7 days and `resume` fetches it.', record.taskId);
      if (error instanceof DownloadError && error.local) {
        // The result is fine and paid for: the run stays open so `resume` fetches it once the disk is.
        return this.emitFailed('failed', `The task succeeded but its output ${error.message}. ${LOCAL_DISK_ADVICE}`, record.taskId);
      }
      if (!(error instanceof DownloadError)) throw error;
      const reason = `The task succeeded but its output could not be downloaded: ${error.message}.`;
      if (!error.retryable || !urlsFresh(record, new Date(this.ctx.now()))) {
        await this.ctx.ledger.append({ type: 'task.failed', taskKey: record.taskKey, reason, retryable: false, phase: 'download' });
      }
      return this.emitFailed('failed', `${reason}${error.retryable ? ' Run `seedance-flow resume` to try again.' : ''}`, record.taskId);
    }
    // The sidecar first: once the ledger says "downloaded", everything is on disk.
    try {
      await this.ctx.writeSidecar(this.runId, this.task, record, outputs, this.folder);
    } catch (error) {
      if (!isLocalFsError(error)) throw error;
      return this.emitFailed('failed', `The task succeeded but its record (${outputNames(this.task.node).sidecar}) could not be saved in ${this.folder}: ${describeFsError(error)}. ${LOCAL_DISK_ADVICE}`, record.taskId);
    }
    await this.ctx.ledger.append({ type: 'task.downloaded', taskKey: record.taskKey, outputs });
    return this.finished(this.ctx.ledger.task(record.taskKey) as TaskRecord, outputs);
  }

  private finished(record: TaskRecord, files: readonly DownloadedOutput[]): NodeEnd {
    const paths = files.map((f) => f.path);
    this.ctx.emit(this.runId, { type: 'task.succeeded', node: this.task.node, taskId: record.taskId as string, outputs: paths });
    return {
      node: this.task.node,
      outcome: 'succeeded',
      files: paths,
      ...(record.taskId ? { taskId: record.taskId } : {}),
      outputs: outputsOf(record, files),
    };
  }
}

export { outputsOf };
