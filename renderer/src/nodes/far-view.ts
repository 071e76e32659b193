/**
 * What a node shows in its far form (zoomed out), as pure functions of the graph: its kind, name
 * and colour class, and the ports its wires use (so every wire still has both ends).
 */
import { edgesFrom, edgesInto, type GraphDocument, type GraphNode } from '../../../shared/graph';
import { nodeKindTitle, nodeName } from './names';

export interface FarPort {
  type: 'source' | 'target';
  id: string;
}

export interface FarView {
  /** "Seedance node shot1": the accessible name. */
  title: string;
  /** What the box says: the node's name. */
  name: string;
  /** The colour class suffix, as the full node's (`video`, `image`, `audio`, `seedance`, `note`). */
  kind: string;
}

export function farView(node: GraphNode): FarView {
  const kind = node.type === 'asset' ? node.data.media : node.type;
  return { title: nodeKindTitle(node), name: node.type === 'note' ? node.data.text.split('\n')[0]?.slice(0, 80) || 'Note' : nodeName(node), kind };
}

/**
 * The ports a node's wires use, as one string (`t:video:1 s:video`) so a store selector can
 * compare it by value; `parseFarPorts` reads it back.
 */
export function farPortsKey(graph: GraphDocument, id: string): string {
  const ports = new Set<string>();
  for (const edge of edgesInto(graph, id)) ports.add(`t:${edge.targetHandle}`);
  for (const edge of edgesFrom(graph, id)) ports.add(`s:${edge.sourceHandle}`);
  return [...ports].join(' ');
}

export function parseFarPorts(key: string): FarPort[] {
  if (key === '') return [];
  return key.split(' ').map((port) => ({ type: port.startsWith('s:') ? 'source' : 'target', id: port.slice(2) }));
}
