/**
 * Pipelines end to end, in Debian's Chromium through browser mode (the real app service, the
 * built renderer, simulated mode with no key), driven by roles and accessible names only:
 *  - build a pipeline: open the "Extend a clip" template and save it into the library;
 *  - use it twice in a new graph: place it from the palette twice, wire a named clip into the
 *    first and the first's output into the second (click-to-connect from the keyboard);
 *  - open one in place and come back by the breadcrumb; save the graph; run it against the
 *    built-in simulator: four tasks, two inside each pipeline node;
 *  - run the same file with `seedance-flow run --batch` against a simulator over real HTTP.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import { realDeps } from '../../../electron/cli/real-deps';
import { makeIo } from '../../../electron/cli/test-support/harness';
import { startSimulator, type SimulatorHandle } from '../../../electron/engine/simulator';
import { parseGraph } from '../../../shared/graph';
import { eventually, REPO, rolesOf, useAppPage } from '../support/app-page';
import { screenshotDir } from '../support/screenshots';

const VIDEO = path.join(REPO, 'test/fixtures/media/video-3s-854x480.mp4');
const VIDEO_NAME = 'video-3s-854x480.mp4';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ processingMs: 0 });
});
afterAll(async () => {
  await sim?.close();
});

// Simulated mode: no key, no service chosen (the CLI at the end uses this test's simulator).
const app = useAppPage({ prefix: 'sf-e2e-pipelines-', viewport: { width: 1440, height: 1000 } });
const { node, button } = rolesOf(() => app.page);

/** Answers "Unsaved changes" with Discard when it comes (loading another graph over an unsaved one). */
async function discardIfAsked(): Promise<void> {
  const unsaved = app.page.getByRole('alertdialog', { name: 'Unsaved changes' });
  if (await unsaved.waitFor({ timeout: 1500 }).then(() => true, () => false)) await unsaved.getByRole('button', { name: 'Discard' }).click();
}

/** Click-to-connect from the keyboard: Enter on an output port, then Enter on an input port. */
async function connect(from: Locator, to: Locator): Promise<void> {
  await from.focus();
  await app.page.keyboard.press('Enter');
  await to.focus();
  await app.page.keyboard.press('Enter');
}

describe('pipelines in Chromium through browser mode', () => {
  it('saves a pipeline, uses it twice, opens one in place, runs the graph, and the CLI runs the file as a batch', async () => {
    await app.page.goto(app.mode.host.url);
    await button('New empty graph').waitFor();

    // 1. Build a pipeline: the "Extend a clip" template (its clip is named "clip": the pipeline's input), saved into the library.
    await button('Templates').click();
    await app.page.getByRole('menu', { name: 'Templates' }).getByRole('menuitem', { name: 'Extend a clip' }).click();
    await discardIfAsked();
    await node('Seedance node Extension 2').waitFor();
    await button('Pipelines').click();
    const save = app.page.getByRole('form', { name: 'Save as pipeline' });
    expect(await save.getByRole('checkbox', { name: 'Extension 2 · result video' }).isChecked()).toBe(true);
    await save.getByRole('textbox', { name: 'Pipeline name' }).fill('Extend twice');
    await save.getByRole('button', { name: 'Save as pipeline' }).click();
    await app.page.getByRole('status').filter({ hasText: /Saved the pipeline "Extend a clip"/ }).waitFor();
    const saved = parseGraph(await readFile(path.join(app.dir, 'data', 'pipelines', 'Extend twice.seedance.json'), 'utf8'));
    expect(saved.ok && saved.graph.outputs).toEqual([{ name: 'Extension_2', node: 'extend2', output: 'video' }]);

    // 2. A new graph using it twice.
    await button('New').click();
    await discardIfAsked();
    await app.page.getByRole('application', { name: 'Canvas' }).waitFor();
    if (!(await button('Add pipeline Extend a clip').isVisible().catch(() => false))) await button('Pipelines').click();
    for (const name of ['Take A', 'Take B']) {
      await button('Add pipeline Extend a clip').click();
      const added = node('Pipeline Extend a clip');
      await added.waitFor();
      await added.getByRole('textbox', { name: 'Node name' }).fill(name);
      await node(`Pipeline ${name}`).waitFor();
    }
    // Each offers the pipeline's input and output as typed ports.
    await node('Pipeline Take B').getByRole('button', { name: 'Input clip' }).waitFor();

    // A clip named "clip" (a batch column binds it) into Take A; Take A's result into Take B.
    await button('Import file…').click();
    const importDialog = app.page.getByRole('dialog', { name: 'Import media file' });
    await importDialog.getByRole('textbox', { name: 'File path' }).fill(VIDEO);
    await importDialog.getByRole('button', { name: 'Import' }).click();
    const asset = node(`Video asset ${VIDEO_NAME}`);
    await asset.waitFor();
    await asset.getByRole('textbox', { name: 'Batch name' }).fill('clip');
    await node('Video asset clip').waitFor();
    await connect(app.page.getByRole('button', { name: 'clip output', exact: true }), node('Pipeline Take A').getByRole('button', { name: 'Input clip' }));
    await button('Remove wire clip to Take A input clip').waitFor();
    await connect(node('Pipeline Take A').getByRole('button', { name: 'Take A Extension_2 output' }), node('Pipeline Take B').getByRole('button', { name: 'Input clip' }));
    await button('Remove wire Take A Extension_2 to Take B input clip').waitFor();
    await eventually(async () => expect(await node('Pipeline Take B').getByRole('list', { name: 'Inputs' }).textContent()).toContain('Take A · Extension_2'));

    // 3. Open Take A in place, and back by the breadcrumb.
    await node('Pipeline Take A').getByRole('button', { name: 'Open pipeline Take A' }).click();
    const crumbs = app.page.getByRole('navigation', { name: 'Pipeline path' });
    await crumbs.waitFor();
    await node('Seedance node Extension 1').waitFor();
    await app.page.screenshot({ path: path.join(screenshotDir(), 'pipeline-open.png') });
    await crumbs.getByRole('button', { name: 'Back to the graph' }).click();
    await node('Pipeline Take A').waitFor();
    expect(await crumbs.count()).toBe(0);

    // 4. Save by typing a path; run in simulated mode: four tasks, two in each use.
    const file = path.join(app.dir, 'two-takes.seedance.json');
    await button('Save').click();
    const saveDialog = app.page.getByRole('dialog', { name: 'Save graph as' });
    await saveDialog.getByRole('textbox', { name: 'File path' }).fill(file);
    await saveDialog.getByRole('button', { name: 'Save' }).click();
    await eventually(async () => expect(parseGraph(await readFile(file, 'utf8')).ok).toBe(true));
    const run = button('Run');
    await eventually(async () => expect(await run.isEnabled()).toBe(true));
    await run.click();
    const confirm = app.page.getByRole('alertdialog', { name: 'Start this run?' });
    if (await confirm.waitFor({ timeout: 1500 }).then(() => true, () => false)) await confirm.getByRole('button', { name: /^Run / }).click();
    await eventually(async () => expect(await app.page.getByRole('status', { name: 'Messages' }).textContent()).toMatch(/^Run finished: 4 succeeded/), 90_000);
    // The run panel names inner tasks by the way in, never by ids.
    const progress = app.page.getByRole('list', { name: 'Progress' });
    await eventually(async () => expect(await progress.textContent()).toContain('Take B › Extension 2: succeeded'));
    expect(await progress.textContent()).not.toContain('/extend');
    for (const name of ['Pipeline Take A', 'Pipeline Take B']) {
      await eventually(async () => expect(await node(name).getByRole('status', { name: 'Run status' }).textContent()).toBe('2 of 2 tasks done'));
    }
    // Laid out left to right for the README's picture.
    await button('Auto-layout').click();
    await app.page.getByRole('button', { name: 'Fit View' }).click();
    await app.page.waitForTimeout(600);
    await app.page.screenshot({ path: path.join(screenshotDir(), 'pipelines.png') });
    expect(app.problems).toEqual([]);

    // 5. The same file from the command line, as a batch of two clips, against a simulator over HTTP.
    // Another clip (the same bytes would be the same fixed-seed request, paid once and reused).
    await copyFile(path.join(REPO, 'examples/media/clip.mp4'), path.join(app.dir, 'second.mp4'));
    await writeFile(path.join(app.dir, 'takes.csv'), `clip\n${VIDEO}\nsecond.mp4\n`);
    const io = makeIo({ cwd: app.dir, env: { MODELLIX_API_KEY: 'sk-e2e-pipelines-0123456789', SEEDANCE_FLOW_HOME: path.join(app.dir, 'cli-data') } });
    const code = await runCli(['run', file, '--batch', 'takes.csv', '--base-url', sim.url, '--yes', '--json'], { io, deps: realDeps(), version: 'e2e' });
    expect(code, io.stderr.text).toBe(0);
    const events = io.stdout.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; node?: string; row?: number });
    const graph = parseGraph(await readFile(file, 'utf8'));
    const idOf = (label: string) => (graph.ok ? graph.graph.nodes.find((n) => n.type === 'pipeline' && n.data.label === label)?.id : undefined) as string;
    const [a, b] = [idOf('Take A'), idOf('Take B')];
    const succeeded = events.filter((e) => e.type === 'task.succeeded').map((e) => e.node).sort();
    // Every inner task of both uses, once per row: 2 rows x 2 uses x 2 tasks.
    expect(succeeded).toEqual([`${a}/extend1`, `${a}/extend1`, `${a}/extend2`, `${a}/extend2`, `${b}/extend1`, `${b}/extend1`, `${b}/extend2`, `${b}/extend2`].sort());
    expect(sim.stats.submits.total).toBe(8);
    expect(events.at(-1)).toMatchObject({ type: 'summary', ok: true });
  }, 240_000);
});
