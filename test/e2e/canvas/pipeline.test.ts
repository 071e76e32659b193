/**
 * The canvas end to end, in Debian's Chromium through browser mode (the real app service and the
 * built renderer), driven by roles and accessible names only:
 *  - from an empty canvas, import a video by typing its path, add a Seedance node, wire it by
 *    dragging from port to port, and type a prompt that shows a [Video 1] chip;
 *  - chain a second Seedance node from the first one's result video (wired from the keyboard: the
 *    ports' click-to-connect, and the Connections dialog);
 *  - remove a wire and see the prompt renumber; undo and redo;
 *  - save by typing a path, reload the page, open the file, and find the same graph.
 * It also takes the README's screenshots (canvas.png, prompt-editor.png): into test-results/screenshots,
 * or into docs/screenshots with `npm run screenshots`.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseGraph } from '../../../shared/graph';
import { eventually, openEmptyCanvas, openFromStart, REPO, rolesOf, saveGraphAs, startScreen, useAppPage } from '../support/app-page';
import { screenshotDir } from '../support/screenshots';

const VIDEO = path.join(REPO, 'test/fixtures/media/video-3s-854x480.mp4');
const VIDEO_NAME = 'video-3s-854x480.mp4';
const SCREENSHOTS = screenshotDir();

const app = useAppPage({ prefix: 'sf-e2e-canvas-' });

const { node, prompt, button } = rolesOf(() => app.page);

async function promptIs(nodeName: string, text: string): Promise<void> {
  await eventually(async () => expect(await prompt(nodeName).inputValue()).toBe(text));
}

/** What the page shows of the graph, read by role and name: nodes, wires, prompts. */
async function visibleGraph() {
  const canvas = app.page.getByRole('application', { name: 'Canvas' });
  const nodes = (await canvas.getByRole('group').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))).filter((n) => /^(Video asset|Seedance node) /.test(n) && !n.includes(' on the canvas')).sort();
  const wires = (await app.page.getByRole('button', { name: /^Remove wire / }).evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))).sort();
  const prompts: Record<string, string> = {};
  for (const name of nodes.filter((n) => n.startsWith('Seedance node '))) prompts[name] = await prompt(name).inputValue();
  return { nodes, wires, prompts };
}

async function dismissMessage(): Promise<void> {
  const dismiss = app.page.getByRole('button', { name: 'Dismiss message' });
  if ((await dismiss.count()) > 0) await dismiss.click();
}

/** Where a port is once the view has stopped moving (a new node is brought into view with an animated pan). */
async function restingBox(port: Locator) {
  let last = await port.boundingBox();
  for (let i = 0; i < 20; i++) {
    await app.page.waitForTimeout(100);
    const now = await port.boundingBox();
    if (now && last && now.x === last.x && now.y === last.y) return now;
    last = now;
  }
  return last;
}

/** After a reload: the start screen, the last test's unsaved work not restored. */
const startFresh = (): Promise<void> => startScreen(app.page);

/** Drags a wire with the mouse from one port to another, as a user does. */
async function dragWire(from: Locator, to: Locator): Promise<void> {
  const a = await restingBox(from);
  const b = await restingBox(to);
  if (!a || !b) throw new Error('a port is not on screen');
  await app.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await app.page.mouse.down();
  await app.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await app.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await app.page.mouse.up();
}

describe('the canvas in Chromium through browser mode', () => {
  it('builds, rewires, undoes, saves and reopens a two-step pipeline', async () => {
    // An empty canvas from the start screen.
    await openEmptyCanvas(app);

    // Import a video by typing its path (browser mode has no file dialog).
    await button('Import file…').click();
    const importDialog = app.page.getByRole('dialog', { name: 'Import media file' });
    await importDialog.getByRole('textbox', { name: 'File path' }).fill(VIDEO);
    await importDialog.getByRole('button', { name: 'Import' }).click();
    await node(`Video asset ${VIDEO_NAME}`).waitFor();
    await eventually(async () => expect(await node(`Video asset ${VIDEO_NAME}`).getByRole('list', { name: 'Media facts' }).textContent()).toMatch(/854\s*×\s*480|854x480/));

    // Two Seedance nodes, named as a user would, laid out left to right.
    for (const name of ['Restyle', 'Extend']) {
      const before = await app.page.getByRole('group', { name: /^Seedance node \S+$/ }).count();
      await button('Add Seedance node').click();
      const added = app.page.getByRole('group', { name: /^Seedance node shot\d+$/ });
      await eventually(async () => expect(await app.page.getByRole('group', { name: /^Seedance node \S+$/ }).count()).toBe(before + 1));
      await added.getByRole('textbox', { name: 'Node name' }).fill(name);
      await node(`Seedance node ${name}`).waitFor();
    }

    // Wire the video into shot1 by dragging from port to port.
    await dragWire(app.page.getByRole('button', { name: `${VIDEO_NAME} output` }), node('Seedance node Restyle').getByRole('button', { name: 'Input [Video 1]' }));
    await button(`Remove wire ${VIDEO_NAME} to Restyle [Video 1]`).waitFor();

    // A prompt that names it: the token shows as a chip naming the input.
    await prompt('Seedance node Restyle').pressSequentially('Restyle [Video 1] as a watercolour painting', { delay: 5 });
    await eventually(async () =>
      expect(await node('Seedance node Restyle').getByRole('list', { name: 'Placeholders' }).getByRole('button').allTextContents()).toEqual([`[Video 1] ${VIDEO_NAME}`]),
    );

    // Chain shot2: the same clip by keyboard on the ports (click-to-connect), then shot1's result
    // video through the Connections dialog.
    await app.page.getByRole('button', { name: `${VIDEO_NAME} output` }).focus();
    await app.page.keyboard.press('Enter');
    await node('Seedance node Extend').getByRole('button', { name: 'Input [Video 1]' }).focus();
    await app.page.keyboard.press('Enter');
    await button(`Remove wire ${VIDEO_NAME} to Extend [Video 1]`).waitFor();

    await button('Connections…').click();
    const connections = app.page.getByRole('dialog', { name: 'Connections' });
    await connections.getByRole('combobox', { name: 'From' }).selectOption({ label: 'Seedance node Restyle: result video' });
    await connections.getByRole('combobox', { name: 'To' }).selectOption({ label: 'Seedance node Extend: [Video 2]' });
    await connections.getByRole('button', { name: 'Connect' }).click();
    await connections.getByRole('list', { name: 'Wires' }).getByText('Restyle result video to Extend [Video 2]').waitFor();
    await connections.getByRole('button', { name: 'Close' }).click();

    // Lay the chain out left to right now that it is wired.
    await button('Auto-layout').click();

    // The second prompt, with the `[` suggestions open for the screenshot. Choosing Extend's
    // problem (its prompt is still empty) brings the whole node into view (a taller window, so at 100 %).
    await app.page.setViewportSize({ width: 1440, height: 1200 });
    await app.page.getByRole('list', { name: 'Problems in the graph' }).getByRole('button', { name: /"Extend"/ }).first().click();
    await app.page.waitForTimeout(500);
    await dismissMessage();
    const second = prompt('Seedance node Extend');
    await second.pressSequentially('Cut from [Video 1] to ', { delay: 5 });
    await second.press('[');
    const suggestions = app.page.getByRole('listbox', { name: 'Wired inputs' });
    await suggestions.waitFor();
    expect(await suggestions.getByRole('option').allTextContents()).toEqual([`[Video 1] ${VIDEO_NAME}`, '[Video 2] Restyle · result video']);
    await mkdir(SCREENSHOTS, { recursive: true });
    const box = await node('Seedance node Extend').boundingBox();
    if (!box) throw new Error('the Extend node is not on screen');
    const clip = { x: Math.max(0, box.x - 24), y: Math.max(0, box.y - 24) };
    await app.page.screenshot({
      path: path.join(SCREENSHOTS, 'prompt-editor.png'),
      clip: { ...clip, width: Math.min(1440 - clip.x, box.width + 48), height: Math.min(1200 - clip.y, box.height + 48) },
    });
    await app.page.setViewportSize({ width: 1440, height: 900 });
    await second.pressSequentially('Video 2] as one continuous shot', { delay: 5 });
    await promptIs('Seedance node Extend', 'Cut from [Video 1] to [Video 2] as one continuous shot');

    // Remove Extend's first wire (from the keyboard: the wire's button may sit under a node): the
    // prompt's tokens follow the slots.
    await button(`Remove wire ${VIDEO_NAME} to Extend [Video 1]`).press('Enter');
    await promptIs('Seedance node Extend', 'Cut from [Video ?] to [Video 1] as one continuous shot');
    await button('Remove wire Restyle result video to Extend [Video 1]').waitFor();

    // Undo and redo, from the toolbar and from the keyboard.
    await button('Undo').click();
    await promptIs('Seedance node Extend', 'Cut from [Video 1] to [Video 2] as one continuous shot');
    await button(`Remove wire ${VIDEO_NAME} to Extend [Video 1]`).waitFor();
    await button('Redo').click();
    await promptIs('Seedance node Extend', 'Cut from [Video ?] to [Video 1] as one continuous shot');
    await app.page.getByRole('application', { name: 'Canvas' }).getByRole('group', { name: 'Wire Restyle result video to Extend [Video 1]' }).focus();
    await app.page.keyboard.press('Control+z');
    await promptIs('Seedance node Extend', 'Cut from [Video 1] to [Video 2] as one continuous shot');
    await app.page.keyboard.press('Control+Shift+z');
    await promptIs('Seedance node Extend', 'Cut from [Video ?] to [Video 1] as one continuous shot');

    // A prompt with no orphan token: the graph is valid, Run is enabled.
    await second.fill('Extend [Video 1] into a longer take, slowly pushing in');
    await eventually(async () => expect(await button('Run').isEnabled()).toBe(true));

    // Save by typing a path.
    const file = path.join(app.dir, 'pipeline.seedance.json');
    await saveGraphAs(app.page, file);
    const before = await visibleGraph();
    expect(before).toEqual({
      nodes: ['Seedance node Extend', 'Seedance node Restyle', `Video asset ${VIDEO_NAME}`],
      wires: ['Remove wire Restyle result video to Extend [Video 1]', `Remove wire ${VIDEO_NAME} to Restyle [Video 1]`],
      prompts: {
        'Seedance node Extend': 'Extend [Video 1] into a longer take, slowly pushing in',
        'Seedance node Restyle': 'Restyle [Video 1] as a watercolour painting',
      },
    });
    const saved = parseGraph(await readFile(file, 'utf8'));
    expect(saved.ok).toBe(true);
    if (saved.ok) {
      expect(saved.graph.edges.map((e) => `${e.source}.${e.sourceHandle} -> ${e.target}.${e.targetHandle}`).sort()).toEqual([
        'asset1.media -> shot2.video:1',
        'shot2.video -> shot3.video:1',
      ]);
    }

    // Reload: the start screen, no unsaved work to restore; open the file and find the same graph.
    await app.page.reload();
    await button('New empty graph').waitFor();
    expect(await app.page.getByRole('alertdialog').count()).toBe(0);
    await openFromStart(app.page, file);
    await node('Seedance node Extend').waitFor();
    await eventually(async () => expect(await visibleGraph()).toEqual(before));
    expect(await app.page.title()).toBe('pipeline.seedance.json — Seedance Flow');

    // Dragging a node is one undo step; Shift+click selects several nodes; Duplicate copies them.
    await app.page.getByRole('button', { name: 'Fit View' }).click();
    await app.page.waitForTimeout(300);
    const clipNode = node(`Video asset ${VIDEO_NAME}`);
    const start = await clipNode.boundingBox();
    if (!start) throw new Error('the video node is not on screen');
    await app.page.mouse.move(start.x + 12, start.y + 10);
    await app.page.mouse.down();
    await app.page.mouse.move(start.x + 12, start.y + 90, { steps: 6 });
    await app.page.mouse.move(start.x + 12, start.y + 170, { steps: 6 });
    await app.page.mouse.up();
    await eventually(async () => expect((await clipNode.boundingBox())?.y ?? 0).toBeGreaterThan(start.y + 80));
    await eventually(async () => expect(await app.page.title()).toBe('● pipeline.seedance.json — Seedance Flow'));
    await button('Undo').click();
    await eventually(async () => expect(Math.abs(((await clipNode.boundingBox())?.y ?? 0) - start.y)).toBeLessThan(2));
    await eventually(async () => expect(await app.page.title()).toBe('pipeline.seedance.json — Seedance Flow'));

    const restyle = await node('Seedance node Restyle').boundingBox();
    if (!restyle) throw new Error('the Restyle node is not on screen');
    await app.page.mouse.click(start.x + 12, start.y + 10);
    await app.page.keyboard.down('Shift');
    await app.page.mouse.click(restyle.x + 12, restyle.y + 10);
    await app.page.keyboard.up('Shift');
    await button('Duplicate').click();
    const named = app.page.getByRole('group', { name: /^(Video asset|Seedance node) [^,]+$/ });
    await eventually(async () => expect((await named.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).filter((n) => !n?.includes(' on the canvas'))).toHaveLength(5));
    // The copies keep their names and the wire between them.
    await eventually(async () => expect(await button(`Remove wire ${VIDEO_NAME} to Restyle [Video 1]`).count()).toBe(2));
    await button('Undo').click();
    await eventually(async () => expect(await visibleGraph()).toEqual(before));

    // The README's picture of the canvas.
    await app.page.keyboard.press('Escape');
    await app.page.getByRole('button', { name: 'Fit View' }).click();
    await dismissMessage();
    await app.page.waitForTimeout(400);
    await app.page.screenshot({ path: path.join(SCREENSHOTS, 'canvas.png') });

    expect(app.problems).toEqual([]);
  });
  it('puts new nodes in view and clear of the palette, shows a disabled Run as disabled and a 10-digit seed whole', async () => {
    await app.page.setViewportSize({ width: 1440, height: 900 });
    await app.page.goto(app.mode.host.url);
    await startFresh();
    await button('New empty graph').click();
    const canvas = app.page.getByRole('application', { name: 'Canvas' });
    await canvas.waitFor();
    const palette = await app.page.locator('.sf-palette').boundingBox();
    const pane = await canvas.boundingBox();
    if (!palette || !pane) throw new Error('no palette or canvas on screen');
    const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

    // Six Seedance nodes, one after another: each lands with its head (name, first inputs) on the
    // canvas, none under the palette.
    for (let i = 1; i <= 6; i++) {
      await button('Add Seedance node').click();
      const added = app.page.getByRole('group', { name: /^Seedance node shot\d+$/ }).nth(i - 1);
      await added.waitFor();
      await app.page.waitForTimeout(350);
      const box = await added.boundingBox();
      if (!box) throw new Error(`Seedance node ${i} is not on screen`);
      const head = { ...box, width: Math.min(box.width, 300), height: Math.min(box.height, 200) };
      expect(head.x >= pane.x && head.y >= pane.y && head.x + head.width <= pane.x + pane.width + 1 && head.y + head.height <= pane.y + pane.height + 1, `node ${i} at ${JSON.stringify(box)} in ${JSON.stringify(pane)}`).toBe(true);
      expect(overlaps(box, palette), `node ${i} under the palette`).toBe(false);
    }

    // Run is disabled (the video-to-video nodes have no video) and does not wear the accent colour.
    const run = button('Run');
    expect(await run.isDisabled()).toBe(true);
    const colours = await run.evaluate((el) => {
      const probe = document.createElement('div');
      probe.style.background = 'var(--sf-accent)';
      document.body.append(probe);
      const accent = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return { run: getComputedStyle(el).backgroundColor, accent };
    });
    expect(colours.run).not.toBe(colours.accent);

    // The seed field shows all ten digits of the largest seed.
    const last = app.page.getByRole('group', { name: /^Seedance node shot\d+$/ }).last();
    await last.getByRole('button', { name: /^Settings/ }).click();
    const seed = last.getByRole('spinbutton', { name: /^Seed/ });
    await seed.fill('2147483647');
    const fits = await seed.evaluate((el) => {
      const input = el as HTMLInputElement;
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d');
      if (!context) return false;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16; // the spin buttons
      return context.measureText(input.value).width <= room;
    });
    expect(fits).toBe(true);

    // Fit View keeps every node clear of the palette.
    await app.page.getByRole('button', { name: 'Fit View' }).click();
    await app.page.waitForTimeout(400);
    for (const box of await app.page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }))) {
      expect(overlaps(box, palette)).toBe(false);
    }
    expect(app.problems).toEqual([]);
  });
  it('runs a two-step template in simulated mode on a fresh data folder with no key: both results play on their nodes', async () => {
    await app.page.setViewportSize({ width: 1440, height: 900 });
    await app.page.goto(app.mode.host.url);
    await startFresh();
    await button('Templates').click();
    await app.page.getByRole('menu', { name: 'Templates' }).getByRole('menuitem', { name: 'Extend a clip' }).click();
    const unsaved = app.page.getByRole('alertdialog', { name: 'Unsaved changes' });
    if (await unsaved.isVisible().catch(() => false)) await unsaved.getByRole('button', { name: 'Discard' }).click();
    await node('Seedance node Extension 2').waitFor();
    // No key was ever set: the toolbar says runs are simulated.
    await button('Simulated').waitFor();
    const run = button('Run');
    await eventually(async () => expect(await run.isEnabled()).toBe(true));
    await app.page.getByRole('button', { name: 'Fit View' }).click();
    await run.click();
    const confirm = app.page.getByRole('alertdialog', { name: 'Start this run?' });
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: /^Run / }).click();
    // While the service works, the node says so and counts the time: the README's running.png.
    const status = node('Seedance node Extension 1').getByRole('status', { name: 'Run status' });
    await eventually(async () => expect(await status.textContent()).toMatch(/^(Submitted|Running)/), 30_000);
    await app.page.screenshot({ path: path.join(SCREENSHOTS, 'running.png') });
    await eventually(async () => expect(await app.page.getByRole('status', { name: 'Messages' }).textContent()).toMatch(/^Run finished: 2 succeeded/), 90_000);
    for (const name of ['Seedance node Extension 1', 'Seedance node Extension 2']) {
      const results = node(name).getByRole('region', { name: 'Results' });
      await results.waitFor();
      expect(await results.textContent()).toMatch(/Result 1 of 1.*simulated, nothing paid/);
      // The video is served and plays: its metadata loads.
      const video = results.locator('video');
      await eventually(async () => expect(await video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(1), 20_000);
      // And it plays: muted (as autoplay rules allow), its clock moves.
      await video.evaluate((v) => {
        const el = v as HTMLVideoElement;
        el.muted = true;
        return el.play();
      });
      await eventually(async () => expect(await video.evaluate((v) => (v as HTMLVideoElement).currentTime)).toBeGreaterThan(0.2), 20_000);
      await video.evaluate((v) => (v as HTMLVideoElement).pause());
    }
    await app.page.getByRole('button', { name: 'Fit View' }).click();
    await app.page.waitForTimeout(400);
    await app.page.screenshot({ path: path.join(SCREENSHOTS, 'finished.png') });

    // Tweak the second step and run only it: the first keeps its result (nothing changed upstream).
    const secondPrompt = prompt('Seedance node Extension 2');
    await secondPrompt.click();
    await app.page.keyboard.press('End');
    await app.page.keyboard.type(' Slow motion.');
    await button('Run Extension 2').click();
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: /^Run / }).click();
    await eventually(async () => expect(await app.page.getByRole('status', { name: 'Messages' }).textContent()).toMatch(/^Run finished: 1 succeeded, 1 reused/), 90_000);
    const second = node('Seedance node Extension 2').getByRole('region', { name: 'Results' });
    await eventually(async () => expect(await second.textContent()).toMatch(/Result 1 of 2/));
    expect(app.problems).toEqual([]);
  }, 200_000);
});
