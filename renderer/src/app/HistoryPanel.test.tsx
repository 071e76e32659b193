// @vitest-environment happy-dom
/**
 * The History panel over the fake contract, driven by roles and names: tasks listed with their
 * names and status in words, the status filter and the search (answered by the Node side), a
 * page at a time out of 5,000, re-run asked first, recover by task id with the refusal shown,
 * and opening the graph of a run as a new document.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArgsOf, HistoryEntry, ResultOf } from '../../../shared/api';
import { emptyGraph } from '../../../shared/graph';
import { ServicesProvider } from '../services/services';
import { HistoryPanel } from './HistoryPanel';
import { createFakeApi, servicesOf, type FakeApi } from './test-support';

afterEach(cleanup);

function entry(n: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  const at = new Date(Date.UTC(2026, 0, 1, 10, 0, 0) - n * 60_000).toISOString();
  return {
    taskKey: `task-key-${n}`,
    runId: `run-${n}`,
    graph: 'Night drive',
    graphPath: '/work/night.seedance.json',
    node: 'extend',
    label: 'Extend',
    model: 'seedance-2.0-v2v',
    status: 'succeeded',
    taskId: `task-${n}`,
    prompt: `Extend [Video 1] into the night, take ${n}`,
    startedAt: at,
    endedAt: new Date(Date.parse(at) + 65_000).toISOString(),
    outputs: [{ path: `/out/extend-${n}.mp4`, mediaId: `m-${n}`, kind: 'video' }],
    ...extra,
  };
}

/** The fake's history: filtered and paged as the Node side does. */
function withHistory(api: FakeApi, all: HistoryEntry[]) {
  const list = vi.fn(async ({ status, text, offset = 0, limit = 100 }: ArgsOf<'history.list'>): Promise<ResultOf<'history.list'>> => {
    const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const found = all.filter((e) => (!status || e.status === status) && words.every((w) => `${e.graph} ${e.label} ${e.prompt ?? ''} ${e.taskId ?? ''}`.toLowerCase().includes(w)));
    return { entries: found.slice(offset, offset + limit), total: found.length };
  });
  const rerun = vi.fn(async ({ dryRun }: ArgsOf<'task.rerun'>) => ({ runIds: dryRun ? [] : ['run-new'], tasks: 1, seconds: 5 }));
  const recover = vi.fn(async ({ taskId }: ArgsOf<'task.recover'>) => {
    if (taskId !== 'task-found') throw new Error('Modellix knows no task task-nope. Copy the task id again from your Modellix dashboard.');
    return { runId: 'run-1', node: 'restyle' };
  });
  const graphOfRun = vi.fn(async () => ({ graph: { ...emptyGraph('Night drive') }, graphPath: '/work/night.seedance.json', startedAt: '2026-01-01T09:00:00.000Z' }));
  Object.assign(api, { 'history.list': list, 'task.rerun': rerun, 'task.recover': recover, 'run.graph': graphOfRun });
  return { list, rerun, recover, graphOfRun };
}

function renderPanel(api: FakeApi) {
  const commands = { openAsDocument: vi.fn(async () => true), followRuns: vi.fn() };
  const onClose = vi.fn();
  const user = userEvent.setup();
  render(
    <ServicesProvider services={servicesOf(api)}>
      <HistoryPanel commands={commands} onClose={onClose} />
    </ServicesProvider>,
  );
  return { user, commands, onClose };
}

describe('History panel', () => {
  it('lists tasks by name and status in words, with times, duration, error and advice', async () => {
    const api = createFakeApi();
    withHistory(api, [
      entry(1),
      entry(2, { label: 'Restyle', node: 'restyle', status: 'failed', message: 'Modellix reports the task failed: a face was detected', outputs: [], endedAt: undefined }),
      entry(3, { label: 'Restyle', node: 'restyle', status: 'unknown', message: 'The connection dropped after the submit was sent', outputs: [], taskId: undefined, resumed: true }),
    ]);
    renderPanel(api);
    const dialog = await screen.findByRole('dialog', { name: 'History' });
    const list = within(dialog).getByRole('list', { name: 'Tasks' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(within(dialog).getByRole('status').textContent).toBe('Showing 3 of 3 tasks.');
    const done = within(list).getByRole('listitem', { name: 'Extend in Night drive: Succeeded' });
    expect(done.textContent).toMatch(/took 1 min 5 s/);
    expect(within(done).getByRole('button', { name: 'Play' })).toBeTruthy();
    expect(within(done).getByRole('button', { name: 'Show in folder' })).toBeTruthy();
    expect(within(done).getByRole('button', { name: 'Copy task id' })).toBeTruthy();
    expect(within(done).queryByRole('button', { name: 'Recover by task id…' })).toBeNull();
    const failed = within(list).getByRole('listitem', { name: 'Restyle in Night drive: Failed' });
    expect(failed.textContent).toMatch(/a face was detected.*Fix what the message names/);
    const unknown = within(list).getByRole('listitem', { name: 'Restyle in Night drive: Outcome unknown' });
    expect(unknown.textContent).toMatch(/resumed after a restart.*never re-sent/);
    // Ids are never shown as names.
    expect(dialog.textContent).not.toMatch(/run-1|task-key-1/);
  });

  it('filters by status and searches by text on the Node side', async () => {
    const api = createFakeApi();
    const { list } = withHistory(api, [entry(1), entry(2, { status: 'failed', label: 'Restyle', outputs: [] }), entry(3, { graph: 'Beach', label: 'Waves' })]);
    const { user } = renderPanel(api);
    const dialog = await screen.findByRole('dialog', { name: 'History' });
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(3));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Status' }), 'Failed');
    await waitFor(() => expect(within(dialog).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['Restyle in Night drive: Failed']));
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'failed' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Status' }), 'All');
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search' }), 'beach');
    await waitFor(() => expect(within(dialog).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['Waves in Beach: Succeeded']));
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ text: 'beach' }));
    await user.clear(within(dialog).getByRole('searchbox', { name: 'Search' }));
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search' }), 'nothing like it');
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('No task matches.'));
  });

  it('shows 5,000 tasks a page at a time', async () => {
    const api = createFakeApi();
    withHistory(api, Array.from({ length: 5000 }, (_, i) => entry(i)));
    const { user } = renderPanel(api);
    const dialog = await screen.findByRole('dialog', { name: 'History' });
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(100));
    expect(within(dialog).getByRole('status').textContent).toBe('Showing 100 of 5000 tasks.');
    const started = performance.now();
    await user.click(within(dialog).getByRole('button', { name: 'Show 100 more' }));
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(200));
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('re-runs a task only after the user agrees to pay again, and follows the new run', async () => {
    const api = createFakeApi();
    const { rerun } = withHistory(api, [entry(1)]);
    const { user, commands } = renderPanel(api);
    const row = await screen.findByRole('listitem', { name: 'Extend in Night drive: Succeeded' });
    await user.click(within(row).getByRole('button', { name: 'Re-run…' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Re-run "Extend" and pay again?' });
    expect(rerun).toHaveBeenCalledTimes(1);
    expect(rerun).toHaveBeenLastCalledWith({ taskKey: 'task-key-1', dryRun: true });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(rerun).toHaveBeenCalledTimes(1);
    await user.click(within(row).getByRole('button', { name: 'Re-run…' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Pay for 1 task' }));
    await waitFor(() => expect(rerun).toHaveBeenLastCalledWith({ taskKey: 'task-key-1' }));
    expect(commands.followRuns).toHaveBeenCalledWith(['run-new']);
  });

  it('recovers a lost submit by its task id and shows a refusal in words', async () => {
    const api = createFakeApi();
    const { recover } = withHistory(api, [entry(1, { status: 'unknown', label: 'Restyle', outputs: [], taskId: undefined })]);
    const { user } = renderPanel(api);
    const row = await screen.findByRole('listitem', { name: 'Restyle in Night drive: Outcome unknown' });
    await user.click(within(row).getByRole('button', { name: 'Recover by task id…' }));
    const form = within(row).getByRole('form', { name: 'Recover Restyle by task id' });
    const field = within(form).getByRole('textbox', { name: 'Modellix task id' });
    expect((within(form).getByRole('button', { name: 'Recover' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(field, 'task-nope');
    await user.click(within(form).getByRole('button', { name: 'Recover' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/knows no task task-nope/);
    await user.clear(field);
    await user.type(field, 'task-found');
    await user.click(within(form).getByRole('button', { name: 'Recover' }));
    await waitFor(() => expect(within(row).queryByRole('form')).toBeNull());
    expect(recover).toHaveBeenLastCalledWith({ taskKey: 'task-key-1', taskId: 'task-found' });
  });

  it('opens the graph of a run as a new document whose title names the run', async () => {
    const api = createFakeApi();
    const { graphOfRun } = withHistory(api, [entry(1)]);
    const { user, commands, onClose } = renderPanel(api);
    const row = await screen.findByRole('listitem', { name: 'Extend in Night drive: Succeeded' });
    await user.click(within(row).getByRole('button', { name: 'Open the graph as it was' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(graphOfRun).toHaveBeenCalledWith({ runId: 'run-1' });
    const [graph] = (commands.openAsDocument.mock.calls[0] ?? []) as unknown as [{ name: string }];
    expect(graph.name).toMatch(/^Night drive \(as run .+\)$/);
  });
});
