/**
 * Batches end to end, in Debian's Chromium through browser mode (the real app service, the built
 * renderer, and a Modellix simulator over real HTTP), driven by roles and accessible names only:
 *  - a video asset node given three files by typing their paths (one batch row each), wired into
 *    a Seedance node;
 *  - Run all rows with one failure injected by the simulator: the rows table shows two rows
 *    succeeded and one failed with its reason;
 *  - Retry failed rows: only that row is sent again (the simulator's counters prove no row that
 *    succeeded was submitted twice), and every row ends succeeded;
 *  - saved, reloaded and reopened: the rows' statuses come back from the ledger.
 * It takes the README's screenshot batch.png: into test-results/screenshots, or into
 * docs/screenshots with UPDATE_SCREENSHOTS=1.
 */
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../electron/engine/simulator';
import { parseGraph } from '../../../shared/graph';
import { eventually as poll, openEmptyCanvas, openFromStart, REPO, rolesOf, saveGraphAs, useAppPage } from '../support/app-page';
import { screenshotDir } from '../support/screenshots';

const MEDIA = path.join(REPO, 'test/fixtures/media');
/** Three different clips (different bytes, so different requests): one batch row each. */
const CLIPS = ['video-3s-854x480.mp4', 'video-3s-854x480-moov-at-end.mp4', 'video-3s-854x480.mov'];
const KEY = 'sk-e2e-batch-key-4242';
const FAILURE = 'Simulated refusal for the batch test';
const SCREENSHOTS = screenshotDir();

let clips: string[];
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [KEY], processingMs: 300 });
});
afterAll(async () => {
  await sim?.close();
});

// Runs go to this test's simulator (its faults and counters), with a key from the environment.
const app = useAppPage(() => ({ prefix: 'sf-e2e-batch-', env: { MODELLIX_BASE_URL: sim.url, MODELLIX_API_KEY: KEY } }));

beforeAll(async () => {
  clips = await Promise.all(
    CLIPS.map(async (name, i) => {
      const to = path.join(app.dir, `clip-${i + 1}${path.extname(name)}`);
      await copyFile(path.join(MEDIA, name), to);
      return to;
    }),
  );
});

/** Batch rows take a while to settle: 20 s unless told. */
const eventually = (check: () => Promise<void> | void, timeoutMs = 20_000): Promise<void> => poll(check, timeoutMs);

const { button } = rolesOf(() => app.page);
const rowsTable = (): Locator => app.page.getByRole('table', { name: 'Batch rows' });

/** The rows table as text: [row, binds, status] per row. */
async function rows(): Promise<string[][]> {
  const lines = rowsTable().getByRole('row');
  const all = await lines.evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 3).map((cell) => cell.textContent ?? '')));
  return all;
}

describe('batches in Chromium through browser mode', () => {
  it('runs three rows, retries only the failed one, and keeps the statuses across reopening', async () => {
    await openEmptyCanvas(app);

    // A video asset with three items, typed as paths (browser mode has no file dialog).
    await button('Add Video node').click();
    const asset = app.page.getByRole('group', { name: /^Video asset / });
    await asset.getByRole('button', { name: 'Choose several…' }).click();
    await asset.getByRole('textbox', { name: 'File path' }).fill(clips.join('\n'));
    await asset.getByRole('button', { name: 'Import' }).click();
    const items = asset.getByRole('list', { name: 'Batch items' });
    await eventually(async () => expect(await items.getByRole('listitem').count()).toBe(3));
    await asset.getByRole('textbox', { name: 'Label' }).fill('Clip');
    const clip = app.page.getByRole('group', { name: 'Video asset Clip', exact: true });

    // A Seedance node, wired from the keyboard (click-to-connect on the ports), with a prompt.
    await button('Add Seedance node').click();
    const shot = app.page.getByRole('group', { name: /^Seedance node shot\d+$/ });
    await shot.getByRole('textbox', { name: 'Node name' }).fill('Restyle');
    const restyle = app.page.getByRole('group', { name: 'Seedance node Restyle', exact: true });
    await clip.getByRole('button', { name: 'Clip output' }).focus();
    await app.page.keyboard.press('Enter');
    await restyle.getByRole('button', { name: 'Input [Video 1]' }).focus();
    await app.page.keyboard.press('Enter');
    await button('Remove wire Clip to Restyle [Video 1]').waitFor();
    await restyle.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Restyle [Video 1] as a watercolour painting');

    // The rows table: one row per item, none run yet.
    await rowsTable().waitFor();
    await eventually(async () =>
      expect(await rows()).toEqual([
        ['1', 'Clip: clip-1.mp4', 'not run'],
        ['2', 'Clip: clip-2.mp4', 'not run'],
        ['3', 'Clip: clip-3.mov', 'not run'],
      ]),
    );

    // Run all rows; the simulator fails one task.
    sim.setFaults({ failTasks: { count: 1, reason: FAILURE } });
    await eventually(async () => expect(await button('Run all rows').isEnabled()).toBe(true));
    await button('Run all rows').click();
    await eventually(async () => {
      const statuses = (await rows()).map((r) => r[2]);
      expect(statuses.filter((s) => s === 'succeeded')).toHaveLength(2);
      expect(statuses.filter((s) => s?.startsWith('failed: ') && s.includes(FAILURE)), JSON.stringify(statuses)).toHaveLength(1);
    }, 60_000);
    expect(sim.stats.submits.total).toBe(3);
    expect(sim.stats.faults.failedTasks).toBe(1);
    const failedRow = (await rows()).find((r) => r[2]?.startsWith('failed'))?.[0];
    const firstBodies = { ...sim.stats.submits.byBodyHash };
    expect(Object.values(firstBodies)).toEqual([1, 1, 1]);

    // Retry failed rows: only the failed row is sent again.
    await button('Retry failed rows').click();
    await eventually(async () => expect((await rows()).map((r) => r[2])).toEqual(['succeeded', 'succeeded', 'succeeded']), 60_000);
    expect(sim.stats.submits.total).toBe(4);
    const grown = Object.keys(sim.stats.submits.byBodyHash).filter((hash) => sim.stats.submits.byBodyHash[hash] !== firstBodies[hash]);
    expect(grown).toHaveLength(1);
    // The one body sent twice is the failed row's; no row that succeeded was submitted again.
    expect(sim.stats.submits.duplicates).toEqual(grown);
    expect(failedRow).toBeDefined();
    await eventually(async () => expect(await button('Retry failed rows').isEnabled()).toBe(false));
    expect(await rowsTable().getByRole('link', { name: /^Row \d output / }).count()).toBeGreaterThanOrEqual(3);

    // The screenshot for the README: the canvas with the rows table.
    await button('Fit View').click();
    await app.page.waitForTimeout(400);
    const dismiss = app.page.getByRole('button', { name: 'Dismiss message' });
    if ((await dismiss.count()) > 0) await dismiss.click();
    await app.page.screenshot({ path: path.join(SCREENSHOTS, 'batch.png') });

    // Save, reload, reopen: the batch is in the file, its statuses come from the ledger.
    const file = path.join(app.dir, 'batch.seedance.json');
    await saveGraphAs(app.page, file);
    const saved = parseGraph(await readFile(file, 'utf8'));
    expect(saved.ok && saved.graph.batch?.id).toBeTruthy();
    expect(saved.ok && saved.graph.nodes.find((n) => n.type === 'asset')?.data).toMatchObject({ items: clips.map((c) => ({ kind: 'file', path: path.basename(c) })) });

    await app.page.reload();
    await button('New empty graph').waitFor();
    await openFromStart(app.page, file);
    await rowsTable().waitFor();
    await eventually(async () => expect((await rows()).map((r) => r[2])).toEqual(['succeeded', 'succeeded', 'succeeded']));
    // Nothing was sent by reopening.
    expect(sim.stats.submits.total).toBe(4);
    expect(app.problems).toEqual([]);
  }, 180_000);
});
