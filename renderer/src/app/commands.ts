/**
 * What the toolbar, the menu, the shortcuts and the start screen can ask for: files (new, open,
 * save, save as, recent, templates, restore) and runs. Each checks for unsaved changes before it
 * throws them away, and talks to the Node side only through the contract.
 */
import type { RunEvent } from '../../../shared/api';
import { emptyGraph, findNode, type GraphDocument } from '../../../shared/graph';
import type { RunTarget } from '../../../shared/plan';
import type { Services } from '../services/services';
import { openDocument } from '../store/canvas-ui';
import { closePipelines, documentNow, resetNesting } from '../pipelines/hooks';
import { resultsByNode, useNodeResults } from '../store/node-results';
import { finishedSummary, useRunStatus } from '../store/run-status';
import { fileNameOf, nodeName } from '../nodes/names';
import { isDirty, planOf, useEditor } from '../store/editor';
import { ask, useShell } from '../store/shell';
import { useBatch } from '../store/batch';
import { hasBatch } from '../../../shared/batch/has-batch';
import type { BatchCommands } from './batch-commands';
import { plural } from '../../../shared/util/plural';
import { coalesced } from './coalesce';
import { notifyRunsEnded, pageNotifier, type Notifier } from './notify';
import type { Template } from './templates';
import { errorText } from '../ui/error-text';

/** A typed path gets the graph extension when it has none. */
/** A typed path as a graph file name: `.seedance.json` is added, or replaces a bare `.json`. */
export function withGraphExtension(path: string): string {
  const trimmed = path.trim();
  if (/\.seedance\.json$/i.test(trimmed)) return trimmed;
  return `${trimmed.replace(/\.json$/i, '')}.seedance.json`;
}

export interface AppCommands extends BatchCommands {
  newGraph(): Promise<void>;
  open(path?: string): Promise<void>;
  save(): Promise<boolean>;
  saveAs(): Promise<boolean>;
  openTemplate(template: Template): Promise<void>;
  /** Offers the recovery file, if there is one (on start). */
  offerRecovery(): Promise<void>;
  refreshRecent(): Promise<void>;
  /**
   * Runs the graph; `again`: pays for every task again, reusing no earlier result (always asked
   * first); `times`: that many runs at once (takes to compare); `target`: one node, or from a
   * node on (unchanged nodes upstream keep their latest result).
   */
  run(options?: { again?: boolean; times?: number; target?: RunTarget }): Promise<void>;
  /** Asks how many runs, then runs the graph that many times. */
  runTimes(): Promise<void>;
  cancel(): Promise<void>;
  /** Counts the runs a crash left unfinished (on start). */
  checkUnfinished(): Promise<void>;
  /** Finishes them: polls, downloads, starts what never started; lost submits are reported, never re-sent. */
  resume(): Promise<void>;
  refreshResults(): Promise<void>;
  /** Reads every node's results of this graph from the ledger again (they show on the nodes). */
  refreshNodeResults(): Promise<void>;
  /** One event of the Node side's run stream: progress, results, and the notice when the window's runs end. */
  runEvent(event: RunEvent): void;
  openSettings(): void;
  openHistory(): void;
  /** Opens `graph` (an earlier run's) as a new unsaved document, never over the user's file; whether it did. */
  openAsDocument(graph: GraphDocument, what: string): Promise<boolean>;
  /** Shows runs started from the history (a re-run) in the run panel, as Run does. */
  followRuns(runIds: string[]): void;
}

/** The notice when runs end: "Run finished: 2 succeeded, 1 reused." */
function runFinishedText(summary: NonNullable<ReturnType<typeof finishedSummary>>): string {
  const counts = [
    [summary.succeeded, 'succeeded'],
    [summary.reused, 'reused'],
    [summary.failed, 'failed'],
    [summary.unknown, 'unknown'],
    [summary.cancelled, 'cancelled'],
    [summary.skipped, 'skipped'],
  ] as const;
  const parts = counts.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}`);
  return `Run finished: ${parts.length > 0 ? parts.join(', ') : 'nothing to do'}.`;
}

function notice(kind: 'info' | 'warning' | 'error', text: string) {
  useEditor.getState().setNotice({ kind, text });
}

export function createCommands({ api, notifier = pageNotifier() }: Pick<Services, 'api'> & { notifier?: Notifier }): AppCommands {
  /** When the runs shown began (this window's clock): a long run that ends in the background is notified. */
  let runsBeganAt = Date.now();

  /** Whether the current changes may go: saved, discarded, or there were none. */
  async function mayDiscard(action: string): Promise<boolean> {
    if (!isDirty(useEditor.getState())) return true;
    const answer = await ask('unsaved', { action });
    if (answer === 'cancel') return false;
    if (answer === 'save') return save();
    return true;
  }

  async function refreshRecent() {
    try {
      const { files } = await api['graph.recent']({});
      useShell.setState({ recent: files });
    } catch {
      // The list is a convenience: leave it as it was.
    }
  }

  async function clearRecovery() {
    try {
      await api['autosave.clear']({});
    } catch {
      // Autosave is best effort; the next write replaces the file anyway.
    }
  }

  function loaded(graph: GraphDocument, path: string | null, options: { dirty?: boolean } = {}) {
    resetNesting();
    openDocument(graph, path, options);
    useShell.setState({ startDismissed: true, runProblems: [] });
    useRunStatus.getState().clear();
    useNodeResults.setState({ byNode: {} });
    useBatch.setState({ statuses: [], error: null, notes: [], runIds: [] });
    void refreshNodeResults();
    void batch.refreshBatch();
  }

  async function saveTo(path: string | undefined, purpose: 'save' | 'saveAs'): Promise<boolean> {
    // A pipeline open in place is saved as part of its document: back to the top first.
    closePipelines();
    const { graph, path: current } = useEditor.getState();
    try {
      let result = await api['graph.save'](path ? { path, graph } : { graph });
      if (result.canceled && !path && useShell.getState().mode !== 'desktop') {
        // Browser mode has no save dialog: ask for a path.
        const typed = await ask('path', { purpose: 'save', initial: current ?? '' });
        if (!typed) return false;
        result = await api['graph.save']({ path: withGraphExtension(typed), graph });
      }
      if (result.canceled) return false;
      const saved = result.path;
      if (useEditor.getState().graph === graph) useEditor.getState().markSaved(saved);
      else useEditor.setState({ path: saved, savedGraph: graph });
      if (!isDirty(useEditor.getState())) await clearRecovery();
      notice('info', `Saved ${fileNameOf(saved)}.`);
      void refreshRecent();
      return true;
    } catch (error) {
      notice('error', `Could not ${purpose === 'saveAs' ? 'save as' : 'save'}: ${errorText(error)}`);
      return false;
    }
  }

  async function save(): Promise<boolean> {
    return saveTo(documentNow().path ?? undefined, 'save');
  }

  /** The node results of this graph, read again (one read at a time: see coalesced). */
  const refreshNodeResults = coalesced(async () => {
    const { path } = useEditor.getState();
    try {
      const [{ runs }, { tasks }] = await Promise.all([api['runs.list']({ limit: 1000 }), api['tasks.list']({ limit: 2000 })]);
      if (useEditor.getState().path === path) useNodeResults.setState({ byNode: resultsByNode(tasks, runs, path, useRunStatus.getState().mine) });
    } catch {
      // The nodes show their results on the next refresh.
    }
  });

  /** Which refresh is the latest asked for: an older answer never replaces a newer one. */
  let refreshes = 0;
  async function refreshResults() {
    const { runIds } = useShell.getState();
    if (runIds.length === 0) return;
    const mine = ++refreshes;
    try {
      const lists = await Promise.all(runIds.map((runId) => api['tasks.list']({ runId })));
      if (mine === refreshes && useShell.getState().runIds === runIds) useShell.setState({ results: lists.flatMap((l) => l.tasks) });
    } catch {
      // Results show on the next event.
    }
  }

  /** Says how the runs went once every one of them has ended; whether they had. */
  function noticeIfEnded(runIds: readonly string[]): boolean {
    const summary = finishedSummary(useRunStatus.getState(), runIds);
    if (summary) {
      const text = runFinishedText(summary);
      notice(summary.ok ? 'info' : 'warning', text);
      notifyRunsEnded(notifier, summary.ok, text, Date.now() - runsBeganAt);
    }
    return summary !== undefined;
  }

  /**
   * Runs were started (or resumed) from this window: show them, with whatever their events said
   * before the call answered, and their results. Whether they have all ended already.
   */
  function began(runIds: string[]): boolean {
    runsBeganAt = Date.now();
    useShell.setState({ runIds, running: true, results: [] });
    useRunStatus.getState().begin(runIds);
    void refreshResults();
    void refreshNodeResults();
    return noticeIfEnded(runIds);
  }

  // The batch commands load on demand: a window without a batch never loads them.
  let batchModule: Promise<BatchCommands> | undefined;
  const batchCommands = () => (batchModule ??= import('./batch-commands').then((m) => m.createBatchCommands({ api, began })));
  const batch: BatchCommands = {
    importBatchCsv: () => batchCommands().then((b) => b.importBatchCsv()),
    runBatch: (rows) => batchCommands().then((b) => b.runBatch(rows)),
    stopBatch: () => batchCommands().then((b) => b.stopBatch()),
    async refreshBatch() {
      if (hasBatch(useEditor.getState().graph) || useBatch.getState().statuses.length > 0) await (await batchCommands()).refreshBatch();
    },
    batchEvent(event) {
      if (useBatch.getState().runIds.includes(event.runId)) void batchCommands().then((b) => b.batchEvent(event));
    },
  };

  const commands: AppCommands = {
    ...batch,
    async newGraph() {
      if (!(await mayDiscard('start a new graph'))) return;
      loaded(emptyGraph(), null);
      await clearRecovery();
    },
    async open(path) {
      if (!(await mayDiscard('open another graph'))) return;
      try {
        let result = await api['graph.open'](path ? { path } : {});
        if (result.canceled && !path && useShell.getState().mode !== 'desktop') {
          const typed = await ask('path', { purpose: 'open', initial: '' });
          if (!typed) return;
          result = await api['graph.open']({ path: typed.trim() });
        }
        if (result.canceled) return;
        loaded(result.graph, result.path);
        await clearRecovery();
        notice(
          'info',
          result.migratedFrom !== undefined
            ? `Opened ${fileNameOf(result.path)} (upgraded from format version ${result.migratedFrom}; saving writes the new format).`
            : `Opened ${fileNameOf(result.path)}.`,
        );
        void refreshRecent();
      } catch (error) {
        notice('error', `Could not open: ${errorText(error)}`);
      }
    },
    save,
    saveAs: () => saveTo(undefined, 'saveAs'),
    async openTemplate(template) {
      if (!(await mayDiscard(`open the template "${template.name}"`))) return;
      // A template is a new graph: no file yet, so saving asks where to put it. Its media paths
      // are relative to the examples folder, which the Node side knows.
      const examplesDir = await api['app.info']({}).then(
        (info) => info.examplesDir,
        () => null,
      );
      loaded(examplesDir ? withMediaIn(template.graph, examplesDir) : template.graph, null, { dirty: true });
      notice(
        'info',
        examplesDir
          ? `Opened the template "${template.name}" with its example media. Save it to keep your changes.`
          : `Opened the template "${template.name}". Its example media were not found: re-point the assets before running it.`,
      );
    },
    async offerRecovery() {
      let recovery;
      try {
        recovery = (await api['autosave.read']({})).recovery;
      } catch {
        return;
      }
      if (!recovery) return;
      const answer = await ask('restore', { recovery });
      if (answer === 'restore') {
        loaded(recovery.graph, recovery.path, { dirty: true });
        notice('info', 'Restored the unsaved changes. Save to keep them.');
      } else {
        await clearRecovery();
      }
    },
    refreshRecent,
    async run({ again = false, times = 1, target } = {}) {
      // Asked while the click still counts as the user's: a browser shows its question only then.
      notifier.ask();
      closePipelines();
      const { graph, path } = useEditor.getState();
      // A target's part is checked by the Node side's plan below (a half-built branch elsewhere does
      // not stop "Run this node"); the whole graph is checked here first, at once.
      if (!target && !planOf(graph).ok) {
        useShell.setState({ runProblems: ['Fix the problems listed under Problems first.'] });
        return;
      }
      useShell.setState({ runProblems: [] });
      const scoped = target ? { target } : {};
      try {
        const plan = await api.plan({ graph, graphPath: path, ...scoped, ...(times > 1 ? { runs: times } : {}) });
        if (!plan.ok) {
          const issues = plan.issues.filter((i) => i.severity === 'error').map((i) => i.message);
          useShell.setState({ runProblems: [...issues, ...plan.problems] });
          return;
        }
        const settings = await api['settings.get']({});
        // The service's summary of every run (a fixed-seed request several runs share is sent once);
        // the thresholds decide whether to ask, and the dialog shows the whole summary and the balance.
        const { summary } = plan;
        if (again || summary.tasks > settings.confirmTasksOver || summary.seconds > settings.confirmSecondsOver) {
          if (!(await ask('confirmRun', { summary, ...(again ? { again } : {}) }))) return;
        }
        const { runIds } = await api['run.start']({ graph, graphPath: path, ...scoped, ...(again ? { force: true } : {}), ...(times > 1 ? { runs: times } : {}) });
        // Its events may have come first (a run of reused nodes ends at once): `began` says so.
        if (!began(runIds)) notice('info', startedText(graph, plan.tasks.length, plan.kept, target));
      } catch (error) {
        useShell.setState({ runProblems: [errorText(error)] });
      }
    },
    async runTimes() {
      const times = await ask('runTimes', { initial: 3 });
      if (times) await commands.run({ times });
    },
    async cancel() {
      try {
        // Only this window's runs: another window's run is not ours to stop.
        const { active } = useRunStatus.getState();
        const answers = await Promise.all(active.map((runId) => api['run.cancel']({ runId })));
        const cancelled = answers.reduce((n, a) => n + a.cancelled, 0);
        notice('info', cancelled > 0 ? `Cancelled ${cancelled} run${cancelled === 1 ? '' : 's'}.` : 'Nothing was running.');
      } catch (error) {
        notice('error', `Could not cancel: ${errorText(error)}`);
      }
    },
    async checkUnfinished() {
      try {
        const { runs } = await api['runs.list']({});
        useShell.setState({ unfinishedRuns: runs.filter((r) => r.outcome === 'running').length });
      } catch {
        useShell.setState({ unfinishedRuns: 0 });
      }
    },
    async resume() {
      try {
        const { runIds, unknown, elsewhere, closed } = await api['run.resume']({});
        useShell.setState({ unfinishedRuns: 0 });
        const ended = runIds.length > 0 && began(runIds);
        const lost = unknown.length > 0
          ? ` ${unknown.length} submit${unknown.length === 1 ? '' : 's'} lost ${unknown.length === 1 ? 'its' : 'their'} answer (${unknown.map((u) => u.node).join(', ')}): ${unknown.length === 1 ? 'it is' : 'they are'} never re-sent; check your Modellix dashboard.`
          : '';
        const away = [...new Set(elsewhere.map((r) => r.service))].map((service) => {
          const n = elsewhere.filter((r) => r.service === service).length;
          return ` ${n} unfinished run${n === 1 ? ' belongs' : 's belong'} to ${service}: set that Modellix URL in Settings to finish ${n === 1 ? 'it' : 'them'}.`;
        });
        const gone = closed.length > 0
          ? ` ${closed.length} simulated run${closed.length === 1 ? ' was' : 's were'} closed: the simulator inside the app keeps no tasks across restarts. Nothing was paid; run the graph again.`
          : '';
        const extra = `${lost}${away.join('')}${gone}`;
        if (!ended || extra) notice(extra ? 'warning' : 'info', `${runIds.length > 0 ? `Resuming ${runIds.length} run${runIds.length === 1 ? '' : 's'}.` : 'Nothing to resume.'}${extra}`);
      } catch (error) {
        notice('error', `Could not resume: ${errorText(error)}`);
      }
    },
    refreshResults,
    refreshNodeResults,
    runEvent(event) {
      useRunStatus.getState().record(event);
      batch.batchEvent(event);
      const { runIds } = useShell.getState();
      if (!runIds.includes(event.runId)) return; // not (yet) known as this window's: `began` catches up
      if (event.type === 'node.done' || event.type === 'run.done') {
        void refreshResults();
        void refreshNodeResults();
      }
      if (event.type === 'run.done') noticeIfEnded(runIds);
    },
    openSettings() {
      useShell.setState({ settingsOpen: true });
    },
    openHistory() {
      useShell.setState({ historyOpen: true });
    },
    async openAsDocument(graph, what) {
      if (!(await mayDiscard(`open ${what}`))) return false;
      loaded(graph, null, { dirty: true });
      notice('info', `Opened ${what} as a new graph; your file is unchanged. Save it to keep it.`);
      return true;
    },
    followRuns(runIds) {
      began(runIds);
    },
  };
  return commands;
}

/** "Run started: 3 tasks." or, for a target, what runs and what keeps its result. */
function startedText(graph: GraphDocument, tasks: number, kept: readonly string[], target: RunTarget | undefined): string {
  if (!target) return `Run started: ${plural(tasks, 'task')}.`;
  const name = (id: string) => {
    const node = findNode(graph, id);
    return `"${node ? nodeName(node) : id}"`;
  };
  const what = target.scope === 'node' ? `Running ${name(target.node)}` : `Running from ${name(target.node)} on`;
  const keeps = kept.length > 0 ? ` ${kept.map(name).join(', ')} ${kept.length === 1 ? 'keeps its' : 'keep their'} latest result if unchanged (else ${kept.length === 1 ? 'it runs' : 'they run'} too).` : '';
  return `${what}: ${plural(tasks - kept.length, 'task')}.${keeps}`;
}

/** The graph with relative file paths resolved against `dir` (a template's example media). */
function withMediaIn(graph: GraphDocument, dir: string): GraphDocument {
  const absolute = (path: string) => /^([a-zA-Z]:[\\/]|[\\/])/.test(path);
  return {
    ...graph,
    nodes: graph.nodes.map((node) =>
      node.type === 'asset' && node.data.source?.kind === 'file' && !absolute(node.data.source.path)
        ? { ...node, data: { ...node.data, source: { kind: 'file', path: `${dir.replace(/[\\/]+$/, '')}/${node.data.source.path}` } } }
        : node,
    ),
  };
}
