/**
 * A graph's batch rows, as one rule for the window (the rows table) and the Node side (one run
 * per row). Rows come from two places, zipped by position:
 *
 * - the rows of an imported CSV (`graph.batch.rows`: bindings by asset name, and variables);
 * - the items of every asset node that holds several (`data.items`): item 1 goes to row 1, item 2
 *   to row 2, and so on.
 *
 * Every source must have the same number of rows: two multi-item nodes of 3 and 2 items, or a CSV
 * of 4 rows beside a node of 3 items, are refused with a sentence naming both. A CSV column may
 * not bind a node that has its own items. A graph with neither has no batch (it runs once).
 */
import type { AssetNode, AssetSource, GraphDocument } from '../graph';
import { hasBatch } from './has-batch';
import { plural } from '../util/plural';

export interface BatchRowSpec {
  /** 1-based. */
  row: number;
  /** By asset name (from the CSV). */
  bindings: Record<string, AssetSource>;
  /** By variable name (from the CSV). */
  variables: Record<string, string>;
  /** By node id: the item of each multi-item asset node for this row. */
  items: Record<string, AssetSource>;
}

export type BatchRows = { kind: 'none' } | { kind: 'rows'; rows: BatchRowSpec[] } | { kind: 'error'; message: string };

/** How a message names an asset node: its label, else its batch name, else its id. */
export function assetTitle(node: AssetNode): string {
  return `asset "${node.data.label ?? node.data.name ?? node.id}"`;
}

/** The asset nodes that hold several items. */
export function multiItemNodes(graph: Pick<GraphDocument, 'nodes'>): AssetNode[] {
  return graph.nodes.filter((n): n is AssetNode => n.type === 'asset' && (n.data.items?.length ?? 0) > 1);
}

/** The graph's batch rows, or why they cannot be built, or `none`. */
export function batchRowsOf(graph: Pick<GraphDocument, 'nodes' | 'batch'>): BatchRows {
  if (!hasBatch(graph)) return { kind: 'none' };
  const csvRows = graph.batch?.rows;
  const multi = multiItemNodes(graph);

  const sources: { what: string; count: number }[] = [
    ...(csvRows !== undefined ? [{ what: `the imported CSV has ${plural(csvRows.length, 'row')}`, count: csvRows.length }] : []),
    ...multi.map((node) => ({ what: `${assetTitle(node)} has ${plural(node.data.items?.length ?? 0, 'item')}`, count: node.data.items?.length ?? 0 })),
  ];
  const first = sources[0] as { what: string; count: number };
  const other = sources.find((s) => s.count !== first.count);
  if (other) {
    return {
      kind: 'error',
      message: `The batch rows cannot be paired: ${first.what} but ${other.what}. Rows pair items by position (first with first), so give each the same number, or keep several items on one node only.`,
    };
  }
  for (const node of multi) {
    const name = node.data.name;
    if (name !== undefined && csvRows?.some((row) => row.bindings[name] !== undefined)) {
      return {
        kind: 'error',
        message: `${assetTitle(node)} has its own ${plural(node.data.items?.length ?? 0, 'item')} and the imported CSV also has a column "${name}". Remove that column (import the CSV again) or keep one item on the node.`,
      };
    }
  }
  const rows: BatchRowSpec[] = [];
  for (let i = 0; i < first.count; i++) {
    const csv = csvRows?.[i];
    const items: Record<string, AssetSource> = {};
    for (const node of multi) items[node.id] = (node.data.items as AssetSource[])[i] as AssetSource;
    rows.push({ row: i + 1, bindings: { ...(csv?.bindings ?? {}) }, variables: { ...(csv?.variables ?? {}) }, items });
  }
  return { kind: 'rows', rows };
}

/**
 * The graph one row runs: each multi-item node's source is the row's item, and the batch and the
 * items are left out (a row's run is a plain graph; the CSV's bindings go with the run).
 */
export function graphForRow(graph: GraphDocument, row: BatchRowSpec): GraphDocument {
  const { batch: _batch, ...rest } = graph;
  return {
    ...rest,
    nodes: graph.nodes.map((node) => {
      if (node.type !== 'asset' || node.data.items === undefined) return node;
      const { items: _items, ...data } = node.data;
      const item = row.items[node.id];
      return { ...node, data: item ? { ...data, source: item } : data };
    }),
  };
}

/** The graph without its batch and items: what a single Run (not a batch) sends, each node with its first item. */
export function graphWithoutBatch(graph: GraphDocument): GraphDocument {
  return graphForRow(graph, { row: 0, bindings: {}, variables: {}, items: {} });
}
