/**
 * Simulated tasks. A task's state is computed from the clock (no timers): `pending` for pendingMs,
 * then `processing`, then final at processingMs. The store is bounded: past maxTasks the oldest
 * task is forgotten (its id then answers 404).
 */
import { randomUUID } from 'node:crypto';
import type { ResourceData, TaskData, TaskStatus } from '../modellix/protocol';
import type { Faults } from './options';

type FailField = NonNullable<Faults['failTasks']>['field'];

export interface SimTask {
  id: string;
  modelId: string;
  createdAt: number;
  requestId: string;
  lastFrame: boolean;
  failure?: { reason: string; field: FailField };
}

export interface TaskTiming {
  pendingMs: number;
  processingMs: number;
}

export interface ResultLinks {
  video: string;
  lastFrame: string;
}

export interface ResultShape {
  videoSize?: { width: number; height: number };
  lastFrameSize: { width: number; height: number };
}

function resultLinks(baseUrl: string, taskId: string): ResultLinks {
  const at = `${baseUrl}/results/${encodeURIComponent(taskId)}`;
  return { video: `${at}/video.mp4`, lastFrame: `${at}/last-frame.png` };
}

export class TaskStore {
  private readonly tasks = new Map<string, SimTask>();
  private serial = 0;

  constructor(
    private readonly timing: TaskTiming,
    private readonly maxTasks: number,
  ) {}

  create(init: Omit<SimTask, 'id' | 'requestId'>): SimTask {
    this.serial += 1;
    const task: SimTask = {
      ...init,
      id: `task-sim-${this.serial}-${randomUUID().slice(0, 8)}`,
      requestId: `req-sim-${randomUUID()}`,
    };
    this.tasks.set(task.id, task);
    while (this.tasks.size > this.maxTasks) {
      const oldest = this.tasks.keys().next().value;
      if (oldest === undefined) break;
      this.tasks.delete(oldest);
    }
    return task;
  }

  get(id: string): SimTask | undefined {
    return this.tasks.get(id);
  }

  get size(): number {
    return this.tasks.size;
  }

  /** When the task reaches its final state. */
  finishedAt(task: SimTask): number {
    return task.createdAt + this.timing.processingMs;
  }

  statusAt(task: SimTask, now: number): TaskStatus {
    const elapsed = now - task.createdAt;
    if (elapsed >= this.timing.processingMs) return task.failure ? 'failed' : 'success';
    return elapsed < this.timing.pendingMs ? 'pending' : 'processing';
  }

  /** The task answer's `data`, as the service would send it at `now`. */
  answer(task: SimTask, now: number, baseUrl: string, shape: ResultShape): TaskData {
    const status = this.statusAt(task, now);
    const base = { status, task_id: task.id, model_id: task.modelId };
    if (status === 'pending' || status === 'processing') return base;
    const duration = this.timing.processingMs;
    if (status === 'failed' && task.failure) {
      const { reason, field } = task.failure;
      const failure =
        field === 'error.message' ? { error: { message: reason } } : field === 'error' ? { error: reason } : { [field]: reason };
      return { ...base, duration, ...failure };
    }
    const links = resultLinks(baseUrl, task.id);
    const resources: ResourceData[] = [
      {
        url: links.video,
        type: 'video',
        format: 'mp4',
        role: 'primary',
        ...(shape.videoSize ? { width: shape.videoSize.width, height: shape.videoSize.height } : {}),
      },
    ];
    if (task.lastFrame) {
      resources.push({
        url: links.lastFrame,
        type: 'image',
        format: 'png',
        role: 'last_frame',
        width: shape.lastFrameSize.width,
        height: shape.lastFrameSize.height,
      });
    }
    return {
      ...base,
      duration,
      result: {
        resources,
        metadata: { request_id: task.requestId },
        extensions: {
          submit_time: new Date(task.createdAt).toISOString(),
          end_time: new Date(this.finishedAt(task)).toISOString(),
        },
      },
    };
  }
}
