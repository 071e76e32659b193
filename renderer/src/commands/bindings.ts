/**
 * What each command of the registry does in the window: its run, and the rules for its button
 * and quick-add entry (why it is disabled now, what it would do, whether a toggle is on). The
 * type demands a binding for every registry id, so a command cannot be listed and do nothing.
 *
 * Keys and the desktop menu always run a command: its run says why when it cannot act (a
 * notice, the run panel), so a key press is never swallowed in silence. The `blocked` rule only
 * disables buttons and quick-add entries, with the reason as their tooltip.
 */
import { useSyncExternalStore } from 'react';
import type { CommandId } from '../../../shared/commands';
import { findNode } from '../../../shared/graph';
import type { RunTarget } from '../../../shared/plan';
import type { AppCommands } from '../app/commands';
import type { CanvasActions } from '../canvas/actions';
import { useCanvasUi, type CanvasUiState } from '../store/canvas-ui';
import { useEditor, type EditorState } from '../store/editor';
import { usePlan, type PlanState } from '../store/plan';
import { hasBatch } from '../../../shared/batch/has-batch';
import { useBatch, type BatchState } from '../store/batch';
import { useRunStatus, type RunStatusState } from '../store/run-status';

/** The stores a command's rules read. */
export interface CommandState {
  editor: EditorState;
  /** The plan, which follows typing after a pause (so a keystroke does not re-plan the graph). */
  plan: PlanState;
  ui: CanvasUiState;
  runs: RunStatusState;
  batch: BatchState;
}

export interface Binding {
  run(): void;
  /** Why it cannot run now, or undefined when it can. */
  blocked?(state: CommandState): string | undefined;
  /** What it would do now, when that says more than its description ("Undo add Seedance node"). */
  detail?(state: CommandState): string | undefined;
  /** A toggle's state (Snap to grid). */
  pressed?(state: CommandState): boolean;
}

export type CommandBindings = { readonly [K in CommandId]: Binding };

/** Why Run is disabled now, or undefined when it may run. */
export function runBlocker({ graph, plan }: PlanState): string | undefined {
  if (!graph.nodes.some((n) => n.type === 'seedance' || n.type === 'pipeline')) return 'Add a Seedance node to run.';
  const errors = plan.issues.filter((i) => i.severity === 'error').length;
  if (errors > 0) return `Fix ${errors} problem${errors === 1 ? '' : 's'} first (see Problems).`;
  return undefined;
}

/**
 * What "Run this node" / "Run from here" would run now: the one selected node, or why not. A
 * Seedance node can be run alone; "from here" also starts at an asset (the nodes it feeds).
 */
export function selectedTarget({ ui, editor }: Pick<CommandState, 'ui' | 'editor'>, scope: RunTarget['scope']): RunTarget | string {
  const what = scope === 'node' ? 'run on its own' : 'run from';
  if (ui.selectedNodes.length !== 1) return `Select one ${scope === 'node' ? 'Seedance node' : 'Seedance or asset node'} to ${what} first.`;
  const id = ui.selectedNodes[0] as string;
  const node = findNode(editor.graph, id);
  if (!node || node.type === 'note' || (scope === 'node' && node.type !== 'seedance' && node.type !== 'pipeline')) {
    return scope === 'node' ? 'Select a Seedance node: only those generate.' : 'Select a Seedance or asset node: a note runs nothing.';
  }
  return { node: id, scope };
}

function runTargetBinding(app: AppCommands, scope: RunTarget['scope']): Binding {
  return {
    run: () => {
      const target = selectedTarget({ ui: useCanvasUi.getState(), editor: useEditor.getState() }, scope);
      if (typeof target === 'string') useEditor.getState().setNotice({ kind: 'warning', text: target });
      else void app.run({ target });
    },
    blocked: (state) => {
      const target = selectedTarget(state, scope);
      return typeof target === 'string' ? target : undefined;
    },
  };
}
/** Why the batch cannot run now (no rows, rows that do not pair, or what stops Run), or undefined. */
export function batchBlocker({ plan, batch }: Pick<CommandState, 'plan' | 'batch'>): string | undefined {
  if (!hasBatch(plan.graph)) return 'There is no batch: import a CSV, or give an asset node several files.';
  return batch.error ?? runBlocker(plan);
}

const batchRunning = ({ batch, runs }: CommandState): boolean =>
  batch.statuses.some((r) => r.status === 'queued' || r.status === 'running') || batch.runIds.some((id) => runs.active.includes(id));

const needsSelection = ({ ui }: CommandState, what: string): string | undefined =>
  ui.selectedNodes.length > 0 ? undefined : `Select nodes to ${what} first.`;

const needsNodes = ({ editor }: CommandState): string | undefined => (editor.graph.nodes.length > 0 ? undefined : 'The graph is empty.');

export function createBindings({ canvas, app }: { canvas: CanvasActions; app: AppCommands }): CommandBindings {
  const openDialog = (dialog: 'quickAdd' | 'connections' | 'shortcuts') => () => useCanvasUi.getState().openDialog(dialog);
  return {
    undo: {
      run: canvas.undo,
      blocked: ({ editor }) => (editor.past.length > 0 ? undefined : 'Nothing to undo.'),
      detail: ({ editor }) => {
        const label = editor.past.at(-1)?.label;
        return label ? `Undo ${label}` : undefined;
      },
    },
    redo: {
      run: canvas.redo,
      blocked: ({ editor }) => (editor.future.length > 0 ? undefined : 'Nothing to redo.'),
      detail: ({ editor }) => {
        const label = editor.future[0]?.label;
        return label ? `Redo ${label}` : undefined;
      },
    },
    duplicate: { run: canvas.duplicate, blocked: (s) => needsSelection(s, 'duplicate') },
    copy: { run: () => void canvas.copy(), blocked: (s) => needsSelection(s, 'copy') },
    cut: { run: () => void canvas.cut(), blocked: (s) => needsSelection(s, 'cut') },
    paste: { run: () => void canvas.paste() },
    selectAll: { run: canvas.selectAll, blocked: needsNodes },
    delete: {
      run: canvas.deleteSelection,
      blocked: ({ ui }) => (ui.selectedNodes.length > 0 || ui.selectedEdges.length > 0 ? undefined : 'Select nodes or wires to delete first.'),
    },
    quickAdd: { run: openDialog('quickAdd') },
    connections: { run: openDialog('connections') },
    importMedia: { run: () => void canvas.importMedia() },
    autoLayout: { run: canvas.autoLayout, blocked: needsNodes },
    fitView: { run: canvas.fitView },
    toggleSnap: { run: canvas.toggleSnap, pressed: ({ ui }) => ui.snapToGrid },
    shortcuts: { run: openDialog('shortcuts') },
    escape: { run: () => useCanvasUi.getState().select([]) },
    new: { run: () => void app.newGraph() },
    open: { run: () => void app.open() },
    save: { run: () => void app.save() },
    saveAs: { run: () => void app.saveAs() },
    run: { run: () => void app.run(), blocked: ({ plan }) => runBlocker(plan) },
    runAgain: { run: () => void app.run({ again: true }), blocked: ({ plan }) => runBlocker(plan) },
    runNode: runTargetBinding(app, 'node'),
    runFromHere: runTargetBinding(app, 'from'),
    runTimes: { run: () => void app.runTimes(), blocked: ({ plan }) => runBlocker(plan) },
    cancelRun: { run: () => void app.cancel(), blocked: ({ runs }) => (runs.active.length > 0 ? undefined : 'Nothing is running.') },
    importBatchCsv: { run: () => void app.importBatchCsv() },
    runBatch: { run: () => void app.runBatch('all'), blocked: (s) => batchBlocker(s) ?? (batchRunning(s) ? 'The batch is running: stop it or wait.' : undefined) },
    retryFailedRows: {
      run: () => void app.runBatch('failed'),
      blocked: (s) =>
        batchBlocker(s) ??
        (s.batch.statuses.length > 0 && s.batch.statuses.every((r) => r.status === 'succeeded') ? 'Every row succeeded: nothing to retry.' : undefined),
    },
    stopBatch: {
      run: () => void app.stopBatch(),
      blocked: (s) => (batchRunning(s) ? undefined : 'The batch is not running.'),
    },
    settings: { run: app.openSettings },
    history: { run: app.openHistory },
  };
}

function subscribe(onChange: () => void): () => void {
  const off = [useEditor.subscribe(onChange), usePlan.subscribe(onChange), useCanvasUi.subscribe(onChange), useRunStatus.subscribe(onChange), useBatch.subscribe(onChange)];
  return () => off.forEach((unsubscribe) => unsubscribe());
}

function state(): CommandState {
  return { editor: useEditor.getState(), plan: usePlan.getState(), ui: useCanvasUi.getState(), runs: useRunStatus.getState(), batch: useBatch.getState() };
}

/** Why a command cannot run now (its `blocked` rule, read once), or undefined when it can. */
export function blockedNow(binding: Binding): string | undefined {
  return binding.blocked?.(state());
}

/** A rule's answer, kept up to date with the stores it reads. */
export function useCommandRule<T extends string | boolean | undefined>(rule: ((state: CommandState) => T) | undefined): T | undefined {
  return useSyncExternalStore(subscribe, () => rule?.(state()));
}
