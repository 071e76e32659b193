/**
 * Wiring by keyboard: pick an output and an input slot and connect (the same rules as dragging a
 * wire), or remove any wire. The refusal reason, if any, is said here as well as near the node.
 */
import { useState, type FormEvent } from 'react';
import type { OutputHandle } from '../../../shared/graph';
import { useEditor } from '../store/editor';
import { deleteElements } from './actions';
import { Dialog } from '../ui/Dialog';
import { outputOptions, slotOptions, wireLabel } from './wires';
import { useCanvasUi } from '../store/canvas-ui';

export function ConnectionsDialog({ onClose }: { onClose: () => void }) {
  const graph = useEditor((s) => s.graph);
  const connect = useEditor((s) => s.connect);
  const selected = useCanvasUi((s) => s.selectedNodes);
  const outputs = outputOptions(graph);
  const slots = slotOptions(graph);
  const firstSelected = selected[0];
  const [from, setFrom] = useState(() => outputs.find((o) => o.source === firstSelected)?.value ?? outputs[0]?.value ?? '');
  const [to, setTo] = useState(() => slots.find((s) => s.target === firstSelected && s.target !== outputs.find((o) => o.value === from)?.source)?.value ?? slots.find((s) => s.target !== outputs.find((o) => o.value === from)?.source)?.value ?? slots[0]?.value ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const fromOption = outputs.find((o) => o.value === from) ?? outputs[0];
  const toOption = slots.find((s) => s.value === to) ?? slots[0];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!fromOption || !toOption) return;
    const ok = connect({
      source: fromOption.source,
      sourceHandle: fromOption.sourceHandle as OutputHandle,
      target: toOption.target,
      targetHandle: toOption.targetHandle,
    });
    const notice = useEditor.getState().notice;
    setMessage(ok ? { ok, text: `Connected ${fromOption.label} to ${toOption.label}.` } : { ok, text: notice?.text ?? 'That wire cannot be made.' });
  }

  return (
    <Dialog title="Connections" onClose={onClose} description="Wire an output into an input slot, or remove a wire. The same rules apply as when dragging a wire.">
      {outputs.length === 0 || slots.length === 0 ? (
        <p>Add an asset or Seedance node and a Seedance node to wire them.</p>
      ) : (
        <form className="sf-form" onSubmit={onSubmit}>
          <label className="sf-field">
            <span>From</span>
            <select value={fromOption?.value ?? ''} onChange={(e) => setFrom(e.target.value)} data-autofocus>
              {outputs.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <label className="sf-field">
            <span>To</span>
            <select value={toOption?.value ?? ''} onChange={(e) => setTo(e.target.value)}>
              {slots.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Connect</button>
        </form>
      )}
      <p role={message && !message.ok ? 'alert' : 'status'} className={message && !message.ok ? 'sf-error' : 'sf-hint'}>
        {message?.text ?? ''}
      </p>
      <h3>Wires</h3>
      {graph.edges.length === 0 ? (
        <p>No wires yet.</p>
      ) : (
        <ul className="sf-wire-list" aria-label="Wires">
          {graph.edges.map((edge) => {
            const label = wireLabel(graph, edge);
            return (
              <li key={edge.id}>
                <span>{label}</span>
                <button type="button" aria-label={`Remove wire ${label}`} onClick={() => deleteElements([], [edge.id])}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="sf-dialog-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
