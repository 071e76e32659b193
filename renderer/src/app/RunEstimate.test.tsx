// @vitest-environment happy-dom
/**
 * What a run will cost, in the window, over a fake of the contract whose `plan` makes its summary
 * with the real shared estimate: the line in the run panel before pressing Run, and the
 * confirmation dialog's full summary with the balance (or why it is not shown).
 */
import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { GraphNode } from '../../../shared/graph';
import { useEditor } from '../store/editor';
import { renderApp, setUpAppTests } from './test-app';
import { fake } from './test-transport';
import { graphWith } from './test-support';

vi.mock('../transport', async () => (await import('./test-transport')).fakeTransportModule());

setUpAppTests();

function shot(id: string, resolution: '720p' | '1080p', duration: number, x: number): GraphNode {
  return { id, type: 'seedance', position: { x, y: 0 }, data: { model: 'seedance-2.0-t2v', prompt: `Shot ${id}`, settings: { resolution, duration } } };
}

/** Two text-to-video shots: 5 s at 720p and 10 s at 1080p. */
function load() {
  useEditor.getState().load(graphWith([shot('wide', '720p', 5, 0), shot('close', '1080p', 10, 300)]), '/work/g.seedance.json');
}

async function setPrices(prices: Record<string, number>) {
  const settings = await fake.api['settings.set']({ prices });
  fake.api.emit('settings.changed', settings);
}

async function runAndConfirm(user: ReturnType<typeof userEvent.setup>) {
  const run = await screen.findByRole('button', { name: 'Run' });
  await waitFor(() => expect((run as HTMLButtonElement).disabled).toBe(false));
  await user.click(run);
  return screen.findByRole('alertdialog', { name: 'Start this run?' });
}

describe('the summary beside Run', () => {
  it('shows tasks, seconds and the estimate before Run is pressed, and follows the price table', async () => {
    load();
    renderApp();
    const note = await screen.findByRole('note', { name: 'Before you run' });
    expect(note.textContent).toBe('2 tasks · 15 s · no estimate: no price for seedance-2.0-t2v@1080p, seedance-2.0-t2v@720p');
    await setPrices({ 'seedance-2.0-t2v@720p': 0.1, 'seedance-2.0-t2v': 0.2 });
    await waitFor(() => expect(screen.getByRole('note', { name: 'Before you run' }).textContent).toBe('2 tasks · 15 s · ≈ $2.50'));
    // No dialog was needed for it, and the quick estimate reads no files.
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.api.calls.filter((c) => c.method === 'plan').every((c) => (c.args as { media?: boolean }).media === false)).toBe(true);
  });

  it('in simulated mode says nothing is paid', async () => {
    fake.api.connection = { baseUrl: 'http://127.0.0.1:1', source: 'simulated', simulated: true };
    load();
    renderApp();
    expect((await screen.findByRole('note', { name: 'Before you run' })).textContent).toBe('2 tasks · 15 s · simulated, nothing is paid');
  });
});

describe('the confirmation dialog', () => {
  it('shows the summary per model and resolution, the estimate and the balance, and warns when the estimate is more', async () => {
    load();
    await fake.api['settings.set']({ confirmTasksOver: 0, prices: { 'seedance-2.0-t2v@720p': 0.1, 'seedance-2.0-t2v@1080p': 0.3 } });
    fake.api.balance = vi.fn(async () => ({ balanceUsd: 2 }));
    const user = renderApp();
    const confirm = await runAndConfirm(user);
    expect(confirm.textContent).toContain('This run sends 2 paid tasks for about 15 seconds of video in all.');
    const rows = within(within(confirm).getByRole('table', { name: 'Cost by model and resolution' })).getAllByRole('row');
    expect(rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['Model', 'Resolution', 'Tasks', 'Seconds', 'Estimate'],
      ['Seedance 2.0 · text to video', '720p', '1', '5 s', '$0.50'],
      ['Seedance 2.0 · text to video', '1080p', '1', '10 s', '$3.00'],
    ]);
    expect(within(confirm).getByLabelText('Estimated cost').textContent).toMatch(/^Estimated cost: ≈ \$3\.50 \(from your price table/);
    expect((await within(confirm).findByLabelText('Balance')).textContent).toBe('Modellix balance: $2.00.');
    expect(within(confirm).getByRole('alert').textContent).toMatch(/^The estimate \(\$3\.50\) is more than the balance \(\$2\.00\)/);
    // Warned, not blocked.
    await user.click(within(confirm).getByRole('button', { name: 'Run 2 tasks' }));
    await waitFor(() => expect(fake.api['run.start']).toHaveBeenCalledTimes(1));
  });

  it('a balance that cannot be read says why and does not stop the run; missing prices are named', async () => {
    load();
    await fake.api['settings.set']({ confirmTasksOver: 0, prices: { 'seedance-2.0-t2v@720p': 0.1 } });
    fake.api.balance = vi.fn(async () => {
      throw new Error('No Modellix API key is set. Set one in Settings.');
    });
    const user = renderApp();
    const confirm = await runAndConfirm(user);
    expect(within(confirm).getByLabelText('Estimated cost').textContent).toContain('no price for seedance-2.0-t2v@1080p');
    await waitFor(() => expect(within(confirm).getByLabelText('Balance').textContent).toBe('Balance not shown: No Modellix API key is set. Set one in Settings. You can still run.'));
    expect(within(confirm).queryByRole('alert')).toBeNull();
    await user.click(within(confirm).getByRole('button', { name: 'Run 2 tasks' }));
    await waitFor(() => expect(fake.api['run.start']).toHaveBeenCalledTimes(1));
  });

  it('simulated mode: says nothing is paid and reads no balance', async () => {
    fake.api.connection = { baseUrl: 'http://127.0.0.1:1', source: 'simulated', simulated: true };
    load();
    await fake.api['settings.set']({ confirmTasksOver: 0 });
    const user = renderApp();
    const confirm = await runAndConfirm(user);
    expect(within(confirm).getByLabelText('Balance').textContent).toMatch(/^Simulated mode: .*nothing is paid/);
    expect(within(confirm).getByLabelText('Estimated cost').textContent).toBe('Estimated cost: nothing (simulated).');
    expect(fake.api.balance).not.toHaveBeenCalled();
  });

  it('Run several times: the summary counts every run', async () => {
    load();
    await fake.api['settings.set']({ confirmTasksOver: 3, prices: { 'seedance-2.0-t2v': 0.1 } });
    const user = renderApp();
    await waitFor(() => expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(false));
    await user.keyboard('/');
    await user.type(within(await screen.findByRole('dialog', { name: /quick add/i })).getByRole('combobox'), 'several');
    await user.keyboard('{Enter}');
    const ask = await screen.findByRole('dialog', { name: 'Run several times' });
    await user.clear(within(ask).getByRole('spinbutton', { name: 'Runs' }));
    await user.type(within(ask).getByRole('spinbutton', { name: 'Runs' }), '2');
    await user.click(within(ask).getByRole('button', { name: 'Run 2 times' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Start this run?' });
    expect(confirm.textContent).toContain('This run sends 4 paid tasks for about 30 seconds of video in all.');
    expect(within(confirm).getByLabelText('Estimated cost').textContent).toMatch(/≈ \$3\.00/);
  });
});
