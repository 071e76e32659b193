/** Editing commands as buttons: the same commands as the keys and the menu, for mouse and keyboard alike. */
import { CommandButton } from '../commands/CommandButton';

export function CanvasToolbar() {
  return (
    <div role="toolbar" aria-label="Canvas tools" className="sf-canvas-toolbar">
      <CommandButton id="undo" />
      <CommandButton id="redo" />
      <span className="sf-sep" aria-hidden="true" />
      <CommandButton id="quickAdd" />
      <CommandButton id="connections" />
      <span className="sf-sep" aria-hidden="true" />
      <CommandButton id="duplicate" />
      <CommandButton id="copy" />
      <CommandButton id="cut" />
      <CommandButton id="paste" />
      <CommandButton id="delete" />
      <span className="sf-sep" aria-hidden="true" />
      <CommandButton id="autoLayout" />
      <CommandButton id="toggleSnap" />
      <CommandButton id="shortcuts" />
    </div>
  );
}
