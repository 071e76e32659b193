/**
 * The two pages the canvas benchmark compares, and how each opens a graph:
 *  - the app: browser mode over the real app service and the built renderer, a fresh data folder
 *    each time (no recovery offer from the last round's typing); the graph opened the way a user
 *    does it, Open… then its path;
 *  - the bare page (bench/bare), built with Vite into a temp folder and served from there; its
 *    Open button fetches the same graph.
 */
import { mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { startBrowserMode } from '../../../electron/host';
import { createStaticFiles } from '../../../electron/host/static-files';
import { createAppService } from '../../../electron/service/service';
import { serializeGraph, type GraphDocument } from '../../../shared/graph';
import { clickAndMark } from './probe';

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Browser mode on a fresh data folder. */
export async function startApp(rendererDir: string): Promise<Served> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sf-bench-app-'));
  const mode = await startBrowserMode({
    dataDir: path.join(dir, 'data'),
    env: {},
    version: 'bench',
    rendererDir,
    defaultOutDir: path.join(dir, 'out'),
    createService: createAppService,
  });
  return {
    url: mode.host.url,
    async close() {
      await mode.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Builds the React page under `root` into `outDir` with Vite (no config file), quietly. */
export async function buildPage(root: string, outDir: string, minify: boolean): Promise<void> {
  await build({
    root,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, minify, reportCompressedSize: false },
  });
}

/** The bare page built into `dir`, with the graphs under `graphs/<nodes>.json`, on 127.0.0.1. */
export async function startBare(repo: string, dir: string, graphs: readonly GraphDocument[]): Promise<Served> {
  const outDir = path.join(dir, 'bare');
  await buildPage(path.join(repo, 'bench/bare'), outDir, true);
  await mkdir(path.join(outDir, 'graphs'));
  for (const graph of graphs) await writeFile(path.join(outDir, 'graphs', `${graph.nodes.length}.json`), serializeGraph(graph));
  const files = await createStaticFiles(outDir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void files.serve({ pathname: url.pathname, head: req.method === 'HEAD', headers: req.headers }, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      files.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Start screen, Open…, the path typed in; the mark is set as Open is clicked. */
export async function openInApp(page: Page, url: string, graphFile: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('main', { name: 'Start' }).getByRole('button', { name: 'Open…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open graph' });
  await dialog.getByRole('textbox', { name: 'File path' }).fill(graphFile);
  const open = await dialog.getByRole('button', { name: 'Open', exact: true }).elementHandle();
  if (!open) throw new Error('the Open button is missing');
  await page.evaluate(clickAndMark, open);
}

export async function openInBare(page: Page, url: string, nodes: number, pane: { width: number; height: number }): Promise<void> {
  await page.goto(`${url}?n=${nodes}&w=${Math.round(pane.width)}&h=${Math.round(pane.height)}`);
  const open = await page.getByRole('button', { name: 'Open', exact: true }).elementHandle();
  if (!open) throw new Error('the Open button is missing');
  await page.evaluate(clickAndMark, open);
}
