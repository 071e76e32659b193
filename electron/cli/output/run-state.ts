/**
 * What the progress displays know about the runs, folded from the runner's events: each run's
 * name, task count, finished nodes and each node's current status.
 */
import type { RunEvent } from '../../../shared/api/run-events';

export interface RunView {
  runId: string;
  short: string;
  /** "row 3", "run 2", or "". */
  label: string;
  tasks: number;
  done: Set<string>;
  failed: number;
  /** node -> what it is doing now ("queued", "uploading", "processing", ...). */
  status: Map<string, string>;
  finished: boolean;
}

/** A short form of a run id for display (the full id is in `tasks` and `--json`). */
export function shortRunId(runId: string): string {
  return runId.replace(/^run[-_]/i, '').slice(0, 8);
}

export function runLabel(row: number | undefined, repeat: number | undefined): string {
  return [row !== undefined ? `row ${row}` : '', repeat !== undefined ? `run ${repeat}` : ''].filter(Boolean).join(', ');
}

export class RunStates {
  readonly runs = new Map<string, RunView>();

  get(runId: string): RunView {
    let view = this.runs.get(runId);
    if (!view) {
      view = { runId, short: shortRunId(runId), label: '', tasks: 0, done: new Set(), failed: 0, status: new Map(), finished: false };
      this.runs.set(runId, view);
    }
    return view;
  }

  /** Applies one event; returns the run it was about. */
  apply(event: RunEvent): RunView {
    const run = this.get(event.runId);
    switch (event.type) {
      case 'run.started':
        run.tasks = event.tasks;
        run.label = runLabel(event.row, event.repeat);
        break;
      case 'task.queued':
        run.status.set(event.node, 'queued');
        break;
      case 'task.uploading':
        run.status.set(event.node, 'uploading');
        break;
      case 'task.submitted':
        run.status.set(event.node, 'submitted');
        break;
      case 'task.status':
        run.status.set(event.node, event.status);
        break;
      case 'task.waiting':
        run.status.set(event.node, 'waiting');
        break;
      case 'task.downloading':
        run.status.set(event.node, 'downloading');
        break;
      case 'task.succeeded':
      case 'task.reused':
        run.status.set(event.node, event.type === 'task.reused' ? 'reused' : 'succeeded');
        run.done.add(event.node);
        break;
      case 'task.failed':
        run.status.set(event.node, event.outcome);
        if (!run.done.has(event.node)) run.failed += 1;
        run.done.add(event.node);
        break;
      case 'node.done':
        run.done.add(event.node);
        break;
      case 'run.done':
        run.finished = true;
        break;
    }
    return run;
  }

  /** Nodes still going, e.g. "shot1 processing, shot2 queued". */
  activity(run: RunView): string {
    return [...run.status]
      .filter(([node]) => !run.done.has(node))
      .map(([node, status]) => `${node} ${status}`)
      .join(', ');
  }

  totals(): { tasks: number; done: number; failed: number } {
    let tasks = 0;
    let done = 0;
    let failed = 0;
    for (const run of this.runs.values()) {
      tasks += run.tasks;
      done += run.done.size;
      failed += run.failed;
    }
    return { tasks, done, failed };
  }
}
