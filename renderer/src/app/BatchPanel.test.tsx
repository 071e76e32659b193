// @vitest-environment happy-dom
/**
 * The batch rows table through the app's UI, over a fake of the contract: it shows when the graph
 * has a batch (several items on an asset node), one line per row with what it binds, its status
 * (the failure's reason) and links to its outputs; Retry failed rows asks the Node side for the
 * failed rows only; Stop is offered only while the batch runs; Import CSV… asks for a path in
 * browser mode and puts the rows in the graph.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { BatchRowStatus } from '../../../shared/api';
import type { GraphDocument } from '../../../shared/graph';
import { useBatch } from '../store/batch';
import { useEditor } from '../store/editor';
import { useShell } from '../store/shell';
import { renderApp, setUpAppTests } from './test-app';
import { fake } from './test-transport';
import { rowBindsText, rowStatusText } from './batch-view';
import { useCompare } from '../store/compare';
import { edge, graphWith, resetStores, seedanceNode, summaryOf } from './test-support';

vi.mock('../transport', async () => (await import('./test-transport')).fakeTransportModule());

const items = ['/clips/a.mp4', '/clips/b.mp4', '/clips/c.mp4'].map((path) => ({ kind: 'file' as const, path }));

function batchGraph(): GraphDocument {
  return {
    ...graphWith(
      [
        { id: 'clip', type: 'asset', position: { x: 0, y: 0 }, data: { media: 'video', source: items[0], items, label: 'Clip' } },
        seedanceNode('shot1', 'Restyle [Video 1]'),
      ],
      [edge('e1', 'clip', 'shot1', 'video:1')],
    ),
    batch: { id: 'batch-1' },
  };
}

const statuses: BatchRowStatus[] = [
  { row: 1, status: 'succeeded', runId: 'r1', outputs: [{ path: '/out/row1/shot1.mp4', mediaId: 'm1', kind: 'video' }] },
  { row: 2, status: 'failed', runId: 'r2', message: 'Refused by content moderation.', outputs: [] },
  { row: 3, status: 'not-run', outputs: [] },
];

setUpAppTests({
  reset: () => {
    resetStores(batchGraph(), '/p/g.seedance.json');
    useShell.setState({ startDismissed: true });
    useBatch.setState({ statuses: [], error: null, notes: [], runIds: [] });
  },
});

describe('the batch rows table', () => {
  it('lists each row with what it binds, its status with the reason, and links to its outputs', async () => {
    vi.mocked(fake.api['batch.status']).mockResolvedValue({ rows: statuses });
    renderApp();
    const table = await screen.findByRole('table', { name: 'Batch rows' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    const lines = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(lines).toEqual([
      ['Clip: a.mp4', 'succeeded', 'shot1.mp4'],
      ['Clip: b.mp4', 'failed: Refused by content moderation.', ''],
      ['Clip: c.mp4', 'not run', ''],
    ]);
    expect(within(table).getByRole('link', { name: 'Row 1 output shot1.mp4' }).getAttribute('href')).toBe('/media/m1');
    expect(fake.api['batch.status']).toHaveBeenCalledWith({ graph: useEditor.getState().graph, graphPath: '/p/g.seedance.json' });
    // The rows that ran can be compared side by side.
    screen.getByRole('button', { name: 'Compare rows' }).click();
    expect(useCompare.getState().open).toEqual({ runIds: ['r1', 'r2'], title: 'Compare 2 batch rows' });
    // Not running: Stop says so; some rows did not succeed: Retry is offered.
    expect(screen.getByRole('button', { name: 'Stop batch' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Retry failed rows' }).hasAttribute('disabled')).toBe(false);
  });

  it('Retry failed rows checks and runs the failed rows only; Stop cancels the batch runs', async () => {
    vi.mocked(fake.api['batch.status']).mockResolvedValue({ rows: statuses });
    vi.mocked(fake.api['batch.plan']).mockResolvedValue({ rows: [2, 3], tasks: 2, videoSeconds: 10, problems: [], summary: summaryOf(2, 10) });
    vi.mocked(fake.api['batch.run']).mockResolvedValue({ runIds: ['r2b', 'r3'], rows: [2, 3] });
    const user = renderApp();
    await screen.findByRole('table', { name: 'Batch rows' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Retry failed rows' }).hasAttribute('disabled')).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Retry failed rows' }));
    await waitFor(() => expect(fake.api['batch.run']).toHaveBeenCalled());
    expect(fake.api['batch.plan']).toHaveBeenCalledWith(expect.objectContaining({ rows: 'failed' }));
    expect(fake.api['batch.run']).toHaveBeenCalledWith(expect.objectContaining({ rows: 'failed' }));
    expect(useBatch.getState().runIds).toEqual(['r2b', 'r3']);

    vi.mocked(fake.api['batch.status']).mockResolvedValue({ rows: [statuses[0] as BatchRowStatus, { row: 2, status: 'running', runId: 'r2b', outputs: [] }, { row: 3, status: 'queued', runId: 'r3', outputs: [] }] });
    fake.api.emit('run.event', { runId: 'r2b', at: Date.now(), type: 'run.started', graph: null, tasks: 1, row: 2 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Stop batch' }).hasAttribute('disabled')).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Stop batch' }));
    await waitFor(() => expect(fake.api['run.cancel']).toHaveBeenCalledTimes(2));
    expect(vi.mocked(fake.api['run.cancel']).mock.calls.map(([args]) => args.runId).sort()).toEqual(['r2b', 'r3']);
  });

  it('Run all rows asks first with the totals of every row, and sends nothing when cancelled', async () => {
    vi.mocked(fake.api['batch.plan']).mockResolvedValue({ rows: [1, 2, 3], tasks: 12, videoSeconds: 60, problems: [], summary: summaryOf(12, 60) });
    const user = renderApp();
    await screen.findByRole('table', { name: 'Batch rows' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Run all rows' }).hasAttribute('disabled')).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Run all rows' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Start this run?' });
    expect(confirm.textContent).toContain('This run sends 12 paid tasks for about 60 seconds of video in all.');
    expect(fake.api['batch.plan']).toHaveBeenCalledWith(expect.objectContaining({ rows: 'all' }));
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(fake.api['batch.run']).not.toHaveBeenCalled();
    // A problem in any row: nothing is sent, the run panel says why.
    vi.mocked(fake.api['batch.plan']).mockResolvedValue({ rows: [1, 2, 3], tasks: 3, videoSeconds: 15, problems: ['Row 2: "Restyle": clip-2.mp4 does not exist.'], summary: summaryOf(3, 15) });
    await user.click(screen.getByRole('button', { name: 'Run all rows' }));
    expect(await screen.findByText('Row 2: "Restyle": clip-2.mp4 does not exist.')).toBeTruthy();
    expect(fake.api['batch.run']).not.toHaveBeenCalled();
  });

  it('Import CSV… asks for a path in browser mode and puts its rows in the graph, saying which inputs no column binds', async () => {
    resetStores(graphWith([{ id: 'clip', type: 'asset', position: { x: 0, y: 0 }, data: { media: 'video', name: 'clip' } }, seedanceNode('shot1', 'Restyle [Video 1]')], [edge('e1', 'clip', 'shot1', 'video:1')]));
    useShell.setState({ startDismissed: true });
    vi.mocked(fake.api['batch.readCsv']).mockImplementation(async (args) =>
      args.path
        ? { canceled: false, unsupported: false, path: args.path, columns: ['clip'], rows: [{ bindings: { clip: items[0] as (typeof items)[number] }, variables: {} }, { bindings: { clip: items[1] as (typeof items)[number] }, variables: {} }], notes: ['No column sets variable "mood": every row uses its value "calm".'] }
        : { canceled: false, unsupported: true },
    );
    const user = renderApp();
    expect(screen.queryByRole('table', { name: 'Batch rows' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Import CSV…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import batch CSV' });
    await user.type(within(dialog).getByRole('textbox', { name: 'File path' }), '/p/rows.csv');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    const table = await screen.findByRole('table', { name: 'Batch rows' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(useEditor.getState().graph.batch).toMatchObject({ csv: '/p/rows.csv', columns: ['clip'] });
    expect(within(screen.getByRole('list', { name: 'CSV notes' })).getByText(/No column sets variable "mood"/)).toBeTruthy();
  });
});

describe('rows table words', () => {
  it('says what a row binds and its status', () => {
    const graph = batchGraph();
    expect(rowBindsText(graph, { row: 1, items: { clip: items[0] as (typeof items)[number] }, bindings: { style: { kind: 'url', url: 'https://cdn.example.com/s.png' } }, variables: { mood: 'noir' } })).toBe(
      'Clip: a.mp4, style: s.png, mood = "noir"',
    );
    expect(rowBindsText(graph, { row: 1, items: {}, bindings: {}, variables: {} })).toBe('the graph as it is');
    expect(rowStatusText(undefined)).toBe('not run');
    expect(rowStatusText({ row: 1, status: 'cancelled', message: 'Stopped by the user.', outputs: [] })).toBe('cancelled: Stopped by the user.');
    expect(rowStatusText({ row: 1, status: 'running', message: 'ignored', outputs: [] })).toBe('running');
  });
});
