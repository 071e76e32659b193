/**
 * Lookups over a graph document, built once per version of its node and edge lists and reused
 * until they change (the store replaces a list when it edits it, so a list is never mutated in
 * place). Finding a node or a node's wires is then constant time, which keeps planning and the
 * canvas linear in the size of the graph.
 */
import type { GraphDocument, GraphEdge, GraphNode } from './schema';

const nodeMaps = new WeakMap<readonly GraphNode[], ReadonlyMap<string, GraphNode>>();
const edgeMaps = new WeakMap<readonly GraphEdge[], { into: ReadonlyMap<string, readonly GraphEdge[]>; from: ReadonlyMap<string, readonly GraphEdge[]> }>();
const NONE: readonly GraphEdge[] = Object.freeze([]);

/** Every node by id. */
export function nodesById(graph: Pick<GraphDocument, 'nodes'>): ReadonlyMap<string, GraphNode> {
  let map = nodeMaps.get(graph.nodes);
  if (!map) {
    map = new Map(graph.nodes.map((n) => [n.id, n]));
    nodeMaps.set(graph.nodes, map);
  }
  return map;
}

function edgeMapsOf(graph: Pick<GraphDocument, 'edges'>) {
  let maps = edgeMaps.get(graph.edges);
  if (!maps) {
    const into = new Map<string, GraphEdge[]>();
    const from = new Map<string, GraphEdge[]>();
    for (const edge of graph.edges) {
      (into.get(edge.target) ?? into.set(edge.target, []).get(edge.target))?.push(edge);
      (from.get(edge.source) ?? from.set(edge.source, []).get(edge.source))?.push(edge);
    }
    maps = { into, from };
    edgeMaps.set(graph.edges, maps);
  }
  return maps;
}

/** The wires into a node, in the graph's order (the same array until the edges change). */
export function edgesInto(graph: Pick<GraphDocument, 'edges'>, nodeId: string): readonly GraphEdge[] {
  return edgeMapsOf(graph).into.get(nodeId) ?? NONE;
}

/** The wires out of a node, in the graph's order (the same array until the edges change). */
export function edgesFrom(graph: Pick<GraphDocument, 'edges'>, nodeId: string): readonly GraphEdge[] {
  return edgeMapsOf(graph).from.get(nodeId) ?? NONE;
}
