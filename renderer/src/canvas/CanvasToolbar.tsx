/** Editing commands as buttons: the same actions as the shortcuts, for mouse and keyboard alike. */
import { useEditor } from '../store/editor';
import type { CanvasActions } from './actions';
import { comboText, SHORTCUTS, type ShortcutAction } from './shortcuts';
import { useCanvasUi } from '../store/canvas-ui';

function keysOf(action: ShortcutAction): string | undefined {
  const shortcut = SHORTCUTS.find((s) => s.action === action);
  return shortcut?.combos.map((c) => comboText(c)).join(' or ');
}

function hint(text: string, action: ShortcutAction): string {
  const keys = keysOf(action);
  return keys ? `${text} (${keys})` : text;
}

export function CanvasToolbar({ actions }: { actions: CanvasActions }) {
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const nextUndo = useEditor((s) => s.past.at(-1)?.label);
  const nextRedo = useEditor((s) => s.future[0]?.label);
  const hasSelection = useCanvasUi((s) => s.selectedNodes.length > 0 || s.selectedEdges.length > 0);
  const hasNodes = useEditor((s) => s.graph.nodes.length > 0);
  const snap = useCanvasUi((s) => s.snapToGrid);
  const open = useCanvasUi((s) => s.openDialog);

  return (
    <div role="toolbar" aria-label="Canvas tools" className="sf-canvas-toolbar">
      <button type="button" onClick={actions.undo} disabled={!canUndo} title={hint(nextUndo ? `Undo ${nextUndo}` : 'Undo', 'undo')}>
        Undo
      </button>
      <button type="button" onClick={actions.redo} disabled={!canRedo} title={hint(nextRedo ? `Redo ${nextRedo}` : 'Redo', 'redo')}>
        Redo
      </button>
      <span className="sf-sep" aria-hidden="true" />
      <button type="button" onClick={() => open('quickAdd')} title={hint('Quick add', 'quickAdd')}>
        Quick add…
      </button>
      <button type="button" onClick={() => open('connections')} title={hint('Wire and unwire by keyboard', 'connections')}>
        Connections…
      </button>
      <span className="sf-sep" aria-hidden="true" />
      <button type="button" onClick={actions.duplicate} disabled={!hasSelection} title={hint('Duplicate', 'duplicate')}>
        Duplicate
      </button>
      <button type="button" onClick={() => void actions.copy()} disabled={!hasSelection} title={hint('Copy', 'copy')}>
        Copy
      </button>
      <button type="button" onClick={() => void actions.cut()} disabled={!hasSelection} title={hint('Cut', 'cut')}>
        Cut
      </button>
      <button type="button" onClick={() => void actions.paste()} title={hint('Paste', 'paste')}>
        Paste
      </button>
      <button type="button" onClick={actions.deleteSelection} disabled={!hasSelection} title="Delete the selection (Delete or Backspace)">
        Delete
      </button>
      <span className="sf-sep" aria-hidden="true" />
      <button type="button" onClick={actions.autoLayout} disabled={!hasNodes} title={hint('Auto-layout', 'autoLayout')}>
        Auto-layout
      </button>
      <button type="button" aria-pressed={snap} onClick={actions.toggleSnap} title={hint('Snap to grid', 'toggleSnap')}>
        Snap to grid
      </button>
      <button type="button" onClick={() => open('shortcuts')} title={hint('Keyboard shortcuts', 'shortcuts')}>
        Shortcuts
      </button>
    </div>
  );
}
