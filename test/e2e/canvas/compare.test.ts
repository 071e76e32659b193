/**
 * Comparing takes end to end, in Debian's Chromium through browser mode (the real app service,
 * simulated mode on a fresh data folder, the built renderer), driven by roles and accessible
 * names only: run a template 3 times ("Run several times…"), open Compare from the run panel,
 * see one row per take with the node's result video, play them all together, mark a favourite
 * (written into its sidecar), and copy the favourites into a typed folder. Saves compare.png.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually, rolesOf, useAppPage } from '../support/app-page';
import { screenshotDir } from '../support/screenshots';

const SCREENSHOTS = screenshotDir();

const app = useAppPage({ prefix: 'sf-e2e-compare-' });

const { button } = rolesOf(() => app.page);

describe('compare takes in Chromium through browser mode', () => {
  it('runs a template 3 times, compares the takes, plays them together, marks and copies a favourite', async () => {
    await app.page.goto(app.mode.host.url);
    await button('New empty graph').waitFor();
    await button('Templates').click();
    await app.page.getByRole('menu', { name: 'Templates' }).getByRole('menuitem', { name: 'First frame to last frame' }).click();
    await app.page.getByRole('group', { name: 'Seedance node Transition', exact: true }).waitFor();
    await button('Simulated').waitFor();
    await eventually(async () => expect(await button('Run').isEnabled()).toBe(true));

    // "Run several times…" through Quick add (browser mode has no application menu).
    await app.page.getByRole('application', { name: 'Canvas' }).click({ position: { x: 700, y: 60 } });
    await app.page.keyboard.press('/');
    const quick = app.page.getByRole('dialog', { name: /quick add/i });
    await quick.getByRole('combobox').fill('several');
    await app.page.keyboard.press('Enter');
    const ask = app.page.getByRole('dialog', { name: 'Run several times' });
    await ask.getByRole('spinbutton', { name: 'Runs' }).fill('3');
    await button('Run 3 times', ask).click();
    const confirm = app.page.getByRole('alertdialog', { name: 'Start this run?' });
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: /^Run / }).click();

    // The window knows its runs once the start is answered: their progress shows.
    await app.page.getByRole('list', { name: 'Progress' }).waitFor();
    await button('Compare…').click();
    const dialog = app.page.getByRole('dialog', { name: 'Compare 3 takes' });
    // One node: the three takes side by side, a column each.
    const grid = dialog.getByRole('table', { name: 'Results by node and run' });
    await grid.waitFor();
    // Every take's video, once the simulated runs are done (the grid follows their events).
    await eventually(async () => expect(await grid.locator('video').count()).toBe(3), 90_000);
    expect(await grid.getByRole('columnheader').allTextContents()).toEqual(['Node', 'Take 1', 'Take 2', 'Take 3']);
    expect(await grid.getByRole('rowheader').allTextContents()).toEqual(['Transition']);
    for (const take of [1, 2, 3]) {
      const video = grid.getByLabel(`Result Take ${take}, Transition`, { exact: true });
      await eventually(async () => expect(await video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(1), 20_000);
    }

    // Play all starts them together; Pause all stops them.
    await button('Play all', dialog).click();
    await eventually(async () => expect(await grid.locator('video').evaluateAll((vs) => vs.map((v) => (v as HTMLVideoElement).paused))).toEqual([false, false, false]));
    await button('Pause all', dialog).click();
    await eventually(async () => expect(await grid.locator('video').evaluateAll((vs) => vs.every((v) => (v as HTMLVideoElement).paused))).toBe(true));

    // A favourite, written into the take's sidecar.
    const favourite = button('Favourite Take 2, Transition', dialog);
    expect(await favourite.getAttribute('aria-pressed')).toBe('false');
    await favourite.click();
    await eventually(async () => expect(await favourite.getAttribute('aria-pressed')).toBe('true'));
    const runFolders = await readdir(path.join(app.dir, 'out'));
    const take2 = runFolders.find((name) => /-run2-/.test(name)) as string;
    expect(take2).toBeDefined();
    const sidecarName = (await readdir(path.join(app.dir, 'out', take2))).find((name) => name.endsWith('.json')) as string;
    expect(JSON.parse(await readFile(path.join(app.dir, 'out', take2, sidecarName), 'utf8'))).toMatchObject({ favourite: true, run: { repeat: 2 } });

    await app.page.screenshot({ path: path.join(SCREENSHOTS, 'compare.png') });

    // Copy the favourites: browser mode has no folder picker, so the folder is typed.
    const chosen = path.join(app.dir, 'picks');
    await mkdir(chosen);
    await button('Copy favourites to folder…', dialog).click();
    const form = dialog.getByRole('form', { name: 'Copy favourites to a folder' });
    await form.getByRole('textbox', { name: 'Folder path' }).fill(chosen);
    await button('Copy', form).click();
    await eventually(async () => expect(await dialog.getByRole('status').textContent()).toMatch(new RegExp(`^Copied \\d files? to ${chosen.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`)));
    const copied = (await readdir(chosen)).sort();
    expect(copied.length).toBeGreaterThanOrEqual(2);
    expect(copied.every((name) => name.startsWith(`${take2}-`))).toBe(true);

    // Reopened, the grid shows the favourite again.
    await button('Close', dialog).click();
    await button('Compare…').click();
    await eventually(async () => expect(await button('Favourite Take 2, Transition', dialog).getAttribute('aria-pressed')).toBe('true'));
    expect(await button('Favourite Take 1, Transition', dialog).getAttribute('aria-pressed')).toBe('false');
    expect(app.problems).toEqual([]);
  }, 180_000);
});
