/**
 * The history and restarts end to end, in Debian's Chromium through browser mode (the real app
 * service, the built renderer, an external Modellix simulator over real HTTP), driven by roles and
 * accessible names:
 *  a) the host is closed while a paid task is submitted and a new host starts on the same data
 *     folder: the page (at the new host) resumes the run, it finishes, both videos are on their
 *     nodes, the History says both tasks succeeded after a restart, and the simulator saw no submit
 *     twice. Then, from the History, a node is re-run (asked first), its submit's answer is lost,
 *     and it is recovered by its task id. It saves the README's picture of the History (history.png).
 *  b) the key typed in Settings never reaches the page: no response body, server-sent event, DOM
 *     text or attribute, field value, storage entry or console message holds it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../../electron/host';
import { startSimulator, type SimulatorHandle } from '../../../electron/engine/simulator';
import { serializeGraph } from '../../../shared/graph';
import { asset, edge, file, graphOf } from '../../support/graphs';
import { builtRenderer, launchChromium, type Browser } from '../support/browser';
import { buttonIn as button, collectPageProblems, eventually as poll, nodeIn as node, openFromStart, REPO, startAppHost, startScreen } from '../support/app-page';
import { screenshotDir } from '../support/screenshots';

const VIDEO = path.join(REPO, 'test/fixtures/media/video-3s-854x480.mp4');
const KEY_A = 'sk-e2e-history-restart-5150';
const KEY_B = 'sk-e2e-never-in-the-page-7731';

let dir: string;
let rendererDir: string;
let sim: SimulatorHandle;
let browser: Browser;
const hosts: BrowserMode[] = [];

beforeAll(async () => {
  rendererDir = builtRenderer(REPO);
  dir = await mkdtemp(path.join(tmpdir(), 'sf-e2e-history-'));
  // Slow tasks, so the run is mid-way when the host goes.
  sim = await startSimulator({ apiKeys: [KEY_A, KEY_B], processingMs: 3000 });
  browser = await launchChromium({ width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  for (const host of hosts) await host.close();
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function startHost(dataDir: string): Promise<BrowserMode> {
  const mode = await startAppHost({ dataDir, rendererDir, defaultOutDir: path.join(dir, 'out') });
  hosts.push(mode);
  return mode;
}

/** Restarts and runs over HTTP take a while to settle: 15 s unless told. */
const eventually = (check: () => Promise<void> | void, timeoutMs = 15_000): Promise<void> => poll(check, timeoutMs);

/** A two-node chain on disk: the clip → "First take" → "Second take" (from the first's video). */
async function writeChain(name: string): Promise<string> {
  const graph = graphOf(
    [
      asset('clip', 'video', file(VIDEO), { label: 'Clip' }),
      { id: 'first', type: 'seedance', position: { x: 400, y: 0 }, data: { model: 'seedance-2.0-v2v', prompt: 'Restyle [Video 1] as a watercolour', settings: {}, label: 'First take' } },
      { id: 'second', type: 'seedance', position: { x: 800, y: 0 }, data: { model: 'seedance-2.0-v2v', prompt: 'Extend [Video 1] into the night', settings: {}, label: 'Second take' } },
    ],
    [edge('e1', 'clip', 'media', 'first', 'video:1'), edge('e2', 'first', 'video', 'second', 'video:1')],
    { name },
  );
  const target = path.join(dir, `${name.toLowerCase().replace(/\W+/g, '-')}.seedance.json`);
  await writeFile(target, serializeGraph(graph));
  return target;
}


/** After a page load: the start screen, or first the offer to restore unsaved work (declined). */
const toStartScreen = (page: Page): Promise<void> => startScreen(page, 1500);

async function openGraph(page: Page, graphFile: string): Promise<void> {
  await openFromStart(page, graphFile);
  await node(page, 'Seedance node Second take').waitFor();
}

/** In Settings: the simulator as the service address, then the key typed in (bound to that address). */
async function configure(page: Page, key: string): Promise<void> {
  await button(page, 'Settings…').click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const address = settings.getByRole('textbox', { name: 'Service address (base URL)' });
  await address.fill(sim.url);
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await eventually(async () => expect(await settings.getByRole('status').last().textContent()).toBe('Settings saved.'));
  await settings.getByLabel('API key', { exact: true }).fill(key);
  const plain = settings.getByRole('checkbox', { name: /plain-text file/ });
  if ((await plain.count()) > 0) await plain.check();
  await settings.getByRole('button', { name: 'Set key' }).click();
  await eventually(async () => expect(await settings.getByRole('status', { name: 'API key status' }).textContent()).toMatch(/^A key is set/));
  await settings.getByRole('button', { name: 'Close' }).last().click();
  await eventually(async () => expect(await button(page, 'Simulated').count()).toBe(0));
}

async function messages(page: Page): Promise<string> {
  return (await page.getByRole('status', { name: 'Messages' }).textContent()) ?? '';
}

/** At the host's address: runs go to the simulator with `key`, the graph file is opened and Run pressed. */
async function startRun(page: Page, host: BrowserMode, key: string, graphFile: string): Promise<void> {
  await page.goto(host.host.url);
  await toStartScreen(page);
  await configure(page, key);
  await openGraph(page, graphFile);
  await eventually(async () => expect(await button(page, 'Run').isEnabled()).toBe(true));
  await button(page, 'Run').click();
}

async function resultsOn(page: Page, name: string): Promise<void> {
  const results = node(page, `Seedance node ${name}`).getByRole('region', { name: 'Results' });
  await results.waitFor({ timeout: 20_000 });
  expect(await results.textContent()).toMatch(/Result 1 of 1/);
  const video = results.locator('video');
  await eventually(async () => expect(await video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(1), 20_000);
}

describe('history and restarts in Chromium through browser mode', () => {
  it('a host restarted mid-run: the run resumes and finishes, nothing is paid twice, and the History says so', async () => {
    const dataDir = path.join(dir, 'data-restart');
    const graphFile = await writeChain('Night drive');
    const first = await startHost(dataDir);
    const page = await browser.context.newPage();
    await startRun(page, first, KEY_A, graphFile);
    const confirm = page.getByRole('alertdialog', { name: 'Start this run?' });
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: /^Run / }).click();

    // The first task is submitted (paid) and processing: the host goes.
    await eventually(() => expect(sim.stats.submits.total).toBe(1));
    await page.waitForTimeout(300);
    await first.close();
    expect(sim.stats.submits.total).toBe(1);

    // A new host on the same data folder; the page loads from it.
    const second = await startHost(dataDir);
    const problems = collectPageProblems(page);
    await page.goto(second.host.url);
    await toStartScreen(page);
    await openGraph(page, graphFile);
    const run = page.getByRole('region', { name: 'Run' });
    await run.getByText(/1 run was left unfinished/).waitFor();
    await run.getByRole('button', { name: 'Resume unfinished runs' }).click();
    await eventually(async () => expect(await messages(page)).toMatch(/^Run finished: 2 succeeded/), 60_000);
    await resultsOn(page, 'First take');
    await resultsOn(page, 'Second take');

    // Each task was sent once: the first was polled again after the restart, never re-sent.
    expect(sim.stats.submits.duplicates).toEqual([]);
    expect(sim.stats.submits.total).toBe(2);

    // The History: both tasks succeeded, after a restart, under the names the user gave them.
    await button(page, 'History').click();
    const history = page.getByRole('dialog', { name: 'History' });
    const tasks = history.getByRole('list', { name: 'Tasks' });
    await eventually(async () =>
      expect(await tasks.getByRole('listitem').evaluateAll((items) => items.map((li) => li.getAttribute('aria-label')))).toEqual([
        'Second take in Night drive: Succeeded',
        'First take in Night drive: Succeeded',
      ]),
    );
    for (const item of await tasks.getByRole('listitem').all()) expect(await item.textContent()).toMatch(/resumed after a restart/);
    // Search and filter answer from the Node side.
    await history.getByRole('searchbox', { name: 'Search' }).fill('night');
    await history.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Failed' });
    await eventually(async () => expect(await history.getByRole('status').textContent()).toBe('No task matches.'));
    await history.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'All' });
    await eventually(async () => expect(await history.getByRole('status').textContent()).toBe('Showing 2 of 2 tasks.'));
    const second2 = tasks.getByRole('listitem', { name: 'Second take in Night drive: Succeeded' });
    await second2.getByRole('button', { name: 'Play' }).click();
    const video = second2.locator('video');
    await eventually(async () => expect(await video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(1), 20_000);
    await video.evaluate((v) => (v as HTMLVideoElement).pause());
    await second2.getByRole('button', { name: 'Hide video' }).click();

    // Re-run "First take" from the History (asked first: it pays again); its submit's answer is
    // lost, so it shows as outcome unknown; it is recovered by the task id the dashboard shows.
    sim.setFaults({ dropSubmit: { count: 1, when: 'after-create' } });
    await tasks.getByRole('listitem', { name: 'First take in Night drive: Succeeded' }).getByRole('button', { name: 'Re-run…' }).click();
    await page.getByRole('alertdialog', { name: 'Re-run "First take" and pay again?' }).getByRole('button', { name: 'Pay for 1 task' }).click();
    const lost = tasks.getByRole('listitem', { name: 'First take in Night drive: Outcome unknown' });
    await lost.waitFor({ timeout: 30_000 });
    expect(sim.stats.submits.total).toBe(3);
    const taskId = sim.stats.submits.taskIds.at(-1) as string;
    await lost.getByRole('button', { name: 'Recover by task id…' }).click();
    await lost.getByRole('textbox', { name: 'Modellix task id' }).fill(taskId);
    await page.screenshot({ path: path.join(screenshotDir(), 'history.png') });
    await lost.getByRole('button', { name: 'Recover' }).click();
    const recovered = tasks.getByRole('listitem', { name: 'First take in Night drive: Succeeded' }).filter({ hasText: taskId });
    await recovered.waitFor({ timeout: 30_000 });
    await eventually(async () => expect(await recovered.getByRole('button', { name: 'Play' }).count()).toBe(1), 20_000);
    // Recovering sent nothing: three submits in all, the re-run's on purpose.
    expect(sim.stats.submits.total).toBe(3);
    sim.setFaults({});
    await history.getByRole('button', { name: 'Close' }).click();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the key typed in Settings never reaches the page', async () => {
    const mode = await startHost(path.join(dir, 'data-key'));
    const graphFile = await writeChain('Key check');
    const page = await browser.context.newPage();
    // Every server-sent event the page receives, as the page received it.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __sfEvents: string[] }).__sfEvents = seen;
      const add = EventSource.prototype.addEventListener;
      EventSource.prototype.addEventListener = function (this: EventSource, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
        add.call(this, type, (event: Event) => seen.push(`${type} ${String((event as MessageEvent).data)}`), options);
        return add.call(this, type, listener, options);
      } as typeof EventSource.prototype.addEventListener;
    });
    const bodies: Promise<string>[] = [];
    const consoleLines: string[] = [];
    page.on('response', (response) => {
      // The event stream never ends; what it carried is read in the page (above).
      if (new URL(response.url()).pathname.startsWith('/api/events')) return;
      bodies.push(response.body().then((b) => `${response.url()}\n${b.toString('latin1')}`, () => ''));
    });
    page.on('console', (message) => consoleLines.push(message.text()));

    await startRun(page, mode, KEY_B, graphFile);
    await eventually(async () => expect(await messages(page)).toMatch(/^Run finished: 2 succeeded/), 60_000);
    await resultsOn(page, 'Second take');
    await button(page, 'History').click();
    await page.getByRole('dialog', { name: 'History' }).getByRole('listitem').first().waitFor();

    const seen = await page.evaluate(() => {
      const storage = (s: Storage) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`);
      const fields = Array.from(document.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value);
      return {
        dom: document.documentElement.outerHTML,
        text: document.body.innerText,
        fields,
        storage: [...storage(localStorage), ...storage(sessionStorage)],
        events: (window as unknown as { __sfEvents: string[] }).__sfEvents,
      };
    });
    const responses = await Promise.all(bodies);
    // The checks can see: the run's answers and events did reach the page.
    expect(responses.some((r) => r.includes('/api/call/history.list') && r.includes('Second take'))).toBe(true);
    expect(seen.events.some((e) => e.startsWith('run.event') && e.includes('"run.done"'))).toBe(true);
    expect(seen.events.some((e) => e.startsWith('key.changed'))).toBe(true);
    expect(sim.stats.keyChecks + sim.stats.submits.total).toBeGreaterThan(0);

    const leaks = {
      responses: responses.filter((r) => r.includes(KEY_B)).map((r) => r.split('\n')[0]),
      events: seen.events.filter((e) => e.includes(KEY_B)),
      dom: seen.dom.includes(KEY_B),
      text: seen.text.includes(KEY_B),
      fields: seen.fields.filter((v) => v.includes(KEY_B)),
      storage: seen.storage.filter((v) => v.includes(KEY_B)),
      console: consoleLines.filter((l) => l.includes(KEY_B)),
    };
    expect(leaks).toEqual({ responses: [], events: [], dom: false, text: false, fields: [], storage: [], console: [] });
    await page.close();
  });
});
