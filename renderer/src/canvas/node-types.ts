/**
 * The node components the canvas draws, by graph node type (renderer/src/nodes). They read their
 * graph node from the editor store by id; the canvas passes the graph data too, as `data`.
 * Zoomed out, each draws in its far form (nodes/detail.tsx).
 */
import type { NodeTypes } from '@xyflow/react';
import { AssetNode, NoteNode, SeedanceNode, withDetail } from '../nodes';
import { PipelineNodeLazy } from '../pipelines/lazy';

export const NODE_TYPES: NodeTypes = {
  asset: withDetail(AssetNode),
  seedance: withDetail(SeedanceNode),
  note: withDetail(NoteNode),
  pipeline: withDetail(PipelineNodeLazy),
};
