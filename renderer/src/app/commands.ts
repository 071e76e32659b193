/**
 * What the toolbar, the menu, the shortcuts and the start screen can ask for: files (new, open,
 * save, save as, recent, templates, restore) and runs. Each checks for unsaved changes before it
 * throws them away, and talks to the Node side only through the contract.
 */
import { emptyGraph, type GraphDocument } from '../../../shared/graph';
import { openDocument, useRunStatus, type Services } from '../canvas';
import { fileNameOf } from '../nodes/names';
import { isDirty, planOf, useEditor } from '../store/editor';
import { ask, useShell } from './shell-store';
import type { Template } from './templates';

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A typed path gets the graph extension when it has none. */
export function withGraphExtension(path: string): string {
  const trimmed = path.trim();
  return /\.json$/i.test(trimmed) ? trimmed : `${trimmed}.seedance.json`;
}

export interface AppCommands {
  newGraph(): Promise<void>;
  open(path?: string): Promise<void>;
  save(): Promise<boolean>;
  saveAs(): Promise<boolean>;
  openTemplate(template: Template): Promise<void>;
  /** Offers the recovery file, if there is one (on start). */
  offerRecovery(): Promise<void>;
  refreshRecent(): Promise<void>;
  run(): Promise<void>;
  cancel(): Promise<void>;
  /** Counts the runs a crash left unfinished (on start). */
  checkUnfinished(): Promise<void>;
  /** Finishes them: polls, downloads, starts what never started; lost submits are reported, never re-sent. */
  resume(): Promise<void>;
  refreshResults(): Promise<void>;
  openSettings(): void;
}

function notice(kind: 'info' | 'warning' | 'error', text: string) {
  useEditor.getState().setNotice({ kind, text });
}

export function createCommands({ api }: Pick<Services, 'api'>): AppCommands {
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
    openDocument(graph, path, options);
    useShell.setState({ startDismissed: true, runProblems: [] });
    useRunStatus.getState().clear();
  }

  async function saveTo(path: string | undefined, purpose: 'save' | 'saveAs'): Promise<boolean> {
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
    return saveTo(useEditor.getState().path ?? undefined, 'save');
  }

  const commands: AppCommands = {
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
    async run() {
      const { graph, path } = useEditor.getState();
      if (!planOf(graph).ok) {
        useShell.setState({ runProblems: ['Fix the problems listed under Problems first.'] });
        return;
      }
      useShell.setState({ runProblems: [] });
      try {
        const plan = await api.plan({ graph, graphPath: path });
        if (!plan.ok) {
          const issues = plan.issues.filter((i) => i.severity === 'error').map((i) => i.message);
          useShell.setState({ runProblems: [...issues, ...plan.problems] });
          return;
        }
        const settings = await api['settings.get']({});
        const seconds = Math.round(plan.videoSeconds);
        if (plan.tasks.length > settings.confirmTasksOver || seconds > settings.confirmSecondsOver) {
          if (!(await ask('confirmRun', { tasks: plan.tasks.length, seconds }))) return;
        }
        const { runIds } = await api['run.start']({ graph, graphPath: path });
        useRunStatus.getState().begin(runIds);
        useShell.setState({ runIds, running: true, results: [] });
        notice('info', `Run started: ${plan.tasks.length} task${plan.tasks.length === 1 ? '' : 's'}.`);
      } catch (error) {
        useShell.setState({ runProblems: [errorText(error)] });
      }
    },
    async cancel() {
      try {
        const { cancelled } = await api['run.cancel']({});
        notice('info', cancelled > 0 ? `Cancelled ${cancelled} task${cancelled === 1 ? '' : 's'}.` : 'Nothing was running.');
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
        const { runIds, unknown } = await api['run.resume']({});
        useShell.setState({ unfinishedRuns: 0 });
        if (runIds.length > 0) {
          useRunStatus.getState().begin(runIds);
          useShell.setState({ runIds, running: true, results: [] });
        }
        const lost = unknown.length > 0
          ? ` ${unknown.length} submit${unknown.length === 1 ? '' : 's'} lost ${unknown.length === 1 ? 'its' : 'their'} answer (${unknown.map((u) => u.node).join(', ')}): ${unknown.length === 1 ? 'it is' : 'they are'} never re-sent; check your Modellix dashboard.`
          : '';
        notice(unknown.length > 0 ? 'warning' : 'info', `${runIds.length > 0 ? `Resuming ${runIds.length} run${runIds.length === 1 ? '' : 's'}.` : 'Nothing to resume.'}${lost}`);
      } catch (error) {
        notice('error', `Could not resume: ${errorText(error)}`);
      }
    },
    async refreshResults() {
      const { runIds } = useShell.getState();
      if (runIds.length === 0) return;
      try {
        const lists = await Promise.all(runIds.map((runId) => api['tasks.list']({ runId })));
        useShell.setState({ results: lists.flatMap((l) => l.tasks) });
      } catch {
        // Results show on the next event.
      }
    },
    openSettings() {
      useShell.setState({ settingsOpen: true });
    },
  };
  return commands;
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
