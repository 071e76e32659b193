/**
 * The latest run event for each node, for the node components to show (queued, uploading,
 * submitted, running, done, failed) and for the run panel. The app shell feeds it from the
 * contract's `run.event` stream; nothing else writes it.
 *
 * Events may arrive before the window knows a run is its own: a run whose nodes are all reused
 * ends before `run.start` answers. So every run's events are kept by run, and `begin` picks the
 * runs to show; events of runs started elsewhere (another window) never show.
 *
 *   const status = useRunStatus((s) => s.byNode[id]);
 */
import { create } from 'zustand';
import type { RunEvent } from '../../../shared/api';

export type NodeRunEvent = Extract<RunEvent, { node: string }>;
export type RunDoneEvent = Extract<RunEvent, { type: 'run.done' }>;

/** A short word for a node's state, from its latest event. */
/** Where a node's task stands. Cancelled, skipped and unknown are not failures: each is said as itself. */
export type NodeRunState = 'queued' | 'uploading' | 'submitted' | 'running' | 'waiting' | 'downloading' | 'succeeded' | 'reused' | 'failed' | 'cancelled' | 'skipped' | 'unknown' | 'done';

export interface RunStatusState {
  /** Node id -> its latest event in the runs shown (those of the last `begin`). */
  byNode: Record<string, NodeRunEvent>;
  /** Runs started from this window that have not finished. */
  active: readonly string[];
  /** The last `run.done` event of each run heard of (until it starts again, when resumed). */
  finished: Record<string, RunDoneEvent>;
  /** Run id -> node id -> latest event: every run heard of, until a `begin` no longer needs it. */
  byRun: Record<string, Record<string, NodeRunEvent>>;
  /** Runs started from this window (since the document was opened). */
  mine: readonly string[];
  /** The runs whose node states `byNode` shows. */
  shown: readonly string[];
  /** Run id -> node id -> when its task was submitted (the event's clock): for the elapsed time shown. */
  submittedAt: Record<string, Record<string, number>>;
  /** Adds one event. */
  record(event: RunEvent): void;
  /** Runs were started from this window: shows them (with what they already said), forgetting the node states of the previous ones. */
  begin(runIds: readonly string[]): void;
  clear(): void;
}

/** The summed outcome of these runs once every one has finished, else undefined. */
export function finishedSummary(state: Pick<RunStatusState, 'finished'>, runIds: readonly string[]): Omit<RunDoneEvent, 'runId' | 'at' | 'type' | 'outDir'> | undefined {
  const ends = runIds.map((id) => state.finished[id]);
  if (ends.length === 0 || ends.some((e) => e === undefined)) return undefined;
  const sum = (key: 'succeeded' | 'reused' | 'failed' | 'unknown' | 'cancelled' | 'skipped') => ends.reduce((n, e) => n + (e?.[key] ?? 0), 0);
  return {
    ok: ends.every((e) => e?.ok),
    succeeded: sum('succeeded'),
    reused: sum('reused'),
    failed: sum('failed'),
    unknown: sum('unknown'),
    cancelled: sum('cancelled'),
    skipped: sum('skipped'),
  };
}

/** The event a node shows after `event`, given the one it showed in the same run. */
function keep(previous: NodeRunEvent | undefined, event: NodeRunEvent): NodeRunEvent {
  // node.done after a task event keeps the more telling task event (succeeded/reused/failed).
  if (event.type === 'node.done' && previous && previous.type !== 'node.done') {
    if (event.ok || previous.type === 'task.failed') return previous;
  }
  return event;
}

/** Whether a node's task is with the service now (sent, being made, or waiting to be polled). */
export function isWithService(state: NodeRunState): boolean {
  return state === 'submitted' || state === 'running' || state === 'waiting';
}

/** The latest event of each node over these runs. */
function nodesOf(byRun: RunStatusState['byRun'], runIds: readonly string[]): Record<string, NodeRunEvent> {
  const byNode: Record<string, NodeRunEvent> = {};
  for (const runId of runIds) {
    for (const [node, event] of Object.entries(byRun[runId] ?? {})) {
      const current = byNode[node];
      if (!current || current.at <= event.at) byNode[node] = event;
    }
  }
  return byNode;
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
    case 'task.downloading':
      return 'downloading';
    case 'task.succeeded':
      return 'succeeded';
    case 'task.reused':
      return 'reused';
    case 'task.failed':
      return event.outcome;
    case 'node.done':
      return event.ok ? 'done' : 'failed';
  }
}

export const useRunStatus = create<RunStatusState>()((set, get) => ({
  byNode: {},
  active: [],
  finished: {},
  byRun: {},
  mine: [],
  shown: [],
  submittedAt: {},
  record(event) {
    const state = get();
    if (event.type === 'run.started') {
      // A run that ended with a lost download starts again when resumed.
      const { [event.runId]: _ended, ...finished } = state.finished;
      const active = state.mine.includes(event.runId) && !state.active.includes(event.runId) ? [...state.active, event.runId] : state.active;
      set({ finished, active });
      return;
    }
    if (event.type === 'run.done') {
      set({ active: state.active.filter((id) => id !== event.runId), finished: { ...state.finished, [event.runId]: event } });
      return;
    }
    const nodes = state.byRun[event.runId] ?? {};
    const shown = keep(nodes[event.node], event);
    const submitted = event.type === 'task.submitted' ? { submittedAt: { ...state.submittedAt, [event.runId]: { ...state.submittedAt[event.runId], [event.node]: event.at } } } : {};
    set({
      ...submitted,
      byRun: { ...state.byRun, [event.runId]: { ...nodes, [event.node]: shown } },
      ...(state.shown.includes(event.runId) ? { byNode: { ...state.byNode, [event.node]: shown } } : {}),
    });
  },
  begin(runIds) {
    const state = get();
    const mine = [...new Set([...state.mine, ...runIds])];
    const active = mine.filter((id) => (state.active.includes(id) || runIds.includes(id)) && !state.finished[id]);
    // What no longer matters: runs neither shown nor still going.
    const byRun = Object.fromEntries(Object.entries(state.byRun).filter(([id]) => runIds.includes(id) || !state.finished[id]));
    set({ mine, active, byRun, shown: [...runIds], byNode: nodesOf(byRun, runIds) });
  },
  clear() {
    set({ byNode: {}, active: [], finished: {}, byRun: {}, mine: [], shown: [], submittedAt: {} });
  },
}));
