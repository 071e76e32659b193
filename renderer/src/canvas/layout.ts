/**
 * Auto-layout with dagre: left to right, inputs before the nodes they feed. Loaded on demand
 * (`import('./layout')`): dagre is not needed to open the window.
 */
import dagre from '@dagrejs/dagre';
import type { GraphDocument } from '../../../shared/graph';
import { DEFAULT_NODE_SIZE } from './node-size';

export function layoutPositions(
  graph: GraphDocument,
  sizes: Readonly<Record<string, { width?: number; height?: number } | undefined>>,
): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 100, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const sizeOf = (id: string) => ({
    width: sizes[id]?.width || DEFAULT_NODE_SIZE.width,
    height: sizes[id]?.height || DEFAULT_NODE_SIZE.height,
  });
  for (const node of graph.nodes) g.setNode(node.id, sizeOf(node.id));
  for (const edge of graph.edges) if (g.hasNode(edge.source) && g.hasNode(edge.target)) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const node of graph.nodes) {
    const laid = g.node(node.id);
    const { width, height } = sizeOf(node.id);
    // dagre gives centres; the graph keeps top-left corners.
    positions[node.id] = { x: Math.round(laid.x - width / 2), y: Math.round(laid.y - height / 2) };
  }
  return positions;
}
