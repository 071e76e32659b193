/**
 * `npm run bench -- --profile <dir>`: where the canvas's time goes, for whoever makes it faster.
 * Opens the bench graph in the app (built unminified, so functions keep their names) and in the
 * bare page, records a Chromium trace and a V8 CPU profile of opening it and of each interaction,
 * writes them to <dir> (open the .json traces in Chrome DevTools' Performance panel, the
 * .cpuprofile files in its JavaScript profiler), and prints the time by category and the hottest
 * functions. The profilers slow the page: these are proportions, not the benchmark's figures.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serializeGraph } from '../../../shared/graph';
import { BENCH_WINDOW, benchGraph } from '../graph';
import { fmt } from '../stats';
import { textTable } from '../table';
import type { Table } from '../types';
import { launchBenchChromium } from './index';
import { prepareDrag, preparePan, prepareTyping, prepareZoom } from './interactions';
import { buildPage, openInApp, openInBare, startApp, startBare, type Served } from './pages';
import { waitRendered } from './probe';
import { breakdown, GROUPS, hottestFunctions, type CpuProfile, type TraceEvent } from './trace';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'toplevel'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function recorded(browser: Browser, page: Page, run: () => Promise<unknown>): Promise<{ trace: Buffer; profile: CpuProfile; seconds: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await browser.startTracing(page, { categories: CATEGORIES });
  await cdp.send('Profiler.start');
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  const trace = await browser.stopTracing();
  await cdp.detach();
  return { trace, profile, seconds };
}

export async function profileCanvas(repo: string, outDir: string, nodes: number, log: (line: string) => void): Promise<Table[]> {
  await mkdir(outDir, { recursive: true });
  const work = await mkdtemp(path.join(tmpdir(), 'sf-bench-profile-'));
  const graph = benchGraph(nodes);
  const graphFile = path.join(work, `bench-${nodes}.seedance.json`);
  await writeFile(graphFile, serializeGraph(graph));
  const rows: string[][] = [];
  const hot: Table[] = [];
  let bare: Served | undefined;
  let browser: Browser | undefined;
  try {
    log('profile: building the renderer unminified');
    const rendererDir = path.join(work, 'renderer');
    await buildPage(path.join(repo, 'renderer'), rendererDir, false);
    const served = await startBare(repo, work, [graph]);
    bare = served;
    browser = await launchBenchChromium();
    const context = await browser.newContext({ viewport: BENCH_WINDOW, deviceScaleFactor: 1 });
    await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    let pane = { width: BENCH_WINDOW.width, height: BENCH_WINDOW.height };
    for (const kind of ['app', 'bare'] as const) {
      const page = await context.newPage();
      const app = kind === 'app' ? await startApp(rendererDir) : undefined;
      try {
        // Each step is made ready (points found, prompt focused) before the recording starts.
        const steps: [string, () => Promise<() => Promise<unknown>>][] = [
          [
            'open',
            async () => async () => {
              if (app) await openInApp(page, app.url, graphFile);
              else await openInBare(page, served.url, nodes, pane);
              await page.evaluate(waitRendered, { nodes, edges: graph.edges.length, timeoutMs: 300_000 });
            },
          ],
          ['drag', () => prepareDrag(page, 3000)],
          ['pan', () => preparePan(page, 3000)],
          ['zoom', () => prepareZoom(page, 3000)],
          ...(kind === 'app' ? ([['type', () => prepareTyping(page, 10)]] as [string, () => Promise<() => Promise<unknown>>][]) : []),
        ];
        for (const [what, prepare] of steps) {
          log(`profile: ${kind}, ${nodes} nodes, ${what}`);
          const run = await prepare();
          const { trace, profile, seconds } = await recorded(browser, page, run);
          const base = path.join(outDir, `${kind}-${nodes}-${what}`);
          await writeFile(`${base}.trace.json`, trace);
          await writeFile(`${base}.cpuprofile`, JSON.stringify(profile));
          const ms = breakdown((JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents);
          rows.push([`${kind} ${what}`, fmt(seconds), ...GROUPS.map((g) => fmt(ms[g]))]);
          if (kind === 'app') {
            hot.push({ title: `app ${what}: hottest functions (self time, ms)`, head: ['function', 'ms'], rows: hottestFunctions(profile, 12).map((f) => [f.fn, fmt(f.ms)]) });
          }
          if (what === 'open') {
            await sleep(1000);
            if (app) {
              const box = await page.locator('.react-flow').boundingBox();
              if (box) pane = { width: box.width, height: box.height };
            }
          }
        }
      } finally {
        await page.close();
        await app?.close();
      }
    }
  } finally {
    await browser?.close();
    await bare?.close();
    await rm(work, { recursive: true, force: true });
  }
  const tables: Table[] = [
    { title: `Where the time goes at ${nodes} nodes (ms of renderer main thread self time; raster on its workers)`, head: ['step', 'wall s', ...GROUPS], rows },
    ...hot,
  ];
  for (const table of tables) log(`\n${textTable(table)}`);
  log(`\nTraces and CPU profiles: ${outDir}`);
  return tables;
}
