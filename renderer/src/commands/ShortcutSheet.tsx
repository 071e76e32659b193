/** The keyboard shortcut sheet ("?"): every command with keys, from the registry the handlers match against. */
import { Fragment } from 'react';
import { COMMAND_GROUPS, COMMANDS } from '../../../shared/commands';
import { Dialog } from '../ui/Dialog';
import { comboText } from './keys';

/** Keys React Flow handles on the canvas that are no command of their own. */
const CANVAS_KEYS: readonly { keys: string; description: string }[] = [
  { keys: 'Tab / Shift+Tab', description: 'Move between nodes, wires and controls' },
  { keys: 'Enter or Space', description: 'Select the focused node or wire' },
  { keys: 'Arrow keys', description: 'Move the selected nodes (one undo step per press)' },
  { keys: 'Shift+click, Shift+drag', description: 'Add to the selection, select with a box' },
];

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="sf-shortcuts">
      {COMMAND_GROUPS.map((group) => (
        <Fragment key={group}>
          <h3>{group}</h3>
          <table className="sf-shortcut-table" aria-label={`${group} shortcuts`}>
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {COMMANDS.filter((c) => c.group === group && c.keys.length > 0).map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.keys.map((k, i) => (
                      <Fragment key={i}>
                        {i > 0 ? ' or ' : null}
                        <kbd>{comboText(k)}</kbd>
                      </Fragment>
                    ))}
                  </td>
                  <td>{c.description}</td>
                </tr>
              ))}
              {group === 'Canvas'
                ? CANVAS_KEYS.map((k) => (
                    <tr key={k.keys}>
                      <td>
                        <kbd>{k.keys}</kbd>
                      </td>
                      <td>{k.description}</td>
                    </tr>
                  ))
                : null}
            </tbody>
          </table>
        </Fragment>
      ))}
      <div className="sf-dialog-buttons">
        <button type="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
