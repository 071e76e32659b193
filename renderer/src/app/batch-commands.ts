/**
 * The batch commands of the window: import a CSV, run every row, retry the rows that did not
 * succeed, stop the batch, and read the rows' statuses (from the ledger, through the contract).
 */
import type { ResultOf, RunEvent } from '../../../shared/api';
import { batchRowsOf } from '../../../shared/batch/rows';
import type { Services } from '../services/services';
import { fileNameOf } from '../nodes/names';
import { newBatchId, useBatch } from '../store/batch';
import { useEditor } from '../store/editor';
import { ask, useShell } from '../store/shell';
import { errorText } from '../ui/error-text';
import { coalesced } from './coalesce';
import { plural } from '../../../shared/util/plural';

export interface BatchCommands {
  /** Imports a batch CSV (a file dialog, or a typed path in browser mode) into the graph's batch. */
  importBatchCsv(): Promise<void>;
  /** Runs every row (`all`) or only the rows whose last run did not succeed (`failed`), after the cost check. */
  runBatch(rows: 'all' | 'failed'): Promise<void>;
  /** Cancels the batch's runs. */
  stopBatch(): Promise<void>;
  /** Reads the rows' statuses again. */
  refreshBatch(): Promise<void>;
  /** A run event: the rows table follows the batch's runs. */
  batchEvent(event: RunEvent): void;
}

type CsvRead = Extract<ResultOf<'batch.readCsv'>, { unsupported: false }>;

/** Puts an imported CSV's rows in the graph's batch (a new identity: these rows have not run). */
export function setCsvRows(read: CsvRead): void {
  useEditor.getState().apply('import batch CSV', (graph) => ({
    ...graph,
    batch: { id: newBatchId(), csv: read.path, columns: read.columns, rows: read.rows },
  }));
  useBatch.setState({ notes: read.notes, statuses: [], runIds: [] });
}

/** Removes the CSV rows (the items stay on their nodes). */
export function clearCsvRows(): void {
  useEditor.getState().apply('remove batch CSV', (graph) => {
    if (!graph.batch) return graph;
    const { csv: _csv, columns: _columns, rows: _rows, ...rest } = graph.batch;
    return { ...graph, batch: rest };
  });
  useBatch.setState({ notes: [] });
}

function notice(kind: 'info' | 'warning' | 'error', text: string) {
  useEditor.getState().setNotice({ kind, text });
}

export function createBatchCommands({ api, began }: Pick<Services, 'api'> & { began: (runIds: string[]) => boolean }): BatchCommands {
  /** The rows' statuses, read again (one read at a time: see coalesced). */
  const refreshBatch = coalesced(async () => {
    const { graph, path } = useEditor.getState();
    const rows = batchRowsOf(graph);
    if (rows.kind !== 'rows') {
      useBatch.setState({ statuses: [], error: rows.kind === 'error' ? rows.message : null });
      return;
    }
    try {
      const { rows: statuses } = await api['batch.status']({ graph, graphPath: path });
      useBatch.setState({ statuses, error: null });
    } catch (error) {
      useBatch.setState({ error: `Could not read the rows' statuses: ${errorText(error)}` });
    }
  });

  return {
    async importBatchCsv() {
      const { graph } = useEditor.getState();
      try {
        let read = await api['batch.readCsv']({ graph });
        if (!read.canceled && read.unsupported) {
          const typed = await ask('path', { purpose: 'csv', initial: '' });
          if (!typed) return;
          read = await api['batch.readCsv']({ path: typed, graph: useEditor.getState().graph });
        }
        if (read.canceled || read.unsupported) return;
        setCsvRows(read);
        const notes = read.notes.length > 0 ? ` ${read.notes.join(' ')}` : '';
        notice('info', `Imported ${plural(read.rows.length, 'row')} from ${fileNameOf(read.path)}.${notes}`);
        await refreshBatch();
      } catch (error) {
        notice('error', `Could not import the CSV: ${errorText(error)}`);
      }
    },
    async runBatch(which) {
      const { graph, path } = useEditor.getState();
      useShell.setState({ runProblems: [] });
      try {
        const plan = await api['batch.plan']({ graph, graphPath: path, rows: which });
        if (plan.problems.length > 0) {
          useShell.setState({ runProblems: plan.problems });
          return;
        }
        if (plan.rows.length === 0) {
          notice('info', which === 'failed' ? 'No row to retry: every row succeeded (or is still running).' : 'The batch has no rows.');
          return;
        }
        const settings = await api['settings.get']({});
        // Every row is counted before anything is paid, as Run's summary (and its dialog) does.
        const { summary } = plan;
        if (summary.tasks > settings.confirmTasksOver || summary.seconds > settings.confirmSecondsOver) {
          if (!(await ask('confirmRun', { summary }))) return;
        }
        const { runIds, rows } = await api['batch.run']({ graph, graphPath: path, rows: which });
        useBatch.setState({ runIds });
        if (!began(runIds)) notice('info', `${which === 'failed' ? 'Retrying' : 'Running'} ${rows.length === 1 ? `row ${rows[0]}` : `${rows.length} rows`}: ${plural(plan.tasks, 'task')}.`);
        await refreshBatch();
      } catch (error) {
        useShell.setState({ runProblems: [errorText(error)] });
      }
    },
    async stopBatch() {
      const live = useBatch.getState().statuses.filter((s) => s.status === 'queued' || s.status === 'running').flatMap((s) => (s.runId ? [s.runId] : []));
      const runIds = [...new Set([...useBatch.getState().runIds, ...live])];
      try {
        const answers = await Promise.all(runIds.map((runId) => api['run.cancel']({ runId })));
        const cancelled = answers.reduce((n, a) => n + a.cancelled, 0);
        notice('info', cancelled > 0 ? 'Stopped the batch.' : 'The batch was not running.');
      } catch (error) {
        notice('error', `Could not stop the batch: ${errorText(error)}`);
      }
      await refreshBatch();
    },
    refreshBatch,
    batchEvent(event) {
      if (!useBatch.getState().runIds.includes(event.runId)) return;
      if (event.type === 'run.started' || event.type === 'task.submitted' || event.type === 'run.done') void refreshBatch();
    },
  };
}
