/** The keyboard shortcut sheet ("?"): every shortcut from the one list the handlers use. */
import { Fragment } from 'react';
import { Dialog } from '../ui/Dialog';
import { BUILT_IN_KEYS, comboText, SHORTCUTS, type Shortcut } from './shortcuts';

const GROUPS: Shortcut['group'][] = ['Edit', 'Canvas', 'File and run'];

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="sf-shortcuts">
      {GROUPS.map((group) => (
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
              {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                <tr key={s.action}>
                  <td>
                    {s.combos.map((c, i) => (
                      <Fragment key={i}>
                        {i > 0 ? ' or ' : null}
                        <kbd>{comboText(c)}</kbd>
                      </Fragment>
                    ))}
                  </td>
                  <td>{s.description}</td>
                </tr>
              ))}
              {group === 'Canvas'
                ? BUILT_IN_KEYS.map((k) => (
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
