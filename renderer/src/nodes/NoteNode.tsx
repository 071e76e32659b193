/**
 * A note on the canvas: free text, resizable by its corner. Text edits are coalesced into one undo
 * step per burst of typing, like the prompt; the size is saved with the graph.
 */
import { memo, useId, useRef } from 'react';
import { findNode } from '../../../shared/graph';
import { useEditor } from '../store/editor';
import { sameNodeProps, type EditorNodeProps } from './types';
import './nodes.css';

export const NoteNode = memo(function NoteNode({ id }: EditorNodeProps) {
  const labelId = useId();
  const node = useEditor((s) => findNode(s.graph, id));
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const endTyping = useEditor((s) => s.endTyping);
  const field = useRef<HTMLTextAreaElement>(null);
  if (!node || node.type !== 'note') {
    return <div className="sfn-node sfn-node--missing">This note is no longer in the graph.</div>;
  }
  const { text, width, height } = node.data;

  /** After the corner was dragged: keep the new size (one undo step). */
  function keepSize() {
    const el = field.current;
    if (!el) return;
    const w = Math.round(el.offsetWidth);
    const h = Math.round(el.offsetHeight);
    if (w > 0 && h > 0 && (w !== width || h !== height)) updateNodeData(id, 'resize note', { width: w, height: h });
  }

  return (
    <div className="sfn-node sfn-node--note">
      <label id={labelId} htmlFor={`${labelId}-text`} className="sfn-note__label">
        Note
      </label>
      <textarea
        ref={field}
        id={`${labelId}-text`}
        className="sfn-note__text nodrag nowheel nokey"
        value={text}
        placeholder="Write a note for whoever opens this graph next."
        style={{ ...(width ? { width } : {}), ...(height ? { height } : {}) }}
        onChange={(e) => updateNodeData(id, 'edit note', { text: e.currentTarget.value }, { coalesce: `note:${id}` })}
        onBlur={endTyping}
        onPointerUp={keepSize}
      />
    </div>
  );
}, sameNodeProps);
