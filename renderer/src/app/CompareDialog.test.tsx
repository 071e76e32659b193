// @vitest-environment happy-dom
/**
 * The compare grid over the fake contract, by role and name: rows per take, columns named by the
 * user's node names, failed and running cells, the favourite toggle (and favourites shown again
 * on reopening), Play all / Pause all, copying in browser mode (a typed folder), and the run
 * panel's Compare button opening it through the store.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunView, TaskView } from '../../../shared/api';
import type { GraphNode } from '../../../shared/graph';
import { ServicesProvider } from '../services/services';
import { useCompare } from '../store/compare';
import { useShell } from '../store/shell';
import { openDocument } from '../store/canvas-ui';
import { CompareDialog } from './CompareDialog';
import { compareModel, runLabel } from './compare-model';
import { RunPanel } from './RunPanel';
import { assetNode, createFakeApi, graphWith, resetStores, seedanceNode, servicesOf, type FakeApi } from './test-support';

const labelled = (node: GraphNode, label: string): GraphNode => ({ ...node, data: { ...node.data, label } }) as GraphNode;

const GRAPH = graphWith([assetNode('clip', 'video', '/m/clip.mp4'), labelled(seedanceNode('s2', 'b'), 'Close-up'), labelled(seedanceNode('s1', 'a'), 'Wide shot')]);

function run(runId: string, extra: Partial<RunView> = {}): RunView {
  return { runId, graphPath: null, startedAt: '2026-01-02T10:00:00.000Z', outcome: 'succeeded', tasks: 2, ...extra };
}

function task(runId: string, node: string, extra: Partial<TaskView> = {}): TaskView {
  const base = `/out/takes-${runId}/${node}`;
  return {
    taskKey: `${runId}:${node}`,
    runId,
    node,
    model: 'seedance-2.0-v2v',
    state: 'succeeded',
    startedAt: '2026-01-02T10:00:01.000Z',
    outputs: [
      { path: `${base}.mp4`, mediaId: `v-${runId}-${node}`, kind: 'video' },
      { path: `${base}.last-frame.png`, mediaId: `f-${runId}-${node}`, kind: 'image' },
    ],
    ...extra,
  };
}

const RUNS = [run('r1', { repeat: 1 }), run('r2', { repeat: 2, outcome: 'partial' }), run('r3', { repeat: 3, outcome: 'running' })];
const TASKS = [
  task('r1', 's1'),
  task('r1', 's2'),
  task('r2', 's1'),
  task('r2', 's2', { state: 'failed', message: 'The content was flagged by moderation.', outputs: [] }),
  task('r3', 's1', { state: 'submitted', outputs: [] }),
];

function withRuns(api: FakeApi, runs: RunView[] = RUNS, tasks: TaskView[] = TASKS): void {
  api['runs.list'] = vi.fn(async () => ({ runs }));
  api['tasks.list'] = vi.fn(async ({ runId }) => ({ tasks: tasks.filter((t) => t.runId === runId) }));
}

function renderCompare(api: FakeApi, onClose = () => undefined) {
  const user = userEvent.setup();
  const view = render(
    <ServicesProvider services={servicesOf(api)}>
      <CompareDialog runIds={['r1', 'r2', 'r3']} title="Compare 3 takes" onClose={onClose} />
    </ServicesProvider>,
  );
  return { user, ...view };
}

beforeEach(() => {
  resetStores();
  openDocument(GRAPH, null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the compare model', () => {
  it('labels rows by take, batch row, or start time', () => {
    expect(runLabel(run('a', { repeat: 2 }), 'a')).toBe('Take 2');
    expect(runLabel(run('a', { batchRow: 3 }), 'a')).toBe('Row 3');
    expect(runLabel(run('a', { batchRow: 3, repeat: 2 }), 'a')).toBe('Row 3, Take 2');
    expect(runLabel(run('a'), 'a')).toBe(new Date('2026-01-02T10:00:00.000Z').toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }));
    expect(runLabel(undefined, 'abcdef1234')).toBe('Run abcdef12');
  });

  it('orders columns as the graph does, names them as the user did, and shows the newest task of each node', () => {
    const gone = task('r1', 'old', { label: 'Deleted shot' });
    const retried = task('r2', 's2', { state: 'succeeded', startedAt: '2026-01-02T10:05:00.000Z', taskKey: 'r2:s2:again' });
    const model = compareModel(['r1', 'r2', 'r3'], RUNS, [...TASKS, gone, retried], GRAPH);
    expect(model.columns).toEqual([
      { node: 's2', name: 'Close-up' },
      { node: 's1', name: 'Wide shot' },
      { node: 'old', name: 'Deleted shot' },
    ]);
    expect(model.rows.map((r) => r.label)).toEqual(['Take 1', 'Take 2', 'Take 3']);
    expect(model.rows[1]?.cells.map((c) => c.kind)).toEqual(['result', 'result', 'none']);
    expect(model.rows[2]?.cells.map((c) => c.kind)).toEqual(['running', 'running', 'running']);
  });
});

describe('the compare grid', () => {
  it('shows one row per take and one column per node, by name, with results, failures and running nodes', async () => {
    const api = createFakeApi();
    withRuns(api);
    render(
      <ServicesProvider services={servicesOf(api)}>
        <CompareDialog runIds={['r1', 'r2', 'r3']} onClose={() => undefined} />
      </ServicesProvider>,
    );
    // Without a title: named by the number of takes.
    const dialog = await screen.findByRole('dialog', { name: 'Compare 3 takes' });
    const grid = await within(dialog).findByRole('table', { name: 'Results by run and node' });
    expect(within(grid).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Run', 'Close-up', 'Wide shot']);
    expect(within(grid).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Take 1', 'Take 2', 'Take 3']);
    // Never the nodes' ids.
    expect(grid.textContent).not.toMatch(/\bs1\b|\bs2\b/);

    const video = within(grid).getByLabelText('Result Take 1, Wide shot') as HTMLVideoElement;
    expect(video.tagName).toBe('VIDEO');
    expect(video.getAttribute('src')).toBe('/media/v-r1-s1');
    expect(video.getAttribute('poster')).toBe('/media/f-r1-s1');
    const rows = within(grid).getAllByRole('row');
    expect(rows[2]?.textContent).toContain('Failed: The content was flagged by moderation.');
    expect(rows[3]?.textContent).toContain('Running…');
    expect(within(grid).getAllByRole('button', { name: /^Favourite / })).toHaveLength(3);
  });

  it('toggles a favourite (aria-pressed), records it through the contract, and shows it again when reopened', async () => {
    const api = createFakeApi();
    withRuns(api);
    const { user, unmount } = renderCompare(api);
    const toggle = await screen.findByRole('button', { name: 'Favourite Take 2, Wide shot' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    const copy = screen.getByRole('button', { name: 'Copy favourites to folder…' }) as HTMLButtonElement;
    expect(copy.disabled).toBe(true);

    await user.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-pressed')).toBe('true'));
    expect(api['results.favourite']).toHaveBeenCalledWith({ path: '/out/takes-r2/s1.mp4', favourite: true });
    expect(screen.getByRole('button', { name: 'Favourite Take 1, Wide shot' }).getAttribute('aria-pressed')).toBe('false');
    expect(copy.disabled).toBe(false);

    unmount();
    renderCompare(api);
    const again = await screen.findByRole('button', { name: 'Favourite Take 2, Wide shot' });
    await waitFor(() => expect(again.getAttribute('aria-pressed')).toBe('true'));
    expect(api['results.favourites']).toHaveBeenLastCalledWith({ runIds: ['r1', 'r2', 'r3'] });

    await user.click(again);
    await waitFor(() => expect(again.getAttribute('aria-pressed')).toBe('false'));
    expect(api.favourites.size).toBe(0);
  });

  it('says why a favourite could not be marked', async () => {
    const api = createFakeApi();
    withRuns(api);
    api['results.favourite'] = vi.fn(async () => {
      throw new Error('shot.json is missing.');
    });
    const { user } = renderCompare(api);
    await user.click(await screen.findByRole('button', { name: 'Favourite Take 1, Close-up' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not mark Take 1, Close-up as a favourite: shot.json is missing.');
    expect(screen.getByRole('button', { name: 'Favourite Take 1, Close-up' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('plays every video together from the start, and pauses them all', async () => {
    const api = createFakeApi();
    withRuns(api);
    const played: string[] = [];
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
      played.push(`${this.getAttribute('aria-label')}@${this.currentTime}`);
      this.dispatchEvent(new Event('play'));
      return Promise.resolve();
    });
    const paused = vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(function (this: HTMLMediaElement) {
      this.dispatchEvent(new Event('pause'));
    });
    const { user } = renderCompare(api);
    await user.click(await screen.findByRole('button', { name: 'Play all' }));
    expect(played.sort()).toEqual(['Result Take 1, Close-up@0', 'Result Take 1, Wide shot@0', 'Result Take 2, Wide shot@0']);
    await user.click(await screen.findByRole('button', { name: 'Pause all' }));
    expect(paused).toHaveBeenCalledTimes(3);
    expect(await screen.findByRole('button', { name: 'Play all' })).toBeTruthy();
  });

  it('browser mode: copies the favourites into a typed folder and reports what was copied', async () => {
    const api = createFakeApi();
    withRuns(api);
    api.favourites.add('/out/takes-r1/s2.mp4');
    const { user } = renderCompare(api);
    await user.click(await screen.findByRole('button', { name: 'Copy favourites to folder…' }));
    const form = await screen.findByRole('form', { name: 'Copy favourites to a folder' });
    await user.type(within(form).getByRole('textbox', { name: 'Folder path' }), '/home/me/Picks');
    await user.click(within(form).getByRole('button', { name: 'Copy' }));
    expect((await screen.findByRole('status')).textContent).toBe('Copied 1 file to /home/me/Picks.');
    expect(api['results.copyFavourites']).toHaveBeenLastCalledWith({ runIds: ['r1', 'r2', 'r3'], folder: '/home/me/Picks' });
    expect(screen.queryByRole('form', { name: 'Copy favourites to a folder' })).toBeNull();
  });

  it('reads the results again when the shown runs change', async () => {
    const api = createFakeApi();
    withRuns(api);
    renderCompare(api);
    await screen.findByRole('table', { name: 'Results by run and node' });
    withRuns(api, RUNS.map((r) => ({ ...r, outcome: 'succeeded' })), [...TASKS.filter((t) => t.runId !== 'r3'), task('r3', 's1')]);
    api.emit('run.event', { type: 'node.done', runId: 'r3', node: 's1', ok: true, at: 1 });
    expect(await screen.findByLabelText('Result Take 3, Wide shot', {}, { timeout: 2000 })).toBeTruthy();
  });
});

describe('choosing runs to compare', () => {
  it('lists recent runs, and compares the selected ones in the order they started', async () => {
    const api = createFakeApi();
    const runs = [
      run('late', { graphName: 'Trailer', startedAt: '2026-01-03T09:00:00.000Z' }),
      run('r2', { graphName: 'Trailer', repeat: 2 }),
      run('r1', { graphName: 'Trailer', repeat: 1 }),
    ];
    withRuns(api, runs, [task('late', 's1'), task('r1', 's1'), task('r2', 's1')]);
    const user = userEvent.setup();
    render(
      <ServicesProvider services={servicesOf(api)}>
        <CompareDialog runIds={[]} onClose={() => undefined} />
      </ServicesProvider>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Compare runs' });
    const compare = within(dialog).getByRole('button', { name: 'Compare selected' }) as HTMLButtonElement;
    expect(compare.disabled).toBe(true);
    const boxes = await within(dialog).findAllByRole('checkbox');
    expect(boxes).toHaveLength(3);
    await user.click(within(dialog).getByRole('checkbox', { name: /^Trailer: Take 2,/ }));
    // The run that is not a take, listed first (newest).
    await user.click(boxes[0] as HTMLElement);
    await user.click(within(dialog).getByRole('checkbox', { name: /^Trailer: Take 1,/ }));
    await user.click(compare);
    // One node: the runs side by side, a column each, in the order they started.
    const grid = await within(await screen.findByRole('dialog', { name: 'Compare runs' })).findByRole('table', { name: 'Results by node and run' });
    expect(within(grid).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Node', 'Take 1', 'Take 2', runLabel(runs[0], 'late')]);
    expect(within(grid).getAllByRole('rowheader')).toHaveLength(1);
    // And back to the list, to choose others.
    await user.click(screen.getByRole('button', { name: 'Choose other runs…' }));
    expect(await screen.findAllByRole('checkbox')).toHaveLength(3);
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('the run panel', () => {
  it('Compare… opens the grid through the store: the takes of the last multi-run start, else a choice of runs', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    useShell.setState({ runIds: ['r1'] });
    render(
      <ServicesProvider services={servicesOf(api)}>
        <RunPanel onResume={() => undefined} />
      </ServicesProvider>,
    );
    useCompare.setState({ open: null });
    await user.click(await screen.findByRole('button', { name: 'Compare…' }));
    // One run last: the grid first asks which runs.
    expect(useCompare.getState().open).toEqual({ runIds: [], title: undefined });
    act(() => useShell.setState({ runIds: ['r1', 'r2', 'r3'] }));
    await user.click(await screen.findByRole('button', { name: 'Compare…' }));
    expect(useCompare.getState().open).toEqual({ runIds: ['r1', 'r2', 'r3'], title: undefined });
  });
});
