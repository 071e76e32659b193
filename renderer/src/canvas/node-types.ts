/**
 * The node components the canvas draws, by graph node type (renderer/src/nodes). They read their
 * graph node from the editor store by id; the canvas passes the graph data too, as `data`.
 */
import type { NodeTypes } from '@xyflow/react';
import { AssetNode, NoteNode, SeedanceNode } from '../nodes';

export const NODE_TYPES: NodeTypes = {
  asset: AssetNode,
  seedance: SeedanceNode,
  note: NoteNode,
};
