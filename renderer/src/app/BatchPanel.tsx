/**
 * The batch rows table: one line per row (its number, what it binds, its last run's status with
 * the reason when it failed, links to its outputs), with Run all rows, Stop and Retry failed rows.
 * Statuses come from the ledger through the contract, so they survive reopening the graph.
 * Loaded on demand: a graph without a batch never loads it.
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { batchRowsOf } from '../../../shared/batch/rows';
import { CommandButton } from '../commands/CommandButton';
import { fileNameOf } from '../nodes/names';
import { useServices } from '../services/services';
import { useBatch } from '../store/batch';
import { clearCsvRows } from './batch-commands';
import { useEditor } from '../store/editor';
import { rowBindsText, rowStatusText } from './batch-view';
import './batch.css';

export interface BatchPanelProps {
  /** Reads the rows' statuses again (when the rows change). */
  onRefresh: () => void;
  /**
   * Where a "Compare" button goes, given the runs of the rows that have one (the results grid
   * for a set of runs is another panel's; the app wires it here).
   */
  compare?: (runIds: string[]) => ReactNode;
}

export function BatchPanel({ onRefresh, compare }: BatchPanelProps) {
  const { mediaUrl } = useServices();
  const graph = useEditor((s) => s.graph);
  const rows = useMemo(() => batchRowsOf(graph), [graph]);
  const statuses = useBatch((s) => s.statuses);
  const error = useBatch((s) => s.error);
  const notes = useBatch((s) => s.notes);
  // What the rows are: a change of rows (not of a prompt or a position) reads the statuses again.
  const rowsKey = useMemo(() => JSON.stringify([rows, graph.batch?.id]), [rows, graph.batch?.id]);
  useEffect(() => {
    onRefresh();
  }, [rowsKey, onRefresh]);

  const list = rows.kind === 'rows' ? rows.rows : [];
  const byRow = new Map(statuses.map((s) => [s.row, s]));
  const runIds = statuses.flatMap((s) => (s.runId ? [s.runId] : []));
  const csv = graph.batch?.csv;
  const counts = statuses.reduce<Record<string, number>>((n, s) => ({ ...n, [s.status]: (n[s.status] ?? 0) + 1 }), {});

  return (
    <section className="sf-panel sf-batch" aria-labelledby="sf-batch-title">
      <h2 id="sf-batch-title" className="sf-panel-title">
        Batch
      </h2>
      <p className="sf-hint">
        {list.length} row{list.length === 1 ? '' : 's'}
        {csv ? ` from ${fileNameOf(csv)}` : ''}
        {counts.succeeded ? `, ${counts.succeeded} succeeded` : ''}
        {counts.failed ? `, ${counts.failed} failed` : ''}. Each row is one run.
      </p>
      <div role="toolbar" aria-label="Batch" className="sf-batch-actions">
        <CommandButton id="runBatch" className="sf-primary" />
        <CommandButton id="stopBatch" />
        <CommandButton id="retryFailedRows" />
        <CommandButton id="importBatchCsv" />
        {csv !== undefined || graph.batch?.rows ? (
          <button type="button" onClick={clearCsvRows}>
            Remove CSV rows
          </button>
        ) : null}
        {/* Compare the rows' runs side by side (the app passes the button). */}
        {compare && runIds.length > 0 ? compare(runIds) : null}
      </div>
      {error ? (
        <p role="alert" className="sf-error">
          {error}
        </p>
      ) : null}
      {notes.length > 0 ? (
        <ul className="sf-batch-notes" aria-label="CSV notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {list.length > 0 ? (
        <div className="sf-batch-scroll">
          <table className="sf-batch-table" aria-label="Batch rows">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Binds</th>
                <th scope="col">Status</th>
                <th scope="col">Outputs</th>
              </tr>
            </thead>
            <tbody>
              {list.map((row) => {
                const status = byRow.get(row.row);
                return (
                  <tr key={row.row} className={`sf-batch-row sf-batch-row--${status?.status ?? 'not-run'}`}>
                    <th scope="row">{row.row}</th>
                    <td>{rowBindsText(graph, row)}</td>
                    <td>{rowStatusText(status)}</td>
                    <td>
                      {(status?.outputs ?? []).map((output) => (
                        <a
                          key={output.path}
                          href={mediaUrl(output.mediaId)}
                          target="_blank"
                          rel="noreferrer"
                          title={output.path}
                          aria-label={`Row ${row.row} output ${fileNameOf(output.path)}`}
                        >
                          {fileNameOf(output.path)}
                        </a>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
