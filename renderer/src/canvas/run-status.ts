/**
 * The latest run event for each node, for the node components to show (queued, uploading,
 * submitted, running, done, failed) and for the run panel. The app shell feeds it from the
 * contract's `run.event` stream; nothing else writes it.
 *
 *   const status = useRunStatus((s) => s.byNode[id]);
 */
import { create } from 'zustand';
import type { RunEvent } from '../../../shared/api';

export type NodeRunEvent = Extract<RunEvent, { node: string }>;

/** A short word for a node's state, from its latest event. */
export type NodeRunState = 'queued' | 'uploading' | 'submitted' | 'running' | 'waiting' | 'succeeded' | 'reused' | 'failed' | 'done';

export interface RunStatusState {
  /** Node id -> its latest event in the current run(s). */
  byNode: Record<string, NodeRunEvent>;
  /** Runs started from this window that have not finished. */
  active: readonly string[];
  /** The last `run.done` event of each run started from this window. */
  finished: Record<string, Extract<RunEvent, { type: 'run.done' }>>;
  /** Adds one event. */
  record(event: RunEvent): void;
  /** A new run starts: forgets the node states of the previous one. */
  begin(runIds: readonly string[]): void;
  clear(): void;
}

export function runStateOf(event: NodeRunEvent): NodeRunState {
  switch (event.type) {
    case 'task.queued':
      return 'queued';
    case 'task.uploading':
      return 'uploading';
    case 'task.submitted':
      return 'submitted';
    case 'task.status':
      return 'running';
    case 'task.waiting':
      return 'waiting';
    case 'task.succeeded':
      return 'succeeded';
    case 'task.reused':
      return 'reused';
    case 'task.failed':
      return 'failed';
    case 'node.done':
      return event.ok ? 'done' : 'failed';
  }
}

export const useRunStatus = create<RunStatusState>()((set, get) => ({
  byNode: {},
  active: [],
  finished: {},
  record(event) {
    if (event.type === 'run.started') {
      if (!get().active.includes(event.runId)) set({ active: [...get().active, event.runId] });
      return;
    }
    if (event.type === 'run.done') {
      set({ active: get().active.filter((id) => id !== event.runId), finished: { ...get().finished, [event.runId]: event } });
      return;
    }
    // node.done after a task event keeps the more telling task event (succeeded/failed).
    const previous = get().byNode[event.node];
    if (event.type === 'node.done' && previous && previous.runId === event.runId && previous.type !== 'node.done') {
      if (event.ok || previous.type === 'task.failed') return;
    }
    set({ byNode: { ...get().byNode, [event.node]: event } });
  },
  begin(runIds) {
    set({ byNode: {}, active: [...new Set([...get().active, ...runIds])] });
  },
  clear() {
    set({ byNode: {}, active: [], finished: {} });
  },
}));
