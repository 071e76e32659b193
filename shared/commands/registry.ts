/**
 * Every command of the window, as data, in one table: the toolbars, the keyboard shortcuts, the
 * shortcut sheet, quick add and the desktop menu all read it, so a label or a key is written once.
 * The window binds each id to what it does (renderer/src/commands/bindings.ts); the desktop menu
 * sends ids as `menu.command` events, whose allowed values are these ids.
 */
import { acceleratorOf, menuCombo, type KeyCombo, type MenuPlatform } from './keys';

export type CommandGroup = 'Edit' | 'Canvas' | 'File and run';

export interface CommandDescriptor {
  readonly id: string;
  /** What its button, menu item and quick-add entry say. */
  readonly label: string;
  /** What it does, for the shortcut sheet and tooltips. */
  readonly description: string;
  readonly group: CommandGroup;
  /**
   * Where its keys work: `canvas` while the canvas is shown (not on the start screen), `app`
   * everywhere in the window.
   */
  readonly scope: 'canvas' | 'app';
  /** Every key combination that runs it; the desktop menu shows one of them (see `menuCombo`). */
  readonly keys: readonly KeyCombo[];
  /** Its keys also work while typing in a text field. */
  readonly inText?: boolean;
  /**
   * Its keys are handled elsewhere: by React Flow (Delete) or by the browser's clipboard events
   * (copy, cut, paste), so the system clipboard works as everywhere else. Listed for the sheet.
   */
  readonly builtIn?: boolean;
  /** Quick add does not offer it (quick add itself, or a key that only makes sense as a key). */
  readonly searchable?: false;
}

const TABLE = [
  { id: 'undo', label: 'Undo', description: 'Undo', group: 'Edit', scope: 'canvas', keys: [{ key: 'z', mod: true }], inText: true },
  {
    id: 'redo',
    label: 'Redo',
    description: 'Redo',
    group: 'Edit',
    scope: 'canvas',
    keys: [{ key: 'z', mod: true, shift: true }, { key: 'y', ctrl: true, menuOn: ['win32'] }],
    inText: true,
  },
  { id: 'duplicate', label: 'Duplicate', description: 'Duplicate the selected nodes', group: 'Edit', scope: 'canvas', keys: [{ key: 'd', mod: true }] },
  { id: 'copy', label: 'Copy', description: 'Copy the selected nodes (to the system clipboard)', group: 'Edit', scope: 'canvas', keys: [{ key: 'c', mod: true }], builtIn: true },
  { id: 'cut', label: 'Cut', description: 'Cut the selected nodes', group: 'Edit', scope: 'canvas', keys: [{ key: 'x', mod: true }], builtIn: true },
  { id: 'paste', label: 'Paste', description: 'Paste nodes, or a media URL as a new asset node', group: 'Edit', scope: 'canvas', keys: [{ key: 'v', mod: true }], builtIn: true },
  { id: 'selectAll', label: 'Select all', description: 'Select every node', group: 'Edit', scope: 'canvas', keys: [{ key: 'a', mod: true }] },
  { id: 'delete', label: 'Delete', description: 'Delete the selected nodes and wires', group: 'Edit', scope: 'canvas', keys: [{ key: 'Delete' }, { key: 'Backspace' }], builtIn: true },
  {
    id: 'quickAdd',
    label: 'Quick add…',
    description: 'Quick add: search node types, models and commands',
    group: 'Canvas',
    scope: 'canvas',
    keys: [{ key: '/' }, { key: 'k', mod: true }],
    searchable: false,
  },
  { id: 'connections', label: 'Connections…', description: 'Connections: wire or unwire by keyboard', group: 'Canvas', scope: 'canvas', keys: [{ key: 'c' }] },
  { id: 'importMedia', label: 'Import file…', description: 'Import media files as asset nodes', group: 'Canvas', scope: 'canvas', keys: [] },
  { id: 'autoLayout', label: 'Auto-layout', description: 'Auto-layout, left to right', group: 'Canvas', scope: 'canvas', keys: [{ key: 'l', shift: true }, { key: 'l', mod: true, shift: true }] },
  { id: 'fitView', label: 'Fit view', description: 'Fit the graph in view', group: 'Canvas', scope: 'canvas', keys: [{ key: 'f' }, { key: 'f', mod: true, shift: true }] },
  { id: 'toggleSnap', label: 'Snap to grid', description: 'Snap to grid on or off', group: 'Canvas', scope: 'canvas', keys: [{ key: 'g' }] },
  { id: 'shortcuts', label: 'Shortcuts', description: 'Show this list of shortcuts', group: 'Canvas', scope: 'canvas', keys: [{ key: '?', shift: true }, { key: '/', mod: true }] },
  { id: 'escape', label: 'Clear selection', description: 'Clear the selection, close a dialog', group: 'Canvas', scope: 'canvas', keys: [{ key: 'Escape' }], searchable: false },
  { id: 'new', label: 'New', description: 'New graph', group: 'File and run', scope: 'app', keys: [{ key: 'n', mod: true }], inText: true },
  { id: 'open', label: 'Open…', description: 'Open a graph file', group: 'File and run', scope: 'app', keys: [{ key: 'o', mod: true }], inText: true },
  { id: 'save', label: 'Save', description: 'Save', group: 'File and run', scope: 'app', keys: [{ key: 's', mod: true }], inText: true },
  { id: 'saveAs', label: 'Save as…', description: 'Save as', group: 'File and run', scope: 'app', keys: [{ key: 's', mod: true, shift: true }], inText: true },
  { id: 'run', label: 'Run', description: 'Run the graph', group: 'File and run', scope: 'app', keys: [{ key: 'Enter', mod: true }], inText: true },
  {
    id: 'runAgain',
    label: 'Run again',
    description: 'Run the graph again and pay again, reusing no earlier result (a new take)',
    group: 'File and run',
    scope: 'app',
    keys: [{ key: 'Enter', mod: true, shift: true }],
    inText: true,
  },
  {
    id: 'runNode',
    label: 'Run this node',
    description: 'Run the selected Seedance node with what it needs upstream; unchanged nodes upstream keep their latest result',
    group: 'File and run',
    scope: 'canvas',
    keys: [{ key: 'Enter', mod: true, alt: true }],
    inText: true,
  },
  {
    id: 'runFromHere',
    label: 'Run from here',
    description: 'Run the selected node (or the nodes a selected asset feeds) and everything downstream; unchanged nodes upstream keep their latest result',
    group: 'File and run',
    scope: 'canvas',
    keys: [],
  },
  { id: 'runTimes', label: 'Run several times…', description: 'Run the graph several times at once: takes to compare', group: 'File and run', scope: 'app', keys: [] },
  { id: 'cancelRun', label: 'Cancel run', description: 'Cancel the runs started from this window', group: 'File and run', scope: 'app', keys: [] },
  { id: 'history', label: 'History', description: 'Every run and task, across restarts: results, errors, re-run, recover', group: 'File and run', scope: 'app', keys: [{ key: 'h', mod: true, shift: true }], inText: true },
  { id: 'importBatchCsv', label: 'Import CSV…', description: 'Import a batch CSV: one run per row', group: 'File and run', scope: 'app', keys: [] },
  { id: 'runBatch', label: 'Run all rows', description: 'Run every row of the batch, one run each', group: 'File and run', scope: 'app', keys: [] },
  {
    id: 'retryFailedRows',
    label: 'Retry failed rows',
    description: 'Run only the batch rows whose last run did not succeed',
    group: 'File and run',
    scope: 'app',
    keys: [],
  },
  { id: 'stopBatch', label: 'Stop batch', description: "Cancel the batch's runs", group: 'File and run', scope: 'app', keys: [] },
  { id: 'settings', label: 'Settings…', description: 'Settings', group: 'File and run', scope: 'app', keys: [{ key: ',', mod: true }], inText: true },
] as const satisfies readonly CommandDescriptor[];

export type CommandId = (typeof TABLE)[number]['id'];

export interface Command extends CommandDescriptor {
  readonly id: CommandId;
}

/** Every command, in the order the shortcut sheet and quick add list them. */
export const COMMANDS: readonly Command[] = TABLE;

/** Every command id, in table order (the `menu.command` event's allowed values). */
export const COMMAND_IDS = TABLE.map((c) => c.id);

export const COMMAND_GROUPS: readonly CommandGroup[] = ['Edit', 'Canvas', 'File and run'];

export function commandOf(id: CommandId): Command {
  const command = COMMANDS.find((c) => c.id === id);
  if (!command) throw new Error(`There is no command "${id}".`);
  return command;
}

/** The accelerator the desktop menu shows for a command, if it has a combo with a modifier. */
export function menuAccelerator(id: CommandId, platform: MenuPlatform): string | undefined {
  const combo = menuCombo(commandOf(id).keys, platform);
  return combo ? acceleratorOf(combo) : undefined;
}
