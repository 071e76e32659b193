/**
 * Every keyboard shortcut, in one list: the shortcut sheet shows it and the handlers match
 * against it, so the two cannot disagree.
 */

export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'duplicate'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'selectAll'
  | 'delete'
  | 'quickAdd'
  | 'connections'
  | 'autoLayout'
  | 'fitView'
  | 'toggleSnap'
  | 'shortcuts'
  | 'escape'
  | 'new'
  | 'open'
  | 'save'
  | 'saveAs'
  | 'run'
  | 'settings';

export interface KeyCombo {
  key: string;
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** Only Ctrl, on every platform (Ctrl+Y). */
  ctrl?: boolean;
}

export interface Shortcut {
  action: ShortcutAction;
  description: string;
  group: 'Edit' | 'Canvas' | 'File and run';
  combos: KeyCombo[];
  /** Also works while typing in a text field. */
  inText?: boolean;
  /** Handled by React Flow itself; listed for the sheet only. */
  builtIn?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'undo', group: 'Edit', description: 'Undo', combos: [{ key: 'z', mod: true }], inText: true },
  { action: 'redo', group: 'Edit', description: 'Redo', combos: [{ key: 'z', mod: true, shift: true }, { key: 'y', ctrl: true }], inText: true },
  { action: 'duplicate', group: 'Edit', description: 'Duplicate the selected nodes', combos: [{ key: 'd', mod: true }] },
  { action: 'copy', group: 'Edit', description: 'Copy the selected nodes (to the system clipboard)', combos: [{ key: 'c', mod: true }] },
  { action: 'cut', group: 'Edit', description: 'Cut the selected nodes', combos: [{ key: 'x', mod: true }] },
  { action: 'paste', group: 'Edit', description: 'Paste nodes, or a media URL as a new asset node', combos: [{ key: 'v', mod: true }] },
  { action: 'selectAll', group: 'Edit', description: 'Select every node', combos: [{ key: 'a', mod: true }] },
  { action: 'delete', group: 'Edit', description: 'Delete the selected nodes and wires', combos: [{ key: 'Delete' }, { key: 'Backspace' }], builtIn: true },
  { action: 'quickAdd', group: 'Canvas', description: 'Quick add: search node types and models', combos: [{ key: '/' }, { key: 'k', mod: true }] },
  { action: 'connections', group: 'Canvas', description: 'Connections: wire or unwire by keyboard', combos: [{ key: 'c' }] },
  { action: 'autoLayout', group: 'Canvas', description: 'Auto-layout, left to right', combos: [{ key: 'l', shift: true }] },
  { action: 'fitView', group: 'Canvas', description: 'Fit the graph in view', combos: [{ key: 'f' }] },
  { action: 'toggleSnap', group: 'Canvas', description: 'Snap to grid on or off', combos: [{ key: 'g' }] },
  { action: 'shortcuts', group: 'Canvas', description: 'Show this list of shortcuts', combos: [{ key: '?', shift: true }] },
  { action: 'escape', group: 'Canvas', description: 'Clear the selection, close a dialog', combos: [{ key: 'Escape' }] },
  { action: 'new', group: 'File and run', description: 'New graph', combos: [{ key: 'n', mod: true }], inText: true },
  { action: 'open', group: 'File and run', description: 'Open a graph file', combos: [{ key: 'o', mod: true }], inText: true },
  { action: 'save', group: 'File and run', description: 'Save', combos: [{ key: 's', mod: true }], inText: true },
  { action: 'saveAs', group: 'File and run', description: 'Save as', combos: [{ key: 's', mod: true, shift: true }], inText: true },
  { action: 'run', group: 'File and run', description: 'Run the graph', combos: [{ key: 'Enter', mod: true }], inText: true },
  { action: 'settings', group: 'File and run', description: 'Settings', combos: [{ key: ',', mod: true }], inText: true },
];

/** Keys React Flow handles on the canvas (not in SHORTCUTS' handler). */
export const BUILT_IN_KEYS: readonly { keys: string; description: string }[] = [
  { keys: 'Tab / Shift+Tab', description: 'Move between nodes, wires and controls' },
  { keys: 'Enter or Space', description: 'Select the focused node or wire' },
  { keys: 'Arrow keys', description: 'Move the selected nodes (one undo step per press)' },
  { keys: 'Shift+click, Shift+drag', description: 'Add to the selection, select with a box' },
];

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

export function comboText(combo: KeyCombo, mac = isMac()): string {
  const parts: string[] = [];
  if (combo.ctrl) parts.push('Ctrl');
  if (combo.mod) parts.push(mac ? 'Cmd' : 'Ctrl');
  if (combo.alt) parts.push(mac ? 'Option' : 'Alt');
  if (combo.shift && combo.key !== '?') parts.push('Shift');
  const key = combo.key.length === 1 ? combo.key.toUpperCase() : combo.key;
  parts.push(key === ' ' ? 'Space' : key);
  return parts.join('+');
}

function matches(event: KeyboardEvent, combo: KeyCombo, mac: boolean): boolean {
  const mod = mac ? event.metaKey : event.ctrlKey;
  const wantMod = combo.mod === true;
  const wantCtrl = combo.ctrl === true;
  if (wantCtrl) {
    if (!event.ctrlKey || event.metaKey) return false;
  } else if (mod !== wantMod || (mac ? event.ctrlKey : event.metaKey)) {
    return false;
  }
  if (event.altKey !== (combo.alt === true)) return false;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  // "?" and "/" are typed with or without Shift depending on the keyboard layout.
  if (combo.key === '?' || combo.key === '/') return key === combo.key;
  if (event.shiftKey !== (combo.shift === true)) return false;
  return key === combo.key.toLowerCase() || key === combo.key;
}

/** The shortcut a key event is, if any. */
export function shortcutFor(event: KeyboardEvent, mac = isMac()): Shortcut | undefined {
  return SHORTCUTS.find((s) => !s.builtIn && s.combos.some((c) => matches(event, c, mac)));
}

/** Whether the event comes from a place where keys type text. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes(type);
  }
  return target.getAttribute('role') === 'combobox' || target.getAttribute('role') === 'textbox';
}

/** Whether focus is inside an open modal dialog (its keys are its own). */
export function isInDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[role="dialog"],[role="alertdialog"]') !== null;
}
