/**
 * "Run this node" and "Run from here" on a node's header: they select the node and run the
 * registry's command, so the buttons, the keys and quick add do one thing. Outside a window
 * with commands (a node rendered on its own) they are not shown.
 */
import { useContext } from 'react';
import { commandOf } from '../../../shared/commands';
import { CommandsContext } from '../commands/context';
import { useCanvasUi } from '../store/canvas-ui';

export function NodeRunActions({ nodeId, name, alone }: { nodeId: string; name: string; /** Offer "Run this node" (Seedance nodes). */ alone: boolean }) {
  const bindings = useContext(CommandsContext);
  if (!bindings) return null;
  const runAs = (id: 'runNode' | 'runFromHere') => () => {
    useCanvasUi.getState().select([nodeId]);
    bindings[id].run();
  };
  return (
    <span className="sfn-node__run">
      {alone ? (
        <button type="button" className="sfn-icon-button nodrag" aria-label={`Run ${name}`} title={commandOf('runNode').description} onClick={runAs('runNode')}>
          ▶
        </button>
      ) : null}
      <button type="button" className="sfn-icon-button nodrag" aria-label={`Run from ${name}`} title={commandOf('runFromHere').description} onClick={runAs('runFromHere')}>
        <span aria-hidden="true" className="sfn-node__run-from">
          ▶▶
        </span>
      </button>
    </span>
  );
}
