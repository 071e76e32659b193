/**
 * The History panel's side of the service: every task the ledger holds, across restarts, newest
 * first, filtered and searched here (a page at a time, so thousands of tasks stay quick to show);
 * the graph a run ran; running one node of a run again as it was; and recovering a lost submit by
 * its Modellix task id. Only the page returned registers its outputs for preview.
 */
import { isAbsolute, resolve } from 'node:path';
import { ApiError, type ApiHandlers, type HistoryEntry, type HistoryStatus } from '../../shared/api';
import { graphSchema, type GraphDocument } from '../../shared/graph';
import { mediaKindOfFileName } from '../../shared/models';
import { endReason, type DownloadedOutput, type LedgerState, type RunRecord, type TaskRecord } from '../engine/ledger';
import { graphFileStem, preflightRecipe, runRecipeSchema, secondsOf, type RunRecipe } from '../engine/runner';
import { RecoverError } from '../engine/runner/recover';
import { clientFor, type Connection, type RunManager } from './run-manager';

/** What the history handlers need of the service. */
export interface HistoryDeps {
  runs: RunManager;
  /** Gives an output file a media id the window can preview it by. */
  register: (path: string) => string;
  /** Whether runs go to the built-in simulator now. */
  simulatedNow: () => Promise<boolean>;
  /** Where runs go now (the simulator in simulated mode, else the user's service and key). */
  runConnection: (simulated: boolean) => Promise<Connection>;
  /** The output folder runs write into now. */
  outDir: () => Promise<string>;
}

/** What a Modellix task id looks like (`task-abc123`): letters, digits and `-_.:`, nothing else. */
const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{2,199}$/;

/** The advice for a task left unfinished when the app stopped, until Resume takes it up. */
const LEFT_UNFINISHED = 'Left unfinished when the app stopped: Resume (in the Run panel) finishes it.';

/** The same for a simulated run: it cannot be finished after a restart. */
const LEFT_SIMULATED = 'Left unfinished when the app stopped. A simulated run cannot be finished after a restart (the simulator inside the app keeps no tasks): Resume closes it. Nothing was paid.';

interface Row {
  entry: Omit<HistoryEntry, 'outputs'>;
  files: readonly DownloadedOutput[];
  /** Lower-case text the search looks in. */
  haystack: string;
}

function recipeOf(run: RunRecord | undefined): RunRecipe | undefined {
  const parsed = runRecipeSchema.safeParse(run?.recipe);
  return parsed.success ? parsed.data : undefined;
}

type Json = RunRecipe['graph'][string];
const isRecord = (value: Json | undefined): value is { [key: string]: Json } => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the listing needs of a run's recorded recipe, read as it is (no full check: it is only shown). */
interface RunFacts {
  graph: string;
  /** The names its graph gives its nodes (their labels). */
  labels: Map<string, string>;
  simulated: boolean;
}

/** Facts per run record: a run's recipe never changes once written, so each is read once. */
const factsOf = new WeakMap<RunRecord, RunFacts>();

function runFacts(run: RunRecord): RunFacts {
  const known = factsOf.get(run);
  if (known) return known;
  const recipe = run.recipe ?? {};
  const graph = isRecord(recipe['graph']) ? recipe['graph'] : {};
  const labels = new Map<string, string>();
  const nodes = graph['nodes'];
  for (const node of Array.isArray(nodes) ? nodes : []) {
    if (!isRecord(node)) continue;
    const data = node['data'];
    const label = isRecord(data) ? data['label'] : undefined;
    if (typeof node['id'] === 'string' && typeof label === 'string' && label.trim()) labels.set(node['id'], label);
  }
  const name = graph['name'];
  const file = run.graphFile;
  const facts: RunFacts = {
    graph: typeof name === 'string' && name.trim() ? name : file ? graphFileStem(file) : 'Untitled',
    labels,
    simulated: recipe['simulated'] === true,
  };
  factsOf.set(run, facts);
  return facts;
}

const NO_FACTS: RunFacts = { graph: 'Untitled', labels: new Map(), simulated: false };

function statusOf(task: TaskRecord): HistoryStatus {
  switch (task.state) {
    case 'intent':
    case 'submitted':
      return 'running';
    default:
      return task.state;
  }
}

/** Every task and reused node of the ledger, newest first, as the history lists them. */
export function historyRows(state: LedgerState, isActive: (runId: string) => boolean): Row[] {
  const runInfo = (runId: string) => {
    const run = state.runs.get(runId);
    return { run, ...(run ? runFacts(run) : NO_FACTS) };
  };
  const rows: Row[] = [];
  const common = (runId: string) => {
    const { run, graph, simulated } = runInfo(runId);
    return {
      runId,
      graph,
      graphPath: run?.graphFile ?? null,
      ...(run?.batchRow !== null && run?.batchRow !== undefined ? { batchRow: run.batchRow } : {}),
      ...(run?.resumedAt ? { resumed: true as const } : {}),
      ...(simulated ? { simulated: true as const } : {}),
    };
  };
  for (const task of state.tasks.values()) {
    const info = runInfo(task.runId);
    const status = statusOf(task);
    const prompt = typeof task.body['prompt'] === 'string' ? task.body['prompt'] : undefined;
    const waiting = status === 'running' && info.run?.outcome === undefined && !isActive(task.runId);
    const message = endReason(task) ?? (waiting ? (info.simulated ? LEFT_SIMULATED : LEFT_UNFINISHED) : undefined);
    const label = info.labels.get(task.nodeId) ?? task.label ?? task.nodeId;
    rows.push({
      entry: {
        ...common(task.runId),
        taskKey: task.taskKey,
        node: task.nodeId,
        label,
        model: task.model,
        status,
        ...(task.taskId ? { taskId: task.taskId } : {}),
        ...(prompt ? { prompt } : {}),
        ...(message ? { message } : {}),
        startedAt: task.intentAt,
        ...(task.endedAt ? { endedAt: task.endedAt } : {}),
      },
      files: task.outputs ?? [],
      haystack: [info.graph, label, prompt, task.taskId, task.model].filter(Boolean).join('\n').toLowerCase(),
    });
  }
  for (const run of state.runs.values()) {
    for (const reused of run.reused) {
      const source = state.tasks.get(reused.sourceTaskKey);
      if (!source) continue;
      const info = runInfo(run.runId);
      const label = info.labels.get(reused.nodeId) ?? source.label ?? reused.nodeId;
      const prompt = typeof source.body['prompt'] === 'string' ? source.body['prompt'] : undefined;
      rows.push({
        entry: {
          ...common(run.runId),
          taskKey: `reused:${run.runId}:${reused.nodeId}`,
          node: reused.nodeId,
          label,
          model: source.model,
          status: 'reused',
          ...(source.taskId ? { taskId: source.taskId } : {}),
          ...(prompt ? { prompt } : {}),
          message: `Took the result of task ${source.taskId ?? source.taskKey}; nothing was paid.`,
          startedAt: reused.at,
          endedAt: reused.at,
        },
        files: reused.outputs ?? source.outputs ?? [],
        haystack: [info.graph, label, prompt, source.taskId, source.model].filter(Boolean).join('\n').toLowerCase(),
      });
    }
  }
  // Newest first; the same instant keeps the ledger's order, reversed.
  rows.reverse();
  rows.sort((a, b) => (a.entry.startedAt < b.entry.startedAt ? 1 : a.entry.startedAt > b.entry.startedAt ? -1 : 0));
  return rows;
}

/** The rows a status and search text pick (every word of the text must be found). */
export function filterRows(rows: readonly Row[], status: HistoryStatus | undefined, text: string | undefined): Row[] {
  const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => (!status || row.entry.status === status) && words.every((w) => row.haystack.includes(w)));
}

/** The graph with its relative media paths made absolute against the folder they were relative to. */
function withAbsoluteMedia(graph: GraphDocument, baseDir: string): GraphDocument {
  return {
    ...graph,
    nodes: graph.nodes.map((node) =>
      node.type === 'asset' && node.data.source?.kind === 'file' && !isAbsolute(node.data.source.path)
        ? { ...node, data: { ...node.data, source: { kind: 'file', path: resolve(baseDir, node.data.source.path) } } }
        : node,
    ),
  };
}

function recordedRecipe(state: LedgerState, runId: string): RunRecipe {
  const recipe = recipeOf(state.runs.get(runId));
  if (!recipe) throw new ApiError('failed', 'The graph of this run was not recorded (an older or damaged ledger line), so it cannot be opened or run again.');
  return recipe;
}

function taskOf(state: LedgerState, taskKey: string): TaskRecord {
  const task = state.tasks.get(taskKey);
  if (!task) throw new ApiError('failed', 'This task is not in the ledger (it may have been a reused result, which has no task of its own). Refresh the history and try again.');
  return task;
}

type HistoryHandlers = Pick<ApiHandlers, 'history.list' | 'run.graph' | 'task.rerun' | 'task.recover'>;

export function createHistoryHandlers(deps: HistoryDeps): HistoryHandlers {
  const { runs } = deps;
  return {
    'history.list': async ({ status, text, offset, limit }) => {
      const rows = filterRows(historyRows(await runs.state(), (runId) => runs.isActive(runId)), status, text);
      const page = rows.slice(offset, offset + limit).map((row) => ({
        ...row.entry,
        outputs: row.files.map((o) => ({ path: o.path, mediaId: deps.register(o.path), kind: mediaKindOfFileName(o.path) ?? (o.type === 'image' ? 'image' : 'video') })),
      }));
      return { entries: page, total: rows.length };
    },

    'run.graph': async ({ runId }) => {
      const state = await runs.state();
      const run = state.runs.get(runId);
      if (!run) throw new ApiError('failed', 'This run is not in the ledger. Refresh the history and try again.');
      const recipe = recordedRecipe(state, runId);
      const graph = graphSchema.safeParse(recipe.graph);
      if (!graph.success) throw new ApiError('failed', 'The graph recorded for this run is in a format this version cannot open. Update Seedance Flow.');
      return { graph: withAbsoluteMedia(graph.data, recipe.baseDir), graphPath: recipe.graphFile, startedAt: run.startedAt };
    },

    'task.rerun': async ({ taskKey, dryRun }) => {
      const state = await runs.state();
      // A reused node has no task of its own: its key names its run and node.
      const reused = /^reused:(.+):([^:]+)$/.exec(taskKey);
      const task = reused ? { runId: reused[1] as string, nodeId: reused[2] as string } : taskOf(state, taskKey);
      const recorded = recordedRecipe(state, task.runId);
      const simulated = await deps.simulatedNow();
      // The same graph, variables, bindings and batch row; this node alone, paid again on
      // purpose; the nodes upstream keep their latest unchanged result.
      const { repeat: _repeat, simulated: _wasSimulated, ...rest } = recorded;
      const recipe: RunRecipe = {
        ...rest,
        outDir: resolve(await deps.outDir()),
        force: true,
        target: { node: task.nodeId, scope: 'node' },
        ...(simulated ? { simulated: true as const } : {}),
      };
      const preflight = await preflightRecipe(recipe);
      if (preflight.problems.length > 0) throw new ApiError('failed', `Nothing was sent; fix these first:\n${preflight.problems.join('\n')}`);
      const kept = new Set(preflight.plan.kept);
      const fresh = preflight.plan.tasks.filter((t) => !kept.has(t.node));
      const seconds = fresh.reduce((sum, t) => sum + secondsOf(t), 0);
      if (dryRun) return { runIds: [], tasks: fresh.length, seconds };
      const runIds = await runs.start([recipe], await deps.runConnection(simulated));
      return { runIds, tasks: fresh.length, seconds };
    },

    'task.recover': async ({ taskKey, taskId }) => {
      const id = taskId.trim();
      if (!TASK_ID.test(id)) {
        throw new ApiError('bad-arguments', 'That is not a Modellix task id: copy the task id (it looks like task-abc123) from your Modellix dashboard, without spaces or a web address.');
      }
      const state = await runs.state();
      const task = taskOf(state, taskKey);
      if (task.state !== 'unknown') throw new ApiError('failed', `"${task.label ?? task.nodeId}" is ${statusOf(task)}, not of unknown outcome: there is nothing to recover.`);
      if (recipeOf(state.runs.get(task.runId))?.simulated) {
        throw new ApiError('failed', 'This task went to the simulator inside the app, which keeps no tasks across restarts: nothing was paid and there is nothing to recover. Run the node again instead.');
      }
      const simulated = await deps.simulatedNow();
      const connection = await deps.runConnection(simulated);
      const service = clientFor(connection).baseUrl;
      if (simulated || (task.service !== undefined && task.service !== service)) {
        const there = task.service ?? 'another Modellix service';
        throw new ApiError('failed', `This task was sent to ${there}, but runs go to ${simulated ? 'the simulator inside the app' : service} now. Set ${there} as the service address in Settings (with its key), then recover it.`);
      }
      try {
        await runs.recover(connection, taskKey, id);
      } catch (error) {
        if (error instanceof RecoverError) throw new ApiError('failed', error.message);
        throw error;
      }
      return { runId: task.runId, node: task.nodeId };
    },
  };
}
