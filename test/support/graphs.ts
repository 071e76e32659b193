/** Small graph builders for tests. */
import type { ModelId } from '../../shared/models';
import {
  emptyGraph,
  type AssetNode,
  type AssetSource,
  type GraphDocument,
  type GraphEdge,
  type SeedanceNode,
} from '../../shared/graph';
import type { NodeSettings } from '../../shared/models';

export function asset(
  id: string,
  media: AssetNode['data']['media'],
  source?: AssetSource,
  extra: Partial<AssetNode['data']> = {},
  x = 0,
): AssetNode {
  return { id, type: 'asset', position: { x, y: 0 }, data: { media, ...(source ? { source } : {}), ...extra } };
}

export function seedance(id: string, model: ModelId, prompt: string, settings: NodeSettings = {}, x = 400): SeedanceNode {
  return { id, type: 'seedance', position: { x, y: 0 }, data: { model, prompt, settings } };
}

export function edge(id: string, source: string, sourceHandle: GraphEdge['sourceHandle'], target: string, targetHandle: string): GraphEdge {
  return { id, source, sourceHandle, target, targetHandle };
}

export function graphOf(nodes: GraphDocument['nodes'], edges: GraphEdge[] = [], extra: Partial<GraphDocument> = {}): GraphDocument {
  return { ...emptyGraph(), nodes, edges, ...extra };
}

export const file = (path: string): AssetSource => ({ kind: 'file', path });
export const url = (u: string): AssetSource => ({ kind: 'url', url: u });
