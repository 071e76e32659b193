/**
 * The batch in the window: edits to the graph's batch (CSV rows, several items on an asset node)
 * as undoable steps, and the rows' statuses as the Node side last reported them (from the
 * ledger, so they survive a restart).
 */
import { create } from 'zustand';
import type { BatchRowStatus } from '../../../shared/api';
import { findNode, type AssetSource, type GraphBatch, type GraphDocument } from '../../../shared/graph';
import { useEditor } from './editor';

export interface BatchState {
  /** Each row's last outcome; empty before the first read or without a batch. */
  statuses: BatchRowStatus[];
  /** Why the statuses could not be read (or the rows built), in words. */
  error: string | null;
  /** What the last CSV import said about inputs no column binds. */
  notes: string[];
  /** The runs the last "Run all rows" or "Retry failed rows" started (Stop cancels them). */
  runIds: string[];
}

export const useBatch = create<BatchState>()(() => ({ statuses: [], error: null, notes: [], runIds: [] }));

export function newBatchId(): string {
  return globalThis.crypto.randomUUID();
}

/** The graph's batch, made if it has none (a fresh identity: no row of it has run yet). */
function batchOf(graph: GraphDocument): GraphBatch {
  return graph.batch ?? { id: newBatchId() };
}

/**
 * Gives an asset node its items: one keeps it a plain node (its source), several make one batch
 * row each (the first is also its source, for a single Run).
 */
export function setAssetItems(nodeId: string, items: readonly AssetSource[], label = items.length > 1 ? 'add batch items' : 'choose file'): void {
  const [first] = items;
  if (!first) return;
  useEditor.getState().apply(label, (graph) => {
    const nodes = graph.nodes.map((node) => {
      if (node.id !== nodeId || node.type !== 'asset') return node;
      const { items: _old, ...data } = node.data;
      return { ...node, data: { ...data, source: first, ...(items.length > 1 ? { items: [...items] } : {}) } };
    });
    return items.length > 1 ? { ...graph, nodes, batch: batchOf(graph) } : { ...graph, nodes };
  });
}

/** The items of an asset node (its source alone when it has one item). */
export function itemsOf(graph: GraphDocument, nodeId: string): AssetSource[] {
  const node = findNode(graph, nodeId);
  if (!node || node.type !== 'asset') return [];
  return node.data.items ?? (node.data.source ? [node.data.source] : []);
}
