/**
 * How a run of a graph's saved batch is found again in the ledger, by the window and by the
 * command line alike: the batch's identity (its id in the graph, else the graph file) and a
 * fingerprint of what the row binds. A row whose inputs changed is a new row: "retry failed" never
 * takes a row that succeeded with other inputs for this one.
 */
import { resolve } from 'node:path';
import type { BatchRowSpec } from '../../../shared/batch';
import type { GraphDocument } from '../../../shared/graph';
import type { RunRecord } from '../ledger';
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

/** The latest run of each row (same batch, same row, same inputs), by row number. */
export function lastRowRuns(runs: Iterable<RunRecord>, batch: string, rows: readonly BatchRowSpec[]): Map<number, RunRecord> {
  const wanted = new Map(rows.map((row) => [rowBatchId(batch, row), row.row]));
  const last = new Map<number, RunRecord>();
  for (const run of runs) {
    const id = run.recipe?.batchId;
    if (typeof id !== 'string' || run.batchRow === null || wanted.get(id) !== run.batchRow) continue;
    const known = last.get(run.batchRow);
    if (!known || Date.parse(known.startedAt) <= Date.parse(run.startedAt)) last.set(run.batchRow, run);
  }
  return last;
}
