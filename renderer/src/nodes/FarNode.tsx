/**
 * A node in its far form (see detail.tsx): its box in its kind's colour and at the size it has
 * near, its name in type large enough to read zoomed out, its run state and problem count as
 * colours and a number, and the ports its wires use, so every wire keeps both ends.
 */
import { Handle, Position, useStoreApi } from '@xyflow/react';
import { memo, useMemo, useState } from 'react';
import { findNode } from '../../../shared/graph';
import { useEditor } from '../store/editor';
import { useNodeIssues } from '../store/plan';
import { runStateOf, useRunStatus } from '../store/run-status';
import { farPortsKey, farView, parseFarPorts } from './far-view';
import { sameNodeProps, type EditorNodeProps } from './types';
import './nodes.css';

export const FarNode = memo(function FarNode({ id }: EditorNodeProps) {
  const store = useStoreApi();
  // The size the node had near (React Flow measured it), so zooming out moves nothing.
  const [size] = useState(() => store.getState().nodeLookup.get(id)?.measured);
  const node = useEditor((s) => findNode(s.graph, id));
  const view = useMemo(() => (node ? farView(node) : undefined), [node]);
  const portsKey = useEditor((s) => farPortsKey(s.graph, id));
  const ports = useMemo(() => parseFarPorts(portsKey), [portsKey]);
  const state = useRunStatus((s) => {
    const event = s.byNode[id];
    return event ? runStateOf(event) : undefined;
  });
  const issues = useNodeIssues(id);
  if (!view) return null;
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <div
      role="group"
      aria-label={`${view.title}${state ? `, ${state}` : ''}`}
      className={`sfn-node sfn-node--${view.kind} sfn-node--far${state ? ` sfn-far--${state}` : ''}${errors ? ' sfn-far--errors' : ''}`}
      style={size?.width && size.height ? { width: size.width, height: size.height } : undefined}
    >
      <span className="sfn-far__name">{view.name}</span>
      {issues.length > 0 ? (
        <span className="sfn-far__problems" aria-label={`${issues.length} problem${issues.length > 1 ? 's' : ''}`}>
          {issues.length}
        </span>
      ) : null}
      {ports.map((port) => (
        <Handle key={`${port.type}:${port.id}`} type={port.type} id={port.id} position={port.type === 'source' ? Position.Right : Position.Left} isConnectable={false} className="sfn-far__port" />
      ))}
    </div>
  );
}, sameNodeProps);
