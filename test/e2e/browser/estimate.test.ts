/**
 * What a run will cost, end to end in Debian's Chromium through browser mode (the real app service,
 * the built renderer) against a billing Modellix simulator over HTTP: the run panel's summary
 * before Run, prices entered in Settings › Prices, and the confirmation dialog with the summary
 * per model and resolution, the estimate and the service's balance (warning when it is short).
 * Driven by roles and accessible names; the dialog's screenshot goes through screenshotDir().
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../electron/engine/simulator';
import { callFromPage, eventually, rolesOf, useAppPage } from '../support/app-page';
import { screenshotDir } from '../support/screenshots';

const KEY = 'sk-e2e-estimate-0123456789';

let sim: SimulatorHandle;

beforeAll(async () => {
  // 0.20 USD a second and a balance of 1 USD: the template's 10 s cost more than there is.
  sim = await startSimulator({ apiKeys: [KEY], balanceUsd: 1, pricePerSecondUsd: 0.2 });
});
afterAll(async () => {
  await sim?.close();
});

const app = useAppPage({ prefix: 'sf-e2e-estimate-' });

const { button } = rolesOf(() => app.page);
const note = () => app.page.getByRole('note', { name: 'Before you run' });

describe('what a run will cost, in the window', () => {
  it('shows the summary before Run, takes prices in Settings, and confirms with the estimate and the balance', async () => {
    await app.page.goto(app.mode.host.url);
    await button('New empty graph').waitFor();
    // Runs go to the billing simulator with a key (not simulated mode); every run asks first.
    expect((await callFromPage(app.page, 'settings.set', { baseUrl: sim.url, confirmTasksOver: 0 })).body).toMatchObject({ ok: true });
    expect((await callFromPage(app.page, 'key.set', { key: KEY, allowPlainText: true })).body).toMatchObject({ ok: true });

    await button('Templates').click();
    await app.page.getByRole('menu', { name: 'Templates' }).getByRole('menuitem', { name: 'Extend a clip' }).click();
    await app.page.getByRole('group', { name: 'Seedance node Extension 2', exact: true }).waitFor();
    // Extension 1: v2v at 720p, 5 s; Extension 2: fast v2v, resolution left to the service, 5 s.
    await eventually(async () => expect(await note().textContent()).toBe('2 tasks · 10 s · no estimate: no price for seedance-2.0-fast-v2v, seedance-2.0-v2v@720p'));

    await button('Settings…').click();
    const settings = app.page.getByRole('dialog', { name: 'Settings' });
    const prices = settings.getByRole('group', { name: 'Prices (US dollars per second of video)' });
    await prices.getByRole('button', { name: 'Add price' }).click();
    await prices.getByRole('combobox', { name: 'Model, price row 1' }).selectOption({ label: 'Seedance 2.0 · video to video' });
    await prices.getByRole('combobox', { name: 'Resolution, price row 1' }).selectOption('720p');
    await prices.getByRole('spinbutton', { name: 'US dollars per second, price row 1' }).fill('0.2');
    await prices.getByRole('button', { name: 'Add price' }).click();
    await prices.getByRole('combobox', { name: 'Model, price row 2' }).selectOption({ label: 'Seedance 2.0 Fast · video to video' });
    await prices.getByRole('spinbutton', { name: 'US dollars per second, price row 2' }).fill('0.1');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Settings saved.').waitFor();
    await settings.getByRole('button', { name: 'Close', exact: true }).click();

    await eventually(async () => expect(await note().textContent()).toBe('2 tasks · 10 s · ≈ $1.50'));

    const run = button('Run');
    await eventually(async () => expect(await run.isEnabled()).toBe(true));
    await run.click();
    const confirm = app.page.getByRole('alertdialog', { name: 'Start this run?' });
    await confirm.waitFor();
    const rows = await confirm.getByRole('table', { name: 'Cost by model and resolution' }).getByRole('row').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent)),
    );
    expect(rows).toEqual([
      ['Model', 'Resolution', 'Tasks', 'Seconds', 'Estimate'],
      ['Seedance 2.0 Fast · video to video', 'default resolution', '1', '5 s', '$0.50'],
      ['Seedance 2.0 · video to video', '720p', '1', '5 s', '$1.00'],
    ]);
    expect(await confirm.getByLabel('Estimated cost').textContent()).toMatch(/^Estimated cost: ≈ \$1\.50/);
    // The balance comes from the service over HTTP, and the shortfall is said before paying.
    await eventually(async () => expect(await confirm.getByLabel('Balance').textContent()).toBe('Modellix balance: $1.00.'));
    expect(await confirm.getByRole('alert').textContent()).toMatch(/^The estimate \(\$1\.50\) is more than the balance \(\$1\.00\)/);
    expect(sim.stats.balanceChecks).toBeGreaterThanOrEqual(1);
    await app.page.screenshot({ path: path.join(screenshotDir(), 'run-estimate.png') });

    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(sim.stats.submits.total).toBe(0);
    expect(app.problems).toEqual([]);
  }, 60_000);
});
