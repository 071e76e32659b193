/**
 * How a run of a graph's saved batch is found again in the ledger, by the window and by the
 * command line alike: the batch's identity (its id in the graph, else the graph file) and a
 * fingerprint of what the row binds. A row whose inputs changed is a new row: "retry failed" never
 * takes a row that succeeded with other inputs for this one.
 */
import { resolve } from 'node:path';
import type { BatchRowSpec } from '../../../shared/batch';
import type { GraphDocument } from '../../../shared/graph';
import { stableStringify } from '../../../shared/util/stable-json';
import { sha256Hex } from '../fs';

/** The batch's identity: its id in the graph, else the graph file, else "unsaved". */
export function batchIdentity(graph: Pick<GraphDocument, 'batch'>, graphPath: string | null): string {
  return graph.batch?.id ?? (graphPath ? `file:${resolve(graphPath)}` : 'unsaved');
}

/** What a row's run is found by in the ledger (`batchId` in its recipe). */
export function rowBatchId(batch: string, row: BatchRowSpec): string {
  const fingerprint = sha256Hex(stableStringify({ bindings: row.bindings, variables: row.variables, items: row.items })).slice(0, 16);
  return `${batch}/${fingerprint}`;
}
