/**
 * Whether a graph has a batch at all: imported CSV rows, or an asset node with several items.
 * Kept apart from rows.ts so the window can ask it without loading the rows rule at start.
 */
import type { GraphDocument } from '../graph';

export function hasBatch(graph: Pick<GraphDocument, 'nodes' | 'batch'>): boolean {
  return graph.batch?.rows !== undefined || graph.nodes.some((n) => n.type === 'asset' && (n.data.items?.length ?? 0) > 1);
}
