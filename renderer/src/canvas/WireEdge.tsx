/** A wire on the canvas: a bezier with a remove button at its middle, named for screen readers. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { DetailContext } from '../nodes';
import { deleteElements } from './actions';

export type WireData = { label: string };
export type WireEdgeType = Edge<WireData, 'wire'>;

export const WireEdge = memo(function WireEdge(props: EdgeProps<WireEdgeType>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected, data } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  // Zoomed out the button would be a dot too small to hit: the wire alone (Delete still removes it).
  const far = useContext(DetailContext);
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} className={selected ? 'sf-wire sf-wire-selected' : 'sf-wire'} />
      {far ? null : (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={`sf-wire-remove nodrag nopan${selected ? ' sf-wire-remove-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            aria-label={`Remove wire ${data?.label ?? id}`}
            title="Remove wire"
            onClick={() => deleteElements([], [id])}
          >
            ×
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
